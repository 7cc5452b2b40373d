"""Mentions that are not names: a role standing for a person the text named, a capital standing for
its country's government.

- **Roles.** "Trump bezeichnete das Treffen mit Nordkoreas Machthaber als Fortschritt" in an article
  that wrote "Machthaber Kim Jong Un" means Kim Jong Un. A role word with no name after it refers to
  the one person the same text introduced with that role ("Machthaber Kim Jong Un",
  "Sicherheitsberater, Chung Eui Yong"). A country in front ("Nordkoreas Machthaber", "US-Präsident")
  must be one the person was introduced with ("der nordkoreanische Staatschef Kim Jong Un"). Nothing
  is resolved when two people fit, when the role is generic ("einem amtierenden US-Präsidenten"), a
  plural ("die Minister"), someone's ("sein Trainer") or a form of address ("Frau", "Herr").
- **Capitals.** "Pjöngjang erwarte aber Sicherheitsgarantien", "ein direkter Dialog der USA mit
  Pjöngjang": a capital that opens a sentence as its subject, or is the partner after "mit" or
  "gegen", names its country's government, so it is read as the country, when the text names that
  country too. "In Pjöngjang", a capital in a headline's dateline ("Moskau: …"), the capitals of
  Germany, Austria and Switzerland (also city states, whose own governments German news reports on),
  Brüssel (the EU more often than Belgium) and city states ("Hongkong") stay places.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Span
from .entity_names import fold, title_stem
from .gazetteer import Hit, gazetteer
from .name_priors import is_first_name

#: A word, hyphenated compounds included ("US-Präsident").
_WORD = re.compile(r"[^\W\d_][\w\u00ad]*(?:[-\u2010\u2011][\w\u00ad]+)*")
#: Roles that are forms of address or praise, not one office: "seine Frau", "der Star".
_NO_REFERENCE_WORDS = """
    herr frau dr prof mr mrs ms miss sir dame lord lady star profi legende ikone boss chef chefin führer
    anführer leader
    """
#: Words before a role that make it generic, someone's, or a plural.
_NOT_DEFINITE_WORDS = """
    ein eine einen einem einer eines kein keine keinen keinem keiner mein meine meinen meinem meiner dein
    deine sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere unseren unserem euer eure
    jeder jede jeden jedem alle allen beide beiden viele mehrere zwei drei a an
    """
_NO_REFERENCE = frozenset(fold(w) for w in _NO_REFERENCE_WORDS.split())
_NOT_DEFINITE = frozenset(fold(w) for w in _NOT_DEFINITE_WORDS.split())
#: Capitals that German news names for something else than their country's government: the city
#: state itself (Berlin, Wien, Bern) or the European Union (Brüssel).
_OTHER_SENSE = frozenset({"DE", "AT", "CH", "BE"})
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[„“\"]\s*)$")
_PARTNER = re.compile(r"\b(?:mit|gegen)\s+$")
_CONJUNCTIONS = frozenset({"und", "oder", "sowie", "als", "wie", "bzw", "noch"})


@dataclass(frozen=True, slots=True)
class Role:
    """A role as written before a name or alone: its folded stem and the country qualifying it."""

    key: str
    country: str | None


@dataclass(frozen=True, slots=True)
class RoleReference:
    span: Span
    role: Role


def role_of(text: str, start: int, end: int) -> Role | None:
    """The role the word ``text[start:end]`` names, with the country of a compound ("US-Präsident") or
    of one of the two words before it ("Nordkoreas Machthaber", "Südkoreas Nationaler
    Sicherheitsberater", "der nordkoreanische Staatschef")."""
    word = text[start:end]
    country = None
    head, _, rest = word.partition("-")
    if rest and (hit := _country(head)) is not None:
        word, country = rest, hit
    key = title_stem(word)
    if key is None:
        return None
    if country is None:
        for before in _words_before(text, start, 2):
            if (hit := _country(before)) is not None:
                country = hit
                break
    return Role(key, country)


def introduced_role(text: str, start: int) -> Role | None:
    """The role written right before a name that starts at ``start``: "Machthaber Kim Jong Un",
    "US-Präsident Donald Trump", "Sicherheitsberater, Chung Eui Yong"."""
    lo = max(0, start - 80)
    before = text[lo:start].rstrip()
    if len(before) == start - lo:
        return None  # no space before the name: "US-Präsident" is a compound, not a role before a name
    if "\n" in text[lo + len(before) : start]:
        return None  # a headline's last word is not the role of the text's first name ("… Bundestrainer\nAlexander Zverev")
    before = before.removesuffix(",")
    cut = max(before.rfind(" "), before.rfind("\n"), before.rfind("\t"), before.rfind("\u00a0")) + 1
    if _WORD.fullmatch(before, cut) is None:
        return None
    return role_of(text, lo + cut, lo + len(before))


def role_references(text: str, taken: list[tuple[int, int]]) -> list[RoleReference]:
    """Role words with no name after them and outside every mention (``taken``), that may refer to a
    person the text introduced."""
    taken = sorted(taken)
    starts = [s for s, _ in taken]
    out = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        if not text[start].isupper() or _inside(taken, starts, start, end):
            continue
        role = role_of(text, start, end)
        if role is None or role.key in _NO_REFERENCE:
            continue
        after = text[end : end + 4]
        if re.match(r",?\s*[A-ZÄÖÜ]", after) or after[:1] in "-\u2010\u2011" or _name_follows(text, end, starts):
            continue  # a name (perhaps untagged) or a compound follows: "Trainer Müller", "Kanzler-Rede"
        previous = _words_before(text, start, 1)
        if previous and (fold(previous[0]) in _NOT_DEFINITE or _plural(previous[0], m.group())):
            continue
        out.append(RoleReference(Span(start, end), role))
    return out


def _inside(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps a mention of ``taken`` (sorted; ``starts`` its starts)."""
    i = bisect_left(starts, end)  # mentions from i on start at or after ``end``
    return any(e > start for _, e in taken[max(0, i - 8) : i])  # mentions do not nest deeply


def _name_follows(text: str, end: int, starts: list[int]) -> bool:
    """A mention starts right after ``end``, past spaces only: "Trainer de la Fuente" (not
    "Kremlchef: Trump kritisiert")."""
    i = bisect_left(starts, end)
    return i < len(starts) and starts[i] <= end + 3 and not text[end : starts[i]].strip()


def resolve_role(reference: Role, people: dict[int, set[Role]]) -> int | None:
    """The one person (key of ``people``: the roles each was introduced with) the reference fits."""
    fits = [
        person
        for person, roles in people.items()
        if any(r.key == reference.key for r in roles)
        and (reference.country is None or reference.country in {r.country for r in roles})
    ]
    return fits[0] if len(fits) == 1 else None


def government_reading(text: str, start: int, end: int, hit: Hit | None, named: set[str]) -> Hit | None:
    """The country a capital at ``text[start:end]`` stands for when it acts as its government
    ("Pjöngjang erwarte", "Dialog … mit Pjöngjang"), else None. The text must name that country too
    (``named``: the places its mentions name, adjectives included): "London eignet sich fürs
    Set-Jetting" in a travel piece is the city."""
    if hit is None or hit.relation is not None or hit.label != "LOC":
        return None
    surface = text[start:end]
    found = gazetteer().entry(surface)
    if found is None or found.kind != "capital" or found.code in _OTHER_SENSE or " " in surface:
        return None
    country = gazetteer().country(found.code)
    if country is None or country.name not in named or found.name in country.name:
        return None  # "Hongkong" of "Sonderverwaltungsregion Hongkong" is the city
    if is_first_name((fold(surface),)):
        return None  # "Victoria wurde 34 Jahre alt"
    before, after = text[max(0, start - 12) : start], text[end : end + 30]
    verb = re.match(r"\s+([a-zäöüß]+)\b", after)
    subject = (
        _SENTENCE_START.search(before) is not None
        and verb is not None
        and verb.group(1) not in _CONJUNCTIONS
        and not re.match(r"\s*[:(]", after)
    )
    if subject or _PARTNER.search(before):
        return country.hit
    return None


def _country(word: str) -> str | None:
    hit = gazetteer().lookup(word) if word[:1].isalpha() else None
    return hit.name if hit is not None and hit.label == "LOC" else None


def _words_before(text: str, start: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``start`` in the same clause, nearest first."""
    chunk = text[max(0, start - 60) : start]
    cut = max(chunk.rfind(c) for c in ".!?;:\n\"„“()")
    words = _WORD.findall(chunk[cut + 1 :])
    return words[::-1][:n]


def _plural(determiner: str, role: str) -> bool:
    """ "die Minister" (a masculine role after "die" is a plural; "die Kanzlerin" is one woman)."""
    return fold(determiner) == "die" and not fold(role).endswith(("in", "e"))
