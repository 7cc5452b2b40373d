"""Record streams: JSON Lines, JSON arrays and CSV/TSV, with a field mapping.

Each record becomes one article. Fields are found through ``ingest.fields`` (e.g. ``{text =
"teaser"}``) or else under common names. A malformed line is reported with its line number and the
stream goes on; gzip-compressed streams are read incrementally, so a truncated file keeps every
record before the damage. Lines and rows are read with a cap (``ingest.max_bytes``) and the
decompressed stream with another (``ingest.max_stream_bytes``), so a gzip bomb or a line of
gigabytes costs bounded memory; any value in any field (deep nesting, huge numbers, lone
surrogates, wrong types) yields a Problem for its record, never an exception.
"""

from __future__ import annotations

import csv
import json
import zlib
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..errors import InputError
from . import Problem, noted
from .article import make_article, short
from .guard import decode
from .streams import bounded_lines, open_stream

if TYPE_CHECKING:
    from ..model import Article
    from ..settings import Settings

#: names under which the common news tools put each field (news-please, NewsAPI, newspaper4k,
#: Common Crawl news, GDELT, JSON Feed), matched without regard to case; the first one present wins
CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "maintext", "body", "articlebody", "article_text", "full_text", "content_text", "content",
        "article", "content_html", "teaser", "description", "summary", "abstract", "lead",
    ),
    "title": ("title", "headline", "title_page", "title_rss"),
    "url": ("url", "link", "uri", "canonical_url", "external_url", "sourceurl", "documentidentifier", "permalink"),
    "published": (
        "published", "date", "datetime", "pubdate", "published_at", "publishedat", "publish_date", "date_publish",
        "date_published", "datepublished", "published_date", "publication_date", "first_seen", "timestamp",
        "seendate", "created_at",
    ),
    "source": ("source", "source_name", "source_domain", "outlet", "site", "sitename", "publisher", "domain", "source_url"),
    "language": ("language", "lang", "languagecode"),
}
#: text fields that hold HTML, turned into paragraphs
HTML_FIELDS = {"content_html"}
#: keys of a JSON object that wrap a list of articles (NewsAPI, JSON Feed, search APIs)
WRAPPERS = ("articles", "items", "results", "data", "records", "documents", "docs", "entries", "news", "stories", "hits")
NESTED_NAME = ("name", "title", "domain", "url", "id")
#: language names some tools write instead of codes (GDELT: "German")
LANGUAGE_NAMES = {
    "german": "de", "deutsch": "de", "english": "en", "french": "fr", "spanish": "es", "italian": "it",
    "dutch": "nl", "polish": "pl", "portuguese": "pt", "russian": "ru", "turkish": "tr", "chinese": "zh",
    "japanese": "ja", "arabic": "ar", "swedish": "sv", "danish": "da", "norwegian": "no", "czech": "cs",
}


def record_to_article(record: dict[str, Any], origin: str, settings: Settings) -> tuple[Article, list[str]]:
    mapping: dict[str, str] = dict(settings["ingest.fields"])
    unknown = set(mapping) - set(CANDIDATES)
    if unknown:
        raise InputError(f"ingest.fields maps unknown article fields: {', '.join(sorted(unknown))}")
    notes: list[str] = []
    keys = {k.lower(): k for k in reversed(list(record)) if isinstance(k, str)}
    used: set[str] = set()

    def pick(name: str) -> Any:
        if name in mapping:
            used.add(mapping[name])
            return record.get(mapping[name])
        for cand in CANDIDATES[name]:
            key = keys.get(cand)
            if key is None:
                continue
            used.add(key)
            value = record.get(key)
            if isinstance(value, dict) and name != "text":
                value = next((value[k] for k in NESTED_NAME if isinstance(value.get(k), str) and value[k]), None)
            if value not in (None, "", []):
                if name == "text" and cand in HTML_FIELDS and isinstance(value, str):
                    from .feed import strip_html

                    value = strip_html(value)
                return value
        return None

    def text_of(name: str) -> str | None:
        value = pick(name)
        if value is None:
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, list) and all(isinstance(v, str | int | float | None) for v in value):
            return "\n\n".join(str(v) for v in value if v is not None)
        if name == "text":
            raise InputError(f"field {name!r} holds {short(value)}, not text")
        notes.append(f"{name} ignored: {short(value)} is not text")
        return None

    text, title = text_of("text"), text_of("title")
    if not text and not title:
        tried = mapping.get("text") or ", ".join(CANDIDATES["text"])
        raise InputError(f"record has no text (looked for: {tried})")
    url, source, published, language = text_of("url"), text_of("source"), pick("published"), text_of("language")
    language = LANGUAGE_NAMES.get(language.strip().lower(), language) if language else None
    meta = {k: v for k, v in record.items() if k not in used and isinstance(v, str | int | float | bool)}
    if isinstance(record.get("id"), str | int | float):
        meta["source_id"] = record["id"]
    art = make_article(
        text or "",
        origin,
        settings,
        title=title,
        url=url,
        source=source,
        published=published,
        language=language,
        meta=meta,
        warnings=notes,
    )
    return art, notes


def unwrap(data: Any) -> tuple[list[Any], dict[str, Any]]:
    """(records, what the wrapper says about all of them): a JSON array, an object wrapping one
    (NewsAPI ``articles``, JSON Feed ``items``, Elasticsearch ``hits.hits``), or one article."""
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, dict):
        return [data], {}
    for key in WRAPPERS:
        inner = data.get(key)
        if isinstance(inner, dict) and isinstance(inner.get(key), list):  # {"hits": {"hits": [...]}}
            inner = inner[key]
        if isinstance(inner, list) and (not inner or isinstance(inner[0], dict)):
            shared: dict[str, Any] = {}
            if str(data.get("version", "")).startswith("https://jsonfeed.org") and isinstance(data.get("title"), str):
                shared["source"] = data["title"]
            return [_source_of(r) if isinstance(r, dict) else r for r in inner], shared
    return [_source_of(data)], {}


def _source_of(record: dict[str, Any]) -> dict[str, Any]:
    """Elasticsearch hits keep the article under ``_source``."""
    inner = record.get("_source")
    return inner if isinstance(inner, dict) else record


def _emit(record: Any, origin: str, settings: Settings) -> Iterator[Article | Problem]:
    if not isinstance(record, dict):
        yield Problem(origin, f"expected a JSON object, got {type(record).__name__}")
        return
    try:
        art, notes = record_to_article(record, origin, settings)
    except InputError as exc:
        yield Problem(origin, str(exc))
        return
    except Exception as exc:  # one odd record must never stop the stream
        yield Problem(origin, f"unusable record ({type(exc).__name__}: {short(str(exc), 200)})")
        return
    yield from noted(origin, art, notes)


#: JSON nested deeper than this is refused. The parser's own limit is Python's recursion limit minus
#: the frames already in use, so without a fixed one the same record passed or failed with the depth
#: of the call that read it (a test's read and an ingest's read disagreed at ~2,000 levels).
MAX_JSON_DEPTH = 256


def _parse_json(text: str | bytes) -> Any:
    """JSON, with the failures of hostile documents as JSONDecodeError-like InputErrors."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise InputError("JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"malformed JSON ({short(str(exc), 120)})") from None
    if _too_deep(value, MAX_JSON_DEPTH):
        raise InputError("JSON nested too deeply")
    return value


def _too_deep(value: Any, limit: int) -> bool:
    """Whether lists and objects nest more than ``limit`` levels (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        elif not isinstance(item, list):
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in item if isinstance(child, dict | list))
    return False


def read_jsonl(source: str, settings: Settings) -> Iterator[Article | Problem]:
    max_line = int(settings["ingest.max_bytes"])
    try:
        fh = open_stream(source, settings)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    lineno = 0
    good = 0
    with fh:
        try:
            for lineno, raw, size in bounded_lines(fh, max_line):
                origin = f"{source}:{lineno}"
                if raw is None:
                    yield Problem(origin, f"line too long ({size:,} bytes; limit ingest.max_bytes = {max_line:,})")
                    continue
                if not raw.strip():
                    continue
                try:
                    record = _parse_json(raw.decode("utf-8-sig"))
                except UnicodeDecodeError as exc:
                    yield Problem(origin, f"invalid UTF-8 at byte {exc.start} of the line")
                    continue
                except InputError as exc:
                    yield Problem(origin, str(exc).replace(" at line 1, column", " at column"))
                    continue
                for item in _emit(record, origin, settings):
                    good += not isinstance(item, Problem)
                    yield item
        except InputError as exc:
            yield Problem(source, f"{exc} after line {lineno}; {good} records before it were read")
        except (OSError, EOFError, zlib.error) as exc:
            yield Problem(source, f"stream broken after line {lineno} ({exc}); {good} records before it were read")


def read_json(source: str, settings: Settings) -> Iterator[Article | Problem]:
    limit = int(settings["ingest.max_bytes"])
    try:
        with open_stream(source, settings) as fh:
            raw = fh.read(limit + 1)
        if len(raw) > limit:
            raise InputError(f"file too large (over {limit:,} bytes; limit ingest.max_bytes)")
        text, _ = decode(raw)
        data = _parse_json(text)
    except InputError as exc:
        if "Extra data" in str(exc) and raw.lstrip()[:1] == b"{":  # JSON Lines under a .json name
            yield from read_jsonl(source, settings)
            return
        yield Problem(source, str(exc))
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(source, f"cannot read: {exc}")
        return
    yield from _records(data, source, settings)


def read_json_bytes(raw: bytes, source: str, settings: Settings) -> Iterator[Article | Problem]:
    """A JSON document already in memory (a JSON Feed fetched from a URL)."""
    try:
        text, _ = decode(raw)
        data = _parse_json(text)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    yield from _records(data, source, settings)


def _records(data: Any, source: str, settings: Settings) -> Iterator[Article | Problem]:
    records, shared = unwrap(data)
    if not records:
        yield Problem(source, "no articles in the JSON document")
    for i, record in enumerate(records):
        if isinstance(record, dict) and shared:
            record = {**shared, **record}
        yield from _emit(record, f"{source}[{i}]", settings)


def read_csv(source: str, settings: Settings) -> Iterator[Article | Problem]:
    """CSV/TSV rows. A row that is too long, or that csv cannot parse, is reported with its line
    number and the reader goes on with the next row."""
    limit = int(settings["ingest.max_bytes"])
    try:
        fh = open_stream(source, settings)
    except InputError as exc:
        yield Problem(source, str(exc))
        return
    csv.field_size_limit(max(limit, csv.field_size_limit()))
    with fh:
        lines = _CsvLines(fh, limit)
        try:
            sample = fh.peek(16384)[:16384].decode("utf-8-sig", errors="ignore")
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|") if sample else csv.excel
        except csv.Error:
            dialect = csv.excel_tab if source.lower().endswith((".tsv", ".tsv.gz")) else csv.excel
        except (OSError, EOFError, zlib.error, InputError) as exc:
            yield Problem(source, f"cannot read CSV: {exc}")
            return
        rows = csv.DictReader(lines, dialect=dialect)
        try:
            missing = _no_text_column(list(rows.fieldnames or []), settings)
        except (csv.Error, OSError, EOFError, zlib.error, InputError, StopIteration) as exc:
            yield Problem(source, f"cannot read CSV header: {short(str(exc), 200)}")
            return
        if missing:
            yield Problem(source, missing)
            return
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Problem(f"{source}:{rows.reader.line_num}", f"unreadable CSV row: {exc}")
                lines.problem = None
                continue
            except (OSError, EOFError, zlib.error, InputError) as exc:
                yield Problem(source, f"CSV broken at line {rows.reader.line_num}: {short(str(exc), 200)}")
                return
            origin = f"{source}:{rows.reader.line_num}"
            if lines.problem:
                yield Problem(origin, lines.problem)
                lines.problem = None
                continue
            yield from _emit({k: v for k, v in row.items() if isinstance(k, str) and k}, origin, settings)


def _no_text_column(columns: list[str], settings: Settings) -> str | None:
    """One message for a whole CSV whose text column has a name we do not know (instead of one
    identical error per row), naming the columns and the mapping that would read it."""
    mapping: dict[str, str] = dict(settings["ingest.fields"])
    names = [c for c in columns if isinstance(c, str) and c]
    lower = {c.lower() for c in names}
    if "text" in mapping or "title" in mapping or lower & set(CANDIDATES["text"] + CANDIDATES["title"]):
        return None
    listed = ", ".join(names[:30]) + (" …" if len(names) > 30 else "")
    example = next((c for c in names if c.lower() not in set(sum(CANDIDATES.values(), ()))), names[0] if names else "COLUMN")
    return f"no text column among the columns {listed}; map one with --field text=COLUMN (e.g. --field text={example})"


class _CsvLines:
    """Text lines for csv, each at most ``limit`` bytes. A longer line (or one that is not UTF-8)
    is skipped to its end and replaced by a one-field stand-in row, and ``problem`` says why, so
    that row is reported and the rows after it are still read."""

    def __init__(self, fh: IO[bytes], limit: int):
        self._lines = bounded_lines(fh, limit)
        self._first = True
        self.problem: str | None = None

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        lineno, raw, size = next(self._lines)
        first, self._first = self._first, False
        if raw is None:
            self.problem = f"line {lineno} too long ({size:,} bytes; limit ingest.max_bytes)"
            return "\ufffd\n"
        try:
            return raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError as exc:
            self.problem = f"invalid UTF-8 at byte {exc.start} of line {lineno}"
            return "\ufffd\n"
