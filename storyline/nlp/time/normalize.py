"""Resolution: anchor-free ``Expr`` records → TIMEX3 values, against an anchor and the text's own dates.

Two anchors matter. The *publication date* anchors deictic words ("gestern", "nächstes Jahr"). The
*reference* — the last date the text itself named — anchors what a writer leaves implicit: the year
of "Anfang September" after "2017" in the same sentence, the day of "um 15 Uhr" after "am Sonntag",
"am nächsten Tag". News texts (mode "news") use the publication date for most things; narratives
such as Wikipedia histories (mode "narrative") use the reference throughout. Direction ("the Tuesday
before or after?") comes from cue words and tense of the sentence; without any, the nearest wins.
A missing or absurd anchor never turns into a silent guess: relative values keep X placeholders.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from . import lexicon as L

MIN_YEAR, MAX_YEAR = 1000, 2200
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


@dataclass(slots=True)
class Resolved:
    value: str
    mod: str | None
    direction: str | None  # past / future / present relative to the anchor


def valid_anchor(anchor: date | None) -> date | None:
    """An anchor outside plausible news years (e.g. the placeholder 0001-01-01) counts as none."""
    if anchor is None or not (MIN_YEAR <= anchor.year <= MAX_YEAR):
        return None
    return anchor


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    day = min(d.day, calendar.monthrange(year, m + 1)[1]) if MIN_YEAR <= year <= 9999 else d.day
    return date(year, m + 1, day)


def shift(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "half":
        return add_months(d, 6 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return add_months(d, 12 * n)


def fmt(d: date, unit: str) -> str:
    if unit == "day":
        return d.isoformat()
    if unit in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}X"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "year": "XXXX", "quarter": "XXXX-QX", "half": "XXXX-HX", "decade": "XXXX", "century": "XX"}


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = ((h + ll - 7 * m + 114) % 31) + 1
    return date(year, month, day)


def holiday_date(name: str, year: int) -> date | None:
    if name in L.HOLIDAYS_FIXED:
        mo, d = L.HOLIDAYS_FIXED[name]
        return date(year, mo, d)
    if name in L.HOLIDAYS_EASTER:
        return easter(year) + timedelta(days=L.HOLIDAYS_EASTER[name])
    return None


def pick_year(month: int, day: int | None, base: date, direction: int) -> int:
    """The year for a month (and day) given without one: nearest to ``base``, on the side that
    the direction asks for when there is one."""
    best: tuple[float, int] | None = None
    for y in (base.year - 1, base.year, base.year + 1):
        dd = min(day or 15, calendar.monthrange(y, month)[1])
        target = date(y, month, dd)
        if day is None:
            delta = (y - base.year) * 12 + (month - base.month)
            dist = abs(delta) * 30.0
            sign = (delta > 0) - (delta < 0)
        else:
            delta_days = (target - base).days
            dist = float(abs(delta_days))
            sign = (delta_days > 0) - (delta_days < 0)
        if direction and sign and sign != direction:
            dist += 400.0  # allowed, but only when nothing fits the direction
        if best is None or dist < best[0]:
            best = (dist, y)
    assert best is not None
    return best[1]


def weekday_date(wd: int, base: date, offset: int, direction: int) -> date:
    delta = wd - base.isoweekday()
    if offset > 0 or (offset == 0 and direction > 0 and delta != 0):
        return base + timedelta(days=delta % 7 or (7 if offset > 0 else 0))
    if offset < 0 or (offset == 0 and direction < 0 and delta != 0):
        return base - timedelta(days=(-delta) % 7 or (7 if offset < 0 else 0))
    if delta == 0:
        return base
    # No cue: the nearest such weekday.
    fwd, back = delta % 7, (-delta) % 7
    return base + timedelta(days=fwd) if fwd <= back else base - timedelta(days=back)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def weekday_fits(y: int, m: int, d: int, wd: int) -> bool:
    """Whether day ``d`` of month ``m`` in year ``y`` exists and is ISO weekday ``wd``."""
    day = safe_date(y, m, d)
    return day is not None and day.isoweekday() == wd


def value_range(value: str) -> tuple[date, date] | None:
    """First and last day a DATE/TIME value covers (for past/future and timeline ordering)."""
    try:
        v = value.split("T")[0]
        if len(v) >= 10 and v[4] == "-" and v[7] == "-":
            d = date(int(v[:4]), int(v[5:7]), int(v[8:10]))
            return d, d
        if len(v) >= 8 and v[5] == "W":
            y, w = int(v[:4]), int(v[6:8])
            start = date.fromisocalendar(y, w, 1)
            return start, start + timedelta(days=6)
        if len(v) >= 7 and v[4] == "-" and v[5:7].isdigit():
            y, m = int(v[:4]), int(v[5:7])
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if len(v) >= 7 and v[4] == "-" and v[5] in "QH":
            y, n = int(v[:4]), int(v[6])
            months = 3 if v[5] == "Q" else 6
            start = date(y, (n - 1) * months + 1, 1)
            end = add_months(start, months) - timedelta(days=1)
            return start, end
        if len(v) >= 7 and v[4] == "-" and v[5:7] in _SEASON_MONTH_CODES:
            y = int(v[:4])
            mo = _SEASON_MONTH[v[5:7]]
            return date(y, mo, 1), add_months(date(y, mo, 1), 3) - timedelta(days=1)
        if len(v) == 4 and v.isdigit():
            return date(int(v), 1, 1), date(int(v), 12, 31)
        if len(v) == 4 and v[:3].isdigit() and v[3] == "X":
            y = int(v[:3]) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31)
        if len(v) == 2 and v.isdigit():
            y = int(v) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


_SEASON_MONTH_CODES = frozenset(_SEASON_MONTH)


def direction_of(value: str, anchor: date | None) -> str | None:
    if value == "PAST_REF":
        return "past"
    if value == "FUTURE_REF":
        return "future"
    if value == "PRESENT_REF":
        return "present"
    if anchor is None:
        return None
    rng = value_range(value)
    if rng is None:
        return None
    if rng[1] < anchor:
        return "past"
    if rng[0] > anchor:
        return "future"
    return "present"
