"""Readers: one per format, each yielding Articles or a Problem that names the input and the reason.

A reader never raises for bad input: it yields a :class:`Problem` and goes on, so one broken file,
line or feed item never stops a batch. Readers are chosen by file extension or by ``--format``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings


@dataclass(slots=True, frozen=True)
class Problem:
    """Something wrong with one input. ``fatal=False`` is a warning: the item was still read."""

    origin: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def noted(origin: str, article: Article, notes: Iterable[str | None]) -> Iterator[Article | Problem]:
    """What every reader yields for a good item: its warnings (non-fatal Problems), then the item."""
    for note in notes:
        if note:
            yield Problem(origin, note, fatal=False)
    yield article


Reader = Callable[[str, "Settings"], Iterator["Article | Problem"]]

#: format name -> "module:function" of its reader, ``read(source, settings)``
FORMATS: dict[str, str] = {
    "text": "storyline.ingest.text:read",
    "jsonl": "storyline.ingest.records:read_jsonl",
    "json": "storyline.ingest.records:read_json",
    "csv": "storyline.ingest.records:read_csv",
    "html": "storyline.ingest.html:read",
    "feed": "storyline.ingest.feed:read",
    "warc": "storyline.ingest.warc:read",
}

SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv", ".csv.gz": "csv", ".tsv.gz": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
}


def format_of(name: str) -> str | None:
    lower = name.lower()
    if lower.startswith(("http://", "https://")):
        return "feed"
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def reader(fmt: str) -> Reader:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown input format {fmt!r} (known: {', '.join(sorted(FORMATS))})")
    module, _, function = FORMATS[fmt].partition(":")
    read: Reader = getattr(importlib.import_module(module), function)
    return read


def expand(paths: Iterable[str | Path], settings: Settings) -> Iterator[str | Problem]:
    """Inputs to read: files as given, folders walked in sorted order, URLs passed through."""
    follow = bool(settings["ingest.follow_symlinks"])
    for raw in paths:
        name = str(raw)
        if name.startswith(("http://", "https://")):
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, follow)
        elif path.is_file():
            yield name
        elif path.is_symlink():
            yield Problem(name, "broken symbolic link")
        elif path.exists():
            yield Problem(name, "not a regular file")
        else:
            yield Problem(name, "no such file or folder")


def _walk(folder: Path, follow: bool) -> Iterator[str | Problem]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        yield Problem(str(folder), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not follow:
            if not entry.exists():
                yield Problem(str(entry), "broken symbolic link")
            continue
        if entry.is_dir():
            yield from _walk(entry, follow)
        elif entry.is_file():
            if format_of(entry.name) is not None:
                yield str(entry)
        elif not entry.exists():
            yield Problem(str(entry), "broken symbolic link")


def read_inputs(
    paths: Iterable[str | Path], settings: Settings, fmt: str | None = None
) -> Iterator[Article | Problem]:
    """Every article (or problem) from every input, in a deterministic order."""
    for source in expand(paths, settings):
        if isinstance(source, Problem):
            yield source
            continue
        chosen = fmt or format_of(source)
        if chosen is None:
            yield Problem(source, "unknown file type (use --format text|jsonl|json|csv|html|feed|warc)")
            continue
        yield from reader(chosen)(source, settings)
