"""``storyline entities``: people, organisations and places across all articles, aliases merged."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..model import Entity
from ..nlp.entity_index import entity_record
from .common import DbOption, JsonOption, console, fail, library, print_json
from .render import LABEL_STYLES


def register(app: typer.Typer) -> None:
    app.command("entities")(entities)


def entities(
    db: DbOption = None,
    type_: Annotated[str | None, typer.Option("--type", "-t", help="Only this type: PER, ORG, LOC or MISC.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many to list (most mentioned first).")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List entities with their mention counts and aliases (inflections, spellings, short forms merged).

    Example: [bold]storyline entities --type PER --db news.db[/]
    """
    label = type_.upper() if type_ else None
    if label and label not in LABEL_STYLES:
        fail("--type must be one of PER, ORG, LOC, MISC")
    with library(db, must_exist=True) as sl:
        items = sl.entities(label=label, limit=limit)
    if as_json:
        print_json(
            {"entities": [entity_record(e) for e in items]}
        )
        return
    console.print(entity_table(items, f"{len(items)} entities" + (f" of type {label}" if label else "")))


def entity_table(items: list[Entity], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("type", no_wrap=True)
    table.add_column("name")
    table.add_column("mentions", justify="right")
    table.add_column("aliases", max_width=60)
    table.add_column("id", style="dim", no_wrap=True)
    for e in items:
        table.add_row(Text(e.label, LABEL_STYLES.get(e.label, "")), Text(e.name), str(e.mentions), Text(", ".join(e.aliases)), e.id)
    return table
