"""``storyline articles`` and ``storyline search``: list and find stored articles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from .common import DbOption, JsonOption, console, library, print_json
from .render import article_json, date_label, headline


def register(app: typer.Typer) -> None:
    app.command("articles")(articles)
    app.command("search")(search)


def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many articles to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    language: Annotated[str | None, typer.Option("--language", "-l", help="Only this language (ISO code, e.g. de).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles in publication order (undated last).

    Example: [bold]storyline articles --db news.db --language de --limit 20[/]
    """
    with library(db, must_exist=True) as sl:
        items = sl.articles(limit=limit, offset=offset, language=language)
        total = sl.count()
    if as_json:
        print_json({"total": total, "articles": [article_json(a) for a in items]})
        return
    table = Table(title=f"{len(items)} of {total} articles", title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("source", max_width=18)
    table.add_column("title / first words", max_width=70)
    for a in items:
        table.add_row(a.id, date_label(a), a.language or "", Text(a.source or ""), Text(headline(a)))
    console.print(table)


def search(
    query: Annotated[str, typer.Argument(help='Words to find; "quoted phrases", prefix*, OR, NOT.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts, best matches first.

    Example: [bold]storyline search 'Kim "Weiße Haus"' --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        hits = sl.search(query, limit=limit)
    if as_json:
        print_json({"query": query, "hits": [{**article_json(h.article, text=False), "snippet": h.snippet, "score": h.score} for h in hits]})
        return
    if not hits:
        console.print(f"no articles match {query!r}")
        return
    table = Table(title=f"{len(hits)} hits for {query!r}", title_justify="left")
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("match", max_width=90)
    for h in hits:
        snippet = Text(h.snippet.replace("\n", " "))
        snippet.highlight_regex(r"\[[^\]]*\]", "bold yellow")
        table.add_row(h.article.id, date_label(h.article), snippet)
    console.print(table)
