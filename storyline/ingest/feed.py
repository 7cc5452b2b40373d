"""RSS and Atom feeds, from a file or a URL (feedparser). Each entry becomes an article."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from . import Problem, noted
from .article import make_article
from .fetch import fetch
from .guard import read_bytes

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|blockquote)>|<br\s*/?>", re.I)


def strip_html(fragment: str) -> str:
    """Text of an HTML fragment from a feed, block elements becoming paragraphs."""
    text = _BLOCK_END.sub("\n\n", fragment)
    text = htmllib.unescape(_TAG.sub("", text))
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                y, mo, d, h, mi, s = value[:6]
                return datetime(y, mo, d, h, mi, s, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def read(source: str, settings: Settings) -> Iterator[Article | Problem]:
    import feedparser

    max_bytes = int(settings["ingest.max_bytes"])
    try:
        if source.startswith(("http://", "https://")):
            data = fetch(
                source,
                timeout=float(settings["ingest.timeout_s"]),
                max_bytes=max_bytes,
                allow_hosts=settings["ingest.allow_hosts"],
            )
        else:
            data = read_bytes(source, max_bytes)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        reason = f"broken feed ({why})" if parsed.get("bozo") else "not a feed, or a feed without entries"
        yield Problem(source, reason)
        return
    if parsed.get("bozo"):
        yield Problem(source, f"feed is not well-formed ({parsed.get('bozo_exception')}); read what could be read", fatal=False)
    site = (parsed.get("feed") or {}).get("title")
    for i, entry in enumerate(entries):
        origin = f"{source}#{i + 1}"
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary") or ""
        notes: list[str] = []
        try:
            art = make_article(
                strip_html(body or ""),
                origin,
                settings,
                title=strip_html(entry.get("title") or "") or None,
                url=entry.get("link"),
                source=site,
                published=_entry_date(entry),
                warnings=notes,
            )
        except InputError as exc:
            yield Problem(origin, str(exc))
            continue
        yield from noted(origin, art, notes)
