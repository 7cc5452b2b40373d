"""The ``ner`` stage: entity mentions for German (own models) and English (``english.py``) documents.

Setting ``ner.profile`` picks the German model: ``accurate`` (e5-small tagger on onnxruntime) or
``fast`` (spaCy CNN). Sentences are tagged one by one (long ones in overlapping windows), batched across
documents; mentions carry character offsets into the article text. The spaCy Doc from the
``sentences`` stage, when present, gets the same entities in ``Doc.ents``. Other languages get no
mentions and a note in ``doc.extras["notes"]``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ...model import Mention, Span
from ...pipeline import Stage, register
from ..bylines import GENRES
from ..common_words import is_common_word, is_function_word, rarely_names
from ..entity_names import fold, genitive_stem
from ..gazetteer import gazetteer
from ..gazetteer import lookup as gazetteer_lookup
from ..marks import mark_end
from ..name_priors import bearer, is_first_name
from .tagger import PROFILES, load_tagger

if TYPE_CHECKING:
    from ...model import Document
    from ...settings import Settings

GERMAN = ("de",)


def _english() -> Any:
    try:
        return importlib.import_module("storyline.nlp.ner.english")
    except ImportError:
        return None


def set_spacy_ents(sdoc: Any, spans: list[tuple[int, int, str]]) -> None:
    """Put character spans on a spaCy Doc as ``Doc.ents`` (expanded to token bounds, no overlaps)."""
    from spacy.util import filter_spans

    ents = []
    for s, e, lab in spans:
        sp = sdoc.char_span(s, e, label=lab, alignment_mode="expand")
        if sp is not None and len(sp):
            ents.append(sp)
    sdoc.ents = filter_spans(ents)


#: lower-case words that belong inside names ("Ursula von der Leyen", "Bundesagentur für Arbeit",
#: "Tour de Ski", "Battle of the Sexes"); any other lower-case word inside a name is a headline's verb
#: or noun that the tagger ran into ("Kiel holt Tohumcu", "Dynamo Dresden holt")
NAME_PARTICLES = frozenset(
    {
        "von", "vom", "van", "de", "der", "den", "des", "dem", "du", "di", "da", "la", "le", "del", "della",
        "dos", "das", "zu", "zum", "zur", "y", "bin", "ibn", "al", "el", "ten", "ter", "op", "af", "of", "the",
        "and", "für", "am", "an", "im", "in", "auf", "aus", "bei", "und", "&"
    }
)


#: word parts that make "X der/für Y" an organisation's name ("Bundesagentur für Arbeit", "Alternative
#: für Deutschland", "Verband der Automobilindustrie"); without one, such an "organisation" in a
#: headline is a phrase ("Bilder des Jahres", "Weg zum Wunschbrowser", "Operation an der Hüfte")
_ORG_CUES = (
    "agentur", "amt", "anstalt", "akademie", "alternative", "armee", "aktion", "ausschuss", "bank", "behörde",
    "bewegung", "bund", "bündnis", "center", "centre", "club", "dienst", "fonds", "forum", "fraktion", "front",
    "garde", "gemeinde", "gericht", "gesellschaft", "gewerkschaft", "gruppe", "haus", "hochschule", "hof",
    "initiative", "institut", "kammer", "kasse", "kirche", "klub", "kolleg", "komitee", "kommission",
    "koalition", "konferenz", "konzern", "liga", "magazin", "ministerium", "miliz", "museum", "netzwerk", "orchester",
    "organisation", "partei", "polizei", "rat", "regierung", "rundfunk", "schule", "senat", "sender", "stelle",
    "stiftung", "theater", "union", "universität", "verband", "verein", "versicherung", "werk", "zeitung",
    "zentrale", "zentrum", "team", "freunde", "ärzte", "reporter", "staat", "orden",
)
_PHRASE_WORDS = frozenset({"des", "der", "den", "dem", "für", "zum", "zur", "vom", "an", "am", "im", "aus", "auf",
                           "bei", "meines", "meiner", "unserer", "unseres"})


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _capital(word: str) -> bool:
    """Whether a word starts like a name: a capital or a digit, after any invisible joiner
    ("Donald \u2060Trump" occurs in the stream)."""
    head = word.lstrip(_INVISIBLE)[:1]
    return head.isupper() or head.isdigit()


def _is_phrase(surface: str) -> bool:
    """An 'organisation' that is a headline's noun phrase: German function words inside, no word
    that begins or ends (German compounds) like an organisation's ("Zentralrat", "Bundesamt"), no
    acronym ("FC", "AfD")."""
    words = surface.split()
    if len(words) < 3 or not any(w in _PHRASE_WORDS for w in words[1:-1]):
        return False
    if any(sum(c.isupper() for c in w) >= 2 for w in words):
        return False
    return not any(w.lower().strip("-").endswith(_ORG_CUES) or w.lower().startswith(_ORG_CUES) for w in words)


_PAYWALL = re.compile(r"^(?:[A-ZÄÖÜ]{2,}|Z)\+\s*")  # "FAZ+", ZEIT's "Z+"
#: a byline run into the author's name: "Von Peter Wagner" (not "Von der Leyen", "Von Weizsäcker")
_BYLINE = re.compile(r"^(?:Von|VON)\s+(?=[A-ZÄÖÜ][\w.-]*\s+(?:(?:von|van|de|der|den|di|da|dos|du|ter|zu)\s+)*[A-ZÄÖÜ])")
#: a preposition the tagger took into a person's name: "von Jill Bidens" (the first name decides)
_VON = re.compile(r"(?:von|vom)\s+([A-ZÄÖÜ][\w-]*)\s+[A-ZÄÖÜ]")
#: "Luke Littler & Ricardo Pietreczko", "Luke Littler & Co.": two people, or one and company
_PERSON_JOINS = frozenset({"&", "und", "and"})
_NOT_PEOPLE = frozenset({"Co.", "Co", "Konsorten"})
#: a name's own full stop: "Apple Inc.", "Leo XIV.", "Hauptstr." (the sentence's is cut: "… die AfD.")
_ABBREVIATED = re.compile(r"(?:[IVXLC]+|Inc|Ltd|Corp|Bros|Prof|Mrs|Str|Ges|Jun|Sen|Nr)", re.IGNORECASE)
#: initials only: "A. Z" of the "F. A. Z. Podcast", "L.A.", "E.T."
_INITIALS = re.compile(r"(?:[A-ZÄÖÜ]\.\s?)+[A-ZÄÖÜ]?\.?")


def _possessive_end(surface: str) -> int | None:
    """Where the name ends in an English possessive followed by more words, or None."""
    hit = re.search(r"['’]s\s+\S", surface)
    return hit.start() if hit is not None and hit.start() > 0 else None


def _possessives_cut(mentions: list[Mention], text: str) -> list[Mention]:
    """English "people" that run on past a possessive ("Trump’s Aggression Toward Venezuela", a
    headline the English model took for one name) are the name before it."""
    out = []
    for m in mentions:
        cut = _possessive_end(text[m.span.start : m.span.end]) if m.label == "PER" else None
        out.append(dataclasses.replace(m, span=Span(m.span.start, m.span.start + cut)) if cut else m)
    return out


def _trimmed(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Person and organisation names cleaned of what the tagger ran into in headlines: trailing
    lower-case words and particles are cut ("Selenskyj holt" → "Selenskyj", "Im Duell der" → "Im
    Duell"), and a name broken by a lower-case word that is no particle is split into its runs of
    capitalised words ("Schalke 04 holt Lüftl" → "Schalke 04", "Lüftl"); persons joined by "&" or
    "und" are two names ("Luke Littler & Co." → "Luke Littler"); a byline's "Von" is not part of the
    author's name; a headline phrase tagged as an organisation is dropped (``_is_phrase``)."""
    out: list[tuple[int, int, str]] = []
    for s, e, lab in _unglued(spans, text):
        if paywall := _PAYWALL.match(text[s:e]):  # "FAZ+Adenauers 150. Geburtstag": the outlet's mark
            s += paywall.end()
            if s >= e:
                continue
        if lab == "PER" and (byline := _BYLINE.match(text[s:e])):  # "Von Peter Wagner": the author
            s += byline.end()
        elif lab == "PER" and (von := _VON.match(text, s, e)) and _first_name_word(von.group(1)):
            s = von.start(1)  # "Frau von Jill Bidens Ex-Mann": a preposition; "von der Leyen" stays
        surface = text[s:e]
        last = surface.rstrip(".").rsplit(" ", 1)[-1]
        if surface.endswith(".") and (len(last) >= 3 or (len(last) == 2 and last.isupper())) \
                and not _ABBREVIATED.fullmatch(last) and "." not in last.rstrip("0123456789"):
            e = s + len(surface.rstrip("."))  # "Bundesverfassungsschutz prüft die AfD." ends a sentence
            surface = text[s:e]
        if lab == "PER" and surface.count(" ") >= 2 and _country(surface.rsplit(" ", 1)[1]):
            e = s + surface.rfind(" ")  # "Wie Konrad Adenauer Deutschland prägte": the country is its own name
            surface = text[s:e]
        if lab == "LOC" and " " in surface:  # "Hannover holt", "Bosnien im", "Selenskyj in": a place ends capitalised
            e = s + _place_end(surface)
            surface = text[s:e]
        if lab not in ("PER", "ORG") or " " not in surface or not _capital(surface):
            out.append((s, e, lab))  # one word, or a brand written lower-case ("dpa", "heise online")
            continue
        if lab == "ORG" and _is_phrase(surface):
            continue
        if lab == "PER" and (cut := _possessive_end(surface)) is not None:
            out.append((s, s + cut, lab))  # "Trump's Aggression Toward Venezuela" names Trump
            continue
        run: list[tuple[int, int]] = []  # words of the current run: (start, end)
        pos = s
        for word in surface.split(" "):
            ws, we = pos, pos + len(word)
            pos = we + 1
            joins_people = lab == "PER" and word in _PERSON_JOINS
            if word and not joins_people and (_capital(word) or (run and word in NAME_PARTICLES)):
                run.append((ws, we))
                continue
            out.extend(_run_span(run, text, lab))
            run = []
        out.extend(_run_span(run, text, lab))
    # a letter is nobody: "… Innenminister Dobrindt im neuen Jahr. D..." (a teaser cut off mid-word)
    return [(a, b, lab) for a, b, lab in out
            if lab != "PER" or (text[a:b] not in _NOT_PEOPLE and len(text[a:b].rstrip(".")) > 1
                                and not _INITIALS.fullmatch(text[a:b]))]


def _country(word: str) -> bool:
    """Whether ``word`` is a country's name ("Deutschland", "USA"), as the gazetteer knows it."""
    entry = gazetteer().entry(word)
    return entry is not None and entry.kind == "country"


#: A nickname in quotation marks and the surname after it: ' „bunnie“ Huang' of "Andrew „bunnie“ Huang"
_NICKNAME = re.compile(r" [„\"»‚›“'](?:[^\s„“”\"»«‚‘’›‹]{2,20} ?){1,3}[“”\"«‘’‹'] ([A-ZÄÖÜ][\w-]*)")


def _before(spans: list[tuple[int, int, str]], first: int, end: int) -> list[tuple[int, int, str]]:
    """The (sorted) spans from index ``first`` on that begin before ``end``."""
    out = []
    for span in islice(spans, first, None):
        if span[0] >= end:
            break
        out.append(span)
    return out


def _joined(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The tagger's spans of one text cleaned (``_trimmed``) and the parts of a name it split joined
    (``_nicknamed``, ``_first_names_joined``); an outlet's paywall mark at the text's start
    ("Z+ (abopflichtiger Inhalt); ", "SZ Plus") names nobody (``marks.mark_end``)."""
    if cut := mark_end(text):
        spans = [(max(s, cut), e, lab) for s, e, lab in spans if e > cut]
    return _first_names_joined(_nicknamed(_trimmed(spans, text), text), text)


def _nicknamed(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A person's name with a nickname in quotation marks between first name and surname is one
    name ("der Hacker Andrew „bunnie“ Huang", "Wladimir „Dr. Steelhammer“ Klitschko"), which the
    tagger splits or cuts off after the first name; alone, the first name would join any other
    "Andrew" the stream knows. Persons the tagger found inside the quotes or in the surname join it."""
    out: list[tuple[int, int, str]] = []
    absorbed = -1
    for k, (s, e, lab) in enumerate(spans):
        if s < absorbed:
            continue
        hit = _NICKNAME.match(text, e) if lab == "PER" else None
        if hit is not None:  # the spans (sorted) that begin before the surname ends
            end = hit.end()
            inside = _before(spans, k + 1, end)
            if all(other == "PER" for _, _, other in inside):
                absorbed = max([end, *(b for _, b, _ in inside)])
                out.append((s, absorbed, "PER"))
                continue
        out.append((s, e, lab))
    return out


def _first_names_joined(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """A first name (or its genitive) tagged apart from the person name right after it is part of
    it: the headline "Elons Musks KI Grok erstellt Bilder …" came out of the tagger as an
    organisation "Elons" beside a person "Musks", and the organisation found nobody."""
    spans = sorted(spans)
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        if out and lab == "PER" and text[out[-1][1] : s] == " " and _first_name_word(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], e, "PER")
            continue
        out.append((s, e, lab))
    return out


def _first_name_word(word: str) -> bool:
    """One capitalised word that is a first name, or a first name's genitive ("Elons")."""
    if not word.isalpha() or not word[:1].isupper():
        return False
    key = fold(word)
    return is_first_name((key,)) or ((stem := genitive_stem(key)) is not None and is_first_name((stem,)))


def _words(s: int, e: int, text: str) -> list[tuple[int, int]]:
    out, pos = [], s
    for word in text[s:e].split(" "):
        if word:
            out.append((pos, pos + len(word)))
        pos += len(word) + 1
    return out


def _split_von(s: int, e: int, text: str) -> list[tuple[int, int, str]] | None:
    """"Kennedy Okpala von Waldhof Mannheim": a full name, then "von"/"vom" and a name of two or
    more capitalised words is a person and the club or body they come from, not a noble name
    ("Johann Wolfgang von Goethe", "Ursula von der Leyen", "Gloria von Thurn und Taxis" stay). A name
    before "von" and ordinary words after it is that name ("Goethe vom Sockel"); an ordinary word
    before it is a description, no name at all ("Held von Bondi Beach": ``[]``)."""
    words = _words(s, e, text)
    for i, (ws, we) in enumerate(words):
        if text[ws:we] in ("von", "vom") and i >= 1:
            after, before = words[i + 1 :], text[words[0][0] : words[i - 1][1]]
            last = fold(text[words[i - 1][0] : words[i - 1][1]])
            if after and all(is_common_word(text[a:b]) for a, b in after) and not (
                    is_first_name((last,)) or all(is_common_word(w) for w in before.split())):
                return [(words[0][0], words[i - 1][1], "PER")]  # "Goethe vom Sockel": Goethe
            if i == 1 and len(after) >= 2 and is_common_word(before) and not is_first_name((last,)):
                return []  # "Held von Bondi Beach": a description, no name
            if i >= 2 and len(after) >= 2 and all(_capital(text[a:b]) for a, b in after):
                return [(words[0][0], words[i - 1][1], "PER"), (after[0][0], after[-1][1], "ORG")]
    return None


def _surnames(fields: list[tuple[list[tuple[int, int, str]], str]], but: tuple[int, int, str]) -> set[str]:
    """Last words of the document's multi-word person names (other than ``but``), genitive -s
    folded ("Hansi Flicks")."""
    out: set[str] = set()
    for spans, text in fields:
        for s, e, lab in spans:
            words = text[s:e].split()
            if lab == "PER" and len(words) >= 2 and (s, e, lab) != but:
                out.add(words[-1])
                out.add(words[-1][:-1] if words[-1].endswith("s") and len(words[-1]) > 3 else words[-1])
    return out


def _split_runs(fields: list[tuple[list[tuple[int, int, str]], str]]) -> list[list[tuple[int, int, str]]]:
    """Two names the tagger ran together into one person: "Kennedy Okpala von Waldhof Mannheim",
    and in a headline "Wie Flick Barça verändert hat" when the document names "Hansi Flick" (a
    surname of the document followed by one more word is that person and something else: what the
    document calls that word elsewhere, an organisation otherwise)."""
    labels = {text[s:e]: lab for spans, text in fields for s, e, lab in spans if " " not in text[s:e]}
    labels.update({w: lab for spans, text in fields for s, e, lab in spans if lab != "PER"
                   for w in text[s:e].split()})
    out: list[list[tuple[int, int, str]]] = []
    for spans, text in fields:
        kept: list[tuple[int, int, str]] = []
        for s, e, lab in spans:
            words = _words(s, e, text)
            parts = _split_von(s, e, text) if lab == "PER" else None
            if (parts is None and lab == "PER" and len(words) == 2
                    and text[words[0][0] : words[0][1]] in (surnames := _surnames(fields, (s, e, lab)))):
                second = text[words[1][0] : words[1][1]]
                if second not in surnames and text[s:e] not in {text[a:b] for a, b, _ in spans if (a, b) != (s, e)}:
                    parts = [(words[0][0], words[0][1], "PER"), (words[1][0], words[1][1], labels.get(second, "ORG"))]
            kept.extend(parts if parts is not None else [(s, e, lab)])
        out.append(kept)
    return out


def _without_rare_names(fields: list[tuple[list[tuple[int, int, str]], str]]) -> list[list[tuple[int, int, str]]]:
    """One-word persons and organisations whose word the tagger leaves outside names in most of its
    uses (``common_words.rarely_names``: "Böller", "Feuerwerk", "Kolumne", "Woche") are dropped; a
    person stays when the document names someone with that surname ("Markus Anfang" … "Anfang") or
    the news mostly mean one person by it (``name_priors.bearer``). A "person" of ordinary words only
    goes too (``_ordinary_words``), and so does a one-word name that is a function word ("Die" of a
    title cut short, "The", "IHRE"), unless it is a place (the river "Oder")."""
    rare = rarely_names()
    out: list[list[tuple[int, int, str]]] = []
    for spans, text in fields:
        kept = []
        whole = text.strip()  # a field that one name fills may be an overline (``_overline``)
        for s, e, lab in spans:
            word = text[s:e]
            if lab != "LOC" and " " not in word and is_function_word(word):
                continue
            rare_word = lab in ("PER", "ORG") and " " not in word and word in rare
            if rare_word and (lab == "ORG" or not (word in _surnames(fields, (s, e, lab)) or bearer((word,)))):
                continue
            if lab == "PER" and _ordinary_words(word):
                continue
            if word.strip() == whole and _overline(word):
                continue
            kept.append((s, e, "LOC" if lab == "PER" and _place_word(word) else lab))
        out.append(kept)
    return out


#: Kinds of piece an outlet names in place of a teaser: the written ones of bylines, and the rest
_PIECES = frozenset((*GENRES, "fotostrecke", "bildergalerie", "bilderstrecke", "interview", "podcast", "video",
                     "liveblog", "newsblog", "porträt", "rezension"))


def _overline(name: str) -> bool:
    """A field that is nothing but ``name``, a short phrase of ordinary words, is an overline, not a
    name: the "teasers" "Öffnen" (22 on the stream), "Neue Umfrage", "Drastische Worte", "Nukleare
    Abschreckung" and "Teure Lektion", read whole as places and organisations, and a kind of piece
    ("Leitartikel", "Fotostrecke"). A known name ("Bayern"), a name beginning with a first name and
    one that begins with no ordinary word ("Washington Post", "Bodo Ramelow") stay."""
    words = name.split()
    if not 1 <= len(words) <= 3:
        return False
    if name.strip().casefold() in _PIECES:
        return True  # FR's teasers "Leitartikel", "Fotostrecke"
    first = words[0]
    if not first[:1].isupper() or first.isupper() or not is_common_word(first) or is_first_name((fold(first),)):
        return False  # "ZDF", "BBC": acronyms the ordinary-word list holds
    if gazetteer_lookup(name) is not None or (first.endswith("er") and _place_named(first[:-2])):
        return False  # a known name; "Frankfurter Rundschau"
    return not (len(words) == 2 and _place_named(words[1]))  # "Oper Bonn", "Zoo Leipzig"


def _place_named(word: str) -> bool:
    """Whether ``word`` is a place the gazetteer knows by this name."""
    hit = gazetteer_lookup(word) if word else None
    return hit is not None and hit.label == "LOC"


def _place_word(word: str) -> bool:
    """A one-word "person" that is a place the gazetteer knows by this very name, or its genitive,
    and no first name: "Israels Ministerpräsident", "Gabun" (the tagger's persons; 27 mentions on
    the stream). "Sydney" and "Hesse" (Hermann Hesse; Hessen in English) stay persons."""
    if " " in word or not word[:1].isupper():
        return False
    for form in (word, word[:-1] if word.endswith("s") and len(word) > 4 else ""):
        hit = gazetteer_lookup(form) if form else None
        if hit is not None and hit.label == "LOC" and hit.relation is None and hit.name == form:
            return not is_first_name((fold(form),))
    return False


def _ordinary_words(name: str) -> bool:
    """A "person" of two or more ordinary German words and no first name: "Deutscher Star", "Irans
    Führer", "Enormer Andrang" (headline phrases the tagger read as names)."""
    words = name.replace("-", " ").split()
    return (len(words) >= 2 and all(w[:1].isupper() and is_common_word(w) for w in words)
            and not any(is_first_name((fold(w),)) for w in words))


def _shouting(text: str) -> bool:
    """An all-caps field ("KANZLER MERZ TRIFFT MACRON"): capitals say nothing there, and the tagger
    calls whole runs of words names."""
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"  # a regex's [\w-]


def _whole_words(text: str, names: dict[str, str], any_case: bool) -> list[tuple[int, int, str]]:
    """Occurrences of ``names`` in ``text`` as whole words (no word character or hyphen on either
    side) with their labels: leftmost first, the longest name where several begin at one place, none
    overlapping. ``any_case``: in any case ("MERZ" for "Merz"; a regular expression then, as case
    folding may change lengths); otherwise by ``str.find``, since compiling a pattern of each
    document's names cost more than the search."""
    if any_case:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                             + r")(?![\w-])", re.IGNORECASE)
        lookup = {n.casefold(): lab for n, lab in names.items()}
        return [(h.start(), h.end(), lookup[h.group().casefold()]) for h in pattern.finditer(text)]
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
                found.append((at, -len(name), name))
            at = text.find(name, at + 1)
    out: list[tuple[int, int, str]] = []
    for at, minus, name in sorted(found):
        if not out or at >= out[-1][1]:
            out.append((at, at - minus, names[name]))
    return out


def _consistent(found: list[list[tuple[int, int, str]]], texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """One document names a person or organisation the same way throughout: where the tagger found
    "Jonas Meffert" in the teaser, "Meffert" at the start of the headline (where capitals say
    nothing) and a second "Jonas Meffert" are the same names. Whole names and the surnames of
    persons are looked for as whole words, not inside compounds ("Meffert-Wechsel"). An all-caps
    field keeps only the names the other fields give it, in any case ("MERZ", "PARIS"), when they
    give any."""
    names: dict[str, str] = {}
    shouts = [_shouting(text) for text in texts]
    for spans, text, shouting in zip(found, texts, shouts, strict=True):
        if shouting:
            continue
        for s, e, lab in spans:
            names.setdefault(text[s:e], lab)
            words = text[s:e].split()
            if lab == "PER" and len(words) >= 2 and len(words[-1]) > 3 and _capital(words[-1]):
                names.setdefault(words[-1], lab)
    out = []
    for spans, text, shouting in zip(found, texts, shouts, strict=True):
        wanted = {n: lab for n, lab in names.items() if shouting or lab in ("PER", "ORG")}
        if shouting and names:
            spans = []  # the other fields say what the names are; alone, the tagger's guess stays
        if not wanted:
            out.append(spans)
            continue
        taken = [(s, e) for s, e, _ in spans]
        extra = [(a, b, lab) for a, b, lab in _whole_words(text, wanted, shouting)
                 if not any(s < b and a < e for s, e in taken)]
        out.append(sorted([*spans, *extra]) if extra else spans)
    return out


#: a kicker glued to its headline ("Fußball-Bundesliga:Stuttgart …", "KI:Die …"; some outlets leave out
#: the space), or a bracket or quotation mark the name does not close ("Golden Beach (Florida",
#: "Dresden-»Tatort", "Fremde“: Er tötet")
_GLUE = re.compile(r"(?<=\w):(?=\w)|\s*\((?![^)]*\))")
_QUOTE = re.compile(r"[-\s]*[»«„“”\"][-\s]*")


def _unglued(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Spans cut where the tagger ran a name across a glued kicker, an unclosed bracket or an
    unpaired quotation mark (``_GLUE``): each side that still holds a letter keeps the label.
    Balanced brackets and quotes stay inside ("Andrew „bunnie“ Huang", "Halle (Saale)")."""
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        cuts = [(m.start() + s, m.end() + s) for m in _GLUE.finditer(text[s:e])]
        quotes = list(_QUOTE.finditer(text[s:e]))
        if len(quotes) == 1:  # one quotation mark: it opens or closes what the name is not part of
            cuts = sorted([*cuts, (quotes[0].start() + s, quotes[0].end() + s)])
        if not cuts:
            out.append((s, e, lab))
            continue
        starts, ends = [s, *(b for _, b in cuts)], [*(a for a, _ in cuts), e]
        for a, b in zip(starts, ends, strict=True):
            while a < b and not text[a].isalnum():
                a += 1
            while b > a and not (text[b - 1].isalnum() or text[b - 1] in ".)"):
                b -= 1
            if any(ch.isalpha() for ch in text[a:b]):
                out.append((a, b, lab))
    return out


def _place_end(surface: str) -> int:
    """Where a place's name ends once the lower-case words the tagger ran on into are cut ("Hannover
    holt" → "Hannover"; "Frankfurt am Main" and "Côte d’Ivoire" stay whole)."""
    words = surface.split(" ")
    while len(words) > 1 and words[-1].isalpha() and words[-1].islower():
        words.pop()
    return len(" ".join(words))


def _run_span(run: list[tuple[int, int]], text: str, lab: str) -> list[tuple[int, int, str]]:
    while run and not _capital(text[run[-1][0] : run[-1][1]]):
        run = run[:-1]  # a run ends in a capitalised word or a number, never in a particle
    return [(run[0][0], run[-1][1], lab)] if run else []


@register("ner")
class NerStage(Stage):
    version = 1
    requires = ("sentences", "tokens", "article.language")
    assigns = ("mentions", "title_mentions")

    def __init__(self, settings: Settings):
        profile = str(settings.get("ner.profile", "accurate"))
        if profile not in PROFILES:
            from ...errors import ConfigError

            raise ConfigError(f"ner.profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        self.profile = profile

    @staticmethod
    def _language(doc: Document) -> str:
        return (doc.article.language or "").split("-")[0].lower()

    def _german(self, docs: list[Document]) -> None:
        """Every sentence of every text, and each headline that is not the text itself, tagged in one
        batch; a headline is one more 'sentence' whose mentions keep offsets into the title."""
        jobs: list[tuple[int, int]] = []  # (doc index, sentence start; -1 = the title)
        texts: list[str] = []
        for di, doc in enumerate(docs):
            sents = doc.sentences or ([Span(0, len(doc.text))] if doc.text.strip() else [])
            for sent in sents:
                chunk = doc.text[sent.start : sent.end]
                if chunk.strip():
                    jobs.append((di, sent.start))
                    texts.append(chunk)
            if title := doc.separate_title:
                jobs.append((di, -1))
                texts.append(title)
        results = load_tagger(self.profile).tag(texts) if texts else []
        found: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        in_title: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (di, off), spans in zip(jobs, results, strict=True):
            if off < 0:
                in_title[di].extend(spans)
            else:
                found[di].extend((s + off, e + off, lab) for s, e, lab in spans)
        for doc, spans, heads in zip(docs, found, in_title, strict=True):
            title = doc.separate_title or ""
            spans, heads = _consistent(_split_runs([(_joined(spans, doc.text), doc.text), (_joined(heads, title), title)]),
                                       [doc.text, title])
            spans, heads = _without_rare_names([(spans, doc.text), (heads, title)])
            spans = sorted(spans)
            doc.mentions = [Mention(Span(s, e), lab) for s, e, lab in spans]  # type: ignore[arg-type]
            doc.title_mentions = [Mention(Span(s, e), lab) for s, e, lab in sorted(heads)]  # type: ignore[arg-type]
            sdoc = doc.extras.get("spacy")
            if sdoc is not None:
                with contextlib.suppress(ValueError, AttributeError):
                    set_spacy_ents(sdoc, spans)

    def _other(self, doc: Document, lang: str) -> None:
        if lang == "en":
            mod = _english()
            if mod is not None and hasattr(mod, "english_mentions"):
                doc.mentions = _possessives_cut(list(mod.english_mentions(doc)), doc.text)
                return
            note = "ner: no English NER model available (storyline.nlp.ner.english missing)"
        else:
            note = f"ner: no NER model fits language {lang or 'unknown'!r}; no mentions"
            doc.mentions = []
        doc.extras.setdefault("notes", []).append(note)

    def _run(self, docs: list[Document]) -> None:
        german = [d for d in docs if self._language(d) in GERMAN]
        if german:
            self._german(german)
        for d in docs:
            lang = self._language(d)
            if lang not in GERMAN:
                self._other(d, lang)

    def __call__(self, doc: Document) -> Document:
        self._run([doc])
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        it = iter(docs)
        while batch := list(islice(it, max(batch_size, 1))):
            self._run(batch)
            yield from batch
