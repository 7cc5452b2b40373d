"""Parquet files of the export schema (``storyline export``: articles, entities, events, stories).

Articles get an explicit schema (the export contract, so an empty list or an all-null column keeps
its type and every file of a corpus has the same schema); the other tables are inferred, with nested
values written as JSON text when their shapes differ from row to row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROWS_PER_GROUP = 10_000


def _article_schema() -> Any:
    import pyarrow as pa

    s, i64 = pa.string(), pa.int64()
    spans = pa.list_(pa.list_(i64))
    return pa.schema(
        [
            ("id", s), ("title", s), ("text", s), ("language", s), ("published", pa.timestamp("s")),
            ("published_estimated", pa.bool_()), ("url", s), ("source", s),
            ("entities", pa.list_(pa.struct([("start", i64), ("end", i64), ("label", s), ("entity_id", s), ("text", s), ("field", s)]))),
            ("times", pa.list_(pa.struct([("start", i64), ("end", i64), ("type", s), ("value", s), ("mod", s), ("text", s)]))),
            ("quotes", pa.list_(pa.struct([("kind", s), ("message", spans), ("cue", spans), ("speaker", spans), ("speaker_entity_id", s), ("speaker_name", s)]))),
            ("event_id", s), ("story_id", s), ("duplicate_of", s),
        ]
    )


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    """``published`` as a timestamp (UTC, to the second) rather than the ISO text of the JSON export."""
    from datetime import UTC, datetime

    value = row.get("published")
    if isinstance(value, str) and value:
        when = datetime.fromisoformat(value)
        if when.tzinfo is not None:
            when = when.astimezone(UTC).replace(tzinfo=None)
        row = {**row, "published": when.replace(microsecond=0)}
    return row


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, ROWS_PER_GROUP)):
        yield chunk


def write_articles(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Stream article records into one Parquet file, a row group per 10,000; the number written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _article_schema()
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(rows):
            writer.write_table(pa.Table.from_pylist([_typed(r) for r in chunk], schema=schema))
            n += len(chunk)
    return n


def write_table(rows: list[dict[str, Any]], path: Path) -> int:
    """One table with an inferred schema; nested values that do not share one shape become JSON."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pa.Table.from_pylist(rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        flat = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in r.items()} for r in rows]
        table = pa.Table.from_pylist(flat)
    pq.write_table(table, path)
    return len(rows)
