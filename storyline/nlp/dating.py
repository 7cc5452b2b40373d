"""Publication date for undated articles, estimated from the article's own time expressions.

News reports what just happened, so the latest calendar date an article names is usually a day or
two before it appeared. Three kinds of evidence, strongest first:
1. full dates ("3. Dezember 2004"): the latest one, plus the typical reporting gap;
2. day and month without a year ("am Freitag, dem 3. Dezember"): the weekday pins the year (a date
   falls on a given weekday only every 5–11 years), the other years in the text choose among those;
3. years alone ("2017", "Saison 2010/11"): the latest plausible year, a weak guess;
4. nothing dated, or years only: the vocabulary (names carry their era: Köhler, Obama, Euro-Krise)
   through a small Naive Bayes year model trained on the dewikinews train split
   (``training/dating/train_year_model.py``), allowed only to move the year later, confidence 0.15.
Relative words ("am Mittwoch", "gestern") then check the day: the gap is chosen so that the weekday
mentions resolve onto dates the text names explicitly (weekday/date consistency).
The estimate keeps its evidence and a confidence; a date given by the source or the user always wins,
and without evidence ``published`` stays empty rather than becoming a silent guess. Weak estimates
(below ``time.min_anchor_confidence``) are kept but do not anchor day-level relative expressions.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import DateEstimate
from ..pipeline import Stage, register
from .time.tagger import Extraction, extract

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR_MODEL_PATH = Path(__file__).with_name("dating_years.json.gz")
DAY_EVIDENCE_CONFIDENCE = 0.45  # estimates at or above this rest on a named day
VOCABULARY_CONFIDENCE = 0.15
MIN_VOCABULARY_HITS = 3
_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w-]{2,}")
_ANNIVERSARY = re.compile(r"\b(\d{1,3})\.\s*(?:Jahrestag|Todestag|Geburtstag|Jubiläum|Wiederkehr)")
DEFAULT_GAP_DAYS = 1  # days between the latest named date and publication (tuned on train/dev)
MAX_GAP_DAYS = 4
FUTURE_SLACK_DAYS = 45  # announcements: dates this far after the others are plans, not the news day


@dataclass(slots=True)
class _Evidence:
    full: list[tuple[date, str]]
    planned: list[tuple[date, str]]  # full dates in future-tense clauses: plans, not the news day
    daymonth: list[tuple[int, int, int | None, str]]  # month, day, weekday, surface
    years: list[tuple[int, str]]
    weekdays: list[tuple[int, int, str]]  # weekday, clause direction, surface
    future_years: list[tuple[int, str]]


def _collect(ex: Extraction) -> _Evidence:
    text = ex.text
    ev = _Evidence([], [], [], [], [], [])
    for e, direction in zip(ex.exprs, ex.expr_dir, strict=True):
        surface = text[e.start : e.end]
        if e.kind == "date" and e.y is not None and not (MIN_YEAR <= e.y <= MAX_YEAR):
            continue
        if e.kind == "date" and e.m and e.d:
            if e.y is not None:
                try:
                    day = date(e.y, e.m, e.d)
                except ValueError:
                    continue
                (ev.planned if direction > 0 or e.cue > 0 else ev.full).append((day, surface))
            else:
                ev.daymonth.append((e.m, e.d, e.wd, surface))
        elif e.kind == "date" and e.y is not None:
            if direction > 0 or e.cue > 0:
                ev.future_years.append((e.y, surface))  # "bis 2020", "soll 2006 …": a plan
            else:
                ev.years.append((e.y, surface))
        elif e.kind == "weekday" and e.wd and e.unit is None:
            ev.weekdays.append((e.wd, e.offset or direction, surface))
        if e.kind == "date" and e.y is not None and e.m and e.d:
            ev.years.append((e.y, surface))
    return ev


def _weekday_years(m: int, d: int, wd: int) -> list[int]:
    out = []
    for y in range(MIN_YEAR, MAX_YEAR + 1):
        try:
            if date(y, m, d).isoweekday() == wd:
                out.append(y)
        except ValueError:
            continue
    return out


def _consistency(pub: date, explicit: set[date], weekdays: list[tuple[int, int, str]]) -> int:
    """How many weekday mentions, resolved against ``pub``, land on a date the text names."""
    hits = 0
    for wd, direction, _ in weekdays:
        back = (pub.isoweekday() - wd) % 7
        cand = pub - timedelta(days=back) if direction <= 0 else pub + timedelta(days=(wd - pub.isoweekday()) % 7)
        if cand in explicit:
            hits += 1
    return hits


def estimate_from(ex: Extraction) -> DateEstimate | None:
    ev = _collect(ex)
    if not ev.full and ev.planned:
        ev.full, ev.planned = ev.planned, []
    if not ev.years and ev.future_years:
        ev.years, ev.future_years = ev.future_years, []
    anniversary = _ANNIVERSARY.search(ex.text)
    if anniversary and ev.full:
        # "61. Jahrestag des Hitler-Attentats" … "20. Juli 1944": the news day is the anniversary.
        n = int(anniversary.group(1))
        first = min(ev.full)[0]
        try:
            shifted = first.replace(year=first.year + n)
        except ValueError:
            shifted = first.replace(year=first.year + n, day=28)
        if MIN_YEAR <= shifted.year <= MAX_YEAR:
            ev.full.append((shifted, f"{anniversary.group(0)!r} after {first.isoformat()}"))
            ev.years.append((shifted.year, anniversary.group(0)))
    evidence: list[str] = []
    year_signal = max((y for y, _ in ev.years), default=None)
    # Day-month mentions whose weekday pins the year.
    pinned: list[date] = []
    for m, d, wd, surface in ev.daymonth:
        if wd is None:
            continue
        years = _weekday_years(m, d, wd)
        if not years:
            continue
        ref = year_signal or (max(ev.full)[0].year if ev.full else None)
        if ref is None:
            continue
        y = min(years, key=lambda yy: (abs(yy - ref), -yy))
        if abs(y - ref) <= 1:
            pinned.append(date(y, m, d))
            evidence.append(f"weekday fits {y}: {surface!r}")
    days = [d for d, _ in ev.full] + pinned
    base_year = year_signal
    if days and base_year is not None and max(days).year < base_year:
        # The named days are history (an anniversary, an obituary); the latest year is the news.
        days = []
    if not days and ev.daymonth and base_year is not None:
        for m, d, _, surface in ev.daymonth:
            try:
                days.append(date(base_year, m, d))
                evidence.append(f"day and month {surface!r} in the latest named year {base_year}")
            except ValueError:
                continue
    if days:
        days.sort()
        # An announcement far ahead of everything else is a plan, not the news day.
        while len(days) > 1 and (days[-1] - days[-2]).days > FUTURE_SLACK_DAYS:
            days.pop()
        latest = days[-1]
        explicit = set(days)
        gaps = range(0, MAX_GAP_DAYS + 1)
        best = max(gaps, key=lambda g: (_consistency(latest + timedelta(days=g), explicit, ev.weekdays),
                                        -abs(g - DEFAULT_GAP_DAYS)))
        hits = _consistency(latest + timedelta(days=best), explicit, ev.weekdays)
        surface = next((s for d, s in ev.full if d == latest), latest.isoformat())
        evidence.insert(0, f"latest named date {surface!r} + {best} day(s)")
        if hits:
            evidence.append(f"{hits} weekday mention(s) consistent with that day")
        conf = min(0.9, (0.6 if ev.full else 0.45) + 0.1 * hits)
        pub = latest + timedelta(days=best)
        return DateEstimate(datetime(pub.year, pub.month, pub.day), round(conf, 2), evidence)
    if base_year is not None:
        surface = next(s for y, s in ev.years if y == base_year)
        return DateEstimate(datetime(base_year, 7, 1), 0.25, [f"latest year named: {surface!r}"])
    return None


def vocabulary(text: str) -> set[str]:
    """The capitalised words of a text: names carry the era (Köhler, Obama, Euro-Krise)."""
    return set(_CAPITALISED.findall(text))


@lru_cache(maxsize=1)
def _year_model() -> dict[str, Any] | None:
    try:
        with gzip.open(YEAR_MODEL_PATH, "rt", encoding="utf-8") as fh:
            model: dict[str, Any] = json.load(fh)
    except (OSError, ValueError):
        return None
    model["index"] = {t: i for i, t in enumerate(model["vocab"])}
    return model


def year_from_vocabulary(text: str, min_year: int | None = None) -> tuple[int, float] | None:
    """Naive Bayes over capitalised words → (year, margin in log-odds to the runner-up). Knows only
    the years it was trained on (Wikinews 2004–2022), so it never overrides explicit later evidence."""
    model = _year_model()
    if model is None:
        return None
    years: list[int] = model["years"]
    allowed = [i for i, y in enumerate(years) if min_year is None or y >= min_year]
    if not allowed:
        return None
    index, counts, alpha = model["index"], model["counts"], 1.0
    vsize = len(model["vocab"])
    scores = {i: math.log(model["docs_per_year"][i]) for i in allowed}
    rows = [index[t] for t in sorted(vocabulary(text)) if t in index]
    if len(rows) < MIN_VOCABULARY_HITS:
        return None  # too little text the model knows: a guess would be the base rate only
    for row in rows:
        for i in allowed:
            scores[i] += math.log((counts[row][i] + alpha) / (model["tokens_per_year"][i] + alpha * vsize))
    ranked = sorted(allowed, key=lambda i: (-scores[i], years[i]))
    margin = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else 0.0
    return years[ranked[0]], margin


def estimate(text: str, lang: str = "de") -> DateEstimate | None:
    """Estimate the publication date of ``text`` (title and body) from its content alone."""
    est = estimate_from(extract(text, None, lang))
    if est is not None and est.confidence >= DAY_EVIDENCE_CONFIDENCE:
        return est
    # Only years (or nothing) named: the vocabulary says which era the text is from. It may only
    # move the estimate later than the latest named year, never earlier (a text names its past).
    floor = est.value.year if est is not None else None
    guess = year_from_vocabulary(text, floor)
    if guess is None or (est is not None and guess[0] == floor):
        return est
    evidence = (est.evidence if est else []) + [
        f"vocabulary resembles {guess[0]} (year model, margin {guess[1]:.1f})"
    ]
    return DateEstimate(datetime(guess[0], 7, 1), VOCABULARY_CONFIDENCE, evidence)


@register("dating")
class DatingStage(Stage):
    """Fills ``article.published`` (marked estimated) when the source gave no date."""

    version = 2
    requires = ("article.text",)
    assigns = ("article.published",)

    def __init__(self, settings: Settings | None = None):
        self.min_confidence = float(settings["dating.min_confidence"]) if settings is not None else 0.0

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art.published is not None and not art.published_estimated:
            if MIN_YEAR <= art.published.year <= MAX_YEAR:
                return doc
            # An absurd source date (e.g. the placeholder 0001-01-01) is no date at all.
            art.meta["published_rejected"] = art.published.isoformat()
            art.published = None
        lang = "en" if (art.language or "").startswith("en") else "de"
        est = estimate(((art.title or "") + "\n" + art.text), lang)
        if est is not None and est.confidence < self.min_confidence:
            est = None
        art.date_estimate = est
        art.published = est.value if est else None
        art.published_estimated = est is not None
        return doc


def set_published(doc: Document, published: datetime | None) -> None:
    """A user-supplied date: replaces any estimate and re-resolves the article's times cheaply."""
    from .time.component import reanchor

    art = doc.article
    art.published = published
    art.published_estimated = False
    art.date_estimate = None
    if "time" in doc.stages:
        reanchor(doc, published)
