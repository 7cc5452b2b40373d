"""``storyline copy``: move a whole store between SQLite and PostgreSQL, ids and links unchanged."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .common import JsonOption, console, err, print_json, user_errors


def register(app: typer.Typer) -> None:
    app.command("copy")(copy)


def copy(
    source: Annotated[str, typer.Option("--from", help="The store to copy: an SQLite file or a postgresql:// URL.")],
    dest: Annotated[str, typer.Option("--to", help="An empty or new store: an SQLite file or a postgresql:// URL.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Copy a whole store (articles, annotations, entities, events, stories, link log, linker state) into
    an empty one, e.g. from SQLite to a PostgreSQL server for a team, or back. All or nothing.

    Example: [bold]storyline copy --from news.db --to postgresql://storyline@localhost/news[/]
    """
    from ..store import open_store
    from ..store.copy import copy_store
    from ..store.pg_connect import redacted

    with user_errors(), open_store(source, readonly=True) as src, open_store(dest) as dst:
        columns = (TextColumn("[bold]copy[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[what]}"), TimeElapsedColumn())
        with Progress(*columns, console=err, disable=quiet or as_json or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("copy", total=src.count(), what="articles")

            def note(what: str, n: int) -> None:
                bar.update(task, advance=n if what == "articles" else 0, what=what)

            report = copy_store(src, dst, note)
        problems = dst.check()
    if as_json:
        print_json({"from": redacted(source), "to": redacted(dest), "articles": report.articles, "entities": report.entities,
                    "memberships": report.memberships, "events": report.events, "stories": report.stories,
                    "rows": report.rows, "problems": problems})
    else:
        console.print(
            f"copied {report.articles} articles, {report.entities} entities, {report.events} events, "
            f"{report.stories} stories  {redacted(source)} → {redacted(dest)}"
        )
    for p in problems:
        err.print(f"[red]problem:[/] {p}")
    if problems:
        raise typer.Exit(1)
