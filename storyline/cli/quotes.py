"""``storyline quotes``: who said what, when — direct and reported speech with resolved speakers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..views.records import quote_json
from .common import DbOption, JsonOption, console, fail, library, print_json
from .render import date_label

if TYPE_CHECKING:
    from ..library import Storyline


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes)


def _story_articles(sl: Storyline, prefix: str) -> list[str]:
    """The articles of the story with this id (prefix); none when no story has it."""
    from ..errors import NotFound, StoreError

    try:
        return sl.story(prefix).article_ids
    except NotFound:
        return []
    except StoreError as exc:
        fail(str(exc))


def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Only quotes by this speaker (name or alias, part of it is enough).")] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only quotes from articles of this story (id).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most quotes to list.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """List quotes and reported speech with speaker, cue, kind and article date.

    Example: [bold]storyline quotes --speaker Moon --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        ids = None
        if story:
            ids = _story_articles(sl, story)
        found = sl.quotes(speaker=speaker, article_ids=ids)[:limit]
    if as_json:
        print_json({"quotes": [quote_json(doc, q) for doc, q in found]})
        return
    if not found:
        console.print("no quotes found" + (f" by {speaker!r}" if speaker else ""))
        return
    table = Table(title=f"{len(found)} quotes" + (f" by {speaker!r}" if speaker else ""), title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("speaker")
    table.add_column("kind")
    table.add_column("cue")
    table.add_column("message", max_width=70)
    table.add_column("article", style="dim", no_wrap=True)
    for doc, q in found:
        who = q.speaker_name or " ".join(s.text(doc.text) for s in q.speaker) or "?"
        table.add_row(
            date_label(doc.article),
            Text(who),
            q.kind,
            Text(" … ".join(s.text(doc.text) for s in q.cue)),
            Text(" … ".join(s.text(doc.text) for s in q.message)),
            doc.id[:8],
        )
    console.print(table)
