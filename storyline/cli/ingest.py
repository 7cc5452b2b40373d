"""``storyline ingest``: read files, folders, feeds and archives into the database."""

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
    TextColumn,
    TimeElapsedColumn,
)

from ..ingest import Problem
from ..ingest.web import urls_in
from .common import DbOption, JsonOption, State, console, db_path, err, library, print_json

if TYPE_CHECKING:
    from ..app.ingest import IngestReport


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
    problems: Annotated[
        Path | None,
        typer.Option("--problems", help="Write every failed, skipped or warned input as JSON lines to this file."),
    ] = None,
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
            task = progress.add_task("ingest", total=expected_items(paths), counts="loading models …")

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
    if problems is not None:
        write_problems(problems, report)
    if as_json:
        print_json(
            {
                **report.summary(),
                "db": db_path(db),
                "failures": [{"input": p.origin, "reason": p.reason} for p in report.failed],
                "warning_lines": [{"input": p.origin, "reason": p.reason} for p in report.warnings],
                "skipped_inputs": [{"input": p.origin, "reason": p.reason} for p in report.skipped],
                "link_error": report.link_error,
                "workers": report.workers,  # processes that annotated (ingest.workers)
            }
        )
    else:
        print_problems("warning", "yellow", report.warnings)
        print_problems("skipped", "yellow", report.skipped, strip="skipped: ")
        print_problems("failed", "red", report.failed)
        if problems and (report.failed or report.skipped or report.warnings):
            err.print(f"every problem, one JSON line each: {escape(str(problems))}")
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
        if report.workers > 1:
            err.print(f"[dim]annotated in {report.workers} worker processes (setting ingest.workers)[/]")
        if report.link_error:
            err.print(
                f"[red]linking failed:[/] {escape(report.link_error)}; the articles are stored and will be "
                "linked by the next 'storyline link' or ingest"
            )
    raise typer.Exit(0 if report.ok else 1)


SHOWN = 3  # inputs named per reason before the rest are counted


def print_problems(kind: str, colour: str, items: list[Problem], strip: str = "") -> None:
    """One line per input while a reason is rare; a reason shared by many inputs (a CSV whose text
    column has another name, a folder of unreadable files) is one line with its count and the first
    few inputs, instead of hundreds of identical lines."""
    groups: dict[str, list[Problem]] = {}
    for p in items:
        groups.setdefault(p.reason, []).append(p)
    for reason, group in groups.items():
        said = escape(reason.removeprefix(strip))
        if len(group) <= SHOWN:
            for p in group:
                err.print(f"[{colour}]{kind}:[/] {escape(p.origin)}: {said}")
            continue
        first = ", ".join(escape(p.origin) for p in group[:SHOWN])
        err.print(f"[{colour}]{kind} ({len(group)}×):[/] {said} — {first} and {len(group) - SHOWN} more"
                  " (--problems FILE lists every one)")


def write_problems(path: Path, report: IngestReport) -> None:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for kind, items in (("failed", report.failed), ("skipped", report.skipped), ("warning", report.warnings)):
            for p in items:
                fh.write(json.dumps({"kind": kind, "input": p.origin, "reason": p.reason}, ensure_ascii=False) + "\n")


def expected_items(paths: list[str]) -> int | None:
    """How many items the inputs hold, when that is cheap to know (files counted, the lines of plain
    JSONL and CSV files counted without parsing), so the progress bar shows a total; None when an
    input cannot say (a URL, a compressed stream, a feed or an archive)."""
    import os

    total = 0
    for given in paths:
        path = Path(given)
        if "://" in given or not path.exists():
            return None
        files = [path] if path.is_file() else [Path(r) / f for r, _, fs in os.walk(path) for f in fs]
        for f in files:
            n = _items_in(f)
            if n is None:
                return None
            total += n
    return total


def _items_in(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith((".txt", ".html", ".htm", ".md")):
        return 1
    if not name.endswith((".jsonl", ".ndjson", ".csv", ".tsv")):
        return None
    try:
        if path.stat().st_size > 2_000_000_000:
            return None
        with path.open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return None
    return max(0, lines - 1) if name.endswith((".csv", ".tsv")) else lines
