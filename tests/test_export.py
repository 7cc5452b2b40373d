"""`storyline export` keeps the EVAL.md contract: every key present, offsets into the text."""

from __future__ import annotations

import csv
import io
import json

from conftest import EXAMPLES, needs_examples
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()
ARTICLE_KEYS = {"id", "title", "text", "language", "published", "published_estimated", "entities", "times", "quotes", "event_id", "story_id"}


@needs_examples
def test_export_contract(tmp_path):
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["ingest", *map(str, sorted(EXAMPLES.glob("*.txt"))), "--db", str(db)]).exit_code == 0
    out = runner.invoke(app, ["export", "--db", str(db)])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 2
    for r in rows:
        assert ARTICLE_KEYS <= set(r)
        for e in r["entities"]:
            assert r["text"][e["start"] : e["end"]] == e["text"]
        for q in r["quotes"]:
            for a, b in q["message"]:
                assert 0 <= a < b <= len(r["text"])
    for what, keys in {
        "entities": {"entity_id", "name", "label", "aliases", "mentions"},
        "events": {"event_id", "story_id", "title", "article_ids", "start", "end"},
        "stories": {"story_id", "title", "event_ids", "entity_ids", "timeline"},
    }.items():
        res = runner.invoke(app, ["export", "--db", str(db), "--what", what])
        assert res.exit_code == 0, res.output
        for line in res.output.splitlines():
            assert keys <= set(json.loads(line))
    as_csv = runner.invoke(app, ["export", "--db", str(db), "--format", "csv"]).output
    assert len(list(csv.DictReader(io.StringIO(as_csv)))) == 2
    bad = runner.invoke(app, ["export", "--db", str(db), "--what", "nonsense"])
    assert bad.exit_code == 2


def test_parquet_export_has_proper_types(tmp_path):
    import pytest

    pq = pytest.importorskip("pyarrow.parquet")
    from conftest import EXAMPLES
    from typer.testing import CliRunner

    from storyline.cli.main import app

    if not EXAMPLES.is_dir():
        pytest.skip("../shared/examples is absent")
    db = str(tmp_path / "p.db")
    runner = CliRunner()
    runner.invoke(app, ["--set", "ner.profile=fast", "ingest", *map(str, sorted(EXAMPLES.glob("*.txt"))), "--db", db, "-q"])
    out = runner.invoke(app, ["export", "--what", "articles", "--format", "parquet", "-o", str(tmp_path / "a.parquet"), "--db", db])
    assert out.exit_code == 0, out.output
    table = pq.read_table(tmp_path / "a.parquet")
    assert str(table.schema.field("published").type).startswith("timestamp")
    assert str(table.schema.field("entities").type).startswith("list<")
    assert table.num_rows == 2 and all(r["published"] is not None for r in table.to_pylist())
