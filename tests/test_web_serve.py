"""`storyline serve` and `bench --serve` end to end: a real server on a free port answers every page
type without an error; a missing database is one clear line, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")


def test_every_page_type_over_http(small_db: Path):
    from storyline.bench.serve import serve_bench
    from storyline.settings import Settings

    result = serve_bench(small_db, Settings(), requests=3, concurrency=2)
    assert result["articles"] > 250 and result["mixed_errors"] == 0
    assert {"home", "story", "event", "article", "entity", "quotes", "search", "api article (one record)"} <= set(result["pages"])
    assert all(p["errors"] == 0 for p in result["pages"].values()), result["pages"]


def test_serve_refuses_a_missing_database(tmp_path: Path):
    from typer.testing import CliRunner

    from storyline.cli.main import app

    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "does not exist" in r.output
