"""``storyline watch``: keep a store up to date from feeds, URL lists and folders."""

from __future__ import annotations

import logging
import re
import signal
from typing import Annotated, Any

import typer
from rich.markup import escape

from .common import DbOption, State, err, library

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)


def seconds(text: str) -> float:
    """``10m`` -> 600.0; plain numbers are seconds."""
    m = _DURATION.match(text)
    if not m:
        raise typer.BadParameter(f"{text!r} is not a duration (e.g. 30s, 10m, 1h)")
    return float(m.group(1)) * _UNIT[m.group(2).lower()]


def watch(
    sources: Annotated[list[str], typer.Argument(help="Feed or page URLs, OPML or URL-list files, folders.", show_default=False)],
    db: DbOption = None,
    every: Annotated[str, typer.Option("--every", help="How often each source is polled (30s, 10m, 1h).")] = "10m",
    fetch_articles: Annotated[
        bool, typer.Option("--fetch-articles", help="Fetch the full article behind each new feed item.")
    ] = False,
    polls: Annotated[int | None, typer.Option("--polls", help="Stop after this many polls (default: until stopped).")] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once and stop (same as --polls 1).")] = False,
    log_file: Annotated[str | None, typer.Option("--log", help="Also write the log of fetches and ingests to this file.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Also fetch from loopback, private and link-local hosts.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the status lines and problems, no per-source log.")] = False,
) -> None:
    """Watch sources and ingest what is new: conditional GETs, a per-host rate limit, back-off for
    failing sources; what was seen survives restarts (kept in the store). Ctrl-C or SIGTERM stops
    after the current source.

    Example: [bold]storyline watch feeds.opml ../inbox --every 10m --db news.db[/]
    """
    from ..app.watch import Watcher, sources_of

    interval = seconds(every)
    if allow_private:
        State._settings = State.settings().with_overrides({"ingest.allow_private": True})
    _logging(quiet, log_file)
    with library(db) as sl:
        found, problems = sources_of(sources, sl.settings)
        for p in problems:
            err.print(f"[yellow]skipped:[/] {escape(p.origin)}: {escape(p.reason.removeprefix('skipped: '))}")
        if not found:
            err.print("[red]error:[/] no source to watch")
            raise typer.Exit(2)
        watcher = Watcher(sl, found, interval, fetch_articles=fetch_articles)
        previous = {sig: signal.signal(sig, lambda *_: _stop(watcher)) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            watcher.run(1 if once else polls, status=_status)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    err.print("watch stopped" + (" (signal)" if watcher.stopped else ""))


def _stop(watcher: Any) -> None:
    err.print("stopping after the current source …")
    watcher.stop()


def _status(report: Any, n: int) -> None:
    s = report.ingest.summary()
    err.print(
        f"poll {n}: {report.polled} polled, {report.not_modified} not modified, {report.failing} failing; "
        f"{report.new_items} new items: {s['ingested']} ingested, {s['duplicates']} duplicates, "
        f"{s['failed'] + s['skipped']} not ingested",
        soft_wrap=True,
    )


def _logging(quiet: bool, log_file: str | None) -> None:
    logger = logging.getLogger("storyline.watch")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING if quiet else logging.INFO)
    console.setFormatter(fmt)
    logger.addHandler(console)
    if log_file:
        file = logging.FileHandler(log_file, encoding="utf-8")
        file.setFormatter(fmt)
        logger.addHandler(file)
