"""The temporal tagger: extraction once per text, resolution once per anchor.

``extract`` runs the language's rules over the text, keeps the longest non-overlapping matches and
notes each expression's sentence and the direction of its clause (tense and cue words: "hatten sich
am Dienstag geeinigt" looks back, "soll bis Ende Mai stattfinden" ahead). The result,
an ``Extraction``, knows nothing about the publication date; ``Extraction.resolve(anchor)`` turns it
into ``TimeMention``s and is cheap enough to call again whenever the article's date changes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from ...model import Span, TimeMention
from . import lexicon as L
from .de.fragments import MON
from .expr import Expr
from .normalize import valid_anchor
from .patterns import Rule
from .resolve import resolve_all

_WORD = re.compile(r"\w+(?:'\w+)?")
_TOKEN = re.compile(r"\w+")
# A full stop after a one- or two-digit number ends a sentence ("auf Platz 5. Am …") unless a month
# follows: then the number is a day ("am 4. November").
_SENT_END = re.compile(
    r"(?<!\b\d\.)(?<!\b\d\d\.)(?<=[.!?:])\s+(?=[\"„»“A-ZÄÖÜ0-9])"
    rf"|(?:(?<=\b\d\.)|(?<=\b\d\d\.))\s+(?=[\"„»“A-ZÄÖÜ])(?!{MON})"
    r"|\n\s*\n|\n(?=[A-ZÄÖÜ\"„»])"
)
_FUTURE_DE = L.FUTURE_CUES | frozenset(
    ["solle", "wolle", "plane", "planten", "geplante", "geplanten", "geplant", "vorgesehen", "wollen", "würde", "würden"]
)
_CLAUSE = re.compile(r"[,;:–]|\s(?:und|aber|sowie|doch|während|nachdem|bevor|and|but)\s")
_PASSIVE_AUX = frozenset({"wird", "werden", "werde"})
# words that may stand beside a time expression in a clause of its own ("im April und …")
_BARE_CLAUSE_WORDS = frozenset({"im", "am", "in", "an", "um", "bis", "ab", "seit", "vom", "zum", "zur", "von", "vor",
                                "nach", "der", "die", "das", "den", "dem", "des", "und", "oder", "sowie", "noch",
                                "schon", "erst", "bereits", "auch", "the", "on", "at", "by", "until", "since"})


def _alone(rest: str) -> bool:
    """Whether the rest of an expression's clause holds nothing but such words."""
    return all(w.lower() in _BARE_CLAUSE_WORDS for w in _WORD.findall(rest))


CLAUSE_REACH = 300  # characters either side that the tense of an expression's clause is read from
WINDOW_LEFT, WINDOW_RIGHT = 48, 64  # characters around a trigger that a rule's match (and lookahead) lies within


Classifier = Callable[[str], frozenset[str]]


def _rules(lang: str) -> tuple[list[Rule], Classifier | None, dict[str, tuple[str, ...]]]:
    if lang == "en":
        from .en.rules import RULES as EN

        return EN, None, {}
    from .de.rules import RULES
    from .de.triggers import NEEDS, token_classes

    return RULES, token_classes, NEEDS


def _windows(positions: list[int], size: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in positions:
        a, b = max(0, p - WINDOW_LEFT), min(size, p + WINDOW_RIGHT)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _matches(text: str, rules: list[Rule], classify: Classifier | None,
             needs: dict[str, tuple[str, ...]]) -> list[tuple[Expr, int]]:
    hits: dict[str, list[int]] = {}
    if classify is not None:
        for m in _TOKEN.finditer(text):
            for c in classify(m.group()):
                hits.setdefault(c, []).append(m.start())
    cands: list[tuple[Expr, int]] = []
    for prio, rule in enumerate(rules):
        classes = needs.get(rule.name)
        if classes is None or classify is None:
            spans = [(0, len(text))]
        else:
            positions = [p for c in classes for p in hits.get(c, ())]
            if not positions:
                continue  # none of the words this rule needs: most rules, most texts
            spans = _windows(sorted(positions), len(text))
        seen: set[tuple[int, int]] = set()
        for a, b in spans:
            for m in rule.regex.finditer(text, a, b):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                e = rule.build(m)
                if e is not None:
                    e.rule = rule.name
                    cands.append((e, prio))
    return cands


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A plain splitter for when no sentence layer is given (tests, evaluation of raw files)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


# Weak preterites: "bestätigte", "meldeten", "kritisierten" (lower-case words only, so nouns such as
# "Leute", "Seiten" never count); adjectives, ordinals and present-tense verbs with the same endings are
# kept out by the endings and the list below.
_WEAK_PAST = re.compile(r"[a-zäöüß]{2,}(?:[^s]te|[^i]eten|[gkpfhlmnr]ten|ierten)")
_NOT_WEAK_PAST = re.compile(r"ge\w*|\w*(?:ante|ente|ate|ute|krete|chten|tten|treten|eiten|alten|gelten|warten|"
                            r"starten|worten|mten)")
_NOT_WEAK_WORDS = frozenset(["heute", "bitte", "mitte", "seite", "weite", "breite", "leichte", "schlechte", "echte",
                             "rechte", "späte", "zweite", "dritte", "vierte", "fünfte", "sechste", "siebte", "achte",
                             "neunte", "zehnte", "elfte", "zwölfte", "hälfte", "halbe", "könnte", "möchte", "dürfte",
                             "müsste", "sollte", "würde", "wollte", "kosten", "leisten", "könnten", "sollten",
                             "wollten", "möchten", "dürften", "müssten", "zweiten", "dritten", "vierten", "fünften",
                             "sechsten", "siebten", "achten", "neunten", "zehnten", "elften", "zwölften", "halten",
                             "alte", "nichte", "feste"])


# "-chten" is kept out above for "rechten", "leichten", "möchten"; these verbs' plural preterites are past
# ("machten einander Vorwürfe"); "gemachten", "gebrauchten" are participles and start with "ge"
_PAST_CHTEN = ("machten", "brauchten", "suchten", "lachten")


@lru_cache(maxsize=65536)
def _weak_past(word: str) -> bool:
    if len(word) < 5 or not word[0].islower() or word in _NOT_WEAK_WORDS or _WEAK_PAST.fullmatch(word) is None:
        return False
    return _NOT_WEAK_PAST.fullmatch(word) is None or (
        word.endswith(_PAST_CHTEN) and not word.startswith(("ge", "versuchten", "untersuchten"))
    )


_PERFECT_AUX = frozenset({"hat", "haben", "habe"})
# The perfect with "sein" ("ist … erschienen", "sind … abgesackt") is past; its participles are verbs of
# motion and change, listed by ending so that prefixed forms count too ("eingelangt", "zurückgekehrt").
# A state passive ("ist geplant", "ist geöffnet") is not past and its participles are not listed.
_SEIN_AUX = frozenset({"ist", "sind", "bin", "bist", "seid"})
_SEIN_PARTICIPLES = ("gestorben", "gekommen", "erschienen", "gegangen", "geflogen", "gefahren", "gestiegen",
                     "gesunken", "gefallen", "geblieben", "gewesen", "geworden", "geschehen", "gelungen",
                     "getreten", "gereist", "entstanden", "getroffen", "gekehrt", "gelandet", "gestürzt",
                     "gesackt", "gelangt", "gewachsen", "geschrumpft", "geflohen", "gelaufen", "passiert")


def tense(sentence: str, weak: bool = False, perfect: bool = True) -> int:
    """-1 past, +1 future, 0 unknown/present, from auxiliaries and cue words (no POS tagger needed).

    ``weak``: also count weak preterites ("bestätigte"). Right for a bare weekday ("bestätigte den
    Vorfall am Sonntag"), too eager for a month ("vereinbarten einen Gipfel im April" lies ahead).
    ``perfect=False``: the present perfect ("hat … verordnet") does not count as past; it describes
    a present result ("hat sich bis September ein Sprechverbot verordnet" still runs ahead)."""
    fut = past = 0
    words = _WORD.findall(sentence)
    lows = [w.lower() for w in words]
    passive = any(len(w) > 5 and w.startswith("ge") and w.endswith(("t", "en")) for w in lows)
    for w, low in zip(words, lows, strict=True):
        if low in _PASSIVE_AUX and passive:
            continue  # "gewählt wird": present passive, not future
        if low in _FUTURE_DE:
            fut += 1
        elif not perfect and low in _PERFECT_AUX:
            continue
        elif low in L.PAST_CUES or (weak and (low in L.STRONG_PAST_DE or _weak_past(w))):
            past += 1
    if any(w in _SEIN_AUX for w in lows) and any(w.endswith(_SEIN_PARTICIPLES) for w in lows):
        past += 1
    if fut > past:
        return 1
    if past > fut:
        return -1
    return 0


def _select(cands: list[tuple[Expr, int]]) -> list[Expr]:
    """Longest match wins; on equal length, the earlier rule. Kept intervals are disjoint and sorted,
    so each check is a binary search (long, dense texts stay linear-logarithmic)."""
    cands.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
    starts: list[int] = []
    ends: list[int] = []
    taken: list[Expr] = []
    for e, _ in cands:
        if e.end <= e.start:
            continue
        i = bisect_left(starts, e.start)
        if i < len(starts) and starts[i] < e.end:
            continue  # a kept interval starts inside this one
        if i > 0 and ends[i - 1] > e.start:
            continue  # the kept interval before reaches into this one
        starts.insert(i, e.start)
        ends.insert(i, e.end)
        taken.append(e)
    taken.sort(key=lambda e: e.start)
    return taken


@dataclass(slots=True)
class Extraction:
    """Anchor-free tagging result of one text."""

    text: str
    lang: str
    exprs: list[Expr]
    sent_of: list[int]
    expr_dir: list[int]  # direction (-1, 0, +1) of each expression's clause
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def resolve(self, anchor: date | datetime | None, mode: str = "news") -> list[TimeMention]:
        if isinstance(anchor, datetime):
            anchor = anchor.date()
        good = valid_anchor(anchor)
        label = good.isoformat() if good else None
        out: list[TimeMention] = []
        for e, r in zip(self.exprs, resolve_all(self.exprs, self.sent_of, self.expr_dir, good, mode), strict=True):
            if r is None:
                continue
            if mode == "news" and e.measure is not None and e.measure[1]:
                out.append(TimeMention(Span(e.start, e.measure[0]), "DURATION", e.measure[1], None, label, None))
                continue
            out.append(TimeMention(Span(e.start, e.end), e.type, r.value, r.mod, label, r.direction))  # type: ignore[arg-type]
        return out


def extract(text: str, sentences: Sequence[tuple[int, int]] | None = None, lang: str = "de") -> Extraction:
    rules, classify, needs = _rules("en" if (lang or "").startswith("en") else "de")
    exprs = _select(_matches(text, rules, classify, needs))
    sents = list(sentences) if sentences else split_sentences(text)
    sent_of: list[int] = []
    expr_dir: list[int] = []
    cuts = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)] if exprs else []
    cut_starts = [c[0] for c in cuts]
    j = 0
    for e in exprs:
        while j + 1 < len(sents) and sents[j][1] <= e.start:
            j += 1
        sent_of.append(j)
        a, b = sents[j]
        k = bisect_left(cut_starts, e.start)  # clause boundaries before and after the expression
        left = max(a, cuts[k - 1][1] if k > 0 and cuts[k - 1][1] <= e.start else a, e.start - CLAUSE_REACH)
        k2 = bisect_left(cut_starts, e.end)
        right = min(b, cuts[k2][0] if k2 < len(cuts) else b, e.end + CLAUSE_REACH)
        # after "bis"/"ab" only a clearly past clause turns the expression back (see resolve_all)
        weak, perfect = e.kind in ("weekday", "night_before", "present"), e.cue <= 0
        d = tense(text[left:right], weak=weak, perfect=perfect)
        if d == 0 and e.kind != "present" and _alone(text[left : e.start] + " " + text[e.end : right]):
            # a clause of the expression alone ("im April und Mai wurde gebaut"): the sentence's tense
            d = tense(text[max(a, e.start - CLAUSE_REACH) : min(b, e.end + CLAUSE_REACH)], weak=weak, perfect=perfect)
        expr_dir.append(d)
    return Extraction(text, lang, exprs, sent_of, expr_dir, sents)


def tag(text: str, anchor: date | datetime | None, lang: str = "de", mode: str = "news",
        sentences: Sequence[tuple[int, int]] | None = None) -> list[TimeMention]:
    """Convenience: extract and resolve in one call."""
    return extract(text, sentences, lang).resolve(anchor, mode)
