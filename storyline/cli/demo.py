"""``storyline demo``: the showcase — run everything on the example articles and show the result."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .common import console, err, fail, library
from .render import article_panel, date_label
from .show import layers

if TYPE_CHECKING:
    from ..library import Storyline

DEFAULT_DB = Path(".storyline-demo") / "demo.db"

#: Publication dates a reader of the examples knows (../shared/examples/README.md: Moon's New Year
#: press conference was on 10 January 2018, Chung's announcement on 8 March 2018). The demo supplies
#: them the way a user would (``storyline date ID DATE``) after showing what Storyline estimates alone.
KNOWN_DATES = {"000_7701b39470e82700.txt": "2018-01-10", "001_ea687b33c55d6d88.txt": "2018-03-08"}


def find_examples() -> Path | None:
    """The example articles: ../shared/examples beside the checkout or the current folder."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        for candidate in (base.parent / "shared" / "examples", base / "shared" / "examples"):
            if candidate.is_dir():
                return candidate
    return None


def _fresh(db: Path) -> None:
    if db.exists():
        db.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)


def demo(
    examples: Annotated[
        Path | None, typer.Option("--examples", help="Folder with example articles (*.txt); default ../shared/examples.")
    ] = None,
    db: Annotated[Path, typer.Option("--db", help="Database to (re)create for the demo.")] = DEFAULT_DB,
    dates: Annotated[bool, typer.Option("--dates/--no-dates", help="Supply the known publication dates after estimating.")] = True,
) -> None:
    """Run Storyline on the example articles: ingest, annotate, link, store, and show what it found.

    Example: [bold]storyline demo[/]  (then explore with [bold]storyline articles --db .storyline-demo/demo.db[/])
    """
    folder = examples or find_examples()
    if folder is None or not folder.is_dir():
        fail("cannot find the example articles; pass --examples DIR (e.g. ../shared/examples)")
    files = sorted(folder.glob("*.txt"))
    if not files:
        fail(f"no *.txt articles in {folder}")
    _fresh(db)
    console.print(Rule(f"Storyline demo: {len(files)} example articles from {folder}"))
    with library(db) as sl:
        report = sl.ingest([str(f) for f in files])
        for p in report.failed + report.warnings:
            err.print(f"{p.origin}: {p.reason}")
        s = report.summary()
        console.print(f"ingested {s['ingested']}, duplicates {s['duplicates']}, failed {s['failed']}  →  {db}\n")

        estimates = Table(title="Publication dates estimated from content alone (no dates given)", title_justify="left")
        for col in ("article", "file", "estimate", "evidence"):
            estimates.add_column(col)
        for doc in sl.documents():
            a = doc.article
            evidence = "; ".join(a.date_estimate.evidence) if a.date_estimate else "no dated evidence in the text"
            estimates.add_row(a.id[:8], Path(a.origin or "").name, date_label(a), Text(evidence))
        console.print(estimates)

        if dates:
            known = {Path(d.article.origin or "").name: d.id for d in sl.documents()}
            given = [(known[name], when) for name, when in KNOWN_DATES.items() if name in known]
            for aid, when in given:
                sl.set_date(aid, when)
            if given:
                console.print(
                    "\nThe reader knows the dates: supplied as a user would "
                    + ", ".join(f"[bold]storyline date {aid[:8]} {when}[/]" for aid, when in given)
                    + "; times and timelines are resolved again.\n"
                )
        sl.relink()

        for doc in sl.documents():
            console.print(article_panel(doc))
            for table in layers(doc):
                console.print(table)
            console.print()
        _entities(sl)
        _stories(sl)
    console.print(
        f"Explore: [bold]storyline articles --db {db}[/] · [bold]storyline show ID --db {db}[/] · "
        f"[bold]storyline entities --db {db}[/] · [bold]storyline quotes --db {db}[/] · "
        f"[bold]storyline stories --db {db}[/]"
    )
    console.print(
        f"\nBrowse it: [bold]storyline serve --db {db}[/] and open [bold]http://127.0.0.1:8000/[/] "
        "(the story with its drawn timeline, entities, quotes and their provenance; API docs at /api/docs)"
    )
    if not report.ok:
        raise typer.Exit(1)


def _entities(sl: Storyline) -> None:
    from .entities import entity_table

    items = sl.entities(limit=30)
    if items:
        console.print(entity_table(items, "Entities across both articles (aliases merged)"))


def _stories(sl: Storyline) -> None:
    from .stories import story_views

    for view in story_views(sl):
        console.print(view)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
