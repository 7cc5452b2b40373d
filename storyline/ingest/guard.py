"""Reading raw input safely: size limits, empty and binary files, encodings.

Everything that reaches a reader as text has passed through here, so the checks (and their
messages) are the same for every format.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from typing import BinaryIO

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


def open_regular(path: str) -> BinaryIO:
    """Open ``path`` for reading only when it is a regular file. A FIFO is opened without blocking
    and refused, so a named pipe or a device in the way never hangs or floods an ingest."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file (deleted during the ingest?)") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"not a regular file ({file_kind(mode)})")
    return os.fdopen(fd, "rb")


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words, for messages."""
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISLNK, "a symbolic link"),
    ]
    return next((what for test, what in kinds if test(mode)), "a special file")


def read_bytes(path: str, max_bytes: int, allow_empty: bool = False) -> bytes:
    """The file's bytes, transparently gunzipped for ``*.gz``; InputError with a clear reason."""
    with open_regular(path) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputError(f"file too large ({size:,} bytes; limit ingest.max_bytes = {max_bytes:,})")
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (over {max_bytes:,} bytes; limit ingest.max_bytes)")
    if path.lower().endswith(".gz") or data.startswith(b"\x1f\x8b"):  # gzip with any name
        data = gunzip(data, max_bytes)
    if not data.strip() and not allow_empty:
        raise InputError("empty file")
    return data


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Every gzip member (``cat a.gz b.gz`` is one valid stream), never more than ``max_bytes``
    decompressed: the output is bounded while decompressing, so a gzip bomb costs nothing."""
    out: list[bytes] = []
    total = 0
    try:
        while data:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = d.decompress(data, max_bytes + 1 - total)
            total += len(chunk)
            if total > max_bytes or d.unconsumed_tail:
                raise InputError(f"decompressed size exceeds ingest.max_bytes = {max_bytes:,}")
            if not d.eof:
                raise InputError("truncated gzip data")
            out.append(chunk)
            data = d.unused_data.lstrip(b"\0")  # gzip allows zero padding after a member
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from None
    return b"".join(out)


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
    return scrub(_CONTROL.sub("", text))


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Lone surrogates (from JSON escapes like ``\\ud800``) become U+FFFD: they cannot be stored
    as UTF-8, and one of them must not cost the batch."""
    return _SURROGATE.sub("\ufffd", text)


def printable(name: str) -> str:
    """A name fit for messages and the store: bytes of a non-UTF-8 file name (kept by Python as
    surrogate escapes) shown as ``\\xff``, other lone surrogates as ``\\ud800``."""
    return _SURROGATE.sub(_escape_surrogate, name)


def _escape_surrogate(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
