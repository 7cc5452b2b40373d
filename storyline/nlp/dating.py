"""Publication date for undated articles, estimated from content (a first, simple estimator).

When an article arrives without a date, the latest explicit calendar date in its text is a good
first guess (news reports what just happened); a bare year is weaker evidence. The estimate keeps
its evidence and a confidence; a date given by the source or the user always wins.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from ..model import DateEstimate
from ..pipeline import Stage, register

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

_MONTHS = {
    "januar": 1, "jänner": 1, "january": 1, "februar": 2, "february": 2, "märz": 3, "march": 3,
    "april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7, "august": 8,
    "september": 9, "oktober": 10, "october": 10, "november": 11, "dezember": 12, "december": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DMY = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_RE})\s+(\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d{2})(?![\d.,]\d)")


def _safe(y: int, m: int, d: int) -> datetime | None:
    try:
        return datetime(y, m, d)
    except ValueError:
        return None


def explicit_dates(text: str) -> list[tuple[datetime, str]]:
    found: list[tuple[datetime, str]] = []
    for m in _DMY.finditer(text):
        dt = _safe(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        if dt:
            found.append((dt, m[0]))
    for m in _MDY.finditer(text):
        dt = _safe(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        if dt:
            found.append((dt, m[0]))
    for m in _NUMERIC.finditer(text):
        dt = _safe(int(m[3]), int(m[2]), int(m[1]))
        if dt:
            found.append((dt, m[0]))
    for m in _ISO.finditer(text):
        dt = _safe(int(m[1]), int(m[2]), int(m[3]))
        if dt:
            found.append((dt, m[0]))
    return found


def estimate(text: str) -> DateEstimate | None:
    dates = explicit_dates(text)
    if dates:
        best, surface = max(dates)
        return DateEstimate(best, 0.6, [f"latest explicit date in the text: {surface!r}"])
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        year = max(years)
        return DateEstimate(datetime(year, 7, 1), 0.2, [f"latest year mentioned: {year}"])
    return None


@register("dating")
class DatingStage(Stage):
    """Fills ``article.published`` (marked estimated) when the source gave no date."""

    version = 1
    requires = ("article.text",)
    assigns = ("article.published",)

    def __init__(self, settings: Settings):
        pass

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art.published is not None and not art.published_estimated:
            return doc
        est = estimate(((art.title or "") + "\n" + art.text))
        art.date_estimate = est
        art.published = est.value if est else None
        art.published_estimated = est is not None
        return doc
