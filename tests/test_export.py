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
