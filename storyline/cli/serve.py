"""``storyline serve``: the web UI and the REST API over a database (needs the ``web`` extra)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import DbOption, State, db_path, err, fail, user_errors


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Allow writes (POST /api/articles, PUT …/date) from requests carrying this token."),
    ] = None,
) -> None:
    """Serve the web UI and the REST API: stories with drawn timelines, events, articles, entities,
    quotes with provenance, search. Read-only unless started with --token.

    Example: [bold]storyline serve --db news.db[/]  (then open http://127.0.0.1:8000/)
    """
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError:
        fail("storyline serve needs the web extra: pip install 'storyline[web]'")
    path = db_path(db)
    _complete_pending(path)
    with user_errors():
        app = create_app(path, State.settings(), token=token)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        err.print(f"[yellow]listening on {host}: anyone who can reach this address can read the database[/]")
    err.print(f"Storyline on [bold]http://{host}:{port}/[/] (API docs: /api/docs) · Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _complete_pending(path: str) -> None:
    """Link what an interrupted command left stored but unlinked (or stale) before serving it, so
    the pages never show articles outside any event; a store that cannot be written is served as
    it is, with a warning."""
    from pathlib import Path

    from ..library import Storyline
    from ..store import is_url

    if not is_url(path) and not Path(path).exists():
        return  # create_app says what is missing
    try:
        with Storyline(path, settings=State.settings()) as sl:
            done = sl.complete_pending()
    except Exception as exc:  # read-only file, a damaged store: serve what is there
        err.print(f"[yellow]could not complete pending linking ({type(exc).__name__}: {exc})[/]")
        return
    if done is not None:
        err.print(f"linked {done.linked} articles an interrupted command had left unlinked")
