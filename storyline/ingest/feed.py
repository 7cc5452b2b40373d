"""RSS and Atom feeds, from a file or a URL (feedparser). Each entry becomes an article."""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..ids import normalise_text
from . import Problem, noted
from .article import make_article
from .charset import as_utf8_xml, header_charset
from .guard import read_bytes

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

_TAG = re.compile(r"<[^>]+>")
_ENTITY = re.compile(rb"<!ENTITY", re.I)
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
    max_bytes = int(settings["ingest.max_bytes"])
    try:
        if source.startswith(("http://", "https://")):
            from .web import get

            answer = get(source, settings)
            data, charset = answer.body, header_charset(answer.content_type)
        else:
            data, charset = read_bytes(source, max_bytes), None
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    yield from parse_feed(data, source, settings, charset)


def entry_identity(entry: Any, link_count: Counter[str], feed_key: str, text: str, title: str | None) -> str | None:
    """What identifies a feed item when its link does not: the link is the id (as for any page)
    unless several items of this feed share it (a homepage link); then the guid, else title + text."""
    link = entry.get("link") or ""
    if link and link_count[link] == 1:
        return None
    guid = entry.get("id") or ""
    if guid and guid != link:
        return f"guid\x1f{feed_key}\x1f{guid}"
    return f"text\x1f{normalise_text(title or '')}\x1f{normalise_text(text)}"


def parse_feed(data: bytes, source: str, settings: Settings, charset: str | None = None) -> Iterator[Article | Problem]:
    """Articles from feed bytes: RSS, Atom, RDF, or a JSON Feed (jsonfeed.org)."""
    import feedparser

    if data.lstrip()[:1] == b"{":
        from .records import read_json_bytes

        yield from read_json_bytes(data, source, settings)
        return
    if _ENTITY.search(data[:65536]):  # billion laughs: expanding nested entities costs gigabytes
        yield Problem(source, "refused: the feed declares XML entities (<!ENTITY>), which news feeds never need")
        return
    try:
        data, enc_notes = as_utf8_xml(data, charset)
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
    for note in enc_notes:
        yield Problem(source, note, fatal=False)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        yield Problem(source, f"feed is not well-formed ({parsed.get('bozo_exception')}); read what could be read", fatal=False)
    feed = parsed.get("feed") or {}
    site = feed.get("title")
    feed_key = feed.get("link") or feed.get("id") or site or source
    links = Counter(e.get("link") for e in entries if e.get("link"))
    for i, entry in enumerate(entries):
        origin = f"{source}#{i + 1}"
        content = entry.get("content") or []
        body = strip_html((content[0].get("value") if content else entry.get("summary")) or "")
        title = strip_html(entry.get("title") or "") or None
        notes: list[str] = []
        try:
            art = make_article(
                body,
                origin,
                settings,
                title=title,
                url=entry.get("link"),
                source=site,
                published=_entry_date(entry),
                warnings=notes,
                identity=entry_identity(entry, links, feed_key, body, title),
            )
        except InputError as exc:
            yield Problem(origin, str(exc))
            continue
        if entry.get("id"):
            art.meta["guid"] = str(entry.get("id"))[:500]
        yield from noted(origin, art, notes)
