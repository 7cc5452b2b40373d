"""The pages. Each reads one page's data through :mod:`storyline.views.pages` and either renders it
(Jinja2, autoescaped, bidi controls stripped from every value) or returns it as JSON: the same URL
with ``.json``, or with ``Accept: application/json``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from ..library import Storyline
from ..views import pages
from ..views.titles import reader_title
from ..views.when import when
from .svg import bars_svg, timeline_svg
from .text import annotated, clean, safe_url

router = APIRouter(include_in_schema=False)
templates = Environment(
    loader=PackageLoader("storyline.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    finalize=clean,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters["safe_url"] = safe_url
templates.filters["day"] = lambda v: (v or "")[:10]
templates.filters["when"] = lambda v, mod=None: when(v, mod) if isinstance(v, str) else v
templates.filters["headline"] = lambda v: reader_title(v) if isinstance(v, str) else v

Page = Annotated[int, Query(alias="page", ge=1, le=pages.MAX_PAGE, description="Page number, from 1.")]
Text = Annotated[str, Query(max_length=500)]
Day = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD (empty: any)")]
Id = Annotated[str, Query(max_length=80, pattern=r"^[A-Za-z0-9_]+$")]
Short = Annotated[str | None, Query(max_length=200)]


def reader(request: Request) -> Storyline:
    sl: Storyline = request.app.state.backend.reader()
    return sl


def split(key: str) -> tuple[str, str]:
    """``st_1a2b.json`` → (``st_1a2b``, ``json``); a bare id has no suffix."""
    for suffix in (".json", ".svg"):
        if key.endswith(suffix):
            return key[: -len(suffix)], suffix[1:]
    return key, ""


def page(request: Request, template: str, data: dict[str, Any], suffix: str = "", **extra: Any) -> Response:
    from .app import wants_json

    if wants_json(request, suffix == "json"):
        return JSONResponse(data)
    html = templates.get_template(template).render(data=data, path=request.url.path, query=request.query_params, **extra)
    return HTMLResponse(html)


def error_page(request: Request, status: int, message: str) -> Response:
    html = templates.get_template("error.html").render(status=status, message=message, path=request.url.path, query={})
    return HTMLResponse(html, status_code=status)


@router.get("/")
@router.get("/index.json")
def home(request: Request) -> Response:
    return page(request, "home.html", pages.home_page(reader(request)), "json" if request.url.path.endswith(".json") else "")


@router.get("/stories")
@router.get("/stories.json")
def stories(request: Request, page_: Page = 1) -> Response:
    data = pages.stories_page(reader(request), page_)
    return page(request, "stories.html", data, "json" if request.url.path.endswith(".json") else "")


@router.get("/stories/{key}")
def story(request: Request, key: str) -> Response:
    sid, suffix = split(key)
    data = pages.story_page(reader(request), sid)
    svg = timeline_svg(data["story"]["timeline"])
    if suffix == "svg":
        return Response(str(svg), media_type="image/svg+xml")
    return page(request, "story.html", data, suffix, timeline=svg)


@router.get("/events/{key}")
def event(request: Request, key: str) -> Response:
    eid, suffix = split(key)
    return page(request, "event.html", pages.event_page(reader(request), eid), suffix)


@router.get("/articles")
@router.get("/articles.json")
def articles(request: Request, page_: Page = 1, language: Short = None) -> Response:
    data = pages.articles_page(reader(request), page_, language)
    return page(request, "articles.html", data, "json" if request.url.path.endswith(".json") else "")


@router.get("/articles/{key}")
def article(request: Request, key: str) -> Response:
    aid, suffix = split(key)
    data = pages.article_page(reader(request), aid)
    names = {e["id"]: e["name"] for e in data["entities"]}
    return page(request, "article.html", data, suffix, body=annotated(data["article"], names))


@router.get("/entities")
@router.get("/entities.json")
def entities(request: Request, type: Annotated[str | None, Query(pattern=r"^(PER|ORG|LOC|MISC)?$")] = None) -> Response:
    data = pages.entities_page(reader(request), type or None)
    return page(request, "entities.html", data, "json" if request.url.path.endswith(".json") else "")


@router.get("/entities/{key}")
def entity(request: Request, key: str) -> Response:
    eid, suffix = split(key)
    data = pages.entity_page(reader(request), eid)
    chart = bars_svg([(p["day"], p["mentions"]) for p in data["mentions_per_day"]])
    return page(request, "entity.html", data, suffix, chart=chart)


@router.get("/quotes")
@router.get("/quotes.json")
def quotes(request: Request, speaker: Short = None, words: Short = None, page_: Page = 1) -> Response:
    data = pages.quotes_page(reader(request), speaker or None, words or None, page_)
    return page(request, "quotes.html", data, "json" if request.url.path.endswith(".json") else "")


@router.get("/search")
@router.get("/search.json")
def search(
    request: Request,
    q: Text = "",
    language: Short = None,
    source: Short = None,
    since: Day = None,
    until: Day = None,
    entity: Annotated[str | None, Query(max_length=80, pattern=r"^[A-Za-z0-9_]*$")] = None,
    page_: Page = 1,
) -> Response:
    data = pages.search_page(
        reader(request), q, language=language or None, source=source or None, since=since or None,
        until=until or None, entity=entity or None, page=page_,
    )
    return page(request, "search.html", data, "json" if request.url.path.endswith(".json") else "")


@router.get("/compare")
@router.get("/compare.json")
def compare(request: Request, a: Id, b: Id) -> Response:
    data = pages.compare_page(reader(request), a, b)
    return page(request, "compare.html", data, "json" if request.url.path.endswith(".json") else "")
