"""Linking is never left behind: articles stored but not linked (a crash, a failing link setting) and
links left stale by an interrupted re-dating are completed by the next command that writes, and
``check`` reports them until then. Two writers of one SQLite store wait for each other."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import storyline.library as library_module
from storyline.library import Storyline

TEXTS = [
    ("Merkel trifft Macron in Paris", "Bundeskanzlerin Angela Merkel traf am Montag in Paris den französischen "
     "Präsidenten Emmanuel Macron. Beide sprachen über die Zukunft der Europäischen Union."),
    ("Macron empfängt Merkel", "Der französische Präsident Emmanuel Macron hat Angela Merkel in Paris empfangen. "
     "Thema war die Europäische Union."),
    ("Sturm über Hamburg", "Ein schwerer Sturm hat am Dienstag in Hamburg Bäume entwurzelt. Die Feuerwehr "
     "rückte mehr als hundert Mal aus."),
]


def _folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        title, text = TEXTS[i % len(TEXTS)]
        (folder / f"{i:04d}.txt").write_text(
            f"---\ntitle: {title} {i}\ndate: 2024-03-0{1 + i % 9}\n---\n{text} Meldung {i}.\n", encoding="utf-8"
        )
    return folder


FAST = {"ner.profile": "fast"}


def test_crash_after_store_is_reported_and_completed_by_the_next_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    with Storyline(tmp_path / "a.db", FAST) as sl:
        monkeypatch.setattr(library_module, "link_pending", _boom)
        report = sl.ingest([folder])
        assert len(report.ingested) == 3 and not report.ok and "disk gone" in (report.link_error or "")
        assert sl.pending()["unlinked"] == 3
        assert any("3 articles are stored but not linked" in p for p in sl.check())
    monkeypatch.undo()
    with Storyline(tmp_path / "a.db", FAST) as sl:
        again = sl.ingest([folder])  # nothing new, yet the articles left behind get linked
        assert again.ingested == [] and len(again.duplicates) == 3 and again.ok
        assert sl.pending() == {"unlinked": 0, "stale": 0} and sl.check() == []
        assert len(sl.store.memberships()) == 3


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise OSError("disk gone")


def test_interrupted_redating_leaves_a_stale_mark_that_the_next_link_clears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.app.reannotate as reannotate_module

    with Storyline(tmp_path / "s.db", FAST) as sl:
        sl.ingest([_folder(tmp_path)])
        first = sorted(sl.articles(), key=lambda a: a.id)[0].id
        monkeypatch.setattr(reannotate_module, "link_pending", _boom)
        with pytest.raises(OSError):
            sl.set_date(first, "2019-05-05")  # killed between storing the new date and re-linking
        assert sl.pending()["stale"] == 1
        assert any("links are stale" in p for p in sl.check())
        monkeypatch.undo()
        sl.relink()
        assert sl.pending() == {"unlinked": 0, "stale": 0} and sl.check() == []
    with Storyline(tmp_path / "fresh.db", FAST) as ref:  # the same as linking the re-dated store afresh
        ref.ingest([_folder(tmp_path)])
        ref.set_date(first, "2019-05-05")
        assert _links(ref) == _links(Storyline(tmp_path / "s.db", FAST))


def _links(sl: Storyline) -> list[tuple[str, str, str]]:
    return sorted((m["article_id"], m["event_id"], m["story_id"]) for m in sl.store.memberships())


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "ner.profile=fast", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def test_a_link_setting_that_fails_after_storing_exits_1_and_link_repairs(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    bad = _cli("--set", "link.event_k=0", "ingest", str(_folder(tmp_path)), "--db", str(db), "-q")
    assert bad.returncode == 1 and "linking failed" in bad.stderr and "3 ingested" in bad.stdout, bad
    check = _cli("check", "--db", str(db))
    assert check.returncode == 1 and "not linked" in check.stderr
    fixed = _cli("link", "--db", str(db))
    assert fixed.returncode == 0, fixed.stderr
    assert _cli("check", "--db", str(db)).returncode == 0


def _unlinked(db: Path) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(con.execute("SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM memberships)").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_kill_9_at_random_moments_then_any_writing_command_links_everything(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 60)
    rng = random.Random(7)
    for trial in range(3):
        db = tmp_path / f"kill{trial}.db"
        cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "ner.profile=fast", "--set", "store.batch_size=10",
               "ingest", str(folder), "--db", str(db), "-q"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(2.0, 9.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if not db.exists():
            continue
        follow = ["ingest", str(folder), "--db", str(db), "-q"] if trial % 2 else ["link", "--db", str(db)]
        done = _cli(*follow)
        assert done.returncode == 0, done.stderr
        assert _unlinked(db) == 0
        assert _cli("check", "--db", str(db)).returncode == 0


def _entity_table(db: Path) -> list[tuple[str, str, int]]:
    out = _cli("export", "--what", "entities", "--db", str(db))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return sorted((r["entity_id"], r["name"], r["mentions"]) for r in rows)


@pytest.mark.slow
def test_two_ingests_at_once_equal_one_after_the_other(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 40)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, f in enumerate(sorted(folder.iterdir())):  # overlapping halves: 0-29 and 10-39
        if i < 30:
            (first / f.name).write_bytes(f.read_bytes())
        if i >= 10:
            (second / f.name).write_bytes(f.read_bytes())
    together = tmp_path / "together.db"
    base = [sys.executable, "-m", "storyline.cli.main", "--set", "ner.profile=fast", "ingest"]
    procs = [subprocess.Popen([*base, str(d), "--db", str(together), "-q"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in (first, second)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    alone = tmp_path / "alone.db"
    assert _cli("ingest", str(first), "--db", str(alone), "-q").returncode == 0
    assert _cli("ingest", str(second), "--db", str(alone), "-q").returncode == 0
    assert _unlinked(together) == 0
    table = _entity_table(together)
    assert len({eid for eid, _, _ in table}) == len(table)  # no entity stored twice
    # the same entities with the same mention counts as one writer after the other
    assert sorted((n, m) for _, n, m in table) == sorted((n, m) for _, n, m in _entity_table(alone))


def test_serve_links_what_was_left_unlinked_before_it_serves(tmp_path: Path) -> None:
    from storyline.cli.serve import _complete_pending

    db = tmp_path / "s.db"
    with Storyline(db, {**FAST, "link.on_ingest": False}) as sl:
        sl.ingest([_folder(tmp_path)])
        assert sl.pending()["unlinked"] == 3
    _complete_pending(str(db))
    with Storyline(db, FAST) as sl:
        assert sl.pending() == {"unlinked": 0, "stale": 0} and len(sl.store.memberships()) == 3
