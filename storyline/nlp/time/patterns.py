"""What the rules of both languages are built from: the ``Rule`` record, shared regex pieces and builders.

Our own rules, written from the TimeML/KRAUTS annotation ideas (extent excludes prepositions such
as "am", "im", "um", "seit", "bis"; includes determiners and modifiers such as "der kommenden Woche").
A rule's named group ``x`` marks the extent when the match also needs surrounding context; prefixes
like "bis" or "seit" are matched only to set a direction cue or to decide between date and duration.
Each language's rule table lives in its package (``de.rules``, ``en.rules``); what both need is here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from . import lexicon as L
from .expr import Expr


def alternation(words: Iterable[str], cap: bool = False) -> str:
    """Alternation of ``words``, longest first; ``cap`` spells each with a capital (German nouns)."""
    keys = sorted(({w[:1].upper() + w[1:] for w in words} if cap else set(words)), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


DAY = r"(?:3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
DURATION_LETTER = {
    "jahr": "Y", "monat": "M", "woche": "W", "tag": "D", "stunde": "H", "minute": "MIN",
    "sekunde": "S", "jahrzehnt": "DE", "jahrhundert": "CE", "wochenende": "WE", "quartal": "Q",
    "halbjahr": "H2",
}
MOD_CODE = {"anfang": "START", "anfangs": "START", "beginn": "START", "mitte": "MID", "ende": "END",
            "ausgang": "END", "early": "START", "mid": "MID", "late": "END", "end": "END",
            "beginning": "START", "start": "START", "middle": "MID"}

Builder = Callable[[re.Match[str]], Expr | None]


@dataclass(slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    build: Builder


def unit_of(word: str) -> str:
    """Map an inflected unit noun ("Jahren", "Wochenendes") to its stem key in ``DURATION_LETTER``."""
    w = word.lower()
    for stem in ("wochenende", "jahrzehnt", "jahrhundert", "halbjahr", "quartal", "minute", "sekunde",
                 "stunde", "monat", "woche", "jahr", "tag", "nacht", "abend"):
        if w.startswith(stem):
            return stem
    for stem in ("weekend", "decade", "century", "centuries", "quarter", "minute", "second", "hour",
                 "month", "week", "year", "day"):
        if w.startswith(stem):
            return {"weekend": "wochenende", "decade": "jahrzehnt", "century": "jahrhundert",
                    "centuries": "jahrhundert", "quarter": "quartal", "minute": "minute",
                    "second": "sekunde", "hour": "stunde", "month": "monat", "week": "woche",
                    "year": "jahr", "day": "tag"}[stem]
    return w


def number(word: str) -> float | None:
    w = word.lower().replace(",", ".")
    if w in L.NUMBERS_DE:
        return L.NUMBERS_DE[w] + 0.5 if w == "anderthalb" or w.endswith("einhalb") else L.NUMBERS_DE[w]
    if w in L.NUMBERS_EN:
        return L.NUMBERS_EN[w]
    try:
        return float(w)
    except ValueError:
        return None


def duration_value(n: float | None, unit: str) -> str | None:
    """TIMEX3 duration for ``n`` units (None = unspecified, "PXY"); fractions are turned into the
    next smaller unit so the value stays an integer ("anderthalb Jahre" → P18M)."""
    letter = DURATION_LETTER.get(unit)
    if letter is None:
        return None
    timeish = letter in ("H", "MIN", "S")
    code = "M" if letter == "MIN" else letter
    if letter == "H2":
        code, n = "M", None if n is None else n * 6
    if letter == "Q":
        code, n = "M", None if n is None else n * 3
    if n is None:
        return f"PT{'X'}{code}" if timeish else f"PX{code}"
    if n != int(n) and code in ("DE", "CE"):  # "eineinhalb Jahrzehnte" → P15Y
        code, n = "Y", n * (10 if code == "DE" else 100)
    if n != int(n):
        if code == "Y":
            code, n = "M", n * 12
        elif code == "D" and not timeish:
            code, n = "H", n * 24
            timeish = True
        elif code == "H":
            code, n = "M", n * 60
        elif code == "M" and timeish:
            code, n = "S", n * 60
        elif code == "S":
            return f"PT{round(n, 3):g}S" if 0.001 <= n <= 10000 else None  # "2,5 Sekunden": PT2.5S
        elif code in ("M", "W") and n * 2 == int(n * 2) and 1 <= n <= 10000:
            return f"P{n:g}{code}"  # "viereinhalb Monate": no whole smaller unit; a decimal is valid ISO 8601
    if n < 1 or n > 10000:
        return None  # below one unit after conversion ("0,001 Minuten"): no whole-unit value to give
    return f"PT{int(n)}{code}" if timeish else f"P{int(n)}{code}"


def compile_rules(specs: Sequence[tuple[str, str, Builder]], flags: int = 0) -> list[Rule]:
    return [Rule(name, re.compile(rx, flags), fn) for name, rx, fn in specs]


def span_of(m: re.Match[str]) -> tuple[int, int]:
    if "x" in m.re.groupindex and m.start("x") >= 0:
        return m.start("x"), m.end("x")
    return m.start(), m.end()


def expr(match: re.Match[str], type_: str, kind: str, **kw: object) -> Expr:
    s, e = span_of(match)
    # Strip trailing punctuation that a loose pattern may have eaten.
    while e > s and match.string[e - 1] in " ,;:":
        e -= 1
    return Expr(s, e, type_, kind, **kw)  # type: ignore[arg-type]


def b_set_every_n(m: re.Match[str]) -> Expr | None:
    """"alle zwei Jahre", "every two weeks" (both languages): a SET whose period is the measure (P2Y);
    "alle paar Wochen" leaves the number open."""
    n = None if m["n"].lower() == "paar" else number(m["n"])
    if n is not None and n != int(n):
        return None
    v = duration_value(n, unit_of(m["unit"]))
    return expr(m, "SET", "fixed", value=v) if v else None


def mod_of(word: str | None) -> str | None:
    return MOD_CODE.get(word.lower()) if word else None


_RANGE_OPEN = re.compile(r"\b(?:[Vv]on|[Vv]om|[Zz]wischen)\s[^.;:!?]{0,40}$")


def cue_of(m: re.Match[str]) -> int:
    """Direction implied by a preposition matched as context: "bis" looks ahead, "seit" back."""
    if "pre" not in m.re.groupindex or m.group("pre") is None:
        return 0
    p = m.group("pre").lower()
    if p.startswith("bis") and _RANGE_OPEN.search(m.string, max(0, m.start() - 50), m.start()):
        return 0  # "von Jahresbeginn bis 13. März wurden …": the end of a span, the clause's tense decides
    if p in ("bis", "bis zum", "bis zur", "ab", "by", "until", "ab dem", "ab kommendem"):
        return 1
    if p in ("seit", "since", "vor", "nach"):
        return -1
    return 0
