"""The web application: server-rendered pages (each with a JSON twin) and the REST API, over one
database. ``create_app(path)`` builds it; ``storyline serve`` runs it with uvicorn.

Readers and the writer are apart (Datasette's pattern): every worker thread gets its own read-only
connection, so a page never waits on an ingest and never sees "database is locked"; writes from the
API go through one writing ``Storyline`` behind a lock. SQLite's WAL lets both run at once, also
while ``storyline ingest`` writes from another process.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError, NotFound, StoreError
from ..library import Storyline
from ..settings import Settings

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_BODY = 10_000_000  # bytes a write request may carry (413 above)
STATIC = Path(__file__).with_name("static")


@dataclass
class Backend:
    """The database behind the app: per-thread readers, one locked writer, the write token."""

    path: str
    settings: Settings
    token: str | None = None
    _local: threading.local = field(default_factory=threading.local)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _writer: Storyline | None = None
    _readers: list[Storyline] = field(default_factory=list)

    def reader(self) -> Storyline:
        sl = getattr(self._local, "sl", None)
        if sl is None:
            sl = self._local.sl = Storyline(self.path, self.settings, readonly=True)
            with self._lock:
                self._readers.append(sl)
        return sl

    @contextmanager
    def writer(self) -> Iterator[Storyline]:
        with self._lock:
            if self._writer is None:
                self._writer = Storyline(self.path, self.settings)
            yield self._writer

    def close(self) -> None:
        with self._lock:
            for sl in [*self._readers, *([self._writer] if self._writer else [])]:
                sl.close()
            self._readers.clear()
            self._writer = None


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, by header or by counting the stream."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"POST", "PUT", "PATCH"}:
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(scope, receive, send, self.limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, receive, send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    body = {"error": "too_large", "detail": f"request body over {limit} bytes"}
    await JSONResponse(body, status_code=413, headers=HEADERS)(scope, receive, send)


def wants_json(request: Request, suffix: bool) -> bool:
    if suffix:
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def create_app(path: str | Path, settings: Settings | None = None, token: str | None = None) -> FastAPI:
    """The app over the database at ``path`` (which must exist). Writes (``POST /api/articles``,
    ``PUT /api/articles/{id}/date``) are refused unless ``token`` is set and the request sends it."""
    if not Path(path).is_file():
        raise StoreError(f"database {path} does not exist; run 'storyline ingest PATH --db {path}' first")
    Storyline(path, settings).close()  # migrate once, before the readers open it read-only
    backend = Backend(str(path), settings or Settings(), token or None)
    app = FastAPI(
        title="Storyline",
        version="1",
        description="News stories, events, articles, entities and quotes; every page's data as JSON.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.backend = backend
    app.add_middleware(BodyLimit)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    _errors(app)
    from ..api.routes import router as api_router
    from .routes import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.router.on_shutdown.append(backend.close)
    return app


def _errors(app: FastAPI) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    from .routes import error_page

    def answer(request: Request, status: int, kind: str, detail: Any) -> Response:
        if request.url.path.startswith("/api/") or wants_json(request, request.url.path.endswith((".json", ".svg"))):
            return JSONResponse({"error": kind, "detail": detail}, status_code=status)
        return error_page(request, status, str(detail))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return answer(request, 404, "not_found", str(exc))

    @app.exception_handler(StoreError)
    async def bad_id(request: Request, exc: StoreError) -> Response:
        return answer(request, 422, "invalid", str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return answer(request, 422, "invalid", str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return answer(request, 422, "invalid", detail)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        kind = {404: "not_found", 401: "unauthorized", 403: "forbidden", 405: "method_not_allowed"}.get(exc.status_code, "error")
        return answer(request, exc.status_code, kind, exc.detail)
