"""Reading raw input safely: size limits, empty and binary files, encodings.

Everything that reaches a reader as text has passed through here, so the checks (and their
messages) are the same for every format.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from pathlib import Path

from ..errors import InputError

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def read_bytes(path: str, max_bytes: int, allow_empty: bool = False) -> bytes:
    """The file's bytes, transparently gunzipped for ``*.gz``; InputError with a clear reason."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file too large ({size:,} bytes; limit ingest.max_bytes = {max_bytes:,})")
        data = p.read_bytes()
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if path.lower().endswith(".gz"):
        data = gunzip(data, max_bytes)
    if not data.strip() and not allow_empty:
        raise InputError("empty file")
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, max_bytes + 1)
        if len(out) > max_bytes:
            raise InputError(f"decompressed size exceeds ingest.max_bytes = {max_bytes:,}")
        if not d.eof:
            raise InputError("truncated gzip data")
        return out
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary content, or None when the bytes look like text."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data (contains NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode text bytes. Returns (text, warning). UTF-8 is expected; plain Latin-1/Windows-1252
    is recognised and decoded with a warning; broken UTF-8 is refused (never silently mangled)."""
    binary = sniff_binary(data)
    if binary:
        raise InputError(f"binary file ({binary}), not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from None
    warning = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise InputError(
                f"invalid UTF-8 at byte {exc.start} (mixed encodings?); re-encode the file as UTF-8"
            ) from None
        try:
            text = data.decode("cp1252")
            warning = "not UTF-8; decoded as Windows-1252/Latin-1"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            warning = "not UTF-8; decoded as Latin-1"
    controls = len(_CONTROL.findall(text[:8192]))
    if controls > max(8, len(text[:8192]) // 50):
        raise InputError("binary file (too many control characters), not text")
    return text, warning


def clean_text(text: str) -> str:
    """Line endings unified and stray control characters dropped; everything else kept as is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
