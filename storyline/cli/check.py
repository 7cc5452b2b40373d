"""``storyline check``: verify a database's integrity."""

from __future__ import annotations

import typer

from .common import DbOption, console, err, library


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(db: DbOption = None) -> None:
    """Check the database: SQLite integrity, foreign keys, the full-text index, complete annotations.

    Example: [bold]storyline check --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        problems = sl.check()
        n = sl.count()
    if problems:
        for p in problems:
            err.print(f"[red]problem:[/] {p}")
        raise typer.Exit(1)
    console.print(f"ok: {n} articles, database sound")
