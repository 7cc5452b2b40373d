"""What every command shares: the console, settings from global options, opening the database."""

from __future__ import annotations

import os
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



def _untrusted_text_cannot_drive_the_terminal() -> None:
    """Titles, sources, URLs and texts are untrusted. Rich removes a few control characters from
    every ``Text`` (BEL, BS, VT, FF, CR) but lets ESC through, so an article's source could carry ANSI
    or OSC sequences (colours, a window title, hyperlinks, clearing the screen) to the terminal. Its
    table of removed code points is extended to every C0 control but tab and newline, DEL, the C1
    controls and the bidi overrides; rich's own styling is written as segments, not through it."""
    from rich import control

    codes = [c for c in range(0x20) if c not in (9, 10)] + [0x7F, *range(0x80, 0xA0)]
    codes += [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    control._CONTROL_STRIP_TRANSLATE.update(dict.fromkeys(codes))  # the table strip_control_codes uses


_untrusted_text_cannot_drive_the_terminal()


class Output(Console):
    """Standard output. On a terminal, rich tables and panels as they are; into a pipe or a file
    (``--tables auto``, the default) or with ``--tables plain|tsv``, the same renderables as plain
    lines (see :mod:`.plain`) that ``grep``, ``cut``, ``less`` and notebooks can read."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        mode = self.mode()
        if mode == "drawn":
            super().print(*objects, **kwargs)
            return
        from .plain import plain_lines

        lines = [line for obj in objects for line in plain_lines(obj, tsv=mode == "tsv")]
        self.file.write("\n".join(lines) + "\n")
        self.file.flush()

    def mode(self) -> str:
        chosen = State.output_format
        if chosen == "auto":
            return "drawn" if self.file.isatty() else "plain"
        return chosen


# ``--tables drawn`` into a pipe is not squeezed to 80 columns: 160 unless COLUMNS says otherwise
console = Output(highlight=False, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file, or a PostgreSQL URL postgresql://user@host:port/dbname (default: setting store.path, 'storyline.db').",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table.")]


class State:
    """Global options, filled by the app callback before any command runs."""

    config: Path | None = None
    overrides: list[str] = []  # noqa: RUF012
    output_format: str = "auto"  # auto: drawn on a terminal, plain lines into a pipe
    _settings: Settings | None = None

    @classmethod
    def settings(cls) -> Settings:
        if cls._settings is None:
            try:
                cls._settings = Settings.load(cls.config, cls.overrides)
            except StorylineError as exc:  # a bad --config or --set: one line, never a traceback
                fail(str(exc))
        return cls._settings


def db_path(db: str | Path | None) -> str:
    """The store's location as given: a file path or a URL (a string, so a URL is never mangled)."""
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
def library(db: str | Path | None, must_exist: bool = False) -> Iterator[Storyline]:
    from ..library import Storyline
    from ..store import is_url

    path = db_path(db)
    if must_exist and not is_url(path) and not Path(path).exists():
        fail(f"database {path} does not exist; run 'storyline ingest PATH --db {path}' first")
    with user_errors():
        sl = Storyline(path, settings=State.settings())
        sl.on_wait = lambda holder: err.print(f"waiting for another writer of {path} ({holder}) …")
        try:
            yield sl
        finally:
            sl.close()


def print_json(obj: Any) -> None:
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
