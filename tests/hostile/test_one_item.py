"""Issue 23, item 1: one bad item never aborts an ingest; the good ones before and after are stored."""

from __future__ import annotations

import json
import os

from .conftest import GOOD, failures, good_file, warnings


def test_lone_surrogate_in_every_field_is_stored_scrubbed(lib, tmp_path):
    rec = {k: f"{k} \ud800 x" for k in ("title", "url", "source", "language", "extra")}
    rec["text"] = f"{GOOD} \udfff Ende"
    rec["\udc80key"] = "value \ud83d"
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf-8")  # ensure_ascii keeps them as \\ud800
    report = lib.ingest([str(src), str(good_file(tmp_path))])
    assert report.failed == [] and len(report.ingested) == 2
    stored = next(a for a in lib.articles(limit=None) if a.origin == f"{src}:1")
    assert stored.text.endswith("\ufffd Ende") and stored.title == "title \ufffd x"
    assert stored.language is None and "language ignored" in warnings(report)[f"{src}:1"]


def test_non_utf8_file_name_in_a_folder(lib, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good_file(folder)
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(f"{GOOD} Fremder Name.".encode())
    report = lib.ingest([str(folder)])
    assert report.failed == [] and len(report.ingested) == 2
    assert f"{folder}/bad\\xff.txt" in {a.origin for a in lib.articles(limit=None)}


def test_json_nested_100000_deep(lib, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    doc = tmp_path / "deep.json"
    doc.write_text('{"text": ' + deep + "}", encoding="utf-8")
    lines = tmp_path / "deep.jsonl"
    lines.write_text('{"text": ' + deep + "}\n" + json.dumps({"text": GOOD + " zwei"}) + "\n", encoding="utf-8")
    report = lib.ingest([str(doc), str(lines), str(good_file(tmp_path))])
    assert failures(report) == {str(doc): "JSON nested too deeply", f"{lines}:1": "JSON nested too deeply"}
    assert len(report.ingested) == 2


def _raw(text: str, date: str) -> str:
    """A JSONL line whose date is written as given (json.dumps cannot write 1e400)."""
    return '{"text": ' + json.dumps(text) + ', "date": ' + date + "}\n"


def test_absurd_numeric_dates_keep_the_article_and_the_rest_of_the_stream(lib, tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(
        json.dumps({"text": GOOD + " a", "date": 1e300}) + "\n"
        + _raw(GOOD + " b", "100000000000000000000")
        + _raw(GOOD + " c", "1e400")
        + _raw(GOOD + " d", "9" * 5000)
        + json.dumps({"text": GOOD + " e", "date": "99999-01-01"}) + "\n"
        + json.dumps({"text": GOOD + " f", "date": 1_500_000_000}) + "\n",
        encoding="utf-8",
    )
    report = lib.ingest([str(src)])
    assert len(report.ingested) == 5  # line 4: a number of 5,000 digits is not JSON Python reads
    assert "malformed JSON" in failures(report)[f"{src}:4"]
    noted = warnings(report)
    assert all("date ignored" in noted[f"{src}:{n}"] for n in (1, 2, 3, 5))
    dated = [a for a in lib.articles(limit=None) if a.published is not None]
    assert [a.published.year for a in dated] == [2017]


def test_wrongly_typed_fields(lib, tmp_path):
    src = tmp_path / "t.jsonl"
    rows = [
        {"text": {"nested": ["object"]}},
        {"text": GOOD + " eins", "title": {"a": 1}, "url": ["x", {"y": 2}], "id": [[1]], "published": [2020]},
        {"text": True},
        {"text": [GOOD, "zwei", 3]},
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = lib.ingest([str(src)])
    failed = failures(report)
    assert set(failed) == {f"{src}:1", f"{src}:3"} and "not text" in failed[f"{src}:1"]
    assert len(report.ingested) == 2


def test_json_nesting_is_refused_at_a_fixed_depth_whatever_the_stack(lib, tmp_path):
    """The parser's own limit moved with the frames in use (and with a raised recursion limit, as
    hypothesis sets one), so a 2,000-deep field passed one read and failed the next. Now: refused
    above 256 levels, accepted below, however deep the caller's stack."""
    import sys

    from storyline.ingest.records import MAX_JSON_DEPTH

    deep = '{"text": "' + GOOD + ' tief", "extra": ' + "[" * 300 + "]" * 300 + "}"
    ok = '{"text": "' + GOOD + ' flach", "extra": ' + "[" * 200 + "]" * 200 + "}"
    lines = tmp_path / "nest.jsonl"
    lines.write_text(deep + "\n" + ok + "\n", encoding="utf-8")
    old = sys.getrecursionlimit()
    try:
        for limit in (old, 10_000):
            sys.setrecursionlimit(limit)
            report = lib.ingest([str(lines)])
            assert failures(report) == {f"{lines}:1": "JSON nested too deeply"}, limit
            assert len(report.ingested) + len(report.duplicates) == 1
    finally:
        sys.setrecursionlimit(old)
    assert MAX_JSON_DEPTH == 256
