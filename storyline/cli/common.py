"""What every command shares: the console, settings from global options, opening the database."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from ..errors import StorylineError
from ..settings import Settings

if TYPE_CHECKING:
    from ..library import Storyline

console = Console(highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Database file (default: setting store.path, 'storyline.db').", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table.")]


class State:
    """Global options, filled by the app callback before any command runs."""

    config: Path | None = None
    overrides: list[str] = []  # noqa: RUF012
    _settings: Settings | None = None

    @classmethod
    def settings(cls) -> Settings:
        if cls._settings is None:
            cls._settings = Settings.load(cls.config, cls.overrides)
        return cls._settings


def db_path(db: Path | None) -> str:
    return str(db) if db is not None else str(State.settings()["store.path"])


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {_escape(message)}")
    raise typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn Storyline's user-facing errors into one clear line and exit code 2."""
    try:
        yield
    except StorylineError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        err.print("interrupted; everything committed so far is kept")
        raise typer.Exit(130) from None


@contextmanager
def library(db: Path | None, must_exist: bool = False) -> Iterator[Storyline]:
    from ..library import Storyline

    path = db_path(db)
    if must_exist and not Path(path).exists():
        fail(f"database {path} does not exist; run 'storyline ingest PATH --db {path}' first")
    with user_errors():
        sl = Storyline(path, settings=State.settings())
        try:
            yield sl
        finally:
            sl.close()


def print_json(obj: Any) -> None:
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
