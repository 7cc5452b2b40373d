"""``storyline date ID DATE``: supply an article's publication date; time values are re-resolved."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import DbOption, JsonOption, console, library, print_json, user_errors
from .render import date_label


def register(app: typer.Typer) -> None:
    app.command("date")(date)


def date(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    when: Annotated[str, typer.Argument(help="Publication date, e.g. 2018-01-10 or 2018-01-10T09:30.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set an article's publication date; its time expressions and timeline are resolved again.

    Example: [bold]storyline date 05081d11 2018-01-10 --db news.db[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        doc = sl.set_date(article_id, when)
    if as_json:
        a = doc.article
        print_json({"id": doc.id, "title": a.title, "published": a.published.isoformat() if a.published else None,
                    "time_expressions": len(doc.times)})
        return
    console.print(f"{doc.id}: published {date_label(doc.article)}; {len(doc.times)} time expressions re-resolved")
