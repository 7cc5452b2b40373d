"""Turning what a reader found into an Article: clean text, id, parsed date, sanity checks."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..ids import article_id, stable_hash
from ..model import Article
from .guard import clean_text, printable, scrub

if TYPE_CHECKING:
    from ..settings import Settings

MIN_YEAR = 1800
MAX_TIMESTAMP = 1e11  # seconds: year 5138; larger numbers are not dates
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2}))?$")


def parse_date(value: Any) -> datetime:
    """A publication date from the forms sources use; naive UTC. Raises ValueError with a reason,
    also for values no calendar holds (``1e300``, year 99999, ``inf``)."""
    try:
        dt = _to_datetime(value)
        if dt.tzinfo is not None:
            dt = dt.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, OSError) as exc:
        raise ValueError(f"date out of range {short(value)} ({exc})") from None
    if dt.year < MIN_YEAR or dt > datetime.now().replace(year=datetime.now().year + 1):
        raise ValueError(f"implausible date {dt.date().isoformat()}")
    return dt


def _to_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value) / (1000 if value > 1e11 else 1)
        if not math.isfinite(seconds) or abs(seconds) > MAX_TIMESTAMP:
            raise ValueError(f"date out of range {short(value)}")
        dt = datetime.fromtimestamp(seconds, tz=UTC)
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
                    raise ValueError(f"unrecognised date {short(raw)}") from None
    else:
        raise ValueError(f"unrecognised date {short(value)}")
    return dt


def short(value: Any, limit: int = 60) -> str:
    """A value as messages show it: short, one line, never the repr of a deep structure."""
    if isinstance(value, dict | list | tuple):
        return f"a JSON {'object' if isinstance(value, dict) else 'array'}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    identity: str | None = None,
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
    origin = printable(origin)
    when = None
    if published is not None and published != "":
        try:
            when = parse_date(published)
        except ValueError as exc:
            if warnings is not None:
                warnings.append(f"date ignored: {exc}")
    url = scrub(url).strip() or None if isinstance(url, str) else None
    try:
        ident = stable_hash("key", identity) if identity else article_id(url, text)
    except ValueError as exc:  # e.g. a port out of range: keep the article, drop the URL
        if warnings is not None:
            warnings.append(f"url ignored: {exc}")
        url, ident = None, article_id(None, text)
    if language is not None and not _LANGUAGE.match(language):
        if warnings is not None:
            warnings.append(f"language ignored: {short(scrub(language))} is not a language code")
        language = None
    return Article(
        id=ident,
        text=text,
        title=title,
        url=url,
        source=scrub(source).strip() or None if isinstance(source, str) else None,
        language=language or None,
        published=when,
        origin=origin,
        meta=clean_meta(meta or {}),
    )


def clean_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Extra fields as the store can hold them: text scrubbed, numbers finite, nothing nested."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, str):
            value = scrub(value)
        elif isinstance(value, float) and not math.isfinite(value):
            value = str(value)
        elif not isinstance(value, int | float | bool) and value is not None:
            continue
        out[scrub(str(key))] = value
    return out
