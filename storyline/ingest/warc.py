"""WARC (and ARC) web archives, plain or gzip-compressed (warcio). HTML responses become articles.

Archives are read as a stream: a truncated or corrupt archive keeps every record before the damage
and reports where it broke. Header lines are held to ``MAX_HEADER_LINE`` bytes and the whole
decompressed archive to ``ingest.max_stream_bytes`` (warcio reads a header line of any length
into memory, and the integrity check used to decompress without bound).
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from . import Problem, noted
from .charset import decode_web, header_charset
from .guard import open_regular
from .html import html_to_article
from .streams import _Capped

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

MAX_HEADER_LINE = 65_536  # bytes of one WARC or HTTP header line (http.client's limit too)
CHECK_CHUNK = 1 << 20


def _archive_iterator(fh: Any, cap: int) -> Any:
    """warcio's ArchiveIterator reading through a reader that bounds header lines and the total."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class Bounded(DecompressingBufferedReader):  # type: ignore[misc]
        total = 0

        def _count(self, data: bytes) -> bytes:
            self.total += len(data)
            if self.total > cap:
                raise InputError(f"decompressed archive larger than ingest.max_stream_bytes = {cap:,}")
            return data

        def read(self, length: int | None = None) -> bytes:
            return self._count(super().read(length))

        def readline(self, length: int | None = None) -> bytes:
            bound = MAX_HEADER_LINE + 1 if length is None else min(length, MAX_HEADER_LINE + 1)
            line = self._count(super().readline(bound))
            if len(line) > MAX_HEADER_LINE:
                raise InputError(f"header line longer than {MAX_HEADER_LINE:,} bytes")
            return line

    iterator = ArchiveIterator(fh, arc2warc=True)
    iterator.reader = Bounded(iterator.fh, block_size=iterator.reader.block_size)  # nothing read yet
    return iterator


def read(source: str, settings: Settings) -> Iterator[Article | Problem]:
    from warcio.exceptions import ArchiveLoadFailed

    cap = int(settings["ingest.max_stream_bytes"])
    path = Path(source)
    try:
        fh = open_regular(source)
        size = os.fstat(fh.fileno()).st_size
        if size == 0 or size > cap:
            fh.close()
            raise InputError("empty file" if size == 0 else f"file too large (limit ingest.max_stream_bytes = {cap:,})")
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    state = _State()
    with fh:
        try:
            try:
                yield from _articles(_archive_iterator(fh, cap), source, settings, state)
            except ArchiveLoadFailed as exc:
                if "non-chunked" not in str(exc):
                    raise
                # one gzip member around the whole archive: read it again decompressed, past the
                # records already seen
                fh.seek(0)
                stream = io.BufferedReader(_Capped(gzip.GzipFile(fileobj=fh, mode="rb"), fh, cap))
                skip, state.records = state.records, 0
                yield from _articles(_archive_iterator(stream, cap), source, settings, state, skip)
        except InputError as exc:
            yield Problem(source, f"WARC refused after {state.count} HTML records: {exc}")
            return
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield Problem(source, f"truncated or corrupt WARC after {state.count} HTML records ({type(exc).__name__}: {exc})")
            return
    damage = _damage(path, cap)
    if damage:
        yield Problem(source, f"truncated or corrupt WARC after {state.count} HTML records ({damage})")
    elif state.count == 0:
        yield Problem(source, "no HTML responses in the archive", fatal=False)


class _State:
    """How far a read got: records seen (to resume after a restart) and HTML records read."""

    records = 0
    count = 0


def _content_type(record: Any) -> str:
    if record.rec_type == "response":
        return (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _articles(records: Any, source: str, settings: Settings, state: _State, skip: int = 0) -> Iterator[Article | Problem]:
    """Articles of the HTML ``response`` and ``resource`` records (ARC records arrive as responses);
    the capture date (WARC-Date) stands in for a publication date the page does not state."""
    max_bytes = int(settings["ingest.max_bytes"])
    for record in records:
        state.records += 1
        if state.records <= skip or record.rec_type not in ("response", "resource"):
            continue
        ctype = _content_type(record)
        if "html" not in ctype.lower():
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        origin = f"{source}#{uri or state.count}"
        state.count += 1
        payload = record.content_stream().read(max_bytes + 1)
        if len(payload) > max_bytes:
            yield Problem(origin, f"response larger than ingest.max_bytes = {max_bytes:,}")
            continue
        captured = record.rec_headers.get_header("WARC-Date")
        try:
            html, warnings = decode_web(payload, header_charset(ctype))
            art, notes = html_to_article(html, origin, settings, url=uri or None, fallback_date=captured)
        except InputError as exc:
            yield Problem(origin, str(exc))
            continue
        art.meta["captured"] = captured
        yield from noted(origin, art, [*warnings, *notes])


def _damage(path: Path, cap: int) -> str | None:
    """Why the archive is incomplete, or None. warcio stops quietly at a truncated end, so the
    container is checked on its own: every gzip member complete, or the last record terminated.
    Decompression output is bounded per step and in total, so a bomb costs no memory."""
    try:
        with path.open("rb") as fh:
            if fh.read(2) == b"\x1f\x8b":
                fh.seek(0)
                return _gzip_damage(fh, cap)
            if path.stat().st_size < 4:
                return "the file is too short to hold a record"
            fh.seek(0)
            arc = fh.read(11) == b"filedesc://"
            fh.seek(-4, 2)
            tail = fh.read(4)
            return None if tail == b"\r\n\r\n" or (arc and tail.endswith(b"\n")) else "the last record is cut off"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"


def _gzip_damage(fh: Any, cap: int) -> str | None:
    total = 0
    data = fh.read(CHECK_CHUNK)
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while True:
            try:
                total += len(d.decompress(data, CHECK_CHUNK))
            except zlib.error as exc:
                return f"corrupt gzip data: {exc}"
            if total > cap:
                return f"decompressed archive larger than ingest.max_stream_bytes = {cap:,}"
            if d.eof:
                break
            data = d.unconsumed_tail or fh.read(CHECK_CHUNK)
            if not data:
                return "gzip stream ends in the middle of a record"
        data = d.unused_data or fh.read(CHECK_CHUNK)
    return None
