"""HTML pages: main text and metadata (title, date, site, URL) extracted with trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from . import Problem, noted
from .article import make_article
from .charset import decode_web
from .guard import read_bytes

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings


def html_to_article(
    html: str, origin: str, settings: Settings, url: str | None = None, fallback_date: Any = None
) -> tuple[Article, list[str]]:
    """Extract one article from an HTML page; InputError when there is no main text."""
    import trafilatura

    try:
        doc: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.strip()) < int(settings["ingest.html_min_chars"]):
        raise InputError("no main text found in the HTML page")
    # trafilatura puts one block per line: make blocks paragraphs
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    notes: list[str] = []
    art = make_article(
        body,
        origin,
        settings,
        title=getattr(doc, "title", None),
        url=url or getattr(doc, "url", None),
        source=getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        published=getattr(doc, "date", None) or fallback_date,
        language=None,
        warnings=notes,
    )
    if fallback_date is not None and not getattr(doc, "date", None) and art.published is not None:
        art.meta["date_from"] = "capture"  # the archive's capture date, not a date the page states
    return art, notes


def read(source: str, settings: Settings) -> Iterator[Article | Problem]:
    try:
        html, warnings = decode_web(read_bytes(source, int(settings["ingest.max_bytes"])))
        art, notes = html_to_article(html, source, settings)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    yield from noted(source, art, [*warnings, *notes])
