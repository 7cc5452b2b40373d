"""Several writers of one PostgreSQL store at once: two ``storyline ingest`` processes with overlapping
inputs give the store that one process ingesting the same inputs one after the other gives (no lost
or doubled articles, entities merged alike, every article linked once)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_pending_links import _folder

BASE = [sys.executable, "-m", "storyline.cli.main", "--set", "ner.profile=fast"]


def _run(*args: str) -> str:
    done = subprocess.run([*BASE, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _rows(db: str, what: str) -> list[dict]:
    return [json.loads(line) for line in _run("export", "--what", what, "--db", db).splitlines() if line.strip()]


@pytest.mark.slow
def test_two_ingests_at_once_into_postgres_equal_one_after_the_other(tmp_path: Path, pg_url: str) -> None:
    from pg import fresh_database

    folder = _folder(tmp_path, 40)
    halves = {"first": tmp_path / "first", "second": tmp_path / "second"}
    for d in halves.values():
        d.mkdir()
    for i, f in enumerate(sorted(folder.iterdir())):  # overlapping halves: 0-29 and 10-39
        if i < 30:
            (halves["first"] / f.name).write_bytes(f.read_bytes())
        if i >= 10:
            (halves["second"] / f.name).write_bytes(f.read_bytes())
    procs = [subprocess.Popen([*BASE, "ingest", str(d), "--db", pg_url, "-q"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in halves.values()]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs

    alone_gen = fresh_database()
    alone = next(alone_gen)
    try:
        _run("ingest", str(halves["first"]), "--db", alone, "-q")
        _run("ingest", str(halves["second"]), "--db", alone, "-q")
        together_articles, alone_articles = _rows(pg_url, "articles"), _rows(alone, "articles")
        ids = [a["id"] for a in together_articles]
        assert len(ids) == len(set(ids)) == 40 and sorted(ids) == sorted(a["id"] for a in alone_articles)
        assert all(a.get("event_id") for a in together_articles)  # every article linked
        table = sorted((e["entity_id"], e["name"], e["mentions"]) for e in _rows(pg_url, "entities"))
        assert len({eid for eid, _, _ in table}) == len(table)  # no entity stored twice
        want = sorted((e["name"], e["mentions"]) for e in _rows(alone, "entities"))
        assert sorted((n, m) for _, n, m in table) == want
        assert "ok: 40 articles" in _run("check", "--db", pg_url)
    finally:
        alone_gen.close()
