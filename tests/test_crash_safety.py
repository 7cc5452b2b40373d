"""Killing an ingest mid-batch never leaves a half-written database, and re-running completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storyline.store.sqlite import SQLiteStore

N = 1500


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc; none found elsewhere)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def test_kill_mid_batch_then_rerun(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(N):
        (folder / f"{i:05d}.txt").write_text(
            f"Meldung {i}\n\nIn Berlin wurde am Mittwoch über Vorschlag Nummer {i} beraten. " * 3, encoding="utf-8"
        )
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "store.batch_size=25", "--set", "ingest.workers=2",
           "ingest", str(folder), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _count(db) < 100 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed; raise N"
    workers = _children(proc.pid)  # chunks of 25 articles: the ingest annotates in worker processes
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone = time.time() + 20
    while any(_alive(pid) for pid in workers) and time.time() < gone:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "annotation workers outlived their killed ingest"
    stored = _count(db)
    assert 100 <= stored < N
    store = SQLiteStore(db)
    try:
        assert store.check() == []
        # every stored article is complete: its paragraphs are there
        incomplete = store.db.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM layers n WHERE n.article_id = a.id AND n.layer = 'paragraph')"
        ).fetchone()[0]
        assert incomplete == 0
    finally:
        store.close()
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N - stored} ingested, {stored} duplicates, 0 failed" in rerun.stdout.replace("\n", " ")
    assert _count(db) == N
