"""English word lists for time expressions: the same meanings as the German lists (``de.words``)."""

from __future__ import annotations

# Month and weekday numbers (ISO: Monday = 1); parts of the day as TIMEX3 codes.
MONTHS: dict[str, int] = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4, "apr.": 4,
    "may": 5, "june": 6, "july": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9,
    "october": 10, "oct.": 10, "november": 11, "nov.": 11, "december": 12, "dec.": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

DAYPARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "noon": "MI",
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

VAGUE = ("many", "several", "few", "some")

UNITS: dict[str, tuple[str, str]] = {
    "year": ("Y", "year"), "month": ("M", "month"), "week": ("W", "week"), "day": ("D", "day"),
    "hour": ("H", "hour"), "minute": ("MIN", "minute"), "second": ("S", "second"),
    "decade": ("DE", "decade"), "century": ("CE", "century"), "quarter": ("Q", "quarter"),
    "weekend": ("WE", "weekend"),
}

RELATIVE: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
    "current": 0,
}

DEICTIC_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "formerly": "PAST_REF", "soon": "FUTURE_REF",
    "in the future": "FUTURE_REF",
}

SETS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H",
}
