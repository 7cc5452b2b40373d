"""Record streams: JSON Lines, JSON arrays and CSV/TSV, with a field mapping.

Each record becomes one article. Fields are found through ``ingest.fields`` (e.g. ``{text =
"teaser"}``) or else under common names. A malformed line is reported with its line number and the
stream goes on; gzip-compressed streams are read incrementally, so a truncated file keeps every
record before the damage.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..errors import InputError
from . import Problem, noted
from .article import make_article
from .guard import decode, sniff_binary

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "full_text", "article", "maintext", "teaser", "description", "summary"),
    "title": ("title", "headline"),
    "url": ("url", "link", "uri", "canonical_url"),
    "published": ("published", "date", "datetime", "pubDate", "published_at", "publish_date", "first_seen", "timestamp"),
    "source": ("source", "outlet", "site", "sitename", "publisher", "domain"),
    "language": ("language", "lang"),
}


def record_to_article(record: dict[str, Any], origin: str, settings: Settings) -> tuple[Article, list[str]]:
    mapping: dict[str, str] = dict(settings["ingest.fields"])
    unknown = set(mapping) - set(CANDIDATES)
    if unknown:
        raise InputError(f"ingest.fields maps unknown article fields: {', '.join(sorted(unknown))}")

    def pick(name: str) -> Any:
        if name in mapping:
            return record.get(mapping[name])
        for key in CANDIDATES[name]:
            value = record.get(key)
            if value not in (None, ""):
                return value
        return None

    def text_of(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, list):
            return "\n\n".join(str(v) for v in value if v is not None)
        return str(value)

    text, title = text_of(pick("text")), text_of(pick("title"))
    if not text and not title:
        tried = mapping.get("text") or ", ".join(CANDIDATES["text"])
        raise InputError(f"record has no text (looked for: {tried})")
    notes: list[str] = []
    used = {mapping.get(k) for k in CANDIDATES} | {c for k in CANDIDATES if k not in mapping for c in CANDIDATES[k]}
    meta = {k: v for k, v in record.items() if k not in used and isinstance(v, str | int | float | bool)}
    if "id" in record:
        meta["source_id"] = record["id"]
    art = make_article(
        text or "",
        origin,
        settings,
        title=title,
        url=text_of(pick("url")),
        source=text_of(pick("source")),
        published=pick("published"),
        language=text_of(pick("language")),
        meta=meta,
        warnings=notes,
    )
    return art, notes


def _open(source: str, settings: Settings) -> IO[bytes]:
    path = Path(source)
    try:
        size = path.stat().st_size
        limit = int(settings["ingest.max_stream_bytes"])
        if size > limit:
            raise InputError(f"file too large ({size:,} bytes; limit ingest.max_stream_bytes = {limit:,})")
        if size == 0:
            raise InputError("empty file")
        fh: IO[bytes] = (
            gzip.open(path, "rb") if source.lower().endswith(".gz") else path.open("rb")  # type: ignore[assignment]  # noqa: SIM115
        )
        head = fh.peek(8192)[:8192] if hasattr(fh, "peek") else b""
    except PermissionError:
        raise InputError("permission denied") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    binary = sniff_binary(head)
    if binary:
        fh.close()
        raise InputError(f"binary file ({binary}), not text")
    return fh


def _emit(record: Any, origin: str, settings: Settings) -> Iterator[Article | Problem]:
    if not isinstance(record, dict):
        yield Problem(origin, f"expected a JSON object, got {type(record).__name__}")
        return
    try:
        art, notes = record_to_article(record, origin, settings)
    except InputError as exc:
        yield Problem(origin, str(exc))
        return
    yield from noted(origin, art, notes)


def read_jsonl(source: str, settings: Settings) -> Iterator[Article | Problem]:
    max_line = int(settings["ingest.max_bytes"])
    try:
        fh = _open(source, settings)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    lineno = 0
    good = 0
    with fh:
        try:
            for lineno, raw in enumerate(fh, start=1):
                origin = f"{source}:{lineno}"
                if not raw.strip():
                    continue
                if len(raw) > max_line:
                    yield Problem(origin, f"line too long ({len(raw):,} bytes; limit ingest.max_bytes)")
                    continue
                try:
                    record = json.loads(raw.decode("utf-8-sig"))
                except UnicodeDecodeError as exc:
                    yield Problem(origin, f"invalid UTF-8 at byte {exc.start} of the line")
                    continue
                except json.JSONDecodeError as exc:
                    yield Problem(origin, f"malformed JSON ({exc.msg} at column {exc.colno})")
                    continue
                for item in _emit(record, origin, settings):
                    good += not isinstance(item, Problem)
                    yield item
        except (OSError, EOFError, zlib.error) as exc:
            yield Problem(source, f"stream broken after line {lineno} ({exc}); {good} records before it were read")


def read_json(source: str, settings: Settings) -> Iterator[Article | Problem]:
    try:
        with _open(source, settings) as fh:
            text, _ = decode(fh.read(int(settings["ingest.max_bytes"]) + 1))
        data = json.loads(text)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield Problem(source, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records):
        yield from _emit(record, f"{source}[{i}]", settings)


def read_csv(source: str, settings: Settings) -> Iterator[Article | Problem]:
    try:
        fh = _open(source, settings)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    with fh, io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict", newline="") as text:
        try:
            sample = text.read(16384)
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|") if sample else csv.excel
        except csv.Error:
            dialect = csv.excel_tab if source.lower().endswith((".tsv", ".tsv.gz")) else csv.excel
        except (UnicodeDecodeError, OSError, EOFError, zlib.error) as exc:
            yield Problem(source, f"cannot read CSV: {exc}")
            return
        text.seek(0)
        try:
            rows = csv.DictReader(text, dialect=dialect)
            for rowno, row in enumerate(rows, start=2):
                yield from _emit({k: v for k, v in row.items() if k}, f"{source}:{rowno}", settings)
        except (csv.Error, UnicodeDecodeError, OSError, EOFError, zlib.error) as exc:
            yield Problem(source, f"CSV broken at line {rows.line_num}: {exc}")
