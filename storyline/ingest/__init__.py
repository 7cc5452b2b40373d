"""Readers: one per format, each yielding Articles or a Problem that names the input and the reason.

A reader never raises for bad input: it yields a :class:`Problem` and goes on, so one broken file,
line or feed item never stops a batch. Readers are chosen by file extension or by ``--format``.
"""

from __future__ import annotations

import functools
import importlib
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError
from .guard import file_kind, printable
from .sniff import choose, format_of_name

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings


@dataclass(slots=True, frozen=True)
class Problem:
    """Something wrong with one input. ``fatal=False`` is a warning: the item was still read."""

    origin: str
    reason: str
    fatal: bool = True
    skipped: bool = False  # not read at all (unknown type, not a regular file): counted apart

    def __post_init__(self) -> None:
        # a file name with non-UTF-8 bytes, or a lone surrogate from a JSON field, must not break
        # the terminal or the store that shows this problem
        object.__setattr__(self, "origin", printable(self.origin))
        object.__setattr__(self, "reason", printable(self.reason))

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

#: inputs that name other inputs (feeds, pages) rather than holding articles
LISTS = {"opml", "url", "urls"}


def format_of(name: str) -> str | None:
    """The format a name says (``.gz`` looked through); URLs are fetched and then sniffed."""
    return format_of_name(name)


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
            yield from _Walk(follow).walk(path)
        elif path.is_file():
            yield name
        elif path.is_symlink():
            yield Problem(name, "broken symbolic link")
        elif path.exists():
            yield Problem(name, f"not a regular file ({_kind(path)})")
        else:
            yield Problem(name, "no such file or folder")


def _kind(path: Path) -> str:
    try:
        return file_kind(path.stat().st_mode)
    except OSError:
        return "unreadable"


class _Walk:
    """One folder walk. Every entry is either read or reported: FIFOs, devices and files of
    unknown type get a warning, a file that vanished mid-walk says so, and with
    ``ingest.follow_symlinks`` a link back to a folder already walked is reported, not followed
    (two such loops made the walk endless)."""

    def __init__(self, follow: bool):
        self.follow = follow
        self.seen: dict[tuple[int, int], str] = {}

    def walk(self, folder: Path) -> Iterator[str | Problem]:
        try:
            st = folder.stat()
            entries = sorted(folder.iterdir())
        except OSError as exc:
            yield Problem(str(folder), f"cannot list folder: {exc.strerror or exc}")
            return
        key = (st.st_dev, st.st_ino)
        if key in self.seen:
            yield Problem(str(folder), f"symbolic link to a folder already walked ({self.seen[key]}); not walked again", fatal=False)
            return
        self.seen[key] = str(folder)
        for entry in entries:
            if not entry.name.startswith("."):
                yield from self._entry(entry)

    def _entry(self, entry: Path) -> Iterator[str | Problem]:
        try:
            st = entry.lstat()
            if stat.S_ISLNK(st.st_mode):
                if not self.follow:
                    if not entry.exists():
                        yield Problem(str(entry), "broken symbolic link")
                    return
                try:
                    st = entry.stat()
                except FileNotFoundError:
                    yield Problem(str(entry), "broken symbolic link")
                    return
        except FileNotFoundError:
            yield Problem(str(entry), "vanished: deleted while the ingest ran")
            return
        except OSError as exc:
            yield Problem(str(entry), f"cannot read: {exc.strerror or exc}")
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self.walk(entry)
        elif not stat.S_ISREG(st.st_mode):
            yield Problem(str(entry), f"skipped: {file_kind(st.st_mode)}, not a regular file", skipped=True)
        elif is_folder_document(entry.name):
            note = f"skipped: the folder's {entry.name.split('.')[0].upper()}, not an article (name the file to ingest it)"
            yield Problem(str(entry), note, fatal=False)
        else:
            yield str(entry)


#: Names of a folder's own documentation (any case, any extension among ``_DOC_EXTENSIONS``)
_DOC_NAMES = frozenset({
    "readme", "license", "licence", "copying", "notice", "authors", "contributing", "changelog", "changes",
    "history", "citation",
})
_DOC_EXTENSIONS = frozenset({"", "md", "txt", "rst", "markdown"})


def is_folder_document(name: str) -> bool:
    """Whether a file found in a folder is the folder's documentation ("README.md", "LICENSE",
    "CHANGELOG.txt") rather than an article: a corpus folder nearly always holds one, and
    ``storyline ingest ../shared/examples`` stored the examples' README as a third, English
    article. A file named on the command line is read whatever its name."""
    stem, _, ext = name.partition(".")
    return stem.casefold() in _DOC_NAMES and ext.casefold() in _DOC_EXTENSIONS


def read_inputs(
    paths: Iterable[str | Path], settings: Settings, fmt: str | None = None
) -> Iterator[Article | Problem]:
    """Every article (or problem) from every input, in a deterministic order. A reader that fails
    in a way nobody foresaw costs the rest of its own input, reported, never the batch."""
    for source in expand(paths, settings):
        if isinstance(source, Problem):
            yield source
        else:
            yield from read_source(source, settings, fmt)


def read_source(source: str, settings: Settings, fmt: str | None = None) -> Iterator[Article | Problem]:
    """Every article (or problem) of one input found by ``expand``, its format given or chosen from
    its name and content (the one place that decides, for ``ingest`` and ``batch`` alike)."""
    chosen, why = (fmt, "") if fmt else choose(source)
    if source.endswith(("-wal", "-shm", "-journal", "-writer")) and not fmt:
        chosen, why = None, "a database's companion file"
    if chosen is None:
        # a store kept in the folder being ingested (``ingest . --db news.db``) is no input
        store_file = "SQLite" in why or "companion" in why
        yield Problem(source, f"skipped: {why}", fatal=not store_file, skipped=not store_file)
        return
    if chosen in LISTS:
        read: Reader = functools.partial(_list_reader, kind=chosen)
    else:
        read = reader(chosen)
    try:
        yield from read(source, settings)
    except Exception as exc:
        yield Problem(source, f"reading stopped ({type(exc).__name__}: {str(exc)[:200]}); the rest of this input was not read")


def _list_reader(source: str, settings: Settings, kind: str) -> Iterator[Article | Problem]:
    from .web import read_list

    return read_list(source, kind, settings)
