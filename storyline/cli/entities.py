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
    why: Annotated[str | None, typer.Option("--why", help="Show how one entity's names were joined (its id), "
                                            "and why names were kept apart from it.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List entities with their mention counts and aliases (inflections, spellings, short forms merged).

    Example: [bold]storyline entities --type PER --db news.db[/]; [bold]storyline entities --why ent_1e44cbca102a2165[/]
    """
    label = type_.upper() if type_ else None
    if label and label not in LABEL_STYLES:
        fail("--type must be one of PER, ORG, LOC, MISC")
    if why is not None:
        return _history(db, why, as_json)
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


def _history(db: str | None, entity_id: str, as_json: bool) -> None:
    from ..errors import NotFound

    with library(db, must_exist=True) as sl:
        try:
            entity = sl.entity(entity_id)
        except NotFound:
            fail(f"no entity with id {entity_id!r}; `storyline entities` lists the ids")
        history = sl.entity_history(entity.id)
    if as_json:
        print_json({"entity": entity_record(entity), "identity": history})
        return
    table = Table(title=f"{entity.name} ({entity.label}, {entity.mentions} mentions): how its names were joined",
                  title_justify="left")
    for column in ("when", "decision", "name", "reason"):
        table.add_column(column)
    for h in history:
        decision = "kept apart" if h["action"] == "entity-new" else "joined"
        table.add_row(str(h["at"]), decision, Text(h["name"] or ""), Text(h["reason"] or ""))
    console.print(table if history else Text(f"{entity.name}: no name joined it across articles; each article named it as it is known"))
