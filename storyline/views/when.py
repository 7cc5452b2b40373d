"""A TIMEX3 date value in words a reader understands, for timelines.

The time stage resolves "in der Nacht zu Samstag" to ``2026-01-02TNI`` and "vor dem Krieg" to a
value with the modifier ``BEFORE``: exact and sortable, but a timeline that shows
"2026-01-02TNI BEFORE" makes its reader decode it. ``when`` keeps the ISO date and says the rest in
words: "before 2026-01-02 night", "week 10 of 2018", "summer 2018", "1950s". Values it does not
know are shown as they are. The machine-readable value stays in the data (JSON, exports, the
timeline's ``data-date`` attributes).
"""

from __future__ import annotations

import re

_TIME_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_PARTS = {"SP": "spring {}", "SU": "summer {}", "FA": "autumn {}", "AU": "autumn {}", "WI": "winter {}",
          "Q1": "Q1 {}", "Q2": "Q2 {}", "Q3": "Q3 {}", "Q4": "Q4 {}",
          "H1": "first half of {}", "H2": "second half of {}"}
_MODS = {"BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "until {}", "ON_OR_AFTER": "from {}",
         "START": "early {}", "MID": "mid {}", "END": "late {}", "APPROX": "about {}",
         "LESS_THAN": "less than {}", "MORE_THAN": "more than {}",
         "EQUAL_OR_LESS": "at most {}", "EQUAL_OR_MORE": "at least {}"}
_DAY_PART = re.compile(r"^(\d{4}-\d{2}-\d{2})T([A-Z]{2})$")
_DAY_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-([A-Z][A-Z0-9])$")
DECADE = re.compile(r"^(\d{3})X$")  # TIMEX3 "195X" (also the drawn timeline's, ``web.svg``)
CENTURY = re.compile(r"^(\d{2})XX$")


def _value(value: str) -> str:
    if (m := _DAY_PART.match(value)) and m[2] in _TIME_OF_DAY:
        return f"{m[1]} {_TIME_OF_DAY[m[2]]}"
    if m := _DAY_TIME.match(value):
        return f"{m[1]} {m[2]}"
    if m := _WEEK.match(value):
        return f"{'weekend of ' if m[3] else ''}week {int(m[2])} of {m[1]}"
    if (m := _PART.match(value)) and m[2] in _PARTS:
        return _PARTS[m[2]].format(m[1])
    if m := DECADE.match(value):
        return f"{m[1]}0s"
    if m := CENTURY.match(value):
        return f"{m[1]}00s"
    return value


def when(value: str | None, mod: str | None = None) -> str:
    """``value`` (and its TIMEX3 ``mod``) in words: "2026-01-02TNI" → "2026-01-02 night",
    with ``BEFORE`` → "before 2026-01-02 night"; an unknown value or modifier as it is."""
    words = _value(value or "")
    if not mod:
        return words
    pattern = _MODS.get(mod)
    return pattern.format(words) if pattern else f"{words} {mod}"
