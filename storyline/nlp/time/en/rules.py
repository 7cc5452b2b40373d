"""English extraction rules: the same meanings as the German rules, English surface forms.

TimeML extent conventions: determiners and modifiers belong to the expression ("the coming week",
"two years ago"), prepositions do not ("on Monday" → "Monday").
"""

from __future__ import annotations

import re

from ..expr import Expr
from ..patterns import (
    DAY,
    YEAR,
    Rule,
    alternation,
    b_set_every_n,
    compile_rules,
    cue_of,
    duration_value,
    expr,
    number,
    unit_of,
)
from . import words as W

MON_EN = rf"(?:(?:{alternation((k for k in W.MONTHS if not k.endswith('.')), True)})(?![\w-])|(?:{alternation((k for k in W.MONTHS if k.endswith('.')), True)}))"
WD_EN = alternation(W.WEEKDAYS, True)
NUM_EN = r"(?:\d{1,3}(?:\.\d+)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a|an|a\s+few|several|many))"
UNIT_EN = r"(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|weekends?|quarters?)"
MOD_EN = r"(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end\s+of|beginning\s+of)[\s-]+)"
REL_EN = r"(?P<rel>(?i:last|next|this|coming|past|previous|following|current))"
PRE_EN = r"(?:(?P<pre>by|until|since|before|after)\s+)?"
_MODS = {"early": "START", "mid": "MID", "late": "END", "the end of": "END", "end of": "END",
         "the beginning of": "START", "beginning of": "START", "the start of": "START", "the middle of": "MID"}


def _mod(m: re.Match[str]) -> str | None:
    w = m.groupdict().get("mod")
    return _MODS.get(re.sub(r"\s+", " ", w.lower())) if w else None


def _mon(w: str) -> int:
    return W.MONTHS[w.lower()]


def b_dmy(m: re.Match[str]) -> Expr | None:
    y = int(m["y"]) if m["y"] else None
    wd = W.WEEKDAYS[m["wd"].lower()] if m["wd"] else None
    return expr(m, "DATE", "date", y=y, m=_mon(m["mon"]), d=int(m["d"]), wd=wd, explicit_year=y is not None,
                cue=cue_of(m))


def b_month_year(m: re.Match[str]) -> Expr | None:
    y = int(m["y"]) if m.groupdict().get("y") else None
    return expr(m, "DATE", "date", y=y, m=_mon(m["mon"]), mod=_mod(m), explicit_year=y is not None, cue=cue_of(m))


def b_year(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "date", y=int(m["y"]), mod=_mod(m), explicit_year=True, cue=cue_of(m))


def b_decade(m: re.Match[str]) -> Expr | None:
    c = int(m["c"]) if m["c"] else 19
    return expr(m, "DATE", "decade", y=c * 100 + int(m["dec"]), mod=_mod(m))


def b_rel(m: re.Match[str]) -> Expr | None:
    rel = m["rel"].lower()
    off = W.RELATIVE.get(rel, 0)
    u = unit_of(m["unit"])
    names = {"woche": "week", "wochenende": "weekend", "monat": "month", "jahr": "year", "jahrzehnt": "decade",
             "jahrhundert": "century", "quartal": "quarter"}
    if u == "tag":
        return expr(m, "DATE", "ref_day", offset=off)
    if u not in names:
        return None
    kind = "year_rel_ref" if rel == "following" else "year_rel"
    return expr(m, "DATE", kind, unit=names[u], offset=off, mod=_mod(m))


def b_the_unit(m: re.Match[str]) -> Expr | None:
    """"the end of the year", "the middle of the week": the current period with its modifier."""
    unit = m["unit"].lower()
    return expr(m, "DATE", "year_rel", unit=unit, offset=0, mod=_mod(m))


_DECADE_WORDS_EN = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                    "eighties": 8, "nineties": 9}
_ORDINAL_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
               "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
               "twentieth": 20, "twenty-first": 21}


def b_decade_word(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "decade", y=1900 + 10 * _DECADE_WORDS_EN[m["w"].lower()], mod=_mod(m))


def b_century(m: re.Match[str]) -> Expr | None:
    n = int(m["n"]) if m["n"] else _ORDINAL_EN.get(m["o"].lower(), 0)
    if not 1 <= n <= 22:
        return None
    bc = bool(m["era"]) and m["era"].upper().startswith("B")
    return expr(m, "DATE", "fixed", value=f"{'BC' if bc else ''}{n - 1:02d}", mod=_mod(m))


def b_vague(m: re.Match[str]) -> Expr | None:
    """"recent years", "the coming months", "the past three weeks", "for years": a stretch of time."""
    n = number(m["n"]) if m.groupdict().get("n") else None
    v = duration_value(n, unit_of(m["unit"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_rel_wd(m: re.Match[str]) -> Expr | None:
    off = W.RELATIVE.get(m["rel"].lower(), 0) if m["rel"] else 0
    part = W.DAYPARTS.get((m["dp"] or "").lower())
    return expr(m, "TIME" if part else "DATE", "weekday", wd=W.WEEKDAYS[m["wd"].lower()], offset=off,
                part=part, cue=cue_of(m))


def b_deictic(m: re.Match[str]) -> Expr | None:
    w = m["w"].lower()
    part = "NI" if w == "tonight" else W.DAYPARTS.get((m["dp"] or "").lower())
    return expr(m, "TIME" if part else "DATE", "deictic", offset=W.DEICTIC_DAYS[w], part=part)


def b_this_daypart(m: re.Match[str]) -> Expr | None:
    return expr(m, "TIME", "deictic", offset=0, part=W.DAYPARTS[m["dp"].lower()])


def b_ago(m: re.Match[str]) -> Expr | None:
    n = number(m["n"])
    u = unit_of(m["unit"])
    names = {"jahr": "year", "monat": "month", "woche": "week", "tag": "day", "jahrzehnt": "decade"}
    if n is None or n != int(n) or u not in names:
        return None
    sign = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    kind = "year_rel" if m["dir"].lower() == "ago" else "year_rel_ref"
    return expr(m, "DATE", kind, unit=names[u], offset=sign * int(n))


def b_duration(m: re.Match[str]) -> Expr | None:
    w = re.sub(r"\s+", " ", m["n"].lower())
    n = None if w in ("a few", "several", "many") else number(w)
    v = duration_value(n, unit_of(m["unit"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_clock(m: re.Match[str]) -> Expr | None:
    hh, mi = int(m["h"]), int(m["mi"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "")
    if ap == "pm" and hh < 12:
        hh += 12
    if ap == "am" and hh == 12:
        hh = 0
    if hh > 23 or mi > 59:
        return None
    return expr(m, "TIME", "time", hh=hh, mi=mi)


def b_ref(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "fixed", value=W.REFS[re.sub(r"\s+", " ", m["w"].lower())])


def b_set(m: re.Match[str]) -> Expr | None:
    w = (m["w"] or "").lower()
    if w in W.SETS:
        return expr(m, "SET", "fixed", value=W.SETS[w])
    u = m["u"].lower()
    if u in W.WEEKDAYS:
        return expr(m, "SET", "fixed", value=f"XXXX-WXX-{W.WEEKDAYS[u]}")
    v = duration_value(1, unit_of(u))
    return expr(m, "SET", "fixed", value=v) if v else None


def b_season(m: re.Match[str]) -> Expr | None:
    y = int(m["y"]) if m["y"] else None
    off = W.RELATIVE.get((m["rel"] or "").lower(), 0)
    return expr(m, "DATE", "season", part=W.SEASONS[m["s"].lower()], y=y, explicit_year=y is not None,
                cue=off)


SPECS = [
    ("dmy", rf"{PRE_EN}\b(?P<x>(?:(?P<wd>{WD_EN}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MON_EN})(?:,?\s+(?P<y>{YEAR}))?)\b", b_dmy),
    ("mdy", rf"{PRE_EN}\b(?P<x>(?:(?P<wd>{WD_EN}),?\s+)?(?P<mon>{MON_EN})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{YEAR}))?)\b(?!:)", b_dmy),
    ("month_year", rf"{PRE_EN}\b(?P<x>{MOD_EN}?(?P<mon>{MON_EN})(?:\s+of)?\s+(?P<y>{YEAR}))\b", b_month_year),
    ("month_ctx", rf"\b(?P<pre>(?i:in|by|until|since|early|mid|late|of|end\s+of))[\s-]+(?P<x>{MOD_EN}?(?P<mon>{MON_EN}))(?!\s+\d)\b", b_month_year),
    ("year", rf"{PRE_EN}(?<![\d.,$£€])\b(?P<x>{MOD_EN}?(?P<y>{YEAR}))\b(?![.,]\d|\s*(?:%|percent|people|dollars|euros))", b_year),
    ("decade", rf"\b(?:the\s+)?{MOD_EN}?(?P<c>1[0-9]|20)?(?P<dec>[0-9]0)'?s\b", b_decade),
    ("rel", rf"\b{MOD_EN}?(?:the\s+)?{REL_EN}\s+(?P<unit>week|weekend|month|year|decade|century|quarter|day)\b", b_rel),
    ("rel_wd", rf"{PRE_EN}\b(?P<x>(?:{REL_EN}\s+)?(?P<wd>{WD_EN})(?:\s+(?P<dp>morning|afternoon|evening|night))?)\b", b_rel_wd),
    ("deictic", r"\b(?P<w>(?i:today|yesterday|tomorrow|tonight))(?:\s+(?P<dp>morning|afternoon|evening|night))?\b", b_deictic),
    ("this_daypart", r"\b(?i:this)\s+(?P<dp>morning|afternoon|evening)\b(?P<w>)", b_this_daypart),
    ("the_unit", rf"\b{MOD_EN}the\s+(?P<unit>week|month|year)\b", b_the_unit),
    ("decade_word", rf"\b(?:the\s+)?{MOD_EN}?(?P<w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b", b_decade_word),
    ("century", rf"\b(?:the\s+)?{MOD_EN}?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<o>(?i:{'|'.join(sorted(_ORDINAL_EN, key=len, reverse=True))})))[\s-]+century\b(?:\s+(?P<era>BC|AD|BCE|CE)\b)?", b_century),
    ("vague", r"\b(?:(?:the\s+)?(?:(?i:recent)|(?i:coming|next|past|last|previous)(?:\s+(?P<n>few|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))?)\s+|(?<=\bfor\s)|(?<=\bFor\s))(?P<unit>years|months|weeks|days|decades|hours)\b", b_vague),
    ("ago", rf"\b(?P<n>{NUM_EN})\s+{UNIT_EN}\s+(?P<dir>ago|later|earlier)\b", b_ago),
    ("duration", rf"(?<![\d.,])\b(?P<n>{NUM_EN})[\s-]+{UNIT_EN}\b(?!\s+(?:old|ago|later|earlier))", b_duration),
    ("clock", r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm))(?!\w)", b_clock),
    ("clock24", r"(?<![\d.:])\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<ap>)\b(?!:\d)", b_clock),
    ("ref", r"\b(?P<w>(?i:now|currently|nowadays|recently|formerly|soon|in\s+the\s+future))\b", b_ref),
    ("set", rf"\b(?:(?P<w>(?i:daily|weekly|monthly|annually|yearly|hourly))|(?i:every|each)\s+(?P<u>day|week|month|year|hour|{WD_EN}))\b", b_set),
    ("set_every_n", r"\b(?i:every)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?P<unit>days|weeks|months|years|hours)\b", b_set_every_n),
    ("season", rf"\b(?:(?:the\s+)?(?P<rel>last|next|this)\s+)?(?P<s>(?i:spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", b_season),
]

RULES: list[Rule] = compile_rules(SPECS)
