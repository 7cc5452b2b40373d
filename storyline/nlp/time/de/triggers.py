"""Which German rules can match where: cheap word-level triggers for the regular expressions.

Running ~50 regular expressions over every character of a long article is the tagger's main cost. A
rule can only match near a word it needs (a digit, a month name, a unit noun …), so each rule runs only
in windows around such words. Words are classified once per distinct word (news repeats its words).
"""

from __future__ import annotations

from functools import lru_cache

from .. import lexicon as L
from . import words as W

_REL_STEMS = ("vergangen", "letzt", "vorig", "kommend", "nächst", "folgend", "dies", "laufend", "heurig",
              "selb", "gleich", "bevorstehend", "zurückliegend", "vorangegangen", "darauffolgend")
_MONTH_PREFIXES = ("jan", "jän", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez")
_UNIT_PARTS = ("jahr", "monat", "woche", "tag", "stunde", "minute", "sekunde", "quartal", "nacht", "abend", "jahre",
               "morgen", "mittag", "früh", "jährig", "tägig", "wöchig", "monatig", "halbjahr", "uhr")
_HOLIDAY_FIRST = tuple(sorted({k.split()[0] for k in (*L.HOLIDAYS_FIXED, *L.HOLIDAYS_EASTER)} - {"new", "good"}))
_SET_WORDS = (*W.SETS, "jede", "pro", "einmal")
_REF_WORDS = frozenset(w.split()[-1] for w in W.REFS)
_DEICTIC = frozenset({"heute", "gestern", "morgen", "heuer", "vorgestern", "übermorgen", "heutigen", "gestrigen",
                      "morgigen"})
_SEASONS = ("frühling", "frühjahr", "sommer", "herbst", "winter", "frühsommer", "frühherbst", "frühwinter", "spätsommer",
            "spätherbst", "spätwinter", "hochsommer", "hochwinter")
_WEEKDAYS = tuple(W.WEEKDAYS)
_DECADE_WORDS = tuple(W.DECADES)  # "dreißiger" has no "ziger", "Nullerjahre" neither


@lru_cache(maxsize=65536)
def token_classes(tok: str) -> frozenset[str]:
    """Which trigger classes a word belongs to (cached: news repeats its words)."""
    low = tok.lower()
    out = set()
    if any(c.isdigit() for c in tok):
        out.add("digit")
    if tok[:1].isupper() and low.startswith(_MONTH_PREFIXES):
        out.add("month")
    if any(w in low for w in _WEEKDAYS):
        out.add("weekday")
    if any(u in low for u in _UNIT_PARTS):
        out.add("unit")
    if low.startswith(_REL_STEMS):
        out.add("rel")
    if low in ("halb", "viertel", "dreiviertel"):
        out.add("quarter_hour")  # "um halb acht"
    if low == "ersten":
        out.add("first")  # "in den ersten Monaten"
    if low in _DEICTIC:
        out.add("deictic")
    if low in _REF_WORDS or low.startswith("ehemalig") or tok == "Ex":
        out.add("ref")
    if low.startswith(_SET_WORDS):
        out.add("set")
    if low.startswith(_HOLIDAY_FIRST):
        out.add("holiday")
    if low.startswith(_SEASONS):
        out.add("season")
    if any(w in low for w in _DECADE_WORDS) or (low.endswith(("er", "ern")) and low[:1].isdigit()):
        out.add("decade")
    if "jahrhundert" in low:
        out.add("century")
    if low in ("chr", "christus", "christi", "z", "zeitrechnung"):
        out.add("era")
    return frozenset(out)


NEEDS: dict[str, tuple[str, ...]] = {
    "full_date": ("digit",), "numeric_date": ("digit",), "iso_date": ("digit",), "day_range": ("digit",),
    "month_year": ("month",), "same_unit": ("unit",),
    "ordinal_day_month": ("month",), "daypart_date": ("month",), "month_rel_year": ("month",), "month_mod": ("month",), "month_ctx": ("month",),
    "month_bare": ("month",), "month_pair": ("month",), "year": ("digit",), "year_span": ("digit",), "bc_year": ("era",), "year_short": ("digit",), "decade": ("decade",),
    "century": ("century",), "rel_unit": ("rel",), "mod_the_unit": ("unit",), "mod_des_rel": ("rel",),
    "rel_weekday": ("rel",), "rel_season": ("rel",), "rel_duration": ("rel", "first"), "deictic": ("deictic",),
    "weekday": ("weekday",), "weekday_dp": ("weekday",), "weekend": ("unit",), "clock": ("digit",),
    "clock_range": ("digit",), "clock_prep": ("digit",), "daypart": ("unit",), "duration": ("unit",),
    "half_duration": ("unit",), "hm_duration": ("unit",), "vague_duration": ("unit",), "adj_duration": ("unit",), "later": ("unit",),
    "ref_day": ("unit",), "ordinal_unit": ("unit",), "unit_after": ("unit",), "duration_range": ("unit",), "deictic_adj": ("deictic",), "season_rel_year": ("season",), "vague_later": ("unit",), "vague_after_the": ("unit",), "prev_unit": ("unit",), "unit_edge": ("unit",), "long_duration": ("unit",),
    "deictic_adj_wd": ("weekday",), "weekday_of_week": ("weekday",), "midnight": ("unit",), "in_course_of": ("unit",), "vague_genitive": ("unit",), "half_of_year": ("unit",), "set_every_n": ("unit",), "set_x_for_x": ("unit",), "set_season": ("season",), "clock_half": ("quarter_hour",), "these_days": ("unit",), "night_before": ("weekday",), "night_date": ("month",), "quarter_century": ("unit",), "season_after": ("season",), "ref_word": ("ref",), "former": ("ref",), "set_each_last": ("set",),
    "set_word": ("set",), "set_each": ("set",), "set_each_daypart": ("set",), "set_times": ("unit",), "clock_word": ("unit",), "holiday": ("holiday",), "season": ("season",),
    "season_year": ("season",), "quarter": ("unit",),
}
