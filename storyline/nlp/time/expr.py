"""The anchor-free meaning of a time expression, between extraction and resolution.

Extraction (regular expressions over the text) produces ``Expr`` records that say *what* an
expression means ("the Tuesday before", "May of the reference year", "two years") without knowing
*when* the article was written. Resolution turns them into TIMEX3 values against an anchor. Keeping
the two apart makes re-dating an article a cheap call: only resolution runs again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "date",  # calendar fields y/m/d, any may be missing (month and day without year → reference year)
    "year_rel",  # offset in a unit from the anchor: "nächstes Jahr", "vergangene Woche", "Vorjahr"
    "year_rel_ref",  # offset from the last named date: "im folgenden Jahr", "zwei Jahre später"
    "deictic",  # day offset from the anchor: heute, gestern, morgen
    "present",  # "heute" that means nowadays (PRESENT_REF) unless its clause looks back or ahead
    "ref_day",  # day offset from the last mentioned day: "am nächsten Tag", "am Vortag"
    "weekday",  # a weekday, direction from modifier or tense
    "weekday_of_week",  # "Dienstag vergangener Woche"
    "night_before",  # "Nacht" in "in der Nacht auf Sonntag": the evening day before the weekday
    "time",  # clock time on the reference day
    "daypart",  # part of a day on the reference day
    "season",  # season of a year (given or reference)
    "quarter",  # quarter/half of a year
    "decade",
    "century",
    "holiday",
    "fixed",  # value fully given: durations, sets, PRESENT_REF …
]


@dataclass(slots=True)
class Expr:
    """One extracted expression: its span, TIMEX3 type and anchor-free meaning."""

    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    unit: str | None = None  # year, month, week, day, weekend, decade, century, quarter, half
    offset: int | None = None
    wd: int | None = None  # ISO weekday 1..7
    part: str | None = None  # daypart code (MO, EV…), season (SU…), quarter (Q1…), half (H1…)
    hh: int | None = None
    mi: int | None = None
    mod: str | None = None
    value: str | None = None  # for kind == "fixed"
    explicit_year: bool = False  # the text itself names the year (a reference for later months)
    holiday: str | None = None
    cue: int = 0  # direction from a cue next to the expression: -1 past, +1 future ("bis", "seit")
    rule: str = ""
    # "zwei Jahre später": news corpora (KRAUTS) annotate the measure "zwei Jahre" as a DURATION;
    # narratives want the date it points to. (end of the measure, its duration value)
    measure: tuple[int, str | None] | None = None

    def key(self) -> tuple[int, int]:
        return (self.start, self.end)
