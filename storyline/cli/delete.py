"""``storyline delete ID…``: remove articles (a wrong item, a takedown) and what stood on them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from .common import DbOption, JsonOption, console, err, library, print_json, user_errors


def register(app: typer.Typer) -> None:
    app.command("delete")(delete)


def delete(
    ids: Annotated[list[str], typer.Argument(help="Article ids (a unique prefix is enough).", show_default=False)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Delete articles: their text, annotations, memberships and search entries go; the entities they
    named lose those mentions; events and stories are re-linked from what remains.

    Exit code 1 when an id matched no article (the others are still deleted).

    Example: [bold]storyline delete 05081d11 --db news.db[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        report = sl.delete(ids)
    if as_json:
        print_json({"deleted": report.deleted, "missing": report.missing,
                    "entities_removed": report.entities_removed, "entities_updated": report.entities_updated})
    else:
        for given in report.missing:
            err.print(f"[red]not found:[/] {escape(given)}")
        console.print(f"{len(report.deleted)} deleted; {len(report.entities_removed)} entities removed, "
                      f"{len(report.entities_updated)} updated; events and stories re-linked")
    raise typer.Exit(1 if report.missing else 0)
