"""``storyline batch``: a whole corpus through the pipeline on Apache Spark (the ``spark`` extra)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from rich.table import Table

from .common import JsonOption, State, console, err, fail, print_json, user_errors

if TYPE_CHECKING:
    from ..settings import Settings


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
    from ..batch.job import OVERLAPPING, STAGES, run_batch
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
                # storing runs while partitions are still annotated; any later stage ends both
                for other in tasks.values() if stage not in OVERLAPPING else ():
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
        console.print("time: " + ", ".join(f"{k} {report.seconds.get(k, 0):.1f} s" for k in STAGES)
                      + " (merge+store is the driver's own work, done while partitions were annotated)", soft_wrap=True)
        console.print(f"Parquet and problems.jsonl under {escape(out)}")
        if report.link_error:
            err.print(f"[red]linking failed:[/] {escape(report.link_error)}; run 'storyline link --db {escape(report.db)}'")
    raise typer.Exit(0 if report.ok else 1)


def bench_spark_command(data: Path | None, settings: Settings, limit: int | None, as_json: bool) -> None:
    """``storyline bench --spark``: print the comparison table and the cluster estimate."""
    from ..bench.spark import bench_spark
    from .demo import find_examples

    if data is None:
        examples = find_examples()
        data = (examples.parent if examples else Path("../shared")) / "data" / "de_frontpages_2026"
    if not data.exists():
        fail(f"--data {data} does not exist")
    with user_errors():
        result = bench_spark(data, settings, limit or 2000, progress=None if as_json else (lambda m: err.print(f"[dim]{m}[/]")))
    if as_json:
        print_json(result)
        return
    table = Table(title=f"bench --spark {result['corpus']}: {result['n_items']:,} items", title_justify="left")
    for col in ("run", "articles", "seconds", "articles/s", "annotate art/s", "stages (s)", "same result"):
        table.add_column(col, justify="left" if col in ("run", "stages (s)") else "right")
    one = result["ingest"]
    table.add_row("ingest (one process)", f"{one['articles']:,}", f"{one['seconds']:.1f}", f"{one['articles_per_s']:,.1f}", "", "", "")
    for run in result["batch"]:
        stages = " · ".join(f"{k} {v:.1f}" for k, v in run["stages_s"].items()) + f" · spark start {run['spark_start_s']:.1f}"
        table.add_row(f"batch {run['master']}", f"{run['articles']:,}", f"{run['seconds']:.1f}", f"{run['articles_per_s']:,.1f}",
                      f"{run['annotate_articles_per_s']:,.1f}", stages, "yes" if run["same_result"] else "[red]NO[/]")
    console.print(table)
    console.print(f"speed-up: annotation local[2]/local[1] {result['speedup_annotate_local2_vs_local1']:.2f}×, "
                  f"batch local[2] vs one-process ingest {result['speedup_batch_local2_vs_ingest']:.2f}×")
    est = result["estimate"]
    console.print(f"estimate for {est['articles']:,} articles: annotation {est['annotate_ms_per_article_core']:.2f} ms/article/core, "
                  f"driver (merge, store, link, write) {est['driver_ms_per_article']:.3f} ms/article; "
                  f"the driver is the limit from ~{est['driver_bound_from_cores']} cores")
    for row in est["rows"]:
        console.print(f"  {row['cores']:>5} cores: annotate {row['annotate_h']:,.1f} h + driver {row['driver_h']:,.1f} h = {row['total_h']:,.1f} h")
