"""``storyline copy`` moves a whole store between backends with ids and links unchanged: the demo
store goes SQLite → PostgreSQL → SQLite and every export is identical; the copy in PostgreSQL answers
the same searches and takes further ingests like the original."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, needs_examples
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()
FAST = ["--set", "ner.profile=fast"]


def _cli(*args: str) -> str:
    result = runner.invoke(app, [*FAST, *args])
    assert result.exit_code == 0, result.output
    return result.output


def _exports(db: str) -> dict[str, str]:
    return {what: _cli("export", "--what", what, "--db", db) for what in ("articles", "entities", "events", "stories")}


@needs_examples
def test_demo_store_round_trips_through_postgres(tmp_path: Path, pg_url: str):
    original = str(tmp_path / "news.db")
    _cli("ingest", str(EXAMPLES), "--db", original, "-q")
    want = _exports(original)
    assert all(want.values()) and want["stories"].strip()

    assert "copied" in _cli("copy", "--from", original, "--to", pg_url)
    assert _exports(pg_url) == want
    for query in ("Kim", '"Weiße Haus"', "Moon OR Trump", "Nordkor*"):
        ids = _search(pg_url, query)
        assert ids and sorted(ids) == sorted(_search(original, query)), query

    back = str(tmp_path / "back.db")
    _cli("copy", "--from", pg_url, "--to", back)
    assert _exports(back) == want
    again = runner.invoke(app, [*FAST, "copy", "--from", back, "--to", pg_url])
    assert again.exit_code == 2 and "not empty" in again.output  # never merges into a store


def _search(db: str, query: str) -> list[str]:
    import json

    return [h["id"] for h in json.loads(_cli("search", query, "--db", db, "--json"))["hits"]]


def test_copy_refuses_a_missing_source(tmp_path: Path):
    result = runner.invoke(app, ["copy", "--from", str(tmp_path / "none.db"), "--to", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "does not exist" in result.output
    assert not (tmp_path / "x.db").exists()
