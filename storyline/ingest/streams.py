"""Record streams opened with bounds: regular files only, gzip decompressed with a size cap, lines
read with a length cap.

A ``.jsonl.gz`` of a few megabytes can hold gigabytes; reading it line by line without limits let
one line of 5 GB take 6 GB of memory. Here every line costs at most ``ingest.max_bytes`` of memory
and the whole decompressed stream at most ``ingest.max_stream_bytes`` of work.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..errors import InputError
from .guard import open_regular, sniff_binary

if TYPE_CHECKING:
    from ..settings import Settings

SKIP_CHUNK = 1 << 20


class _Capped(io.RawIOBase):
    """A decompressed stream that raises InputError once more than ``cap`` bytes came out."""

    def __init__(self, inner: gzip.GzipFile, outer: IO[bytes], cap: int):
        self._inner, self._outer, self._cap, self._total = inner, outer, cap, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._inner.read1(len(buffer))  # read1: a truncated tail must not spoil what came before
        n = len(data)
        buffer[:n] = data
        self._total += n
        if self._total > self._cap:
            raise InputError(f"decompressed stream larger than ingest.max_stream_bytes = {self._cap:,}")
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            self._outer.close()
            super().close()


def open_stream(source: str, settings: Settings) -> io.BufferedReader[Any]:
    """The stream's bytes (gunzipped for ``*.gz``), after the size, emptiness and binary checks."""
    limit = int(settings["ingest.max_stream_bytes"])
    fh = open_regular(source)
    try:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise InputError(f"file too large ({size:,} bytes; limit ingest.max_stream_bytes = {limit:,})")
        if size == 0:
            raise InputError("empty file")
        raw: Any = fh
        magic = os.pread(fh.fileno(), 2, 0)
        if source.lower().endswith(".gz") or magic == b"\x1f\x8b":  # gzip with any name
            raw = _Capped(gzip.GzipFile(fileobj=fh, mode="rb"), fh, limit)
        stream = io.BufferedReader(raw, buffer_size=1 << 16)
        head = stream.peek(8192)[:8192]
    except InputError:
        fh.close()
        raise
    except (OSError, EOFError, zlib.error) as exc:
        fh.close()
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    binary = sniff_binary(head)
    if binary:
        stream.close()
        raise InputError(f"binary file ({binary}), not text")
    return stream


def bounded_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, size) for every line; the line is None when it is longer than
    ``limit`` bytes, in which case its rest was skipped without being kept."""
    lineno = 0
    while raw := fh.readline(limit + 1):
        lineno += 1
        if len(raw) <= limit:
            yield lineno, raw, len(raw)
            continue
        size = len(raw)
        while not raw.endswith(b"\n"):
            raw = fh.readline(SKIP_CHUNK)
            if not raw:
                break
            size += len(raw)
        yield lineno, None, size
