"""``/api/…``: read endpoints for everything the pages show, two writes, and local docs.

Every answer is a view from :mod:`storyline.views` (the shapes ``storyline export`` and the pages'
``.json`` twins give). Writes need the server's token (``storyline serve --token``) in an
``Authorization: Bearer`` or ``X-Storyline-Token`` header; without a token the server is read-only.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from ..library import Storyline
from ..views import pages
from ..views.records import entity_record

router = APIRouter(prefix="/api", tags=["api"])

PageQ = Annotated[int, Query(ge=1, le=pages.MAX_PAGE, description="Page number, from 1.")]
Short = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD (empty: any)")]
Key = Annotated[str, Query(max_length=80, pattern=r"^[A-Za-z0-9_]+$")]
Label = Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC|MISC)$")]


def reader(request: Request) -> Storyline:
    sl: Storyline = request.app.state.backend.reader()
    return sl


@router.get("/stats", summary="Counts, latest publication date, last ingest")
def stats(request: Request) -> dict[str, Any]:
    return reader(request).stats()


@router.get("/home", summary="Stories that moved in the last day and week (the home page)")
def home(request: Request) -> dict[str, Any]:
    return pages.home_page(reader(request))


@router.get("/stories", summary="Stories, most recently active first")
def stories(request: Request, page: PageQ = 1) -> dict[str, Any]:
    return pages.stories_page(reader(request), page)


@router.get("/stories/{story_id}", summary="One story: record, events with articles, timeline, quotes by speaker")
def story(request: Request, story_id: str) -> dict[str, Any]:
    return pages.story_page(reader(request), story_id)


@router.get("/events/{event_id}", summary="One event: articles with copies folded and membership explanations")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return pages.event_page(reader(request), event_id)


@router.get("/articles", summary="Articles in publication order")
def articles(request: Request, page: PageQ = 1, language: Short = None) -> dict[str, Any]:
    return pages.articles_page(reader(request), page, language or None)


@router.get("/articles/{article_id}", summary="One article with every annotation, its event, story and copies")
def article(request: Request, article_id: str) -> dict[str, Any]:
    return pages.article_page(reader(request), article_id)


@router.get("/entities", summary="Entities, most mentioned first")
def entities(
    request: Request, type: Label = None, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> dict[str, Any]:
    return {"entities": [entity_record(e) for e in reader(request).entities(label=type, limit=limit)]}


@router.get("/entities/{entity_id}", summary="One entity: aliases, mentions per day, stories, quotes, co-occurring, and how its names were joined (identity)")
def entity(request: Request, entity_id: str) -> dict[str, Any]:
    return pages.entity_page(reader(request), entity_id)


@router.get("/quotes", summary="Statements with provenance (first carrier, repeating outlets)")
def quotes(request: Request, speaker: Short = None, words: Short = None, page: PageQ = 1) -> dict[str, Any]:
    return pages.quotes_page(reader(request), speaker or None, words or None, page)


@router.get("/search", summary="Full-text search with filters and paging")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    language: Short = None,
    source: Short = None,
    since: Day = None,
    until: Day = None,
    entity: Annotated[str | None, Query(max_length=80, pattern=r"^[A-Za-z0-9_]*$")] = None,
    page: PageQ = 1,
) -> dict[str, Any]:
    return pages.search_page(
        reader(request), q, language=language or None, source=source or None, since=since or None,
        until=until or None, entity=entity or None, page=page,
    )


@router.get("/compare", summary="How two articles relate, with the evidence")
def compare(request: Request, a: Key, b: Key) -> dict[str, Any]:
    return pages.compare_page(reader(request), a, b)


def _authorised(request: Request) -> None:
    token = request.app.state.backend.token
    if not token:
        raise HTTPException(403, "writes are off: start the server with 'storyline serve --token TOKEN'")
    sent = request.headers.get("x-storyline-token") or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(sent.encode(), token.encode()):
        raise HTTPException(401, "missing or wrong token")


ArticlesBody = Annotated[
    dict[str, Any] | list[dict[str, Any]],
    Body(description="One article or a list: text, title, url, published, source, language (or other names, mapped with 'field')"),
]


@router.post("/articles", status_code=201, summary="Ingest articles (needs the token)")
def add_articles(
    request: Request,
    body: ArticlesBody,
    field: Annotated[list[str] | None, Query(description="Field mapping like JSONL ingest: text=teaser", max_length=10)] = None,
) -> dict[str, Any]:
    _authorised(request)
    records = body if isinstance(body, list) else [body]
    if not records or len(records) > 1000:
        raise HTTPException(422, "send between 1 and 1000 articles")
    mapping = {}
    for item in field or []:
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise HTTPException(422, f"field mapping {item!r} is not NAME=FIELD")
        mapping[name] = value
    with request.app.state.backend.writer() as sl:
        report = sl.ingest_records(records, fields=mapping or None)
    return {**report.summary(), "ids": report.ingested, "problems": [{"origin": p.origin, "reason": p.reason} for p in report.failed + report.warnings]}


@router.put("/articles/{article_id}/date", summary="Give an article its publication date (needs the token)")
def set_date(
    request: Request,
    article_id: str,
    body: Annotated[dict[str, str], Body(description='{"date": "2018-01-10"}')],
) -> dict[str, Any]:
    _authorised(request)
    if "date" not in body:
        raise HTTPException(422, "send {\"date\": \"YYYY-MM-DD\"}")
    with request.app.state.backend.writer() as sl:
        doc = sl.set_date(article_id, body["date"])
        sl.relink()
    return {"id": doc.id, "published": doc.article.published.isoformat() if doc.article.published else None}


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API documented from its own OpenAPI schema, rendered here: no CDN, no script."""
    from ..web.routes import templates

    schema = request.app.openapi()
    html = templates.get_template("api_docs.html").render(schema=schema, path=request.url.path, query={})
    return HTMLResponse(html)
