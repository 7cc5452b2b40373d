"""Serving while ingesting: `storyline ingest` writes from another process while pages and API reads
are answered and the API writes too. Readers never see "database is locked"; no write is lost."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from conftest import FRONTPAGES, REPO
from fastapi.testclient import TestClient

from storyline.web.app import create_app

TOKEN = "t"


def test_pages_answer_while_another_process_ingests(small_db: Path, tmp_path: Path):
    db = tmp_path / "busy.db"
    shutil.copy(small_db, db)
    items = tmp_path / "more.jsonl"
    with FRONTPAGES.open(encoding="utf-8") as src, items.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, 31, None, 600))  # items the small database does not hold
    from storyline.library import Storyline

    with Storyline(db, readonly=True) as sl:
        before = sl.count()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "ner.profile=fast", "ingest", str(items), "--db", str(db),
           "--field", "text=teaser", "--field", "published=first_seen", "--field", "source=outlet"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    statuses: list[int] = []
    errors: list[str] = []
    with TestClient(create_app(db, token=TOKEN)) as client:
        story = client.get("/api/stories").json()["stories"][0]["story_id"]
        urls = ["/", "/stories", f"/stories/{story}", "/search?q=Trump", "/quotes", "/api/stats", "/articles?page=3"]
        posted = client.post("/api/articles", json={"text": "Olaf Scholz besuchte am Montag Rom und traf Giorgia Meloni."},
                             headers={"X-Storyline-Token": TOKEN})
        assert posted.status_code == 201, posted.text
        deadline = time.monotonic() + 120
        for url in itertools.cycle(urls):
            r = client.get(url)
            statuses.append(r.status_code)
            if r.status_code != 200 or "locked" in r.text:
                errors.append(f"{url}: {r.status_code} {r.text[:200]}")
            if proc.poll() is not None or time.monotonic() > deadline:
                break
        output = proc.communicate(timeout=120)[0]
        assert proc.returncode == 0, output
        after = client.get("/api/stats").json()["articles"]
    assert not errors, errors[:3]
    assert len(statuses) >= len(urls), statuses  # requests were really served during the ingest
    ingested = int(re.search(r"(\d+) ingested", output)[1])  # type: ignore[index]
    print(f"{len(statuses)} requests served while {ingested} articles were ingested")
    assert ingested > 20 and after == before + ingested + 1, output  # every article of both writers is there
