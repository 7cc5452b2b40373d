"""``storyline ingest``: read files, folders, feeds and archives into the database."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..ingest import Problem
from ..ingest.web import urls_in
from .common import DbOption, JsonOption, State, console, db_path, err, library, print_json


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)


def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, feed files, article or feed URLs.", show_default=False)
    ] = None,
    db: DbOption = None,
    format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="Input format for all PATHs: text, jsonl, json, csv, html, feed, warc (default: by extension)."),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date for these articles (e.g. 2018-01-10), overriding any estimate.")
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source name for these articles.")] = None,
    field: Annotated[
        list[str] | None,
        typer.Option("--field", help="JSONL/CSV field mapping, e.g. --field text=teaser --field published=first_seen."),
    ] = None,
    urls: Annotated[str | None, typer.Option("--urls", help="A file listing article or feed URLs, one per line.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Also fetch from loopback, private and link-local hosts.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; only the summary and problems.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest articles: read, annotate and store them; re-ingesting an article changes nothing.

    Every bad input gets one line naming it and the reason; the rest of the batch goes on.
    Exit code 0 when everything was read, 1 when some input failed, 2 on usage errors.

    Example: [bold]storyline ingest ../shared/examples/*.txt --db news.db[/]
    """
    if field:
        mapping = dict(State.settings()["ingest.fields"])
        for item in field:
            key, sep, value = item.partition("=")
            if not sep:
                err.print(f"[red]error:[/] --field {escape(item)!s} must look like name=field")
                raise typer.Exit(2)
            mapping[key.strip()] = value.strip()
        State._settings = State.settings().with_overrides({"ingest.fields": mapping})
    if allow_private:
        State._settings = State.settings().with_overrides({"ingest.allow_private": True})
    paths = list(paths or [])
    listed: list[Problem] = []
    if urls:
        found, listed = urls_in(urls, "urls", State.settings())
        paths.extend(found)
    if not paths:
        err.print("[red]error:[/] nothing to ingest: give files, folders or URLs, or --urls FILE")
        raise typer.Exit(2)
    show_progress = not quiet and not as_json and err.is_terminal
    with library(db) as sl:
        counts = {"ingested": 0, "duplicate": 0, "failed": 0, "skipped": 0, "warning": 0}
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=err,
            disable=not show_progress,
            transient=True,
        ) as progress:
            task = progress.add_task("ingest", total=None, counts="")

            def note(origin: str, status: str) -> None:
                counts[status] += 1  # problems are listed once, after the bar
                progress.update(
                    task,
                    advance=1 if status != "warning" else 0,
                    counts=f"{counts['ingested']} new · {counts['duplicate']} dup · {counts['failed']} failed",
                )

            report = sl.ingest(paths, format=format, date=date, source=source, progress=note)
    for p in listed:
        (report.skipped if p.skipped else report.failed).append(p)
    if as_json:
        print_json(
            {
                **report.summary(),
                "db": db_path(db),
                "failures": [{"input": p.origin, "reason": p.reason} for p in report.failed],
                "warning_lines": [{"input": p.origin, "reason": p.reason} for p in report.warnings],
                "skipped_inputs": [{"input": p.origin, "reason": p.reason} for p in report.skipped],
                "link_error": report.link_error,
            }
        )
    else:
        for p in report.warnings:
            err.print(f"[yellow]warning:[/] {escape(p.origin)}: {escape(p.reason)}")
        for p in report.skipped:
            err.print(f"[yellow]skipped:[/] {escape(p.origin)}: {escape(p.reason.removeprefix('skipped: '))}")
        for p in report.failed:
            err.print(f"[red]failed:[/] {escape(p.origin)}: {escape(p.reason)}")
        s = report.summary()
        console.print(
            f"[bold]{s['ingested']}[/] ingested, [bold]{s['duplicates']}[/] duplicates, "
            f"[bold {'red' if s['failed'] else 'default'}]{s['failed']}[/] failed"
            + (f", {s['skipped']} skipped" if s["skipped"] else "")
            + (f" ({s['versions']} new versions of stored articles)" if s["versions"] else "")
            + (f", {s['warnings']} warnings" if s["warnings"] else "")
            + f"  → {escape(db_path(db))}",
            soft_wrap=True,
        )
        if report.link_error:
            err.print(
                f"[red]linking failed:[/] {escape(report.link_error)}; the articles are stored and will be "
                "linked by the next 'storyline link' or ingest"
            )
    raise typer.Exit(0 if report.ok else 1)
