"""``storyline batch``: a whole corpus through the pipeline on Apache Spark (the ``spark`` extra)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from .common import JsonOption, State, console, err, print_json, user_errors


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    paths: Annotated[list[str], typer.Argument(help="Files and folders: JSONL, CSV, text, HTML, feeds, WARC/ARC.", show_default=False)],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder for the Parquet export, problems.jsonl and (without --db) storyline.db.")],
    master: Annotated[str, typer.Option("--master", help="Spark master: local[*], local[2], spark://host:7077, yarn, k8s://…")] = "local[*]",
    partitions: Annotated[int | None, typer.Option("--partitions", help="Read partitions (default: 4 × the cores Spark has).")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Load the result into this store (a file or postgresql:// URL); default OUT/storyline.db.")
    ] = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="Input format for all PATHs (default: by extension).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date for these articles, overriding any estimate.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source name for these articles.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display; only the summary and problems.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest a whole corpus on Spark: read and annotate in parallel, then merge entities, store and
    link on the driver in input order (same ids as [bold]storyline ingest[/] of the same input).

    Example: [bold]storyline batch ../shared/data/de_frontpages_2026/articles.jsonl --out run1 --master 'local[*]'[/]
    """
    from ..batch.job import STAGES, run_batch
    from ..library import _user_date

    settings = State.settings()
    with user_errors(), Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or as_json or not err.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def note(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                for other in tasks.values():  # the stage before is over
                    bar.update(other, completed=bar.tasks[other].total or 1, total=bar.tasks[other].total or 1)
                tasks[stage] = bar.add_task(stage, total=None)
            bar.update(tasks[stage], completed=done, total=total)

        report = run_batch(
            paths, out, settings, master=master, partitions=partitions, db=db, fmt=format,
            published=_user_date(date), source=source, progress=note,
        )
    if as_json:
        print_json({**report.summary(), "failures": [{"input": p.origin, "reason": p.reason} for p in report.ingest.failed]})
    else:
        for p in report.ingest.failed:
            err.print(f"[red]failed:[/] {escape(p.origin)}: {escape(p.reason)}")
        s = report.summary()
        console.print(
            f"[bold]{s['ingested']}[/] ingested, [bold]{s['duplicates']}[/] duplicates, "
            f"[bold {'red' if s['failed'] else 'default'}]{s['failed']}[/] failed, {s['warnings']} warnings "
            f"in {s['partitions']} partitions; {s['events'] or 0} events, {s['stories'] or 0} stories → {escape(report.db)}",
            soft_wrap=True,
        )
        console.print("time: " + ", ".join(f"{k} {report.seconds.get(k, 0):.1f} s" for k in STAGES))
        console.print(f"Parquet and problems.jsonl under {escape(out)}")
        if report.link_error:
            err.print(f"[red]linking failed:[/] {escape(report.link_error)}; run 'storyline link --db {escape(report.db)}'")
    raise typer.Exit(0 if report.ok else 1)
