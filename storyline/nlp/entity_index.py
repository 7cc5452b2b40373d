"""Entities across articles: decide whether a document's entity is one the store already knows.

Why: each article is clustered on its own (``storyline.nlp.entities``), so a later article that only
says "Trump" yields a document entity "Trump" with its own id. Readers and story linking need it to
be the "Donald Trump" of earlier articles. This module is pure — no database — so the store can keep
persistence and transactions, and the decision can be tested on plain lists.

API (the store calls it once per article, in ingest order)::

    index = EntityIndex(known_entities)          # Entity records as stored (or merge_entities(...))
    result = index.merge(doc.extras["entities"]) # the article's document-level entities
    result.ids        # {document entity id: canonical id}, for every input entity
    result.entities   # canonical Entity records created or changed by this merge (upsert these)
    result.created    # ids among them that are new
    doc.mentions = result.relink(doc.mentions)   # mentions now carry canonical ids

    merge_entities(existing, new) -> MergeResult  # the same in one call
    entity_record(entity) -> dict                 # the export form (EVAL.md keys + "relation")

For a large store there is no need to load every entity: keep ``entity_keys(e)`` of each stored
entity in an indexed table (key → entity id), and per article build the index from only those
entities whose keys meet ``candidate_keys(e)`` of the article's entities; the decisions are the same
(tested). Keys are strings such as ``"PER|kim jong un"`` or ``"PER|edge:trump"``.

A document entity is the same as a known one, in this order:

1. Same id: same label and folded canonical name ("Kim Jong-un" = "Kim Jong Un"; gazetteer entities
   such as "USA" always have the same id), or an entity first stored under this short name.
2. Same label and a shared name or alias ("Präsident Trump" known as an alias of Donald Trump).
3. Persons only (``short_names=True``): its name begins or ends exactly one known full name ("Trump" →
   Donald Trump, "Kim"/"Kims" → Kim Jong Un while he is the only Kim), or the other way round, a known
   name ends or begins the new full one (a known "Trump" meets "Donald Trump", "Moon" meets "Moon Jae
   In"; a known first name alone, "Andrew", does not take "Andrew Huang"). With two candidates it
   stays apart: a wrong merge is worse than a missed one, and the next article with a full name will
   decide. A surname the news use for one person (``name_priors``: "Merz" → Friedrich Merz) is not
   taken by a namesake ("Martin Merz"), nor by a tagger's span that begins with it ("Merz
   Verständnis"). A person named in bylines only (``bylines.AUTHOR``: "… Von Peter Wagner") takes
   no bare surname: the news do not name their authors so. ``decide`` gives the reason with the
   answer; ``merge`` logs the decisions that change an identity (``MergeResult.log``).

Ids are stable: the canonical id is the id of whichever document entity came first, and every step is
deterministic, so the same articles in the same order give the same ids, and merging an article again
finds every entity by id (no duplicates). Counts add up on every call; when re-ingesting an article
the store should pass ``count_mentions=False`` (or recount from its mention table). A merged entity
takes the better name (more words, fully capitalised: "Donald Trump" over "Trump") and collects the
other names as aliases.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ..model import Entity, EntityLabel, Mention
from .bylines import AUTHOR
from .common_words import is_common_word
from .entity_names import (
    GENERATIONS,
    adjective_key,
    entity_id,
    fold,
    genitive_stem,
    is_title,
    name_quality,
    nominative_adjectives,
    plain_form,
    strip_determiners,
    strip_titles,
)
from .gazetteer import lookup as gazetteer_lookup
from .name_priors import bearer, is_first_name, is_namesake, is_s_surname

#: Words of sports reporting: in such an article a city's name alone is its club ("Schmadtke kehrt
#: nach Hannover zurück" is Hannover 96), elsewhere the city ("Drohnen über Hannover"). A player and a
#: pro end their word: "Einspielergebnis" (a film's box office) and "Profit" are no sport.
_SPORTS = re.compile(
    r"\b(?:\w*trainer\w*|coach\w*|\w*liga\w*|\w*ligist\w*|fußball\w*|handball\w*|eishockey\w*|transfer\w*"
    r"|stürmer\w*|torwart\w*|\w*keeper|verteidiger\w*|mittelfeld\w*|\w*spieler(?:in|innen|s)?|\w*profis?|kader\w*"
    r"|klub\w*|sportdirektor\w*|sportvorstand\w*|spieltag\w*|pokal\w*|tabelle\w*|testspiel\w*"
    r"|trainingslager\w*|torschütze\w*|derby\w*|ablöse\w*|leih\w*|verleih\w*|rückrunde\w*|hinrunde\w*"
    r"|zugang|neuzugang|abgang|wechsel\w*)\b",
    re.IGNORECASE,
)
#: the words ``_SPORTS`` is built from, case-folded, without its word-boundary parts: every match of
#: ``_SPORTS`` contains one of them, so a text without any needs no (slow, backtracking) search for it
_SPORTS_WORDS = tuple(
    w.casefold()
    for w in (
        "trainer", "coach", "liga", "ligist", "fußball", "handball", "eishockey", "transfer", "stürmer", "torwart",
        "keeper", "verteidiger", "mittelfeld", "spieler", "profi", "kader", "klub", "sportdirektor", "sportvorstand",
        "spieltag", "pokal", "tabelle", "testspiel", "trainingslager", "torschütze", "derby", "ablöse", "leih",
        "rückrunde", "hinrunde", "zugang", "abgang", "wechsel",
    )
)
#: ``Entity.relation`` of a bare name kept apart because several known people carry it: readers see
#: that "Hummels" is not known to be Mats or Jonas, rather than a wrong guess
AMBIGUOUS = "ambiguous"
DOMINANT_MIN = 5  # mentions a full name needs before a bare surname shared with others goes to it
DOMINANT_RATIO = 3.0  # ... and how many times more than all the others together
#: the same for a short form two full names share ("Kuntz" of Stefan and of Katrin Kuntz): whom the
#: stream names at least this often, and this many times as often as the other
NAMESAKE_MIN = 4
NAMESAKE_RATIO = 2.0
SPORTS_SURNAME_RIVAL = 3  # at most this many mentions as a place or organisation: the tagger's slip, not a name
KNOWN_NAME_MIN = 3  # mentions a person needs before a bare surname the tagger missed is taken for them
#: ... and a person the stream knows by that one name only ("Strack-Zimmermann", "Polzin"): the tagger
#: named them so this often, and the word is no ordinary word (``_known_alone``)
KNOWN_ALONE_MIN = 5


@dataclass(slots=True)
class MergeResult:
    """What one merge decided; see the module docstring."""

    ids: dict[str, str] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    labels: dict[str, EntityLabel] = field(default_factory=dict)  # document entity id -> label it now has
    #: identity changes, with the reason that decided (``link_log`` rows: action, subject, object, reason):
    #: a new name joining a known entity ("entity-join"), a name kept apart from known ones ("entity-new")
    log: list[dict[str, str]] = field(default_factory=list)

    def relink(self, mentions: Iterable[Mention]) -> list[Mention]:
        """The mentions with document entity ids replaced by canonical ids (and the label of the
        entity they joined, where a place's name turned out to be its club)."""
        return [
            dataclasses.replace(m, entity_id=self.ids.get(m.entity_id, m.entity_id),
                                label=self.labels.get(m.entity_id, m.label)) if m.entity_id else m
            for m in mentions
        ]


def _log(action: str, name: str, entity_id: str, reason: str) -> dict[str, str]:
    return {"action": action, "subject": name, "object": entity_id, "reason": reason}


#: Cities whose clubs and companies German news name in German and in the city's own or English
#: form: "AC Mailand" / "AC Milan", "SSC Neapel" / "SSC Napoli", "Bayern München" / "Bayern Munich".
_CITY_EXONYMS = {
    "milan": "mailand", "milano": "mailand", "napoli": "neapel", "naples": "neapel", "roma": "rom",
    "rome": "rom", "torino": "turin", "genoa": "genua", "firenze": "florenz", "florence": "florenz",
    "venezia": "venedig", "venice": "venedig", "lisboa": "lissabon", "lisbon": "lissabon", "kyiv": "kiew",
    "praha": "prag", "prague": "prag", "moscow": "moskau", "moskva": "moskau", "belgrade": "belgrad",
    "beograd": "belgrad", "munich": "munchen", "cologne": "koln", "warsaw": "warschau", "vienna": "wien",
}


def _german_city(key: str) -> str:
    """A folded organisation name with its city in German: "ac milan" → "ac mailand"."""
    return " ".join(_CITY_EXONYMS.get(w, w) for w in key.split(" "))


def _keys(entity: Entity) -> set[str]:
    """Folded names an entity answers to, titles and determiners removed, and an organisation's
    with its city in German (``_CITY_EXONYMS``). Not among them: a role that stood for a person in
    one text ("Machthaber" of Kim Jong Un), a place's name for another place ("Pjöngjang" for North
    Korea's government) and an ordinary noun that stood for a longer name ("Halbinsel"): other texts
    mean others by them."""
    out = set()
    for name in (entity.name, *(a for a in entity.aliases if _own_alias(entity, a))):
        base = strip_titles(name) if entity.label == "PER" else strip_determiners(name)
        for form in (name, base):
            key = fold(form)
            if key:
                out.add(key)
                if entity.label == "ORG" and " " in key:
                    out.add(_german_city(key))
                    words = key.split(" ")
                    if len(words) > 2 and words[-1].isdigit() and (words[0] in _CLUB_WORDS or _CLUB_AFFIX & set(words)):
                        out.add(" ".join(words[:-1]))  # "FC Schalke 04" is also "FC Schalke"; "Hyundai Ioniq 6" no "Ioniq 5"
    return out


def _own_alias(entity: Entity, alias: str) -> bool:
    if entity.label == "PER":
        return not all(is_title(w) for w in alias.split()) and not _first_name_of(fold(alias), entity.name)
    if " " not in alias and " " in entity.name and is_common_word(alias):
        return False  # "Halbinsel" of the Koreanische Halbinsel is another peninsula elsewhere
    hit = gazetteer_lookup(alias) if entity.label == "LOC" else None
    return hit is None or hit.name == entity.name or hit.relation is not None


@lru_cache(maxsize=1 << 16)  # pure; every known entity's name is tokenised again on each comparison
def _tokens(name: str, label: str) -> tuple[str, ...]:
    base = strip_titles(name) if label == "PER" else strip_determiners(name)
    return tuple(fold(base).split())


def _edge_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    n = len(short)
    return 0 < n < len(long) and (long[:n] == short or long[-n:] == short)


def _starts_with_first_name(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is a first name that begins ``long`` and does not end it: "Kate" of "Kate
    Winslet". Another article's bare "Kate" is not her (the news name people by their surname, and
    by first name royals, children and victims: "William und Kate", "Emma und Noah sind die
    beliebtesten Vornamen"), so a first name joins a full name only within the text that wrote both."""
    n = len(short)
    if not (0 < n < len(long) and long[:n] == short and long[-n:] != short and is_first_name(short)):
        return False
    return not (len(long) >= 3 and all(len(w) <= 4 for w in long))  # "Kim Jong Un": the surname first


def _nickname_end(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` is a first name that ends a name not led by a first name: the darts player
    "Dirty Harry" is not the "Harry" of "Meghan und Harry" (who had joined him, 8 mentions)."""
    return (len(short) == 1 and len(long) > 1 and long[-1] == short[0] and is_first_name(short)
            and not is_first_name(long[:1]))


def _first_name_of(alias: str, name: str) -> bool:
    """Whether the folded ``alias`` is the first name that begins the person name ``name``
    (``_starts_with_first_name``): an alias of that person, but no key that finds them elsewhere."""
    return " " not in alias and _starts_with_first_name((alias,), _tokens(name, "PER"))


def _surname_first(known: tuple[str, ...], new: tuple[str, ...]) -> bool:
    """Whether ``new`` begins with the surname of ``known``, a surname the news use for one person, and
    so is no name of theirs: "Merz Verständnis", which a tagger found in "zeigt Merz Verständnis", is
    neither "Merz" nor "Friedrich Merz"."""
    if not known or len(new) < 2 or new[-1] in (known[-1], genitive_stem(known[-1])):
        return False
    first = {new[0], genitive_stem(new[0])}  # "Trump's Aggression Toward Venezuela" begins with "Trumps"
    return any(s in first and bearer((s,)) is not None for s in (known[-1], genitive_stem(known[-1])) if s)


def _namesake_pair(bare_or_bearer: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``full`` is a namesake of the prominent bearer of its surname and the other name is that
    bare surname or the bearer: "Martin Merz" with "Merz" or "Friedrich Merz" (``name_priors``)."""
    other = bare_or_bearer
    if len(full) < 2 or not other or other[-1] != full[-1] or other == full or not is_namesake(full):
        return False
    return (len(other) < len(full) and full[-len(other):] == other) or (len(other) > 1 and not is_namesake(other))


def _surname_forms(tokens: tuple[str, ...]) -> set[str]:
    return {tokens[-1], genitive_stem(tokens[-1]) or tokens[-1]}


def _two_people(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names with one surname name two people: their first names differ ("Stefan"
    and "Katrin Kuntz", "Felix" and "Alexander Hoffmann"), and at least one of them is a known first
    name while the other is one too or no ordinary word ("Holt Schmadtke", a verb the tagger took in,
    is Jörg Schmadtke). A spelling ("Alisher"/"Alischer Usmanow"), an initial ("J. Smith"), a name
    that ends or begins the other (a middle name, a role in front) and a genitive are the same person.
    They share a short form ("Kuntz"), which must not join them."""
    if len(a) < 2 or len(b) < 2 or a == b or _edge_of(a, b) or _edge_of(b, a):
        return False
    if not _surname_forms(a) & _surname_forms(b):
        return False
    x, y = a[0], b[0]
    if x == y or (x[0] == y[0] and min(len(x), len(y)) == 1) or SequenceMatcher(None, x, y).ratio() >= 0.75:
        return False
    fx, fy = is_first_name((x,)), is_first_name((y,))
    return (fx and fy) or (fx and not is_common_word(y.capitalize())) or (fy and not is_common_word(x.capitalize()))


def _named_otherwise(known: Entity, tokens: tuple[str, ...]) -> bool:
    """Whether ``known``, found by a part of the new full name ``tokens``, already has another full
    name: "Santos", which its article had written "Kaua Santos" (the Frankfurt goalkeeper), is not
    the short form of "Tahirys Dos Santos" (a victim of the Crans-Montana fire). A title or a word the
    tagger took in ("Biathlet Bakken", "Holt Schmadtke") is no other first name."""
    for form in (known.name, *known.aliases):
        other = _tokens(form, "PER")
        if len(other) < 2 or other[0] in tokens or _edge_of(other, tokens) or _edge_of(tokens, other):
            continue
        first = other[0]
        if SequenceMatcher(None, first, tokens[0]).ratio() >= 0.75 or (first[0] == tokens[0][0] and len(first) == 1):
            continue  # a spelling or an initial of the same first name
        if is_first_name((first,)) or not is_common_word(first.capitalize()):
            return True
    return False


def _first_name_led(name: str, other: str) -> bool:
    """Whether ``name`` is the better of two full names of one person because it begins with a first
    name and ``other`` with a word that is none: "Jörg Schmadtke" over "Holt Schmadtke" (the verb of
    "Hannover holt Schmadtke"), "Donald Trump" over "King Donald"."""
    a, b = _tokens(name, "PER"), _tokens(other, "PER")
    return len(a) >= 2 and len(a) >= len(b) and is_first_name(a[:1]) and not is_first_name(b[:1])


def _variants(entity: Entity) -> list[tuple[str, ...]]:
    tokens = _tokens(entity.name, entity.label)
    if not tokens:
        return []
    last = entity.name.split()[-1] if entity.name.split() else ""
    # "Williams" is no genitive, nor is an acronym in capitals ("FCAS", the fighter jet, is not "FCA"'s)
    stem = None if is_s_surname(tokens[-1]) or (last.isupper() and len(last) > 1) else genitive_stem(tokens[-1])
    out = [tokens, (*tokens[:-1], stem)] if stem else [tokens]  # "Kims" → "Kim"
    first = genitive_stem(tokens[0]) if stem and len(tokens) == 2 else None
    if first and is_first_name((first,)):  # a headline's "Elons Musks KI": both words in the genitive
        out.append((first, stem))  # type: ignore[arg-type]
    return out


def sports_context(text: str) -> bool:
    """Whether an article reads as sports reporting (one of its words does: "Bundesliga",
    "Stürmer", "Leihbasis", "Trainer")."""
    folded = text.casefold()
    return any(w in folded for w in _SPORTS_WORDS) and _SPORTS.search(text) is not None


#: Words around a club's distinctive name: "Hannover 96", "SC Paderborn 07", "Hertha BSC".
_CLUB_AFFIX = frozenset({"fc", "sc", "sv", "vfb", "vfl", "tsg", "tsv", "fsv", "bsc", "ssv", "spvgg", "ac", "as",
                         "ssc", "cf", "rb", "ev", "e.v", "1", "1."})


#: First words of clubs named without an affix: "Holstein Kiel", "Arminia Bielefeld", "Waldhof Mannheim".
_CLUB_WORDS = frozenset({
    "borussia", "eintracht", "arminia", "holstein", "waldhof", "fortuna", "hertha", "union", "dynamo", "energie",
    "kickers", "alemannia", "hansa", "preussen", "preußen", "jahn", "greuther", "werder", "bayer", "schalke",
    "viktoria", "rot-weiss", "rot-weiß", "rot", "wacker", "stuttgarter", "hamburger", "karlsruher", "thw", "adler",
    "eisbaren", "eisbären", "löwen", "lowen", "rhein-neckar", "füchse", "fuchse", "alba", "ratiopharm", "telekom",
})


#: Club words that name one club: "Werder" is Werder Bremen, while "Borussia", "Eintracht", "Fortuna"
#: or "Union" begin the names of several ("Borussia" is Dortmund or Mönchengladbach).
_ONE_CLUB = frozenset({"werder", "schalke", "arminia", "holstein", "hansa", "jahn", "greuther", "waldhof", "hertha",
                       "bayer"})
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,5}")
_SQUAD = re.compile(r"ii|iii|u\d{2}")


def _club_places(entity: Entity) -> list[str]:
    """The places a club of several words is named after: its last word that is no affix or number,
    and a region the gazetteer knows before it ("FC Bayern München": München and Bayern, which
    sports reporting writes alone: "Trainer Kompany hat seine Bayern …", "Pesic feiert mit Bayern"),
    or the word that begins it and names no other club ("Werder Bremen": Bremen and Werder)."""
    tokens = _tokens(entity.name, "ORG")
    if tokens and _SQUAD.fullmatch(tokens[-1]):
        return []  # a reserve or youth team ("Werder Bremen II", "Schalke U19") is not the club
    core = [t for t in tokens if t not in _CLUB_AFFIX and not t.isdigit()]
    if len(tokens) < 2 or not core or not (len(core) < len(tokens) or core[0] in _CLUB_WORDS):
        return []  # "S-Bahn Hannover" is named after Hannover but is no club
    places = [core[-1]]
    if len(core) == 2 and core[0] not in _CLUB_WORDS and (hit := gazetteer_lookup(core[0])) is not None:
        places += [core[0]] if hit.label == "LOC" else []
    if len(core) >= 2 and core[0] in _ONE_CLUB:
        places.append(core[0])  # "Werder" of "Werder Bremen", "Bayer" of "Bayer Leverkusen": sports reporting writes it alone
    return places


_LABEL_WORDS = {"LOC": "a place", "ORG": "an organisation", "MISC": "a thing or event", "PER": "a person"}

_SPELLING = (("tsch", "ch"), ("sch", "sh"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("z", "s"), ("w", "v"),
             ("y", "i"), ("j", "i"))
SPELLING_MIN = 3  # mentions a known full name needs before another spelling of it joins it


def spelling_key(tokens: tuple[str, ...]) -> str:
    """The folded full name with the letters transliterations disagree on made one, doubled letters
    single: "Wolodymyr Selenskyj", "Wolodimir Selenskij" and "Volodymyr Zelensky" give one key, so do
    "Netanjahu"/"Netanyahu", "Fedorow"/"Fedorov" and "Buffett"/"Buffet"."""
    key = " ".join(tokens)
    for old, new in _SPELLING:
        key = key.replace(old, new)
    return re.sub(r"(\w)\1+", r"\1", key)


def entity_keys(entity: Entity) -> set[str]:
    """Keys a known entity is found by: ``LABEL|name`` for its name and aliases, and for persons with
    a full name ``PER|edge:word`` for the first and last word (and the last without a genitive -s). A store can keep these in an indexed
    table and load only the entities that ``candidate_keys`` of a new article's entities hit."""
    keys = {f"{entity.label}|{k}" for k in _keys(entity)}
    if entity.label == "PER":
        for tokens in _variants(entity):  # "Luke Littlers" is also found by "Littler" and "Luke Littler"
            keys.add(f"PER|{' '.join(tokens)}")
            if len(tokens) > 1:
                keys |= {f"PER|edge:{tokens[0]}", f"PER|edge:{tokens[-1]}", f"PER|spell:{spelling_key(tokens)}",
                         f"PER|spelledge:{spelling_key(tokens[-1:])}"}
    if entity.label == "ORG":
        keys |= {f"ORG|club:{place}" for place in _club_places(entity)}
    return keys


def candidate_keys(entity: Entity) -> set[str]:
    """Every key ``EntityIndex.resolve`` may probe for this (new) entity (see ``entity_keys``)."""
    keys = {f"{entity.label}|{k}" for k in _keys(entity)}
    if entity.label == "PER":
        for variant in _variants(entity):
            keys |= {f"PER|edge:{variant[0]}", f"PER|edge:{variant[-1]}", f"PER|spell:{spelling_key(variant)}",
                     f"PER|spelledge:{spelling_key(variant)}"}
            for n in range(1, len(variant)):
                keys |= {f"PER|{' '.join(variant[:n])}", f"PER|{' '.join(variant[-n:])}"}
    if entity.label == "ORG":
        keys |= {f"ORG|{' '.join(v)}" for v in _variants(entity)[1:]}
        keys |= {f"ORG|{word}" for word in _club_places(entity)}  # the club known alone by this word
    if entity.label in ("LOC", "ORG") and len(tokens := _tokens(entity.name, entity.label)) == 1:
        keys.add(f"ORG|club:{tokens[0]}")
    return keys


def _trusted(entity: Entity) -> bool:
    """A person known by a full name of capitalised words ("Niclas Füllkrug"), or any organisation:
    a one-word "person" may be a common noun the tagger took for a name ("Böller"), and "Von Ella
    Knigge" is a byline the tagger read as one name."""
    if entity.label != "PER":
        return True
    words = entity.name.split()
    return (len(words) >= 2 and all(w[:1].isupper() for w in words) and "'" not in entity.name
            and not (words[0] == "Von" and len(words) > 2))


def _known_alone(entity: Entity) -> bool:
    """A person the stream names by one word only, often (``KNOWN_ALONE_MIN``), and that word no
    ordinary word and no first name: "Kiesewetter und Strack-Zimmermann: Einsatz der Bundeswehr …"
    names the politician the tagger had found five times before, written so."""
    words = entity.name.split()
    return (entity.label == "PER" and len(words) == 1 and entity.mentions >= KNOWN_ALONE_MIN
            and words[0][:1].isupper() and not is_common_word(words[0])
            and not is_first_name((fold(words[0]),)) and entity.relation != AMBIGUOUS)


class EntityIndex:
    """Known entities, indexed by id and by ``entity_keys``."""

    def __init__(self, entities: Iterable[Entity] = (), *, short_names: bool = True):
        self.short_names = short_names
        self._by_id: dict[str, Entity] = {}
        self._by_key: dict[str, set[str]] = {}
        for entity in entities:
            self.add(entity)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def entities(self) -> list[Entity]:
        return list(self._by_id.values())

    def add(self, entity: Entity) -> None:
        """Make a (stored) entity known; the index keeps its own copy."""
        copy = dataclasses.replace(entity, aliases=list(entity.aliases))
        self._by_id[copy.id] = copy
        self._index(copy)

    def _index(self, entity: Entity) -> None:
        for key in entity_keys(entity):
            self._by_key.setdefault(key, set()).add(entity.id)

    def _ids(self, key: str) -> set[str]:
        return self._by_key.get(key, set())

    # -- deciding --------------------------------------------------------------------------------
    def resolve(self, entity: Entity, *, sports: bool = False) -> str | None:
        """The id of the known entity this one is, or None if it is new (or ambiguous). In a sports
        article (``sports``) a place's name alone is the one club named after it, if there is one."""
        return self.decide(entity, sports=sports)[0]

    def decide(self, entity: Entity, *, sports: bool = False) -> tuple[str | None, str]:
        """``resolve`` with the reason that decided, in words a reader can check."""
        if (club := self._club(entity, sports)) is not None:
            return club, ("in sports reporting a place's name alone is the one club named after it" if sports
                          else "the one club of that name")
        if (person := self._person_named(entity, sports)) is not None:
            return person, ("in sports reporting a surname tagged as a place or organisation: the one person known by it"
                            if sports else "a surname tagged as a place or organisation: the person the stream names far more often")
        if (other := self._usual_label(entity)) is not None:
            label = self._by_id[other].label
            return other, f"the name the stream knows far more often as {_LABEL_WORDS.get(label, label)}"
        if entity.id in self._by_id:
            same = self._by_id[entity.id]
            if same.relation == AMBIGUOUS and (top := self._dominant_namesake(entity)) is not None:
                return top, "short form of the namesake the stream names far more often than the others"
            if same.label == "PER" and (spelled := self._spelled(entity, same.mentions)) is not None:
                return spelled, f"another spelling of {self._by_id[spelled].name}, which the stream names far more often"
            return entity.id, "same name"
        shared: set[str] = set()
        for key in _keys(entity):
            shared |= self._ids(f"{entity.label}|{key}")
        if not shared and entity.label in ("PER", "ORG"):  # "Trumps", "Borussia Dortmunds": a genitive
            for variant in _variants(entity)[1:]:
                shared |= self._ids(f"{entity.label}|{' '.join(variant)}")
        if shared and entity.label == "ORG" and not sports and _ACRONYM.fullmatch(entity.name):
            # a club's initials are its name in sports reporting only: "RWE" of "Rot-Weiß Erfurt" in a
            # piece on the club; "RWE-Chef Krebber" is the energy company
            shared = {c for c in shared if fold(self._by_id[c].name) == fold(entity.name) or not _club_places(self._by_id[c])}
        if shared and entity.label == "PER":  # "Martin Merz", known as "Merz" in his article
            tokens = _tokens(entity.name, "PER")
            if len(tokens) == 1:
                shared = self._authors_out(shared)
            others = {c for c in shared if _two_people(_tokens(self._by_id[c].name, "PER"), tokens)}
            shared = {c for c in shared - others
                      if not _namesake_pair(known := _tokens(self._by_id[c].name, "PER"), tokens)
                      # outside sports reporting the list's bearer outranks a namesake's alias:
                      # "Frau von Altkanzler Schröder" is not the NBA's Dennis Schröder, "Kanzler Merz" not Martin Merz
                      and (sports or not _namesake_pair(tokens, known))
                      and not _surname_first(known, tokens) and not _surname_first(tokens, known)}
            if others and not shared:  # "Stefan Kuntz" and "Katrin Kuntz" share the short form "Kuntz"
                name = self._by_id[min(others)].name
                return None, f"kept apart from {name}: the same surname after another first name"
        if shared:
            picked = self._pick(shared, entity)
            if picked is None and entity.label == "PER" and (
                    top := self._dominant(shared, NAMESAKE_MIN, NAMESAKE_RATIO)) is not None:
                return top, "short form of the namesake the stream names far more often than the others"
            return picked, "same name or alias" if picked else "several known entities answer to the name"
        if entity.label == "PER" and len(_tokens(entity.name, "PER")) > 1 and (spelled := self._spelled(entity)):
            return spelled, f"another spelling of {self._by_id[spelled].name}"
        if entity.label == "ORG" and (short := self._club_known_alone(entity)) is not None:
            return short, "the club's full name, known alone by its short name before"
        if self.short_names and entity.label == "PER":
            target, why = self._resolve_person(entity)
            if target is None and why == "new" and (spelled := self._spelled(entity)) is not None:
                return spelled, f"the surname of {self._by_id[spelled].name}, spelled another way"
            return target, why
        return None, "new"

    def _spelled(self, entity: Entity, rival: int = 0) -> str | None:
        """The one known full name, mentioned at least ``SPELLING_MIN`` times, that this name spells
        another way (``spelling_key``), as a whole or as its surname: the stream wrote "Wolodimir
        Selenskij" 14 times beside 173 "Wolodymyr Selenskyj", "Benjamin Netanyahu" beside "Benjamin
        Netanjahu". ``rival``: the mentions of the entity this name already is; the other spelling
        must then be named ``DOMINANT_RATIO`` times as often to take the later mentions."""
        found: set[str] = set()
        for variant in _variants(entity):
            kind = "spell" if len(variant) > 1 else "spelledge"
            found |= self._ids(f"PER|{kind}:{spelling_key(variant)}")
        if written := {v[-1] for v in _variants(entity) if len(v) == 1}:  # the same surname is no other spelling
            found = {c for c in found if _tokens(self._by_id[c].name, "PER")[-1] not in written}
        least = max(SPELLING_MIN, DOMINANT_RATIO * rival) if rival else SPELLING_MIN
        found = {c for c in found - {entity.id} if self._by_id[c].mentions >= least}
        return next(iter(found)) if len(found) == 1 else None

    def _usual_label(self, entity: Entity) -> str | None:
        """The entity of this very name under another label, when the stream names that one at least
        ``DOMINANT_MIN`` times and ``DOMINANT_RATIO`` times as often as this label's: the tagger now
        and then calls "Crans-Montana" an organisation, "Eurotunnel" a thing, "Finnland" a person
        (226 names of the stream had two or three labels). A person stays a person when the word is
        a first name ("Sydney"), and persons are not made of others here (``_person_named`` does)."""
        if entity.label == "PER" and is_first_name(_tokens(entity.name, "PER")[:1]):
            return None
        key = fold(entity.name)
        same = {i for k in _keys(entity) for i in self._ids(f"{entity.label}|{k}")}
        rival = max((self._by_id[i].mentions for i in same), default=0)
        best: tuple[int, str] | None = None
        for label in ("LOC", "ORG", "MISC"):
            if label == entity.label:
                continue
            for i in self._ids(f"{label}|{key}"):
                other = self._by_id[i]
                if fold(other.name) == key and (best is None or (other.mentions, i) > best):
                    best = (other.mentions, i)
        if best is None or best[0] < DOMINANT_MIN or best[0] < DOMINANT_RATIO * max(rival, entity.mentions, 1):
            return None
        return best[1]

    def _person_named(self, entity: Entity, sports: bool = False) -> str | None:
        """The person a one-word "place" or "organisation" names: the tagger reads a surname as a
        place after a preposition ("bei Selenskyj", "gegen Maduro"). Only a person the stream names
        at least ``DOMINANT_MIN`` times, ``DOMINANT_RATIO`` times as often as any place or
        organisation of that name, and only for a word the gazetteer does not know as a place
        ("Washington", "Jordan" stay places). In sports reporting, where transfer headlines make
        surnames organisations and places ("Rochelt von Hannover nach Bielefeld", "Sobottka trainiert
        bei Bochum mit"), the one person known by the surname is enough, when the word is no club's
        name and no ordinary word."""
        if entity.label not in ("LOC", "ORG") or len(_tokens(entity.name, entity.label)) != 1:
            return None
        if gazetteer_lookup(entity.name) is not None:
            return None
        probe = Entity(entity_id("PER", fold(entity.name)), entity.name, "PER", [], entity.mentions)
        target = self.resolve(probe)
        if target is None:
            return None
        person = self._by_id[target]
        if not _trusted(person):
            return None
        same = {i for k in _keys(entity) for i in self._ids(f"{entity.label}|{k}")}
        rival = max((self._by_id[i].mentions for i in same), default=0)
        if (sports and rival <= SPORTS_SURNAME_RIVAL and _tokens(person.name, "PER")[-1] == fold(entity.name)
                and not is_common_word(entity.name) and not entity.name.isupper()
                and not self._ids(f"ORG|club:{fold(entity.name)}")):
            return target  # not "Kings" (Sacramento's, no genitive of Billie Jean King), "II", "Disney"
        if person.mentions < DOMINANT_MIN or person.mentions < DOMINANT_RATIO * rival:
            return None
        return target

    def known_part(self, word: str, min_mentions: int = 2) -> tuple[str, EntityLabel] | None:
        """The known person or organisation a compound's first part names ("Trump" of
        "Trump-Resort", "CSU" of "CSU-Bundestagsgruppe"): the entity that the word alone resolves to
        as exactly one of the two labels, mentioned at least ``min_mentions`` times before. Never a
        person for an ordinary German word, as in ``known_surname``: the table tennis player Sabine
        Winter is not the "Winter-Wetter", nor Christian Buß the "Bus-Unfall"."""
        found: dict[str, EntityLabel] = {}  # the "organisation" probe may find the person too
        for label in ("PER", "ORG"):
            probe = Entity(entity_id(label, fold(word)), word, label, [], 1)  # type: ignore[arg-type]
            target = self.resolve(probe)
            known = self._by_id[target] if target is not None else None
            if known is not None and known.mentions >= min_mentions and (_trusted(known) or _known_alone(known)):
                found[known.id] = known.label
        if len(found) != 1:
            return None
        target, label = next(iter(found.items()))
        return None if label == "PER" and is_common_word(word) else (target, label)

    def known_surname(self, word: str, min_mentions: int = KNOWN_NAME_MIN) -> str | None:
        """The known person a bare word in the text names when the tagger missed it ("Füllkrug feiert
        beim Debüt"): the one trusted person whose surname it is (a genitive "-s" allowed), named at
        least ``min_mentions`` times before. Never a place the gazetteer knows, never an ordinary
        German word ("Baum", "Winter", "Neuer"; ``common_words``), never a first name alone."""
        key = fold(word)
        forms = (key, genitive_stem(key) or key)
        if not any(self._ids(f"PER|{f}") or self._ids(f"PER|edge:{f}") for f in forms):
            return None  # no person answers to it: the common case, decided without a resolve
        if gazetteer_lookup(word) is not None or is_common_word(word):
            return None
        target = self.resolve(Entity(entity_id("PER", key), word, "PER", [], 1))
        person = self._by_id.get(target) if target is not None else None
        if person is None or person.label != "PER" or person.mentions < min_mentions:
            return None
        if not _trusted(person) and not _known_alone(person):
            return None
        tokens = _tokens(person.name, "PER")
        return target if any(tokens[-len(f.split()):] == tuple(f.split()) for f in forms) else None

    def _club(self, entity: Entity, sports: bool) -> str | None:
        """The one club named after the word ``entity`` is: in sports reporting also a place's name
        ("Hannover" → Hannover 96); elsewhere only an organisation's name that is no place the
        gazetteer knows, no ordinary word and no club word ("Liverpool", "Chelsea", "Elversberg":
        "Tabellenführer Arsenal" tells no sport by its words)."""
        tokens = _tokens(entity.name, entity.label)
        if entity.label not in ("LOC", "ORG") or len(tokens) != 1:
            return None
        if not sports and (entity.label != "ORG" or tokens[0] in _CLUB_WORDS or is_common_word(entity.name)
                           or gazetteer_lookup(entity.name) is not None):
            return None  # "Union" (CDU/CSU), "Bayer" (the company), "Hertha" are other things elsewhere
        clubs = self._ids(f"ORG|club:{tokens[0]}")
        return next(iter(clubs)) if len(clubs) == 1 else None

    def _club_known_alone(self, entity: Entity) -> str | None:
        """The one-word organisation a new club name is named after, when the stream knew the club by
        that word alone first: "Werder" (20 mentions) before any "Werder Bremen", "Schalke" before
        "FC Schalke 04". Not a word that is an ordinary word or a place the gazetteer knows: "Union"
        is also CDU and CSU, an organisation "Hannover" also the city's administration."""
        found = set()
        for word in _club_places(entity):
            short = self._by_id.get(entity_id("ORG", word))
            if (short is not None and short.label == "ORG" and short.relation is None
                    and len(_tokens(short.name, "ORG")) == 1 and not is_common_word(short.name)
                    and gazetteer_lookup(short.name) is None):
                found.add(short.id)
        return found.pop() if len(found) == 1 else None

    def _pick(self, candidates: set[str], entity: Entity) -> str | None:
        """Prefer a candidate whose canonical name matches; else the only one; else give up."""
        key = fold(entity.name)
        exact = sorted(c for c in candidates if fold(self._by_id[c].name) == key)
        if len(exact) == 1:
            return exact[0]
        return next(iter(candidates)) if len(candidates) == 1 else None

    def _resolve_person(self, entity: Entity) -> tuple[str | None, str]:
        variants = _variants(entity)
        for variant in variants:
            edges = self._authors_out(self._ids(f"PER|edge:{variant[0]}") | self._ids(f"PER|edge:{variant[-1]}"))
            longer = {c for c in edges if any(_edge_of(variant, t) and not _surname_first(variant, t)
                                              and not _starts_with_first_name(variant, t)
                                              and not _nickname_end(variant, t)
                                              for t in _variants(self._by_id[c]))}
            if len(longer) == 1:
                only = next(iter(longer))  # not when the news mean someone else by the surname
                if _namesake_pair(variant, _tokens(self._by_id[only].name, "PER")):
                    return None, f"kept apart from {self._by_id[only].name}: the news mean someone else by this surname"
                return only, "short form of the only full name known with it"
            if longer:  # two Kims: apart, unless one is far more prominent
                top = self._dominant(longer)
                return top, ("short form of the namesake the stream names far more often than the others"
                             if top else f"{len(longer)} known people carry the name")
        tokens = variants[0] if variants else ()
        why = "new"
        if tokens and tokens[-1].rstrip(".") in GENERATIONS:
            return None, why  # "Alexander Zverev senior" is not the son known as "Alexander Zverev"
        if len(tokens) > 1 and entity.relation != AUTHOR:  # a known short name meets the full one: "Trump" then "Donald Trump"
            # a surname alone names the person far more often than a first name alone: the end of the
            # name is tried first, and a first name alone never (how the news name royals, children and
            # victims: "Andrew", "Kate", "die kleine Noah"; a later "Andrew Huang" is somebody else).
            # The start stays for names that begin with the surname ("Moon" → "Moon Jae In").
            # A genitive full name meets its nominative short form: "Benjamin Netanjahus" the
            # "Netanjahu" known alone (the stream's first full name was that genitive, and the
            # two stayed apart for good).
            ends = [tokens, *(v for v in variants[1:] if len(v) == len(tokens))]
            for side in ("end", "start"):
                shorter: set[str] = set()
                for form in ends:
                    for n in range(1, len(form)):
                        part = form[-n:] if side == "end" else form[:n]
                        if side == "end" or not is_first_name(part):
                            shorter |= self._ids(f"PER|{' '.join(part)}")
                words = {c: _tokens(self._by_id[c].name, "PER") for c in shorter}
                shorter = {c for c in shorter if len(words[c]) < len(tokens)
                           and not _two_people(words[c], tokens)  # "Robert Schneider" is not "Anna-Sophie Schneider"
                           and self._by_id[c].relation != AMBIGUOUS  # a name kept apart stays apart
                           and not _nickname_end(words[c], tokens)
                           and not _surname_first(words[c], tokens)
                           and not _named_otherwise(self._by_id[c], tokens)}
                if vetoed := {c for c in shorter if _namesake_pair(words[c], tokens)}:
                    shorter -= vetoed  # "Martin Merz" does not take "Merz"
                    why = "kept apart from the bare surname: the news mean someone else by it"
                if len(shorter) == 1:
                    return next(iter(shorter)), "full name of a short form known alone"
                if shorter:
                    return None, "several short forms known alone match it"
        return None, why

    def _namesakes(self, entity: Entity) -> int:
        """How many known full names a new bare person name could be ("Hummels": Mats and Jonas)."""
        if not self.short_names or entity.label != "PER":
            return 0
        found: set[str] = set()
        for variant in _variants(entity):
            edges = self._authors_out(self._ids(f"PER|edge:{variant[0]}") | self._ids(f"PER|edge:{variant[-1]}"))
            found |= {c for c in edges if any(_edge_of(variant, t) for t in _variants(self._by_id[c]))}
        return len(found)

    def _authors_out(self, ids: set[str]) -> set[str]:
        """``ids`` without the people known from bylines only (``bylines.AUTHOR``): the news do not
        name their own authors by surname, so "Wagner" in an NBA report is not the author Peter
        Wagner, "Umweltminister Schneider" not BILD's Robert Schneider."""
        return {i for i in ids if self._by_id[i].relation != AUTHOR}

    def _dominant_namesake(self, entity: Entity) -> str | None:
        """For a bare name kept apart as ambiguous ("Kuntz": Katrin, a reporter, and Stefan, HSV's
        sports director): the full name among its namesakes that the stream has since come to name
        far more often than the others (``_dominant``), or None."""
        found = {i for key in _keys(entity) for i in self._ids(f"PER|{key}")}
        surnames: set[str] = set()
        for variant in _variants(entity):
            found |= self._ids(f"PER|edge:{variant[-1]}")
            surnames.add(variant[-1])
        full = {c for c in self._authors_out(found - {entity.id})
                if len(tokens := _tokens(self._by_id[c].name, "PER")) > 1 and _surname_forms(tokens) & surnames}
        return self._dominant(full, NAMESAKE_MIN, NAMESAKE_RATIO) if full else None

    def _dominant(self, candidates: set[str], least: int = DOMINANT_MIN, ratio: float = DOMINANT_RATIO) -> str | None:
        """The candidate the stream names far more often than all the others together (the "Trump"
        of the news among every Trump the store knows), or None when none stands out."""
        ranked = sorted(candidates, key=lambda c: (-self._by_id[c].mentions, c))
        top, rest = self._by_id[ranked[0]].mentions, sum(self._by_id[c].mentions for c in ranked[1:])
        return ranked[0] if top >= least and top >= ratio * max(rest, 1) else None

    # -- merging ---------------------------------------------------------------------------------
    def merge(self, new: Iterable[Entity], *, count_mentions: bool = True, sports: bool = False) -> MergeResult:
        """Merge one article's entities into the index (in the order given) and report the outcome;
        ``sports``: the article is sports reporting (``sports_context``)."""
        result = MergeResult()
        changed: dict[str, None] = {}
        for entity in new:
            target, why = self.decide(entity, sports=sports)
            if target is not None and self._by_id[target].label != entity.label:
                result.labels[entity.id] = self._by_id[target].label  # the city's name was its club
            if target is None:
                namesakes = self._namesakes(entity)
                marked = AMBIGUOUS if namesakes >= 2 else entity.relation
                fresh = dataclasses.replace(entity, aliases=list(entity.aliases), relation=marked)
                self._by_id[fresh.id] = fresh
                self._index(fresh)
                result.created.append(fresh.id)
                target = fresh.id
                if marked == AMBIGUOUS and why == "new":
                    why = f"{namesakes} known people carry the name"
                if why != "new":  # kept apart from known entities: say why
                    result.log.append(_log("entity-new", entity.name, fresh.id, why))
            else:
                known = self._by_id[target]
                before = {known.name, *known.aliases}
                self._absorb(known, entity, count_mentions)
                if {known.name, *known.aliases} != before and why != "same name":  # a new name joined
                    result.log.append(_log("entity-join", entity.name, target, why))
            result.ids[entity.id] = target
            changed[target] = None
        result.entities = [
            dataclasses.replace(self._by_id[i], aliases=list(self._by_id[i].aliases)) for i in changed
        ]
        return result

    def _absorb(self, known: Entity, entity: Entity, count_mentions: bool) -> None:
        names = [entity.name, *entity.aliases]
        bare = len(_variants(known)) > 1 and _tokens(entity.name, "PER") == _variants(known)[1]
        if known.label == "PER" and (bare or name_quality(entity.name) > name_quality(known.name)
                                     or _first_name_led(entity.name, known.name)):
            names = [known.name, *names]
            known.name = entity.name
        if known.label == "ORG" and len(_tokens(known.name, "ORG")) == 1 and fold(known.name) in _club_places(entity):
            names = [known.name, *names]  # "Werder Bremen", not "Werder"
            known.name = entity.name
            known.aliases = [a for a in known.aliases if a != entity.name]
        elif known.label != "PER" and _cited_form_of(entity.name, known.name):
            names = [known.name, *names]  # "Deutsche Bahn", not "Deutschen Bahn"
            known.name = entity.name
            known.aliases = [a for a in known.aliases if a != entity.name]
        if known.label == "PER" and (plain := plain_form(known.name, [*known.aliases, *names])) != known.name:
            names = [known.name, *names]  # "Laura Dahlmeier", not "Laura Dahlmeiers"
            known.name = plain
            known.aliases = [a for a in known.aliases if a != plain]
        for name in names:
            if name != known.name and name not in known.aliases:
                known.aliases.append(name)
        if count_mentions:
            known.mentions += entity.mentions
        if known.relation != entity.relation and known.relation != AMBIGUOUS:
            known.relation = None
        self._index(known)


def _cited_form_of(new: str, known: str) -> bool:
    """Whether ``new`` is ``known`` with more of its adjectives in the cited "-e" form."""
    a, b = tuple(fold(new).split()), tuple(fold(known).split())
    return (len(a) > 1 and a != b and adjective_key(a) == adjective_key(b)
            and nominative_adjectives(new) > nominative_adjectives(known))


def entity_record(entity: Entity) -> dict[str, object]:
    """The export form of an entity (EVAL.md: entity_id, name, label, aliases, mentions, + relation)."""
    return {
        "entity_id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "relation": entity.relation,
    }


def merge_entities(
    existing: Iterable[Entity],
    new: Iterable[Entity],
    *,
    short_names: bool = True,
    count_mentions: bool = True,
) -> MergeResult:
    """Merge ``new`` (one article's entities) into ``existing`` (the store's); pure, inputs unchanged."""
    return EntityIndex(existing, short_names=short_names).merge(new, count_mentions=count_mentions)
