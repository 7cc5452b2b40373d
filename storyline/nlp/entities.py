"""Entities within one article: cluster its mentions into canonical entities with aliases.

Why a separate stage after NER: the tagger sees "Trump", "Präsident Trump", "Donald Trump" and
"Kims" as unrelated strings; readers, search and story linking need one "Donald Trump" and one
"Kim Jong Un". This stage only reads ``doc.mentions`` (any tagger: German model, English spaCy,
hand-made mentions in tests), so it does not depend on how they were found.

What it does, in order:

1. Optionally adds mentions from the packaged gazetteer (``entities.ruler``) where the tagger found
   none: countries, capitals, big cities, regions, a few organisations, and country adjectives.
2. Reads every mention: the gazetteer maps inflected and variant forms to one canonical name
   ("Südkoreas" → Südkorea, "Vereinigten Staaten"/"United States" → USA, "Uno"/"UN" → Vereinte
   Nationen, "südkoreanischen" → Südkorea with relation "adjective"); person names lose titles
   ("US-Präsident Donald Trump" → "Donald Trump") and a German genitive -s when the stem is named
   elsewhere in the text ("Kims" → "Kim").
3. Clusters: equal keys (case, hyphen, accents ignored: "Kim Jong-un" = "Kim Jong Un"); a short person
   name joins the one longer name it begins or ends ("Moon Jae", "Moon" → "Moon Jae In"; "Trump" →
   "Donald Trump"; if several fit, the most recently mentioned); an acronym joins the organisation
   whose initials it spells.
   Within the text, a role with no name after it joins the person the text introduced with that
   role ("Nordkoreas Machthaber" → Kim Jong Un), a capital that acts is its country ("Pjöngjang
   erwarte" → Nordkorea), and an organisation's inflected adjectives are one name ("Deutschen Bahn",
   "Deutsche Bahn"); ``entity_references``.
4. Names each cluster by its longest, fully capitalised form, gives it a stable id
   (``entity_names.entity_id``: hash of label and key), sets ``entity_id`` on every mention, and puts
   the ``Entity`` list in ``doc.extras["entities"]``, and per-mention relations on ``Mention.relation``
   (also as ``{(start, end): "adjective" | "part" | "conjunct"}`` in ``doc.extras["entity_relations"]``):
   "adjective" for "südkoreanischen", "part" for a compound ("Uno-Sanktionen", "US-Festland"),
   "conjunct" for a name in a coordination ("Süd- und Nordkorea": "Nordkorea" for the whole, and the
   truncated "Süd-" for Südkorea). Such mentions point at the
   entity but are not listed among its aliases.

Across articles, ``storyline.nlp.entity_index`` merges these document entities with known ones.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from ..model import Entity, EntityLabel, Mention, Span
from ..pipeline import Stage, register
from .bylines import AUTHOR, bylines
from .common_words import is_common_word
from .entity_names import (
    DETERMINERS,
    GENERATIONS,
    adjective_key,
    clean,
    entity_id,
    fold,
    genitive_stem,
    is_title,
    name_quality,
    nominative_adjectives,
    plain_form,
    strip_determiners,
    strip_possessive,
    strip_titles,
)
from .entity_references import (
    Role,
    government_reading,
    introduced_role,
    resolve_role,
    role_of,
    role_references,
)
from .gazetteer import Hit, gazetteer
from .name_priors import is_first_name

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

ENTITIES_KEY = "entities"
RELATIONS_KEY = "entity_relations"
_LABEL_ORDER = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}


@dataclass(slots=True)
class _Item:
    """One mention while it is being clustered."""

    index: int
    mention: Mention
    surface: str
    name: str
    tokens: tuple[str, ...]
    hit: Hit | None = None
    relation: str | None = None
    group: int = -1
    root: int = -1
    headline: bool = False  # in the headline, where the tagger is least sure of its labels


@dataclass(slots=True)
class _Group:
    key: tuple[str, ...]
    items: list[_Item] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _majority([i for i in self.items if i.relation is None])


@dataclass(slots=True)
class Linked:
    """Result of ``link_mentions``: mentions with entity ids, the entities, per-mention relations."""

    mentions: list[Mention]
    entities: list[Entity]
    relations: dict[tuple[int, int], str]


def link_mentions(
    text: str,
    mentions: list[Mention],
    *,
    lang: str | None = None,
    ruler: bool = True,
    ruler_adjectives: bool = True,
    headline_end: int = 0,
) -> Linked:
    """Cluster the mentions of one text into entities (pure: the inputs are not changed).
    ``headline_end``: where the headline ends when ``text`` is headline and body read as one; a
    tie between the labels of one entity goes to the body's ("Bondi Beach" a person in the headline,
    a place in the text)."""
    # a role alone ("Königin" of "Königin Camilla", tagged apart) is no name; it may stand for one
    surnames = {fold(words[-1]) for m in mentions if m.label == "PER" and len(words := _words(text, m)) > 1}
    all_mentions = [_widened(text, m) for m in mentions if not _role_only(text, m, surnames) and not _common_noun(text, m)]
    ruled: dict[Span, str] = {}
    if ruler and text:
        for mention, relation in _ruler_mentions(text, all_mentions, lang, ruler_adjectives):
            all_mentions.append(mention)
            if relation:
                ruled[mention.span] = relation
    all_mentions.sort(key=lambda m: (m.span.start, m.span.end))
    # one sense per text: a place the tagger also calls a person ("Pjöngjang reagierte", "die US")
    # is the place when it is tagged as a place or an organisation elsewhere in the same text
    lookups = [gazetteer().lookup(strip_possessive(clean(text[m.span.start : m.span.end]))) for m in all_mentions]
    named = {hit.name for hit in lookups if hit is not None}
    lookups = [
        government_reading(text, m.span.start, m.span.end, hit, named) or hit
        for m, hit in zip(all_mentions, lookups, strict=True)
    ]
    places = {hit.name for m, hit in zip(all_mentions, lookups, strict=True) if hit is not None and m.label != "PER"}
    items = [
        it
        for i, (m, hit) in enumerate(zip(all_mentions, lookups, strict=True))
        if (it := _read(text, i, m, hit, places)) is not None
    ]
    for it in items:
        it.relation = ruled.get(it.mention.span, it.relation)
        it.headline = it.mention.span.end <= headline_end
    _attach_heads(items)
    _resolve_genitives(items)
    groups = _group(items)
    _attach_short_names(items, groups)
    _attach_acronyms(items, groups)
    items += _role_items(text, items, all_mentions)
    entities, ids = _build(items, groups)
    _mark_authors(entities, ids, items, bylines(text, all_mentions))
    relations = {(it.mention.span.start, it.mention.span.end): it.relation for it in items if it.relation}
    by_index = {it.index: it for it in items}
    out = []
    for i, m in enumerate(all_mentions):
        it = by_index.get(i)
        if it is None:
            out.append(dataclasses.replace(m, entity_id=None))
            continue
        label = m.label
        if it.relation == "adjective" and label == "PER":
            label = "MISC"
        out.append(dataclasses.replace(m, entity_id=ids[it.root], label=label))
    out.sort(key=lambda m: (m.span.start, m.span.end))
    return Linked(out, entities, relations)


#: A generation after a name: "mit Vater Alexander senior" is not the text's Alexander Zverev.
_GENERATION = re.compile(rf"\s+(?:senior|junior|(?:{'|'.join(sorted(GENERATIONS))})\.)(?!\w)", re.IGNORECASE)
_ADJECTIVE_BEFORE = re.compile(r"([a-zäöü][a-zäöüß]+(?:e|en|er|es|em))\s+$")


def _widened(text: str, m: Mention) -> Mention:
    """A tagger's "Halbinsel" in "der koreanischen Halbinsel" is the place the gazetteer knows with
    its adjective: the span grows to "koreanischen Halbinsel". A person's name takes the generation
    written after it: "Alexander Zverev startet mit Vater Alexander senior" names "Alexander senior",
    who is not the text's Alexander Zverev (nor, elsewhere, the journalist Robin Alexander)."""
    if m.label == "PER" and (generation := _GENERATION.match(text, m.span.end)) is not None:
        return dataclasses.replace(m, span=Span(m.span.start, generation.end()))
    if m.label == "PER" or text[m.span.start - 1 : m.span.start] != " " or " " in text[m.span.start : m.span.end]:
        return m  # most mentions: no adjective written right before a one-word name
    before = _ADJECTIVE_BEFORE.search(text, max(0, m.span.start - 30), m.span.start)
    if before is None:
        return m
    hit = gazetteer().lookup(f"{before.group(1)} {text[m.span.start : m.span.end]}")
    if hit is None or hit.relation is not None:
        return m
    return dataclasses.replace(m, span=Span(before.start(1), m.span.end), label=cast(EntityLabel, hit.label))


def _role_only(text: str, m: Mention, surnames: set[str]) -> bool:
    """A person mention made of roles only, unless the text names someone with it as surname
    ("Birgit Prinz" … "Prinz")."""
    if m.label != "PER":
        return False
    words = _words(text, m)
    return bool(words) and all(is_title(w) for w in words) and fold(words[-1]) not in surnames


#: German articles: an ordinary word after one is the word, not a person of that name
_ARTICLES = frozenset(d for d in DETERMINERS if d not in ("the", "a", "an"))
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _common_noun(text: str, m: Mention) -> bool:
    """A one-word person the tagger found in an ordinary German word after an article: "Ein Fuchs
    hat in Niedersachsen eine Fünfjährige verletzt" is an animal (it had become the person Marco
    Fuchs), "Einen Puma vertrieben sie" too. A surname after a role ("Trainer Baum") stays a name."""
    if m.label != "PER" or m.span.start == 0:
        return False
    word = text[m.span.start : m.span.end]
    if not word.isalpha() or not is_common_word(word):
        return False
    before = _WORD_BEFORE.search(text, max(0, m.span.start - 12), m.span.start)
    return before is not None and before.group(1).casefold() in _ARTICLES


def _mark_authors(entities: list[Entity], ids: dict[int, str], items: list[_Item], by: set[int]) -> None:
    """A person the text names in its bylines only is its author (``bylines.AUTHOR``)."""
    if not by:
        return
    where: dict[str, set[bool]] = {}
    for it in items:
        where.setdefault(ids[it.root], set()).add(it.index in by)
    for e in entities:
        if e.label == "PER" and e.relation is None and where.get(e.id) == {True}:
            e.relation = AUTHOR


def _words(text: str, m: Mention) -> list[str]:
    return clean(text[m.span.start : m.span.end]).split()


def _attach_heads(items: list[_Item]) -> None:
    """A lone ordinary noun ("atomwaffenfreie Halbinsel") is the one place named in the text whose
    last word it is ("Koreanische Halbinsel")."""
    places = {it.hit for it in items if it.hit and it.hit.relation is None and it.hit.label == "LOC"}
    for it in items:
        if it.hit is not None or len(it.tokens) != 1 or it.mention.label == "PER" or not is_common_word(it.surface):
            continue
        fits = {hit for hit in places if len(hit.name.split()) > 1 and fold(hit.name).split()[-1] == it.tokens[0]}
        if len(fits) == 1:
            it.hit = fits.pop()


def _ruler_mentions(
    text: str, mentions: list[Mention], lang: str | None, adjectives: bool
) -> list[tuple[Mention, str | None]]:
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    found = []
    for start, end, hit in gazetteer().find(text, lang):
        if hit.relation == "adjective" and not adjectives:
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        label = "MISC" if hit.relation == "adjective" else hit.label
        found.append((Mention(Span(start, end), cast(EntityLabel, label)), hit.relation))
    return found


def _read(text: str, index: int, m: Mention, lookup: Hit | None, places: set[str]) -> _Item | None:
    """``lookup``: the gazetteer's entry for the mention's surface (looked up once per mention)."""
    surface = clean(text[m.span.start : m.span.end])
    if not any(ch.isalnum() for ch in surface):
        return None
    hit = _gazetteer_reading(surface, m.label, lookup, places)
    relation = hit.relation if hit else None
    dash = text[m.span.end : m.span.end + 1] in _DASHES  # the tagger left out the dash of "Nord- und"
    if hit is None and (surface.endswith("-") or dash):
        hit = _truncated_reading(surface if not dash else surface + "-", text[m.span.end + dash : m.span.end + 40])
        relation = "conjunct" if hit else None  # points at the entity, is not one of its names
    if hit is None and m.label != "PER":
        hit, relation = _compound_reading(surface)
        if hit is not None and m.label == "ORG" and hit.label != "ORG":
            hit, relation = None, None  # "US-Regierung" is an organisation of its own, not the USA
    surface = surface.strip(_DASHES).strip() or surface  # "Putin-" of "Putin-Kritiker" is "Putin"
    if m.label == "PER" and hit is None:
        name = strip_possessive(strip_titles(surface))
    else:
        name = strip_possessive(strip_determiners(surface))
    tokens = tuple(fold(name).split())
    if not tokens:
        return None
    return _Item(index, m, surface, name, tokens, hit, relation)


_DASHES = "-–—"
_CONJUNCT = re.compile(r"\s+(?:und|oder|bzw\.|sowie|and|or)\s+(\w+)")


def _truncated_reading(surface: str, after: str) -> Hit | None:
    """ "Nord-" in "Nord- und Südkorea" is Nordkorea: the first part plus the ending of the next
    conjunct that makes a known place ("Süd|korea" → "Nord" + "korea")."""
    m = _CONJUNCT.match(after)
    if m is None:
        return None
    stem, word = surface[:-1], m.group(1)
    for i in range(1, len(word) - 2):
        hit = gazetteer().lookup(stem + word[i:])
        if hit is not None and hit.relation is None:
            return hit
    return None


def _compound_reading(surface: str) -> tuple[Hit | None, str | None]:
    """ "Uno-Sanktionen", "US-Festland" → part of Vereinte Nationen / USA; "Süd- und Nordkorea" → the
    last conjunct (one mention can point at one entity only)."""
    words = surface.split(" ")
    if len(words) >= 3 and words[-2] in ("und", "and", "&", "oder", "or"):
        last = gazetteer().lookup(words[-1])
        if last is not None and last.relation is None:
            return last, "conjunct"
    if "-" in surface:
        head = gazetteer().lookup(surface.split("-")[0])
        if head is not None and head.relation is None:
            return head, "part"
    return None, None


def _gazetteer_reading(surface: str, label: str, hit: Hit | None, places: set[str]) -> Hit | None:
    """Places and organisations by the gazetteer (``hit``); a person keeps a name that is also a
    place ("Jordan"), unless the text names that place as a place elsewhere (``places``) or it is a
    capital (``_capital_city``), but a lower-case country adjective tagged as a person is an
    adjective ("nordkoreanische")."""
    if hit is None:
        return None
    if (label == "PER" and not (hit.relation == "adjective" and surface[:1].islower()) and hit.name not in places
            and not _capital_city(surface)):
        return None
    return hit


def _capital_city(surface: str) -> bool:
    """A one-word capital ("Pjöngjang erwarte Sicherheitsgarantien", "Moskau droht"): the news name
    governments by their capitals, so a tagger's person of that name is the place; not a first name
    ("Santiago", "Stanley")."""
    found = gazetteer().entry(strip_possessive(surface)) if " " not in surface else None
    return found is not None and found.kind == "capital" and not is_first_name((fold(surface),))


def _resolve_genitives(items: list[_Item]) -> None:
    """ "Kims" → "Kim" when "Kim" (or a person name beginning or ending with it) is also in the text;
    without such evidence a final s is kept, since many names end in one ("Hans", "Jonas")."""
    free = [it for it in items if it.hit is None]
    known = {it.tokens for it in free}
    per_names = [it.tokens for it in free if it.mention.label == "PER"]
    for it in free:
        stem = genitive_stem(it.tokens[-1])
        if stem is None:
            continue
        stemmed = (*it.tokens[:-1], stem)
        fits = stemmed in known or (
            it.mention.label == "PER" and any(_edge_of(stemmed, t) for t in per_names)
        )
        if fits:
            it.tokens = stemmed
            it.name = it.name[:-1] if it.name.endswith("s") else it.name


def _edge_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Is ``short`` the beginning or the end of ``long`` ("Moon Jae" of "Moon Jae In", "Trump")?"""
    n = len(short)
    return 0 < n < len(long) and (long[:n] == short or long[-n:] == short)


def _group(items: list[_Item]) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for it in items:
        if it.hit:
            key: tuple[str, ...] = ("gaz", it.hit.label, fold(it.hit.name))
        else:  # "Deutschen Bahn" and "Deutsche Bahn" are one organisation
            key = ("name", *(it.tokens if it.mention.label == "PER" else adjective_key(it.tokens)))
        group = groups.setdefault(key, _Group(key))
        group.items.append(it)
    ordered = list(groups.values())
    for gi, group in enumerate(ordered):
        for it in group.items:
            it.group = it.root = gi
    return ordered


def _attach_short_names(items: list[_Item], groups: list[_Group]) -> None:
    """A short name joins the longer person name it begins or ends. The short one may carry another
    label: taggers often read a lone surname as an organisation ("Trump's decision")."""
    persons = [gi for gi, g in enumerate(groups) if g.key[0] == "name" and g.label == "PER"]
    persons.sort(key=lambda gi: -len(groups[gi].key))
    shorts = [gi for gi, g in enumerate(groups) if g.key[0] == "name" and g.label in ("PER", "ORG", "MISC")]
    shorts.sort(key=lambda gi: -len(groups[gi].key))
    root: dict[int, int] = {}
    for gi in shorts:
        tokens = groups[gi].key[1:]
        longer = [hi for hi in persons if _edge_of(tokens, groups[hi].key[1:])]
        roots = sorted({root.get(hi, hi) for hi in longer})
        if len(roots) == 1:
            root[gi] = roots[0]
            for it in groups[gi].items:
                it.root = roots[0]
        elif roots:
            for it in groups[gi].items:  # ambiguous "Kim": the person last mentioned before it
                it.root = _most_recent(it, roots, items)
    # attached items' roots may point to groups that were themselves attached
    for it in items:
        while it.root in root and root[it.root] != it.root:
            it.root = root[it.root]


def _role_items(text: str, items: list[_Item], mentions: list[Mention]) -> list[_Item]:
    """Role words that stand for a person the text introduced with that role ("Nordkoreas
    Machthaber" after "Machthaber Kim Jong Un"), as mentions of that person (appended to ``mentions``);
    see ``entity_references``."""
    people: dict[int, set[Role]] = {}
    for it in items:
        if it.mention.label == "PER" and it.hit is None and it.relation is None:
            role = _own_role(text, it.mention.span) or introduced_role(text, it.mention.span.start)
            if role is not None:
                people.setdefault(it.root, set()).add(role)
    if not people:
        return []
    taken = [(m.span.start, m.span.end) for m in mentions]
    out = []
    for ref in role_references(text, taken):
        root = resolve_role(ref.role, people)
        if root is None:
            continue
        mention = Mention(ref.span, "PER")
        surface = text[ref.span.start : ref.span.end]
        out.append(_Item(len(mentions), mention, surface, surface, (fold(surface),), root=root))
        mentions.append(mention)
    return out


def _own_role(text: str, span: Span) -> Role | None:
    """The role a tagger's span begins with: "US-Präsident Donald Trump"."""
    role = None
    for word in re.finditer(r"\S+", text[span.start : span.end]):
        found = role_of(text, span.start + word.start(), span.start + word.end())
        if found is None:
            break
        role = found
    return role


def _most_recent(item: _Item, roots: list[int], items: list[_Item]) -> int:
    before = [o for o in items if o.root in roots and o.mention.span.start < item.mention.span.start]
    if before:
        return before[-1].root
    after = [o for o in items if o.root in roots]
    return after[0].root if after else roots[0]


def _attach_acronyms(items: list[_Item], groups: list[_Group]) -> None:
    """ "EZB" joins "Europäische Zentralbank" when it is the only organisation with those initials."""
    orgs = [gi for gi, g in enumerate(groups) if g.key[0] == "name" and g.label == "ORG"]
    for gi in orgs:
        names = {it.name for it in groups[gi].items}
        acronyms = {n for n in names if n.isupper() and n.isalpha() and 2 <= len(n) <= 6}
        if not acronyms:
            continue
        acronym = sorted(acronyms)[0].casefold()
        matches = [
            hi for hi in orgs if hi != gi and any(_initials(it.name) == acronym for it in groups[hi].items)
        ]
        if len(matches) == 1:
            for it in items:
                if it.root == gi:
                    it.root = matches[0]


def _initials(name: str) -> str:
    words = [w for w in clean(name).replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def _name_rank(name: str) -> tuple[int, int, int, int]:
    """``name_quality`` with the cited form of an adjective first: "Deutsche Bahn" names the entity,
    not the longer "Deutschen Bahn"."""
    words, capitalised, length = name_quality(name)
    return words, capitalised, nominative_adjectives(name), length


def _majority(items: list[_Item]) -> str:
    """The label most of ``items`` have ("MISC" for none); a tie goes to the label met first in the
    body: the tagger was trained on running text, not on headlines."""
    if not items:
        return "MISC"
    counts = Counter(it.mention.label for it in items)
    best = max(counts.values())
    ordered = sorted(items, key=lambda it: it.headline)  # stable: body first, each part in text order
    return next(it.mention.label for it in ordered if counts[it.mention.label] == best)


def _build(items: list[_Item], groups: list[_Group]) -> tuple[list[Entity], dict[int, str]]:
    members: dict[int, list[_Item]] = {}
    for it in items:
        members.setdefault(it.root, []).append(it)
    by_id: dict[str, Entity] = {}
    ids: dict[int, str] = {}
    for gi, its in sorted(members.items(), key=lambda kv: kv[1][0].mention.span.start):
        group = groups[gi]
        nominal = [it for it in its if it.relation is None]
        if group.key[0] == "gaz":
            hit = its[0].hit
            assert hit is not None
            name, label, key = hit.name, hit.label, group.key[2]
        else:
            own = [it for it in its if it.group == gi] or its
            label = _majority([it for it in own if it.relation is None])
            name = max(own, key=lambda it: (_name_rank(it.name), -it.mention.span.start)).name
            name = plain_form(name, {it.name for it in own})
            key = " ".join(group.key[1:])
        eid = entity_id(label, key)
        ids[gi] = eid
        entity = by_id.get(eid)
        if entity is None:
            relations = {it.relation for it in its}
            relation = next(iter(relations)) if len(relations) == 1 else None
            entity = by_id[eid] = Entity(eid, name, cast(EntityLabel, label), relation=relation)
        entity.mentions += len(its)
        for it in nominal:
            if it.surface != entity.name and it.surface not in entity.aliases:
                entity.aliases.append(it.surface)
    ordered = sorted(by_id.values(), key=lambda e: (_LABEL_ORDER.get(e.label, 9), -e.mentions, e.name))
    return ordered, ids


@register("entities")
class EntitiesStage(Stage):
    """Sets ``entity_id`` on every mention and puts the article's entities in ``doc.extras``. It also
    rewrites the mentions themselves (the gazetteer ruler adds some, one sense per text relabels some),
    so it assigns "mentions" too."""

    version = 1
    requires = ("mentions",)
    assigns = ("entities", "mentions", "title_mentions")

    def __init__(self, settings: Settings):
        self.ruler = bool(settings["entities.ruler"])
        self.ruler_adjectives = bool(settings["entities.ruler_adjectives"])

    def __call__(self, doc: Document) -> Document:
        """The headline and the text are read as one text, headline first (as a reader meets them),
        so that "Merz" in the text joins "Friedrich Merz" in the headline; the mentions are then
        handed back to their own field with their own offsets."""
        lang = doc.article.language if doc.article.language not in (None, "und") else None
        title = doc.separate_title
        shift = len(title) + len(TITLE_GAP) if title else 0
        text = f"{title}{TITLE_GAP}{doc.text}" if title else doc.text
        mentions = [*doc.title_mentions, *(_moved(m, shift) for m in doc.mentions)] if title else doc.mentions
        linked = link_mentions(
            text, mentions, lang=lang, ruler=self.ruler, ruler_adjectives=self.ruler_adjectives,
            headline_end=len(title) if title else 0,
        )
        relations = linked.relations
        placed = [
            dataclasses.replace(m, relation=relations.get((m.span.start, m.span.end), m.relation))
            for m in linked.mentions
        ]
        doc.title_mentions = [m for m in placed if m.span.end <= len(title or "")] if title else []
        doc.mentions = [_moved(m, -shift) for m in placed if m.span.start >= shift]
        doc.extras[ENTITIES_KEY] = linked.entities
        doc.extras[RELATIONS_KEY] = {(s - shift, e - shift): r for (s, e), r in relations.items() if s >= shift}
        return doc


TITLE_GAP = "\n\n"  # between headline and text when both are read as one


def _moved(m: Mention, by: int) -> Mention:
    return dataclasses.replace(m, span=Span(m.span.start + by, m.span.end + by)) if by else m


def entities_of(doc: Document) -> list[Entity]:
    """The document-level entities the stage found (empty if it has not run)."""
    return list(doc.extras.get(ENTITIES_KEY, []))


def mention_records(doc: Document, names: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Mentions in the export form (EVAL.md: start, end, label, entity_id, text) plus the entity's
    canonical ``name`` and the mention's ``relation``, for ``export`` and for highlighting in ``show``.
    ``names`` maps entity ids to canonical names (default: this document's entities)."""
    if names is None:
        names = {e.id: e.name for e in entities_of(doc)}
    relations = doc.extras.get(RELATIONS_KEY, {})
    return [
        {
            "start": m.span.start,
            "end": m.span.end,
            "label": m.label,
            "entity_id": m.entity_id,
            "text": doc.text[m.span.start : m.span.end],
            "name": names.get(m.entity_id) if m.entity_id else None,
            "relation": relations.get((m.span.start, m.span.end)),
        }
        for m in doc.mentions
    ]
