"""``storyline demo``: the showcase — run everything on the example articles and show the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.rule import Rule

from .common import console, err, fail, library
from .render import article_panel
from .show import layers

DEFAULT_DB = Path(".storyline-demo") / "demo.db"


def find_examples() -> Path | None:
    """The example articles: ../shared/examples beside the checkout or the current folder."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        candidate = base.parent / "shared" / "examples"
        if candidate.is_dir():
            return candidate
        candidate = base / "shared" / "examples"
        if candidate.is_dir():
            return candidate
    return None


def demo(
    examples: Annotated[
        Path | None, typer.Option("--examples", help="Folder with example articles (*.txt); default ../shared/examples.")
    ] = None,
    db: Annotated[Path, typer.Option("--db", help="Database to (re)create for the demo.")] = DEFAULT_DB,
) -> None:
    """Run Storyline on the example articles: ingest, annotate, store, and show what it found.

    Example: [bold]storyline demo[/]  (then explore with [bold]storyline articles --db .storyline-demo/demo.db[/])
    """
    folder = examples or find_examples()
    if folder is None or not folder.is_dir():
        fail("cannot find the example articles; pass --examples DIR (e.g. ../shared/examples)")
    files = sorted(folder.glob("*.txt"))
    if not files:
        fail(f"no *.txt articles in {folder}")
    if db.exists():
        db.unlink()
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    elif db.parent != Path("."):
        db.parent.mkdir(parents=True, exist_ok=True)
    console.print(Rule(f"Storyline demo: {len(files)} example articles from {folder}"))
    with library(db) as sl:
        report = sl.ingest([str(f) for f in files])
        for p in report.failed + report.warnings:
            err.print(f"{p.origin}: {p.reason}")
        s = report.summary()
        console.print(f"ingested {s['ingested']}, duplicates {s['duplicates']}, failed {s['failed']}  →  {db}\n")
        for doc in sl.documents():
            console.print(article_panel(doc))
            for table in layers(doc):
                console.print(table)
            console.print()
    console.print(
        f"Explore: [bold]storyline articles --db {db}[/] · [bold]storyline show ID --db {db}[/] · "
        f"[bold]storyline search Nordkorea --db {db}[/]"
    )
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)



