"""Turning what a reader found into an Article: clean text, id, parsed date, sanity checks."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..ids import article_id
from ..model import Article
from .guard import clean_text

if TYPE_CHECKING:
    from ..settings import Settings

MIN_YEAR = 1800
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2}))?$")


def parse_date(value: Any) -> datetime:
    """A publication date from the forms sources use; naive UTC. Raises ValueError with a reason."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        dt = datetime.fromtimestamp(float(value) / (1000 if value > 1e11 else 1), tz=UTC)
    elif isinstance(value, str):
        raw = value.strip()
        if not raw:
            raise ValueError("empty date")
        m = _DMY.match(raw)
        if m:
            d, mo, y, hh, mm = m.groups()
            dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0))
        else:
            try:
                dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                try:
                    dt = parsedate_to_datetime(raw)
                except (TypeError, ValueError, IndexError):
                    raise ValueError(f"unrecognised date {raw!r}") from None
    else:
        raise ValueError(f"unrecognised date {value!r}")
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    if dt.year < MIN_YEAR or dt > datetime.now().replace(year=datetime.now().year + 1):
        raise ValueError(f"implausible date {dt.date().isoformat()}")
    return dt


def make_article(
    text: str,
    origin: str,
    settings: Settings,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: Any = None,
    language: str | None = None,
    meta: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
) -> Article:
    """Build an Article. Raises InputError when there is no usable text; an unusable date is
    dropped with a note in ``warnings`` (the article is still worth keeping)."""
    text = clean_text(text or "").strip()
    title = clean_text(title).strip() or None if title else None
    if len(text) < int(settings["ingest.min_chars"]):
        if title:
            text = title  # headline-only items (feeds, front pages) are still news
        else:
            raise InputError("no text (empty article)")
    when = None
    if published not in (None, ""):
        try:
            when = parse_date(published)
        except ValueError as exc:
            if warnings is not None:
                warnings.append(f"date ignored: {exc}")
    url = url.strip() if isinstance(url, str) and url.strip() else None
    return Article(
        id=article_id(url, text),
        text=text,
        title=title,
        url=url,
        source=source.strip() if isinstance(source, str) and source.strip() else None,
        language=language or None,
        published=when,
        origin=origin,
        meta=meta or {},
    )
