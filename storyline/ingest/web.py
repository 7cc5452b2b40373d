"""Inputs that name other inputs: a URL (an article page or a feed), a file listing URLs, an OPML
list of feeds. Everything is fetched through the guarded client (``fetch.py``) and read by what
the answer holds, not by what the URL looks like: ``storyline ingest https://…/article.html`` used
to fail with "cannot fetch feed" because every URL was taken for a feed.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import InputError
from . import Problem, noted
from .charset import decode_web, header_charset
from .fetch import Fetched, fetch_response
from .guard import read_bytes
from .sniff import sniff

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

_XMLURL = re.compile(r"""\bxmlUrl\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_FEED_TYPES = ("rss", "atom", "rdf", "xml", "feed+json")


def allowed_hosts(settings: Settings) -> list[str]:
    hosts = list(settings["ingest.allow_hosts"])
    return [*hosts, "*"] if settings["ingest.allow_private"] else hosts


def get(url: str, settings: Settings, headers: dict[str, str] | None = None) -> Fetched:
    """One guarded download with the ingest settings (deadline, size cap, allowed hosts)."""
    return fetch_response(
        url,
        timeout=float(settings["ingest.timeout_s"]),
        max_bytes=int(settings["ingest.max_bytes"]),
        allow_hosts=allowed_hosts(settings),
        headers=headers,
        user_agent=str(settings["ingest.user_agent"]),
    )


def read_answer(answer: Fetched, origin: str, settings: Settings) -> Iterator[Article | Problem]:
    """Articles from a fetched answer: a feed's items, or the article of an HTML page."""
    from .feed import parse_feed
    from .html import html_to_article

    ctype = answer.content_type.lower()
    fmt, what = sniff(answer.body[:8192])
    if fmt == "feed" or (fmt == "json" and "json" in ctype) or any(t in ctype for t in _FEED_TYPES if t != "xml"):
        yield from parse_feed(answer.body, origin, settings, header_charset(ctype))
        return
    if fmt != "html" and "html" not in ctype:
        yield Problem(origin, f"neither an article page nor a feed ({ctype or 'no content type'}; {what})")
        return
    try:
        page, warnings = decode_web(answer.body, header_charset(ctype))
        art, notes = html_to_article(page, origin, settings, url=answer.url)
    except InputError as exc:
        yield Problem(origin, str(exc))
        return
    yield from noted(origin, art, [*warnings, *notes])


def read_url(url: str, settings: Settings) -> Iterator[Article | Problem]:
    try:
        answer = get(url, settings)
    except InputError as exc:
        yield Problem(url, str(exc))
        return
    yield from read_answer(answer, url, settings)


def urls_in(source: str, kind: str, settings: Settings) -> tuple[list[str], list[Problem]]:
    """The URLs a list names: one per line (``#`` comments), or an OPML file's ``xmlUrl``s. OPML is
    read with a pattern, not an XML parser, so entity expansion has nothing to expand."""
    if kind == "url":
        return [source], []
    try:
        raw = get(source, settings).body if source.startswith(("http://", "https://")) else read_bytes(source, int(settings["ingest.max_bytes"]))
        text, _ = decode_web(raw)
    except InputError as exc:
        return [], [Problem(source, str(exc))]
    problems: list[Problem] = []
    if kind == "opml":
        urls = [htmllib.unescape(m.group(1) or m.group(2) or "").strip() for m in _XMLURL.finditer(text)]
        if not urls:
            problems.append(Problem(source, "an OPML file without any feed (no xmlUrl)"))
        return [u for u in urls if u], problems
    urls = []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.lower().startswith(("http://", "https://")):
            urls.append(line)
        else:
            problems.append(Problem(f"{source}:{lineno}", f"skipped: not an http(s) URL: {line[:80]!r}", skipped=True))
    return urls, problems


def read_list(source: str, kind: str, settings: Settings) -> Iterator[Article | Problem]:
    """Every URL of a list (or the one URL) fetched and read; one failing URL costs only itself."""
    urls, problems = urls_in(source, kind, settings)
    yield from problems
    for url in dict.fromkeys(urls):
        yield from read_url(url, settings)
