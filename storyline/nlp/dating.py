"""Publication date for undated articles, estimated from the article's own time expressions.

News reports what just happened, so the latest calendar date an article names is usually a day or
two before it appeared; but news also names its past (obituaries, anniversaries, "seit 2003"), so
the year is chosen first, weighing all the evidence, and the day only afterwards:
1. the year: a small model (``YearModel``, trained by ``training/dating/train_year_model.py`` on the
   dewikinews train split, weights by cross-validation) scores candidate years from the year prior,
   how far publication usually lies after the latest year / full date / month-and-year the text
   names (0 or +1 mostly, a long tail of history, rarely ahead: the latest named year is a soft
   floor), day-month mentions whose weekday fits the year ("am Freitag, dem 3. Dezember"), and a
   Naive Bayes over capitalised words (names carry their era: Köhler, Obama, Euro-Krise);
2. the day: the latest named day in that year (full dates, weekday-fitting day-months; else
   day-months without a weekday placed in that year) plus the reporting gap, chosen so that the
   text's relative weekday mentions ("am Mittwoch") land on days it names; else 1 July of the year.
The estimate keeps its evidence and a confidence: 0.6+ a full date, 0.45 a day in a named year
(``DAY_EVIDENCE_CONFIDENCE``), 0.25 a named year or a day placed in a guessed year, 0.15 vocabulary
only. A date given by the source or the user always wins, and without evidence ``published`` stays
empty rather than becoming a silent guess. Weak estimates (below ``time.min_anchor_confidence``) are
kept but do not anchor day-level relative expressions.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import DAY_EVIDENCE_CONFIDENCE, DateEstimate
from ..pipeline import Stage, register
from .time.normalize import weekday_fits
from .time.tagger import Extraction, extract

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR_MODEL_PATH = Path(__file__).with_name("dating_years.json.gz")
NAMED_YEAR_CONFIDENCE = 0.25  # the year is one the text names, the day is unknown
GUESSED_DAY_CONFIDENCE = 0.25  # a named day and month placed in a year the model chose: too weak to anchor
VOCABULARY_CONFIDENCE = 0.15  # nothing but the vocabulary
MIN_VOCABULARY_HITS = 3
_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\w-]{2,}")
_WORDS = re.compile(r"\b[^\W\d_][\w-]{2,}")
_ANNIVERSARY = re.compile(r"\b(\d{1,3})\.\s*(?:Jahrestag|Todestag|Geburtstag|Jubiläum|Wiederkehr)")
DEFAULT_GAP_DAYS = 1  # days between the latest named date and publication (tuned on train/dev)
MAX_GAP_DAYS = 4
FUTURE_SLACK_DAYS = 45  # announcements: dates this far after the others are plans, not the news day
MAX_YEARS_BEFORE_NAMED = 1  # publication at most this many years before the latest (non-planned) named year
OFFSET_RANGE = (-3, 12)  # offsets (publication year - named year) the year model has a table for


@dataclass(slots=True)
class _Evidence:
    full: list[tuple[date, str]] = field(default_factory=list)
    planned: list[tuple[date, str]] = field(default_factory=list)  # full dates in future-tense clauses: plans
    daymonth: list[tuple[int, int, int | None, str]] = field(default_factory=list)  # month, day, weekday, surface
    years: list[tuple[int, str]] = field(default_factory=list)
    weekdays: list[tuple[int, int, str]] = field(default_factory=list)  # weekday, clause direction, surface
    future_years: list[tuple[int, str]] = field(default_factory=list)
    months: list[tuple[int, int, str]] = field(default_factory=list)  # year, month, surface ("im Dezember 2008")
    planned_daymonth: list[tuple[int, int, int | None, str]] = field(default_factory=list)  # in future clauses


def _collect(ex: Extraction) -> _Evidence:
    text = ex.text
    ev = _Evidence()
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
                (ev.planned_daymonth if direction > 0 or e.cue > 0 else ev.daymonth).append((e.m, e.d, e.wd, surface))
        elif e.kind == "date" and e.y is not None:
            if direction > 0 or e.cue > 0:
                ev.future_years.append((e.y, surface))  # "bis 2020", "soll 2006 …": a plan
            else:
                ev.years.append((e.y, surface))
                if e.m:
                    ev.months.append((e.y, e.m, surface))
        elif e.kind == "weekday" and e.wd and e.unit is None:
            ev.weekdays.append((e.wd, e.offset or direction, surface))
        if e.kind == "date" and e.y is not None and e.m and e.d:
            ev.years.append((e.y, surface))
    return ev


def prepare(ex: Extraction) -> _Evidence:
    """The dated evidence of one extraction: named days, day-month mentions, years, weekdays."""
    ev = _collect(ex)
    if not ev.full and ev.planned:
        ev.full, ev.planned = ev.planned, []
    if not ev.daymonth and ev.planned_daymonth:
        ev.daymonth, ev.planned_daymonth = ev.planned_daymonth, []
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
    return ev


def _consistency(pub: date, explicit: set[date], weekdays: list[tuple[int, int, str]]) -> int:
    """How many weekday mentions, resolved against ``pub``, land on a date the text names."""
    hits = 0
    for wd, direction, _ in weekdays:
        back = (pub.isoweekday() - wd) % 7
        cand = pub - timedelta(days=back) if direction <= 0 else pub + timedelta(days=(wd - pub.isoweekday()) % 7)
        if cand in explicit:
            hits += 1
    return hits


def vocabulary(text: str, features: str = "capitalised") -> set[str]:
    """The capitalised words of a text (names carry the era: Köhler, Obama, Euro-Krise), or with
    ``features="words"`` all its words of three letters or more."""
    return set((_WORDS if features == "words" else _CAPITALISED).findall(text))


# --------------------------------------------------------------------------------------------------
# The year model: which year is the article from, given what it names and the words it uses.
#
#   score(y) = w_prior·log P(y) + w_vocab·Σ_words log P(word | y)      (Naive Bayes over the words)
#            + w_offset·(log P(y − latest named year) + log P(y − year of the latest full date))
#            + w_weekday·(number of "Freitag, 3. Dezember" mentions whose weekday does not fit y)·(−1)
#
# The offset tables say how far publication lies after the latest year a text names (news names its
# past: 0 or +1 mostly, a long tail of history, rarely a year ahead); they and the word counts are
# learned on dewikinews train, the weights by cross-validation on train (training/dating/).
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class YearModel:
    years: list[int]
    log_prior: dict[int, float]
    prior_floor: float
    index: dict[str, int]
    loglik: list[list[float]]  # per word, per model year
    offsets: dict[str, tuple[int, list[float], float]]  # name -> (lowest offset, log P, log P outside)
    weights: dict[str, float]
    min_hits: int = MIN_VOCABULARY_HITS
    features: str = "capitalised"

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> YearModel:
        years: list[int] = raw["years"]
        docs = raw["docs_per_year"]
        total = sum(docs) + raw["prior_smoothing"] * (len(years) + 1)
        log_prior = {y: math.log((n + raw["prior_smoothing"]) / total) for y, n in zip(years, docs, strict=True)}
        alpha, vsize = raw["alpha"], len(raw["vocab"])
        denom = [math.log(t + alpha * vsize) for t in raw["tokens_per_year"]]
        loglik = [[math.log(c + alpha) - dn for c, dn in zip(row, denom, strict=True)] for row in raw["counts"]]
        offsets = {}
        for name, table in raw["offsets"].items():
            counts, k = table["counts"], raw["offset_smoothing"]
            total_o = sum(counts) + table["outside"] + k * (len(counts) + 1)
            offsets[name] = (table["lo"], [math.log((c + k) / total_o) for c in counts],
                             math.log((table["outside"] + k) / total_o / table["outside_span"]))
        return cls(years, log_prior, math.log(raw["prior_smoothing"] / total),
                   {t: i for i, t in enumerate(raw["vocab"])}, loglik, offsets, dict(raw["weights"]),
                   int(raw.get("min_hits", MIN_VOCABULARY_HITS)), raw.get("features", "capitalised"))

    def _offset(self, name: str, off: int) -> float:
        lo, table, outside = self.offsets[name]
        return table[off - lo] if 0 <= off - lo < len(table) else outside

    def scores(self, ev: _Evidence, words: set[str]) -> tuple[dict[int, float], int]:
        """Log-scores of the candidate years, and how many of the text's words the model knows."""
        w = self.weights
        latest = max((y for y, _ in ev.years), default=None)
        latest_full = max((d.year for d, _ in ev.full), default=None)
        latest_month = max((y for y, _, _ in ev.months), default=None)
        pins = [(m, d, wd) for m, d, wd, _ in ev.daymonth + ev.planned_daymonth if wd is not None]
        named = [y for y in (latest, latest_full) if y is not None]
        lo = min([*self.years, *named])
        hi = max([*self.years, *(y + 5 for y in named)])
        rows = [self.index[t] for t in sorted(words) if t in self.index]
        vocab: dict[int, float] = {}
        if len(rows) >= self.min_hits:
            for i, y in enumerate(self.years):
                vocab[y] = sum(self.loglik[r][i] for r in rows)
        neutral = sum(vocab.values()) / len(vocab) if vocab else 0.0
        if latest is not None:
            lo = max(lo, latest - MAX_YEARS_BEFORE_NAMED)  # a text rarely names a year after its own
        last = self.years[-1]
        out: dict[int, float] = {}
        for y in range(max(lo, MIN_YEAR), min(hi, MAX_YEAR) + 1):
            # Years after the training data are unknown to the model, not unlikely: they take the
            # prior of its last year rather than the floor kept for years before the data.
            prior = self.log_prior[last] if y > last else self.log_prior.get(y, self.prior_floor)
            s = w["prior"] * prior + w["vocab"] * vocab.get(y, neutral)
            if latest is not None:
                s += w["offset"] * self._offset("latest_year", y - latest)
            if latest_full is not None:
                s += w["offset"] * self._offset("latest_full", y - latest_full)
            if latest_month is not None and "latest_month" in self.offsets:
                s += w.get("month", w["offset"]) * self._offset("latest_month", y - latest_month)
            s -= w["weekday"] * sum(not weekday_fits(y, m, d, wd) for m, d, wd in pins)
            out[y] = s
        return out, len(rows)


@lru_cache(maxsize=1)
def _year_model() -> YearModel | None:
    try:
        with gzip.open(YEAR_MODEL_PATH, "rt", encoding="utf-8") as fh:
            return YearModel.from_dict(json.load(fh))
    except (OSError, ValueError, KeyError):
        return None


def _choose_year(ev: _Evidence, words: set[str], model: YearModel | None) -> tuple[int, float, int] | None:
    """(year, its posterior under the model, vocabulary hits); without a model the latest named year."""
    latest = max((y for y, _ in ev.years), default=None)
    if model is None:
        return (latest, 1.0, 0) if latest is not None else None
    scores, hits = model.scores(ev, words)
    if latest is None and not ev.daymonth and hits < model.min_hits:
        return None  # nothing dated and too little known vocabulary: a guess would be the base rate only
    best = max(scores, key=lambda y: (scores[y], -y))
    top = scores[best]
    norm = sum(math.exp(s - top) for s in scores.values())
    return best, 1.0 / norm, hits


def _days_in(year: int, ev: _Evidence) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """The named days that fall in ``year``: full dates and weekday-fitting day-month mentions (firm),
    day-month mentions without a weekday (placed)."""
    firm = [(d, s) for d, s in ev.full if d.year == year]
    placed: list[tuple[date, str]] = []
    for m, d, wd, surface in ev.daymonth:
        try:
            day = date(year, m, d)
        except ValueError:
            continue
        if wd is None:
            placed.append((day, surface))
        elif day.isoweekday() == wd:
            firm.append((day, surface))
    return firm, placed


def _with_gap(days: list[tuple[date, str]], ev: _Evidence) -> tuple[date, int, str]:
    """Publication day from the latest named day plus the reporting gap that makes the text's weekday
    mentions land on its named days; returns (day, consistent weekday mentions, evidence)."""
    ordered = sorted(d for d, _ in days)
    # An announcement far ahead of everything else is a plan, not the news day.
    while len(ordered) > 1 and (ordered[-1] - ordered[-2]).days > FUTURE_SLACK_DAYS:
        ordered.pop()
    latest = ordered[-1]
    explicit = set(ordered)
    best = max(range(0, MAX_GAP_DAYS + 1),
               key=lambda g: (_consistency(latest + timedelta(days=g), explicit, ev.weekdays), -abs(g - DEFAULT_GAP_DAYS)))
    hits = _consistency(latest + timedelta(days=best), explicit, ev.weekdays)
    surface = next((s for d, s in days if d == latest), latest.isoformat())
    return latest + timedelta(days=best), hits, f"latest named date {surface!r} + {best} day(s)"


def estimate_with(ev: _Evidence, words: set[str], model: YearModel | None) -> DateEstimate | None:
    """The estimate from prepared evidence (``prepare``) and the text's words (``vocabulary``)."""
    chosen = _choose_year(ev, words, model)
    if chosen is None:
        return None
    year, posterior, hits = chosen
    named_years = {y for y, _ in ev.years}
    named = year in named_years
    latest = max(named_years, default=None)
    why = f"year {year}"
    if latest is not None:
        why += f": latest named year {latest}" + (f" {year - latest:+d}" if year != latest else "")
    if model is not None:
        why += (", " if latest is not None else ": ") + f"vocabulary ({hits} known words), posterior {posterior:.2f}"
    firm, placed = _days_in(year, ev)
    if firm:
        pub, consistent, said = _with_gap(firm, ev)
        evidence = [said]
        pins = [s for m, d, wd, s in ev.daymonth if wd is not None and weekday_fits(year, m, d, wd)]
        evidence += [f"weekday fits {year}: {s!r}" for s in pins]
        if consistent:
            evidence.append(f"{consistent} weekday mention(s) consistent with that day")
        evidence.append(why)
        if any(d.year == year for d, _ in ev.full):
            conf = min(0.9, 0.6 + 0.1 * consistent)
        elif named:
            conf = min(0.9, DAY_EVIDENCE_CONFIDENCE + 0.1 * consistent)
        else:  # the weekday fits, but the year itself is the model's guess: a guessed day
            conf = GUESSED_DAY_CONFIDENCE
        return DateEstimate(datetime(pub.year, pub.month, pub.day), round(conf, 2), evidence)
    if placed:
        pub, consistent, said = _with_gap(placed, ev)
        where = "the latest named year" if year == latest else "a named year" if named else "the estimated year"
        evidence = [f"{said}, day and month in {where} {year}", why]
        conf = DAY_EVIDENCE_CONFIDENCE if named else GUESSED_DAY_CONFIDENCE
        return DateEstimate(datetime(pub.year, pub.month, pub.day), conf, evidence)
    conf = NAMED_YEAR_CONFIDENCE if named else VOCABULARY_CONFIDENCE
    return DateEstimate(datetime(year, 7, 1), conf, [why])


def estimate(text: str, lang: str = "de", model: YearModel | None = None) -> DateEstimate | None:
    """Estimate the publication date of ``text`` (title and body) from its content alone."""
    ev = prepare(extract(text, None, lang))
    model = model if model is not None else _year_model()
    return estimate_with(ev, vocabulary(text, model.features if model else "capitalised"), model)


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
