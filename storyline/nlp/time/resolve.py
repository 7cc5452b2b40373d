"""Walk a document's expressions in order and give each a TIMEX3 value.

This is the cheap half of tagging: it needs only the extracted ``Expr`` list, the sentence of each
and the sentence's tense, so a new publication date re-runs this alone. The walk keeps the text's
own reference dates (last explicit year, last named day) as it goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .expr import Expr
from .normalize import (
    _UNKNOWN,
    MAX_YEAR,
    MIN_YEAR,
    Resolved,
    direction_of,
    fmt,
    holiday_date,
    pick_year,
    safe_date,
    shift,
    valid_anchor,
    weekday_date,
    weekday_fits,
)

_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_MID = {p: m + 1 for p, m in _SEASON_START.items() if p != "WI"}  # winter spans the turn of the year: never rolled
# A history moves forward: a month without a year lying this many months or more before the month
# the text named last is the next year's ("Anfang Dezember 1941 … im Februar" is February 1942).
NARRATIVE_ROLL_MONTHS = 7
DAY_CONTEXT_SENTENCES = 0  # a clock time borrows the day named at most this many sentences before
# "am nächsten Tag", "am Vortag" count from the day the text named last, a few sentences back at most
# (further away, or with no day named at all, from the publication date).
REF_DAY_SENTENCES = 3


@dataclass(slots=True)
class _State:
    anchor: date | None
    mode: str
    year: tuple[int, int] | None = None  # (year, sentence) last explicit year
    ref: date | None = None  # narrative reference date (any granularity, first day)
    day: tuple[date, int] | None = None  # (date, sentence) last day-level date
    ref_month: bool = False  # the reference names a month (or season), not just a year
    ref_lost: bool = False  # a history named a year we cannot count from (BC, before MIN_YEAR)


def resolve_all(exprs: list[Expr], sent_of: list[int], expr_dir: list[int], anchor: date | None,
                mode: str = "news") -> list[Resolved | None]:
    st = _State(valid_anchor(anchor), mode)
    out: list[Resolved | None] = []
    for e, si, cdir in zip(exprs, sent_of, expr_dir, strict=True):
        # a cue word next to the expression wins over the clause's tense, except that "bis"/"ab" in a
        # past-tense clause look back: "von Jahresbeginn bis 31. August wurden … gestellt"
        direction = cdir if e.cue > 0 and cdir < 0 else (e.cue or cdir)
        value = _resolve(e, si, direction, st)
        if value is None:
            out.append(None)
            continue
        _remember(e, value, si, st)
        out.append(Resolved(value, e.mod, direction_of(value, st.anchor) or _dir_word(direction)))
    return out


def _dir_word(direction: int) -> str | None:
    return {1: "future", -1: "past"}.get(direction)


def _remember(e: Expr, value: str, si: int, st: _State) -> None:
    if e.type not in ("DATE", "TIME"):
        return
    if st.mode == "narrative" and e.rule == "bc_year" and (value.startswith("BC") or int(value[:4]) < MIN_YEAR):
        # "218 v. Chr." / "9 n. Chr.": what follows counts from a year we hold no date for; unknown
        # values beat ones counted from the download date ("im folgenden Jahr" is not 2012)
        st.ref, st.ref_month, st.ref_lost = None, False, True
        st.year = None
        return
    if not value[:4].isdigit():
        return
    y = int(value[:4])
    if e.explicit_year:
        st.year = (y, si)
    if len(value) >= 10 and value[7] == "-" and value[4] == "-":
        d = safe_date(y, int(value[5:7]), int(value[8:10]))
        if d:
            st.day = (d, si)
            st.ref, st.ref_month, st.ref_lost = d, True, False
    elif e.kind in ("date", "year_rel", "year_rel_ref", "season", "quarter", "holiday") and MIN_YEAR <= y <= MAX_YEAR:
        code = value[5:7]
        mo = int(code) if code.isdigit() else _SEASON_START.get(code)
        if mo is None and st.ref is not None and st.ref.year == y:
            return  # "im selben Jahr" after "am 17. September": the finer reference stays
        st.ref, st.ref_month, st.ref_lost = date(y, mo or 1, 1), mo is not None, False


def _base(st: _State) -> date | None:
    """The date that relative expressions count from: the anchor (news) or the reference (narrative)."""
    if st.mode == "narrative":
        return None if st.ref_lost else st.ref or st.anchor
    return st.anchor


def _context_year(si: int, st: _State) -> int | None:
    if st.mode == "narrative":
        return st.ref.year if st.ref else (st.year[0] if st.year else None)
    if st.year and st.year[1] == si:
        return st.year[0]
    return None


def _rolls_forward(month: int, st: _State) -> bool:
    """Whether a yearless month in a narrative lies in the year after the reference date's."""
    return (st.mode == "narrative" and st.ref is not None and st.ref_month
            and st.ref.month - month >= NARRATIVE_ROLL_MONTHS)


def _day_base(si: int, st: _State, window: int = DAY_CONTEXT_SENTENCES) -> date | None:
    if st.day and si - st.day[1] <= window:
        return st.day[0]
    return _base(st)


def _resolve(e: Expr, si: int, direction: int, st: _State) -> str | None:
    k = e.kind
    if k == "fixed":
        return e.value
    if k == "date":
        v = _calendar(e, si, direction, st)
        return v + f"T{e.part}" if v and e.part and len(v) == 10 else v  # "am Morgen des 28. November"
    if k == "decade":
        return fmt(date(max(e.y or 1, 1), 1, 1), "decade") if e.y else None
    base = _base(st)
    if k in ("year_rel", "year_rel_ref"):
        unit = e.unit or "year"
        b: date | None = (st.ref or base) if k == "year_rel_ref" else base
        if k == "year_rel_ref" and unit in ("day", "week", "weekend"):
            b = st.day[0] if st.day else (base if st.mode == "news" else None)  # days count from a named day
        if b is None:
            if e.part and unit == "year":
                return f"XXXX-{e.part}"
            return _UNKNOWN.get(unit, "XXXX") if e.m is None else f"XXXX-{e.m:02d}"
        d = shift(b, unit, e.offset or 0)
        if e.part and unit == "year":
            return f"{d.year:04d}-{e.part}"  # "Herbst kommenden Jahres"
        if e.m is not None:
            return f"{d.year:04d}-{e.m:02d}"
        return fmt(d, unit)
    if k == "present":  # "heute" against a past just named: nowadays in a present-tense clause
        if direction == 0 or st.mode == "narrative" or st.anchor is None:
            return "PRESENT_REF"
        return st.anchor.isoformat()
    if k == "deictic":
        if st.mode == "narrative" and not e.offset and not e.part:
            return "PRESENT_REF"  # "heute" in a history text means nowadays, not the download day
        if st.anchor is None:
            return "XXXX-XX-XX" + (f"T{e.part}" if e.part else "")
        d = st.anchor + timedelta(days=e.offset or 0)
        return d.isoformat() + (f"T{e.part}" if e.part else "")
    if k == "ref_day":
        b = _day_base(si, st, REF_DAY_SENTENCES)
        if b is None:
            return "XXXX-XX-XX"
        d = b + timedelta(days=e.offset or 0)
        return d.isoformat() + (f"T{e.part}" if e.part else "")
    if k == "weekday":
        b = base if st.mode == "news" else (st.day[0] if st.day else base)
        if b is None:
            return f"XXXX-WXX-{e.wd}" + (f"T{e.part}" if e.part else "")
        if e.unit == "weekend":
            return fmt(weekday_date(6, b, e.offset or 0, direction), "weekend")
        d = weekday_date(e.wd or 1, b, e.offset or 0, direction)
        return d.isoformat() + (f"T{e.part}" if e.part else "")
    if k == "night_before":  # dated like the day it leads to ("Mittwoch, dem 26. Mai"), one day earlier
        b = base if st.mode == "news" else (st.day[0] if st.day else base)
        day = _calendar(e, si, direction, st) if e.m and e.d else None
        if day is not None and len(day) == 10 and day[0].isdigit():
            return f"{date.fromisoformat(day) - timedelta(days=1)}TNI"
        if b is None or e.wd is None:  # no anchor, or a named day that does not exist ("Nacht zum 31. Februar")
            return "XXXX-XX-XXTNI"
        d = weekday_date(e.wd or 1, b, 0, direction) - timedelta(days=1)
        return f"{d.isoformat()}TNI"
    if k == "weekday_of_week":
        if base is None:
            return f"XXXX-WXX-{e.wd}" + (f"T{e.part}" if e.part else "")
        wk = shift(base, "week", e.offset or 0)
        d = wk + timedelta(days=(e.wd or 1) - wk.isoweekday())
        return d.isoformat() + (f"T{e.part}" if e.part else "")
    if k in ("time", "daypart"):
        b = _day_base(si, st, DAY_CONTEXT_SENTENCES if k == "time" else 2)
        if k == "daypart" and e.part == "NI" and direction < 0 and b is not None and b == base:
            # "In der Nacht haben US-Truppen Caracas angegriffen" in the day's news: the night that
            # has passed, dated (as "in der Nacht zu Samstag" is) to the evening it began
            b -= timedelta(days=1)
        day = b.isoformat() if b else "XXXX-XX-XX"
        if k == "daypart":
            return f"{day}T{e.part}"
        if e.hh == 24:
            return f"{day}T24:00"
        return f"{day}T{e.hh:02d}:{e.mi or 0:02d}"
    if k == "season":
        return _season(e, si, direction, st)
    if k == "quarter":
        y = e.y or _context_year(si, st) or (base.year if base else None)
        return f"{y:04d}-{e.part}" if y else f"XXXX-{e.part}"
    if k == "holiday":
        y = e.y or _context_year(si, st)
        if y is None and base is not None:
            cands = [(holiday_date(e.holiday or "", yy), yy) for yy in (base.year - 1, base.year, base.year + 1)]
            scored = sorted(
                (abs((d - base).days) + (400 if direction and (d > base) != (direction > 0) else 0), yy)
                for d, yy in cands if d is not None
            )
            y = scored[0][1] if scored else None
        hd = holiday_date(e.holiday or "", y) if y else None
        return hd.isoformat() if hd else "XXXX-XX-XX"
    return None


def _calendar(e: Expr, si: int, direction: int, st: _State) -> str | None:
    y = e.y
    if y is not None and not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    if e.m is None:
        return f"{y:04d}" if y else None
    if e.d is not None and safe_date(y or 2000, e.m, e.d) is None:
        return None  # impossible date such as 31 February (2000: a leap year allows 29 February)
    if y is None:
        y = _context_year(si, st)
        if y is not None and _rolls_forward(e.m, st):
            y += 1
        base = _base(st)
        if y is None and base is not None:
            y = pick_year(e.m, e.d, base, direction)
            if e.wd and e.d and not weekday_fits(y, e.m, e.d, e.wd):
                # "Sonntag, den 14. August": the weekday names the year when the nearest does not fit
                # but never against the tense: a past-tense sentence does not move a year ahead
                fits = [yy for yy in (y - 1, y + 1) if weekday_fits(yy, e.m, e.d, e.wd)
                        and (direction == 0 or (yy > y) == (direction > 0))]
                y = fits[0] if len(fits) == 1 else y
        elif y is None and e.wd and e.d:
            y = None  # weekday alone cannot pin a year without any anchor
    if y is None:
        return f"XXXX-{e.m:02d}" + (f"-{e.d:02d}" if e.d else "")
    if e.d is None:
        return f"{y:04d}-{e.m:02d}"
    d = safe_date(y, e.m, e.d)
    return d.isoformat() if d else None


def _season(e: Expr, si: int, direction: int, st: _State) -> str:
    part = e.part or "SU"
    if e.y:
        return f"{e.y:04d}-{part}"
    base = _base(st)
    if e.offset is not None and base is not None:
        return f"{base.year + e.offset:04d}-{part}"
    if e.rule == "season_after" or (st.mode == "narrative" and e.rule == "rel_season" and e.cue):
        # "im Sommer darauf", "im folgenden Winter" in a history: the next (or last) one after the
        # date the text named last, not the one of that date's year
        ref = st.ref or base
        if ref is None:
            return f"XXXX-{part}"
        start = _SEASON_START[part]
        if st.ref is not None and not st.ref_month:  # only a year named: "1875 … im Sommer darauf" is 1876's
            return f"{ref.year + (1 if e.cue > 0 else -1):04d}-{part}"
        if e.cue > 0:
            return f"{ref.year + (start <= ref.month):04d}-{part}"
        return f"{ref.year - (start >= ref.month):04d}-{part}"
    y = _context_year(si, st)
    if y is not None and part in _SEASON_MID and _rolls_forward(_SEASON_MID[part], st):
        y += 1
    if y is None and base is not None:
        y = base.year
        now = _SEASON_ORDER[{12: "WI", 1: "WI", 2: "WI"}.get(base.month, "SP" if base.month < 6 else "SU" if base.month < 9 else "FA")]
        # "im vorigen Frühling" written in spring is last year's ("im kommenden Frühling" in early spring
        # may be the one just starting, so only the past moves)
        last_one = e.rule == "rel_season" and e.cue < 0
        if direction < 0 and (_SEASON_ORDER[part] > now or (last_one and _SEASON_ORDER[part] == now)):
            y -= 1
        elif direction > 0 and _SEASON_ORDER[part] < now:
            y += 1
    return f"{y:04d}-{part}" if y else f"XXXX-{part}"
