"""Which reader a file needs: from its name, else from its first bytes.

A folder handed to Storyline holds what people saved: ``.html.gz``, ``.rdf``, ``.json.gz``, files
without any extension. Before, every name outside a fixed list was skipped, so such a folder gave
"0 ingested, 0 failed". Now compressed names are looked up without their ``.gz``, and a name that
says nothing is decided by content (gzip looked through). A file that is still unknown is skipped
with the reason, never silently.
"""

from __future__ import annotations

import re
import zlib

from .guard import open_regular, sniff_binary

GZIP_MAGIC = b"\x1f\x8b"
HEAD = 8192
_COMPRESSED = (".gz", ".gzip")

SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed", ".feed": "feed",
    ".opml": "opml",
    ".warc": "warc", ".arc": "warc",
}
_FEED = re.compile(rb"<(?:rss|feed|rdf:rdf|channel)\b", re.I)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)
_OPML = re.compile(rb"<opml\b", re.I)
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def format_of_name(name: str) -> str | None:
    """The format a file name says, ``.gz`` looked through; None when the name says nothing."""
    lower = name.lower()
    if lower.startswith(("http://", "https://")):
        return "url"
    for suffix in _COMPRESSED:
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
            break
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def head_of(path: str) -> bytes:
    """The first bytes of a file as a reader will see them (gzip decompressed, truncation kept)."""
    with open_regular(path) as fh:
        data = fh.read(1 << 16)
    if data.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, HEAD)
        except zlib.error:
            return data[:HEAD]
    return data[:HEAD]


def sniff(head: bytes) -> tuple[str | None, str]:
    """(format, what it looks like) from the first bytes; format None when no reader fits."""
    binary = sniff_binary(head)
    if binary:
        return None, binary
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"WARC/"):
        return "warc", "a WARC archive"
    if body.startswith(b"filedesc://"):
        return "warc", "an ARC archive"
    if body.startswith(b"<"):
        if _OPML.search(body):
            return "opml", "an OPML list of feeds"
        if _FEED.search(body):
            return "feed", "an RSS/Atom/RDF feed"
        if _HTML.search(body):
            return "html", "an HTML page"
        return None, "XML that is neither a feed nor an HTML page"
    if body.startswith(b"["):
        return "json", "a JSON array"
    if body.startswith(b"{"):
        first, _, rest = body.partition(b"\n")
        if first.rstrip().endswith(b"}") and rest.lstrip().startswith(b"{"):
            return "jsonl", "JSON Lines"
        return "json", "a JSON object"
    return "text", "plain text"


def choose(path: str) -> tuple[str | None, str]:
    """(format, reason): by name, else by content. Content decides only for names without an
    extension (or with one nobody knows that holds structured data): a ``.bin`` of plain text is
    more likely a mistake than an article."""
    by_name = format_of_name(path)
    if by_name:
        return by_name, ""
    try:
        fmt, what = sniff(head_of(path))
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"
    except Exception as exc:  # an InputError from open_regular: a FIFO, permissions
        return None, str(exc)
    base = path.rsplit("/", 1)[-1]
    for suffix in _COMPRESSED:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    if fmt == "text" and _EXTENSION.search(base):
        return None, f"unknown file type {_EXTENSION.search(base).group()!r} holding plain text (use --format text to read it)"  # type: ignore[union-attr]
    if fmt is None:
        return None, f"unknown file type ({what})"
    return fmt, what
