"""German builders: turn a regular-expression match into an anchor-free ``Expr``.

Kept apart from the rule table (``rules``) so each stays readable; a builder may also refuse a
match that the expression over-accepts (ages, counts, page numbers), which is easier in Python.
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..expr import Expr
from ..patterns import (
    cue_of,
    duration_value,
    expr,
    mod_of,
    number,
    span_of,
    unit_of,
)
from . import words as W

PRE = r"(?:(?P<pre>bis\s+zum|bis\s+zur|bis|seit|ab|vor|nach)\s+)?"
DP_CODE = W.DAYPARTS


def _month(word: str) -> int:
    return W.MONTHS[re.sub(r"\s+", " ", word.lower())]


def _year2(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y > 30 else 2000
    return y


def b_full_date(m: re.Match[str]) -> Expr | None:
    if m["mnum"] and not m["wd"] and _NOT_YEAR_BEFORE.search(m.string[max(0, m.start("d") - 20) : m.start("d")]):
        return None  # "Profil 1.1.", "Artikel 3.2.": a version or section number, not a date
    wd = W.WEEKDAYS[m["wd"].lower()] if m["wd"] else None
    mon = _month(m["mon"]) if m["mon"] else int(m["mnum"])
    y = _year2(m["y"])
    return expr(m, "DATE", "date", y=y, m=mon, d=int(m["d"]), wd=wd, explicit_year=y is not None,
                cue=cue_of(m))


def b_daypart_date(m: re.Match[str]) -> Expr | None:
    """"am Morgen des 28. November": a part of a named day."""
    y = _year2(m["y"])
    return expr(m, "TIME", "date", y=y, m=_month(m["mon"]), d=int(m["d"]), explicit_year=y is not None,
                part=DP_CODE[m["dp"].lower()])


def b_numeric_date(m: re.Match[str]) -> Expr | None:
    y = _year2(m["y"])
    return expr(m, "DATE", "date", y=y, m=int(m["mnum"]), d=int(m["d"]), explicit_year=y is not None)


def b_iso(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "date", y=int(m["y"]), m=int(m["mnum"]), d=int(m["d"]), explicit_year=True)


def b_day_before_range(m: re.Match[str]) -> Expr | None:
    y = _year2(m["y"])
    return expr(m, "DATE", "date", y=y, m=_month(m["mon"]), d=int(m["d"]), explicit_year=y is not None)


def b_month_year(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "date", y=int(m["y"]), m=_month(m["mon"]), mod=mod_of(m["mod"]),
                explicit_year=True, cue=cue_of(m))


# what REL captures in "des selben / desselben / des gleichen Jahres"
_SAME_YEAR = frozenset({"selb", "gleich"})


def b_month_rel_year(m: re.Match[str]) -> Expr | None:
    rel = m["rel"].lower()
    if rel in _SAME_YEAR:  # "im August desselben / des gleichen Jahres": the year just named
        return expr(m, "DATE", "year_rel_ref", unit="year", offset=0, m=_month(m["mon"]), mod=mod_of(m["mod"]))
    off = W.RELATIVE.get(rel, 0)
    return expr(m, "DATE", "year_rel", unit="year", offset=off, m=_month(m["mon"]), mod=mod_of(m["mod"]))


def b_same_unit(m: re.Match[str]) -> Expr | None:
    """"desselben Jahres", "am demselben Tag": the period of the date just named."""
    unit = {"jahr": "year", "monat": "month", "woche": "week", "tag": "day"}[unit_of(m["unit"])]
    if unit == "day":
        return expr(m, "DATE", "ref_day", offset=0)
    return expr(m, "DATE", "year_rel_ref", unit=unit, offset=0)


def b_ordinal_day_month(m: re.Match[str]) -> Expr | None:
    """"am ersten Oktober": a day of the month written as an ordinal word."""
    d = W.DAY_ORDINALS.get(m["o"].lower())
    if d is None:
        return None
    y = _year2(m["y"])
    return expr(m, "DATE", "date", y=y, m=_month(m["mon"]), d=d, explicit_year=y is not None)


def b_month(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "date", m=_month(m["mon"]), mod=mod_of(m["mod"]), cue=cue_of(m))


_NOT_YEAR_BEFORE = re.compile(
    r"(?:Paragra(?:f|ph|fen|phen)|§§?|Nr\.|Nummer|Artikel|Art\.|Seite|S\.|Zimmer|Linie|Bus|Tel\.?|PLZ|"
    r"Postleitzahl|Hausnummer|Kapitel|Absatz|Abs\.|Flug|Zug|Version|Modell|Windows|Office|Höhe|Punkt|"
    r"Kilometer|km|Straße|straße|Nummern?|Gesetz|Platz|Profil|Release|Stufe|Level|Update|Ziffer)\s*$"
)


_COUNT_BEFORE = re.compile(r"(?:rund|etwa|mindestens|über|fast|knapp|nur|insgesamt|mehr\s+als|weniger\s+als|bis\s+zu|davon|ca\.|zirka|je|jeweils)\s+$", re.I)
_COUNT_IN_YEAR = re.compile(r"\s+(?:im|pro|je)\s+(?:Jahr|vergangenen|letzten|laufenden|Vorjahr|Monat)")
_COUNT_AFTER = re.compile(r"\s+(?:[A-ZÄÖÜ][a-zäöüß]+(?:er|en|e|n|s)\b)")
# Before a number followed by a noun, these words make it a count ("mit 2000 Teilnehmern",
# ". 2000 Quadratmeter"); after a verb it stays a year ("wurde 2014 Weltmeister").
_COUNT_CONTEXT = re.compile(r"(?i:^|[.!?:;][\"“”„«»']?|\b(?:mit|für|auf|unter|die|der|den|dem|des|und|sowie|noch|weitere|weiteren|alle|"
                            r"ihre|seine|diese|ca|zwischen|von|auf|zu))\s*$")


def b_year(m: re.Match[str]) -> Expr | None:
    before = m.string[max(0, m.start() - 20) : m.start("y")]
    if _NOT_YEAR_BEFORE.search(before) or _COUNT_BEFORE.search(before):
        return None
    if m.start("y") == m.start("x") and _COUNT_IN_YEAR.match(m.string, m.end("y")):
        return None  # "1700 im vergangenen Jahr": a count in a year
    if m.start("y") == m.start("x") and _COUNT_AFTER.match(m.string, m.end("y")) and _COUNT_CONTEXT.search(before):
        return None  # "2000 Quadratmeter", "1700 im vergangenen Jahr": a count
    return expr(m, "DATE", "date", y=int(m["y"]), mod=mod_of(m["mod"]), explicit_year=True, cue=cue_of(m))


def b_year_short(m: re.Match[str]) -> Expr | None:
    if _COUNT_AFTER.match(m.string, m.end("y")):
        return None  # "im Jahr 500 Flüchtlinge": a count in a year
    return expr(m, "DATE", "fixed", value=f"{int(m['y']):04d}")


def b_year_span(m: re.Match[str]) -> Expr | None:
    """"2014/15": one expression (as KRAUTS annotates "1925/ 26"); its value is the smallest period
    that holds both years, the decade "201X" (the first year, START, for "2019/20")."""
    y = int(m["y"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y - y % 100 + int(m["y2"])
    if y2 < y and len(m["y2"]) == 2:
        y2 += 100  # "1999/00"
    if y2 != y + 1:
        return None  # "2014/17", "1998/99" across a century: not a season or fiscal year we can name
    a, b = f"{y:04d}", f"{y2:04d}"
    n = next(i for i in range(4) if a[i] != b[i])
    if n < 3:
        # across a decade the smallest holding period is a century ("2019/20" → "20"), useless on a
        # timeline: the season or fiscal year starts in its first year
        return expr(m, "DATE", "fixed", value=a, mod="START")
    return expr(m, "DATE", "fixed", value=a[:n] + "X")


def b_bc_year(m: re.Match[str]) -> Expr | None:
    y = int(m["y"])
    if y == 0:
        return None
    bc = m["era"].lower().startswith("v")
    return expr(m, "DATE", "fixed", value=f"BC{y:04d}" if bc else f"{y:04d}", explicit_year=not bc)


_DECADE_ADJ_MOD = {"frühen": "START", "mittleren": "MID", "späten": "END", "späteren": "END"}


def b_decade(m: re.Match[str]) -> Expr | None:
    coordinated = m[0].endswith("-")  # "1970er- und 1980er-Jahre"
    if ("ahr" not in m[0] and not coordinated
            and (not re.search(r"\b(?:den|der|die)\s", m[0]) or m.string.startswith("-", m.end()))):
        return None  # "ein Fünfziger", "50er", "den 20er-Karten": a banknote or an age, not a decade
    mod = mod_of(m["mod"]) or _DECADE_ADJ_MOD.get(m["adj"] or "")
    if m["w"]:
        dec = W.DECADES[m["w"].lower()]
        century = 20 if dec == 0 else 19  # "die Nullerjahre": the 2000s
    else:
        dec = int(m["dec"]) // 10
        century = int(m["c"]) if m["c"] else 19
    return _trim_mod_genitive(expr(m, "DATE", "decade", y=century * 100 + dec * 10, mod=mod), m)


def b_century(m: re.Match[str]) -> Expr | None:
    n = int(m["n"]) if m["n"] else W.DAY_ORDINALS.get(m["o"].lower(), 0)
    if not 1 <= n <= 22:
        return None
    bc = bool(m["era"]) and m["era"].lower().startswith("v")
    e = expr(m, "DATE", "fixed", value=f"{'BC' if bc else ''}{n - 1:02d}", mod=mod_of(m["mod"]))
    if m.string.startswith("im", e.start):
        e.start = m.start("n") if m["n"] else m.start("o")  # "im 20. Jahrhundert": not the preposition
    return _trim_mod_genitive(e, m)


_MOD_GENITIVE = re.compile(r"(?:Anfang|Mitte|Ende|Beginn|Ausgang|Anfangs)\s+(?:des|der)\s+")
_MOD_BEFORE = re.compile(r"(?:Anfang|Mitte|Ende|Beginn|Ausgang|Anfangs|Hälfte)\s+$")  # "zweiten Hälfte des 20. Jahrhunderts"


def _trim_mod_genitive(e: Expr, m: re.Match[str]) -> Expr:
    """"Mitte des laufenden Jahres": the modifier heads a genitive; the expression is the genitive's
    noun phrase without its article (KRAUTS/It-TimeML extent), the modifier stays as ``mod``."""
    g = _MOD_GENITIVE.match(m.string, e.start)
    if g and g.end() < e.end:
        e.start = g.end()
    elif m.string.startswith(("des ", "der "), e.start) and _MOD_BEFORE.search(m.string, max(0, e.start - 12), e.start):
        e.start += 4
    return e


def b_rel_unit(m: re.Match[str]) -> Expr | None:
    e = _b_rel_unit(m)
    return _trim_mod_genitive(e, m) if e is not None and e.mod and m["rel"] not in ("des", "der") else e


def _b_rel_unit(m: re.Match[str]) -> Expr | None:
    rel = m["rel"].lower()
    off = W.RELATIVE.get(rel, 0)
    unit = unit_of(m["unit"])
    mod = mod_of(m["mod"]) if "mod" in m.re.groupindex else None
    if unit in ("tag", "nacht", "abend", "morgen", "vormittag", "nachmittag", "mittag"):
        kind = "ref_day"
        e = expr(m, "DATE" if unit == "tag" else "TIME", kind, offset=off or 0,
                 part=None if unit == "tag" else DP_CODE[unit], mod=mod)
        if rel in ("vergangen", "letzt", "vorig") and unit != "tag":
            e.kind = "deictic"
            e.offset = -1
        return e
    names = {"woche": "week", "wochenende": "weekend", "monat": "month", "jahr": "year",
             "jahrzehnt": "decade", "jahrhundert": "century", "quartal": "quarter", "halbjahr": "half"}
    if unit not in names:
        return None
    kind = "year_rel"
    if rel in ("folgend", "darauffolgend", "selb", "gleich"):
        kind = "year_rel_ref"
    return expr(m, "DATE", kind, unit=names[unit], offset=off, mod=mod)


def b_present_ref(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "fixed", value="PRESENT_REF")


def b_in_course_of(m: re.Match[str]) -> Expr | None:
    """"im Laufe des Tages", "im Verlauf der Woche": the day or period the text is about."""
    unit = m["unit"].lower()
    if unit == "tages":
        return expr(m, "DATE", "ref_day", offset=0)
    if unit in ("vormittags", "nachmittags", "abends"):
        return expr(m, "TIME", "ref_day", offset=0, part=DP_CODE[unit[:-1]])
    return expr(m, "DATE", "year_rel", unit={"woche": "week", "monats": "month"}.get(unit, "year"), offset=0)


def b_rel_weekday(m: re.Match[str]) -> Expr | None:
    off = W.RELATIVE.get(m["rel"].lower(), 0)
    part = DP_CODE.get((m["dp"] or "").lower())
    return expr(m, "TIME" if part else "DATE", "weekday", wd=W.WEEKDAYS[m["wd"].lower()], offset=off,
                part=part)


def b_rel_season(m: re.Match[str]) -> Expr | None:
    off = W.RELATIVE.get(m["rel"].lower(), 0)
    return expr(m, "DATE", "season", part=W.SEASONS[m["s"].lower()], cue=off)


def b_rel_duration(m: re.Match[str]) -> Expr | None:
    n = number(m["n"]) if m["n"] else None
    v = duration_value(n, unit_of(m["unit"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


# "von heute auf morgen" (overnight), "lieber heute als morgen" (at once): idioms, not days
_IDIOM_AFTER = re.compile(r"\s+(?:auf|als)\s+morgen\b")
_IDIOM_START = re.compile(r"\b(?:[Vv]on|[Ll]ieber)\s+$")
_IDIOM_BEFORE = re.compile(r"\b(?:[Vv]on|[Ll]ieber)\s+heute\s+(?:auf|als)\s+$")
# "heute" as nowadays (TimeML PRESENT_REF), not the publication day:
# "bis heute" (to date) unless a time of day or a weekday follows ("bis heute, 12 Uhr"),
# "die Welt von heute", "die heute lebenden Arten"
_TO_DATE_BEFORE = re.compile(r"\b(?:bis|Bis)\s+$")
_DAY_FOLLOWS = re.compile(r",?\s+(?:um|ab|gegen|bis|von|zwischen)?\s*(?:\d|Mitternacht|Mittag)|,\s*(?:den\s+)?"
                          r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|\d)|\s+(?:früh|nachts?)\b")
_OF_TODAY_BEFORE = re.compile(r"\b[A-ZÄÖÜ]\w+\s+von\s+$")
_NOT_OF_TODAY_AFTER = re.compile(r"\s+(?:an|ab|aus|auf)\b")
_PRESENT_PARTICIPLE = re.compile(r"\s+[a-zäöü]{3,}end(?:e|en|er|es|em)\s+[A-ZÄÖÜ]")
# tense-dependent (resolve: a present-tense clause means nowadays): "heute noch" and
# "heute" in contrast with a past named shortly before or after ("Früher war er Arzt, heute ist er Maler")
_STILL_AFTER = re.compile(r"\s+noch\b")
_AS_TODAY_BEFORE = re.compile(r"\b(?:wie|Wie)\s+$")  # "so wichtig wie heute." (not "wie heute bekannt wurde")
_CLAUSE_END = re.compile(r"\s*[.,;:!?)]")
_CONTRAST = re.compile(r"\b(?:[Ff]rüher(?!\s+als\b)|[Ee]inst|[Dd]amals|[Ss]einerzeit|[Ee]hemals|[Vv]ormals|[Uu]rsprünglich)\b")
CONTRAST_BEFORE, CONTRAST_AFTER = 200, 80


def _heute(m: re.Match[str]) -> Expr | bool:
    """"heute" without a part of the day: False inside an idiom, an ``Expr`` for nowadays, True for
    the publication day (the caller builds it)."""
    s, a, b = m.string, m.start("w"), m.end("w")
    before = s[max(0, a - 40) : a]
    if _IDIOM_AFTER.match(s, b) and _IDIOM_START.search(before):
        return False
    if _DAY_FOLLOWS.match(s, b):
        return True
    if (_TO_DATE_BEFORE.search(before) or _PRESENT_PARTICIPLE.match(s, b)
            or (_OF_TODAY_BEFORE.search(before) and not _NOT_OF_TODAY_AFTER.match(s, b))
            or (_AS_TODAY_BEFORE.search(before) and _CLAUSE_END.match(s, b))):
        return expr(m, "DATE", "fixed", value="PRESENT_REF")
    if (_STILL_AFTER.match(s, b)
            or _CONTRAST.search(s, max(0, a - CONTRAST_BEFORE), min(len(s), b + CONTRAST_AFTER))):
        return expr(m, "DATE", "present")
    return True


def b_deictic(m: re.Match[str]) -> Expr | None:
    word = m["w"]
    low = word.lower()
    if low == "morgen" and word[0] == "M" and m.start() > 0 and m.string[max(0, m.start() - 2)] not in ".!?\n":
        return None  # "Morgen" as a noun (morning) inside a sentence
    if low == "heuer":
        return expr(m, "DATE", "year_rel", unit="year", offset=0)
    if low == "morgen" and _IDIOM_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    if low == "heute" and not m["dp"]:
        h = _heute(m)
        if h is False:
            return None
        if isinstance(h, Expr):
            return h
    part = DP_CODE.get((m["dp"] or "").lower())
    return expr(m, "TIME" if part else "DATE", "deictic", offset=W.DEICTIC_DAYS[low], part=part)


# "das Ergebnis vom Donnerstag", "der Anschlag vom Montag": a weekday as the date of something that
# happened ("vom Montag an", "vom Montag bis Freitag" are spans and say nothing)
_OF_WEEKDAY_BEFORE = re.compile(r"\b[Vv]om\s+$")
_NOT_OF_WEEKDAY_AFTER = re.compile(r"\s*(?:an|bis|auf|zum|[-–/])(?!\w)")


def b_weekday(m: re.Match[str]) -> Expr | None:
    part = DP_CODE.get((m["dp"] or "").lower())
    cue = cue_of(m)
    a, b = span_of(m)
    if not cue and _OF_WEEKDAY_BEFORE.search(m.string, max(0, a - 6), a) and not _NOT_OF_WEEKDAY_AFTER.match(m.string, b):
        cue = -1
    return expr(m, "TIME" if part else "DATE", "weekday", wd=W.WEEKDAYS[m["wd"].lower()], part=part, cue=cue)


def b_weekend(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "weekday", wd=6, unit="weekend")


def b_clock(m: re.Match[str]) -> Expr | None:
    hh = int(m["h"])
    mi = int(m["mi"] or m["mi2"] or 0) if ("mi2" in m.re.groupindex) else int(m["mi"] or 0)
    if hh > 24 or mi > 59:
        return None
    dp = (m.groupdict().get("dp") or "").lower()
    if (dp in ("nachmittags", "abends") and hh < 12) or (dp == "nachts" and 7 <= hh < 12):
        hh += 12  # "8 Uhr abends" is 20:00
    return expr(m, "TIME", "time", hh=hh % 24, mi=mi)


def b_clock_word(m: re.Match[str]) -> Expr | None:
    return expr(m, "TIME", "time", hh=L.NUMBERS_DE[m["w"].lower()], mi=0)


def b_clock_half(m: re.Match[str]) -> Expr | None:
    """"halb acht" is 7:30, "Viertel nach acht" 8:15, "Viertel vor acht" and "dreiviertel acht" 7:45."""
    w = m["w"].lower()
    h = int(w) if w.isdigit() else (1 if w == "eins" else L.NUMBERS_DE[w])
    q = re.sub(r"\s+", " ", m["q"].lower())
    hh, mi = {"halb": (h - 1, 30), "viertel nach": (h, 15), "viertel vor": (h - 1, 45)}.get(q, (h - 1, 45))
    if (m["dp"] or "") in ("nachmittags", "abends") and hh < 12:
        hh += 12  # "halb acht abends" is 19:30
    return expr(m, "TIME", "time", hh=hh or 12, mi=mi)  # "halb eins": half past twelve


def b_daypart(m: re.Match[str]) -> Expr | None:
    word = m["dp"].lower()
    return expr(m, "TIME", "daypart", part=DP_CODE.get(word, "MO"))


def b_ordinal_unit(m: re.Match[str]) -> Expr | None:
    """"in der dritten Woche" (of a period just named): counted from the last named day."""
    n = W.ORDINALS.get(m["o"].lower())
    unit = {"woche": "week", "tag": "day", "monat": "month", "wochenende": "weekend"}[unit_of(m["unit"])]
    if not n or n < 1:
        return None
    return expr(m, "DATE", "year_rel_ref", unit=unit, offset=n - 1)


def b_unit_after(m: re.Match[str]) -> Expr | None:
    unit = {"woche": "week", "tag": "day", "monat": "month", "jahr": "year"}[unit_of(m["unit"])]
    return expr(m, "DATE", "year_rel_ref", unit=unit, offset=1)


def b_prev_unit(m: re.Match[str]) -> Expr | None:
    w = m["w"].lower()
    if w.startswith("vorjahresmonat"):
        return expr(m, "DATE", "year_rel", unit="year", offset=-1)
    unit = "year" if w.startswith("vorjahr") else "month" if w.startswith("vormonat") else "week"
    return expr(m, "DATE", "year_rel", unit=unit, offset=-1)


def b_unit_edge(m: re.Match[str]) -> Expr | None:
    unit = {"jahres": "year", "monats": "month", "wochen": "week"}[m["u"].lower()]
    p = m["p"].lower()
    mod = {"ende": "END", "beginn": "START", "anfang": "START", "mitte": "MID", "wechsel": "END"}.get(p)
    if p == "hälfte" or (unit == "week" and p == "ende"):
        return None  # "Wochenende" is the weekend (its own rule), not the end of a week
    if m["y"] and unit == "year" and not _COUNT_AFTER.match(m.string, m.end("y")):
        # "Jahresmitte 2015" is the middle of 2015 ("seit Jahresbeginn 2000 Anträge" counts)
        return expr(m, "DATE", "date", y=int(m["y"]), mod=mod, explicit_year=True)
    e = expr(m, "DATE", "year_rel", unit=unit, offset=0, mod=mod)
    e.end = m.end("p")
    return e


def b_season_rel_year(m: re.Match[str]) -> Expr | None:
    if (m["rel"] or "").lower() in _SAME_YEAR:
        return expr(m, "DATE", "year_rel_ref", unit="year", offset=0, part=W.SEASONS[m["s"].lower()])
    off = W.RELATIVE.get(m["rel"].lower(), 0)
    return expr(m, "DATE", "year_rel", unit="year", offset=off, part=W.SEASONS[m["s"].lower()])


def b_deictic_adj(m: re.Match[str]) -> Expr | None:
    off = {"gestrigen": -1, "heutigen": 0, "morgigen": 1}[m["w"].lower()]
    part = DP_CODE.get((m.groupdict().get("dp") or "").lower())
    return expr(m, "TIME" if part else "DATE", "deictic", offset=off, part=part)


def b_weekday_of_week(m: re.Match[str]) -> Expr | None:
    off = W.RELATIVE.get(m["rel"].lower()[:-2], 0)
    part = DP_CODE.get((m["dp"] or "").lower())
    return expr(m, "TIME" if part else "DATE", "weekday_of_week", wd=W.WEEKDAYS[m["wd"].lower()], offset=off,
                part=part)


def b_night_before(m: re.Match[str]) -> Expr | None:
    """"Nacht" in "in der Nacht auf Sonntag": the night from Saturday to Sunday, dated to Saturday."""
    y = _year2(m["y"])
    wd = W.WEEKDAYS[m["wd"].lower()] if "wd" in m.re.groupindex and m["wd"] else None
    return expr(m, "TIME", "night_before", wd=wd, part="NI", y=y,
                m=_month(m["mon"]) if m["mon"] else None, d=int(m["d"]) if m["d"] else None)


def b_midnight(m: re.Match[str]) -> Expr | None:
    return expr(m, "TIME", "time", hh=24, mi=0)


def b_ref_day(m: re.Match[str]) -> Expr | None:
    w = m[0].lower()
    off = -1 if ("vortag" in w or "vorabend" in w or "zuvor" in w) else 1
    return expr(m, "DATE", "ref_day", offset=off)


def b_fixed_ref(m: re.Match[str]) -> Expr | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    return expr(m, "DATE", "fixed", value=W.REFS[w])


def b_former(m: re.Match[str]) -> Expr | None:
    return expr(m, "DATE", "fixed", value="PAST_REF")


def b_holiday(m: re.Match[str]) -> Expr | None:
    y = int(m["y"]) if m["y"] else None
    return expr(m, "DATE", "holiday", holiday=re.sub(r"\s+", " ", m["h"].lower()), y=y,
                explicit_year=y is not None)


_SEASON_PART_MOD = {"früh": "START", "spät": "END", "hoch": "MID"}


def b_season(m: re.Match[str]) -> Expr | None:
    y = int(m["y"]) if "y" in m.re.groupindex and m["y"] else None
    if y is None and "yy" in m.re.groupindex and m["yy"]:
        y = _year2(m["yy"])  # "im Herbst 89"
    mod = mod_of(m["mod"]) if "mod" in m.re.groupindex else None
    if "s2" in m.re.groupindex and m["s2"]:  # "Spätherbst"
        season, mod = m["s2"], mod or _SEASON_PART_MOD[m["sp"].lower()]
    else:
        season = m["s"]
    return expr(m, "DATE", "season", part=W.SEASONS[season.lower()], y=y, explicit_year=y is not None, mod=mod)


def b_season_after(m: re.Match[str]) -> Expr | None:
    e = b_season(m)
    if e is not None:
        e.cue = 1
    return e


def b_half_of_year(m: re.Match[str]) -> Expr | None:
    part = "H1" if m["o"].lower() == "ersten" else "H2"
    if m["y"]:
        return expr(m, "DATE", "quarter", part=part, y=int(m["y"]), explicit_year=True)
    rel = (m["rel"] or "").lower()
    if rel in _SAME_YEAR:
        return expr(m, "DATE", "year_rel_ref", unit="year", offset=0, part=part)
    return expr(m, "DATE", "year_rel", unit="year", offset=W.RELATIVE.get(rel, 0), part=part)


def b_quarter(m: re.Match[str]) -> Expr | None:
    o = m["o"].lower().rstrip(".")
    n = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "1": 1, "2": 2, "3": 3, "4": 4}.get(re.sub(r"(e|en|es|er|em)$", "", o))
    if n is None:
        return None
    half = m["q"].lower().startswith(("halb", "jahresh"))
    if half and n > 2:
        return None
    y = int(m["y"]) if m["y"] else None
    return expr(m, "DATE", "quarter", part=f"{'H' if half else 'Q'}{n}", y=y, explicit_year=y is not None)
