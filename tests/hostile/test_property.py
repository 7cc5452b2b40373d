"""Issue 23: random JSON values (lone surrogates, huge numbers, deep nesting, wrong types) in every
field of every structured format (JSONL, JSON, CSV): the ingest never raises, and every record is
either stored or reported with its origin."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import Problem, read_inputs
from storyline.ingest.records import CANDIDATES
from storyline.settings import Settings

from .conftest import FAST, open_lib

FIELDS = sorted({name for names in CANDIDATES.values() for name in names} | {"id", "extra", "\udc80"})
SURROGATES = st.sampled_from(["\ud800", "\udfff", "\udc80", "\ud83d"])
TEXT = st.lists(st.one_of(st.text(max_size=20), SURROGATES), max_size=4).map("".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)


def _deep(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "list" else '{"a": ' * depth + "1" + "}" * depth


#: JSON text of one field value: any JSON value, or forms json.dumps cannot write
RAW = st.one_of(
    VALUES.map(lambda v: json.dumps(v, ensure_ascii=True)),
    st.tuples(st.integers(1, 3000), st.sampled_from(["list", "dict"])).map(lambda t: _deep(*t)),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.sampled_from(["1e300", "-1e300", "1e400", "1e20", "100000000000000000000", "-0.0", "NaN", "Infinity"]),
)
RECORD = st.dictionaries(st.sampled_from(FIELDS), RAW, min_size=1, max_size=5)


def _line(record: dict[str, str]) -> str:
    return "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in record.items()) + "}"


def _csv(records: list[dict[str, str]]) -> bytes:
    keys = sorted({k for r in records for k in r})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(keys)
    for r in records:
        writer.writerow([r.get(k, "")[:500] for k in keys])
    return out.getvalue().encode("utf-8", "surrogatepass")  # lone surrogates: invalid UTF-8 bytes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(records=st.lists(RECORD, min_size=1, max_size=4))
def test_any_json_in_any_field_of_any_format_is_stored_or_reported(records: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jsonl = folder / "r.jsonl"
        jsonl.write_text("\n".join(_line(r) for r in records) + "\n", encoding="utf-8")
        whole = folder / "r.json"
        whole.write_text("[" + ", ".join(_line(r) for r in records) + "]", encoding="utf-8")
        table = folder / "r.csv"
        table.write_bytes(_csv(records))
        inputs = [str(jsonl), str(whole), str(table)]

        items = list(read_inputs(inputs, Settings(FAST)))
        assert all(isinstance(i, Problem) or i.text for i in items)
        accounted = {i.origin for i in items if not isinstance(i, Problem) or i.fatal}
        for n in range(1, len(records) + 1):  # each JSONL line: an article or a failure, by origin
            assert f"{jsonl}:{n}" in accounted or str(jsonl) in accounted
        for n in range(len(records)):
            assert f"{whole}[{n}]" in accounted or str(whole) in accounted
        assert any(o == str(table) or o.startswith(f"{table}:") for o in accounted)

        with open_lib(folder) as sl:
            report = sl.ingest(inputs)
            articles = [i for i in items if not isinstance(i, Problem)]
            assert len(report.ingested) + len(report.duplicates) == len(articles)
            assert len(report.failed) == sum(1 for i in items if isinstance(i, Problem) and i.fatal)
            stored: list[Any] = sl.articles(limit=None)
            assert len(stored) == len(report.ingested)
