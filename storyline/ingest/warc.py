"""WARC (and ARC) web archives, plain or gzip-compressed (warcio). HTML responses become articles.

Archives are read as a stream: a truncated or corrupt archive keeps every record before the damage
and reports where it broke.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from . import Problem, noted
from .guard import decode
from .html import html_to_article

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings


def read(source: str, settings: Settings) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    max_bytes = int(settings["ingest.max_bytes"])
    path = Path(source)
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file")
        if size > int(settings["ingest.max_stream_bytes"]):
            raise InputError("file too large (limit ingest.max_stream_bytes)")
        fh = path.open("rb")
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    except OSError as exc:
        yield Problem(source, f"cannot read: {exc.strerror or exc}")
        return
    count = 0
    with fh:
        try:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{source}#{uri or count}"
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                count += 1
                payload = record.content_stream().read(max_bytes + 1)
                if len(payload) > max_bytes:
                    yield Problem(origin, f"response larger than ingest.max_bytes = {max_bytes:,}")
                    continue
                try:
                    html, warning = decode(payload)
                    art, notes = html_to_article(html, origin, settings, url=uri or None)
                except InputError as exc:
                    yield Problem(origin, str(exc))
                    continue
                art.meta["captured"] = record.rec_headers.get_header("WARC-Date")
                yield from noted(origin, art, [warning, *notes])
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield Problem(source, f"truncated or corrupt WARC after {count} HTML records ({type(exc).__name__}: {exc})")
            return
    damage = _damage(path)
    if damage:
        yield Problem(source, f"truncated or corrupt WARC after {count} HTML records ({damage})")
    elif count == 0:
        yield Problem(source, "no HTML responses in the archive", fatal=False)


def _damage(path: Path) -> str | None:
    """Why the archive is incomplete, or None. warcio stops quietly at a truncated end, so the
    container is checked on its own: every gzip member complete, or the last record terminated."""
    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            pending = b""
            while True:
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                data = pending or fh.read(1 << 20)
                while data:
                    try:
                        d.decompress(data)
                    except zlib.error as exc:
                        return f"corrupt gzip data: {exc}"
                    if d.eof:
                        break
                    data = fh.read(1 << 20)
                if not d.eof:
                    return "gzip stream ends in the middle of a record"
                pending = d.unused_data
                if not pending:
                    pending = fh.read(1 << 20)
                    if not pending:
                        return None
        if path.stat().st_size < 4:
            return "the file is too short to hold a record"
        fh.seek(-4, 2)
        return None if fh.read(4) == b"\r\n\r\n" else "the last record is cut off"
