"""German builders for measured lengths of time: durations ("drei Jahre", "15 bis 20 Tage"), dates a
measured length away ("zwei Tage später") and frequencies ("täglich", "pro Woche").

Kept apart from the calendar builders (``builders``) because these all read a number and a unit, and
each refuses the look-alikes that are not times: ages ("ab 16 Jahren", "der 38-jährige"), speeds
("100 Kilometer pro Stunde"), "eines Tages".
"""

from __future__ import annotations

import re

from ..expr import Expr
from ..patterns import duration_value, expr, number, unit_of
from . import words as W
from .fragments import WITHIN

_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


_WITHIN_BEFORE = re.compile(rf"\b(?:{WITHIN}|[Ii]m\s+Laufe?|[Ii]m\s+Verlauf)\s+$")


def b_duration(m: re.Match[str]) -> Expr | None:
    unit = unit_of(m["unit"])
    if m["n"].lower() == "eines" and unit == "tag" and not _WITHIN_BEFORE.search(m.string, max(0, m.start() - 25), m.start()):
        return None  # "eines Tages": some day, not a duration ("binnen eines Tages" is one)
    q = re.sub(r"\s+", " ", (m["q"] or "").lower())
    if unit == "jahr" and (q == "ab" or (q in ("unter", "von") and re.search(r"(?:Alter|Kinder|Jugendliche\w*)\s+(?:unter|von)\s*$", m.string[max(0, m.start() - 30) : m.start("x")]))):
        return None  # an age ("ab 16 Jahren", "im Alter von 90 Jahren"), not a time
    mod = {"fast": "LESS_THAN", "knapp": "LESS_THAN", "rund": "APPROX", "etwa": "APPROX", "über": "MORE_THAN",
           "mehr als": "MORE_THAN", "weniger als": "LESS_THAN", "mindestens": "EQUAL_OR_MORE",
           "höchstens": "EQUAL_OR_LESS"}.get(q)
    raw = m["n"]
    n = float(raw.replace(".", "")) if _THOUSANDS.fullmatch(raw) else number(raw)  # "2.500"
    v = duration_value(n, unit)
    if v is None:
        return None
    return expr(m, "DURATION", "fixed", value=v, mod=mod)


def b_duration_range(m: re.Match[str]) -> Expr | None:
    """"15 bis 20 Tage": the first number borrows the unit of the second."""
    v = duration_value(number(m["n"]), unit_of(m["unit"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_hm_duration(m: re.Match[str]) -> Expr | None:
    """"nach 2:46 Stunden", "7:01 Minuten": hours and minutes (minutes and seconds) of a duration."""
    a, b = int(m["h"]), int(m["mi"])
    big, small = ("H", "M") if m["u"] == "Stunden" else ("M", "S")
    return expr(m, "DURATION", "fixed", value=f"PT{a}{big}{b}{small}" if b else f"PT{a}{big}") if a or b else None


def b_half_duration(m: re.Match[str]) -> Expr | None:
    unit = unit_of(m["unit"])
    v = {"jahr": "P6M", "stunde": "PT30M", "tag": "PT12H", "jahrzehnt": "P5Y", "jahrhundert": "P50Y"}.get(unit)
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_vague_duration(m: re.Match[str]) -> Expr | None:
    v = duration_value(None, unit_of(m["unit"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


# "-jährig" is mostly an age ("der 81-jährige", "ein 29-jähriger Marokkaner"); it is a duration only
# before a noun that lasts: "fast 100-jähriges Problem", "nach 20-jähriger Pause".
_TIME_NOUNS = re.compile(r"\s+(?:[a-zäöüß]+\w*\s+)?(?:Problem|Geschichte|Tradition|Bestehen|Jubiläum|Bestand|Erfahrung|"
                         r"Pause|Zeit|Laufzeit|Frist|Amtszeit|Haft|Haftstrafe|Freiheitsstrafe|Gefängnisstrafe|Strafe|"
                         r"Streit|Projekt|Arbeit|Zusammenarbeit|Tätigkeit|Karriere|Ehe|Beziehung|Vertrag|Verhandlung|"
                         r"Krieg|Bürgerkrieg|Kampf|Herrschaft|Regierung|Besetzung|Abwesenheit|Dienst|Mitgliedschaft|"
                         r"Planung|Bauzeit|Forschung|Studie|Wartezeit|Sperre|Unterbrechung|Jubiläum)\w*")


def b_adj_duration(m: re.Match[str]) -> Expr | None:
    if m["u"].lower() == "jährig" and not _TIME_NOUNS.match(m.string, m.end()):
        return None  # "der 38-jährige Eventmanager": an age
    n = number(m["n"])
    unit = {"jährig": "jahr", "tägig": "tag", "wöchig": "woche", "monatig": "monat", "stündig": "stunde",
            "minütig": "minute", "jahr": "jahr", "tag": "tag", "tage": "tag", "woche": "woche",
            "wochen": "woche", "monat": "monat", "monate": "monat", "jahre": "jahr"}[m["u"].lower()]
    v = duration_value(n, unit)
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_later(m: re.Match[str]) -> Expr | None:
    n = number(m["n"])
    if n is None or n != int(n):
        return None
    unit = unit_of(m["unit"])
    names = {"jahr": "year", "monat": "month", "woche": "week", "tag": "day"}
    if unit not in names:
        return None
    sign = -1 if m["dir"].lower() in ("zuvor", "davor", "früher", "vorher") else 1
    e = expr(m, "DATE", "year_rel_ref", unit=names[unit], offset=sign * int(n))
    e.measure = (m.end("unit"), duration_value(n, unit))
    return e


def b_long_duration(m: re.Match[str]) -> Expr | None:
    v = duration_value(None, unit_of(m["u"]))
    return expr(m, "DURATION", "fixed", value=v) if v else None


def b_quarter_century(m: re.Match[str]) -> Expr | None:
    return expr(m, "DURATION", "fixed", value="P25Y")


def b_set_month(m: re.Match[str]) -> Expr | None:
    return expr(m, "SET", "fixed", value="P1M")


_WORD_BEFORE = re.compile(r"[\w,]\s*$")


def b_set_word(m: re.Match[str]) -> Expr | None:
    stem = m["w"].lower()
    if m["w"][0].isupper() and _WORD_BEFORE.search(m.string, max(0, m.start() - 3), m.start()):
        return None  # "im Lauf des Abends", "eines Abends": the genitive noun inside a sentence, not "abends"
    return expr(m, "SET", "fixed", value=W.SETS[stem])


_RATE_BEFORE = re.compile(r"\b(?:[Kk]ilometer\w*|[Mm]eter\w*|km|Meilen|Knoten|Liter\w*|Kubikmeter\w*|Umdrehungen|"
                          r"Kilowatt\w*|mm|cm|m)\s+$")


def b_set_each(m: re.Match[str]) -> Expr | None:
    w = m["u"].lower()
    if m[0].startswith("pro") and _RATE_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # "100 Kilometer pro Stunde": a speed, not a recurring time
    if w in W.WEEKDAYS:
        return expr(m, "SET", "fixed", value=f"XXXX-WXX-{W.WEEKDAYS[w]}")
    v = duration_value(1, unit_of(w))
    return expr(m, "SET", "fixed", value=v) if v else None


def b_set_daypart(m: re.Match[str]) -> Expr | None:
    return expr(m, "SET", "fixed", value=f"XXXX-XX-XXT{W.DAYPARTS[m['dp'].lower()]}")


def b_set_season(m: re.Match[str]) -> Expr | None:
    season = m["s2"] if m["s2"] else m["s"]
    return expr(m, "SET", "fixed", value=f"XXXX-{W.SEASONS[season.lower()]}")
