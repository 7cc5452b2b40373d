"""``storyline check``: verify a database's integrity."""

from __future__ import annotations

import typer

from .common import DbOption, JsonOption, console, err, library, print_json


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check the database: SQLite integrity, foreign keys, the full-text index, complete annotations.

    Example: [bold]storyline check --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        problems = sl.check()
        n = sl.count()
    if as_json:
        print_json({"ok": not problems, "articles": n, "problems": problems})
        raise typer.Exit(1 if problems else 0)
    if problems:
        for p in problems:
            err.print(f"[red]problem:[/] {p}")
        raise typer.Exit(1)
    console.print(f"ok: {n} articles, database sound")
