"""The ingest-level contract on PostgreSQL: the crash-safety test and the bad-input tests that the
SQLite store passes, run unchanged (the same test functions) against a PostgreSQL store."""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import test_ingest_bad_input as bad_input

import storyline
from storyline.store import open_store

_FIXTURES = {"sl", "tmp_path", "monkeypatch"}
BAD_INPUT_TESTS = sorted(  # those that take a store (parametrised ones are about reading, not storing)
    name for name, fn in vars(bad_input).items()
    if name.startswith("test_") and callable(fn) and "sl" in (params := set(inspect.signature(fn).parameters))
    and params <= _FIXTURES
)


@pytest.mark.parametrize("name", BAD_INPUT_TESTS)
def test_bad_input_on_postgres(name: str, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fn = getattr(bad_input, name)
    given = {"tmp_path": tmp_path, "monkeypatch": monkeypatch}
    with storyline.open(pg_url) as sl:
        fn(sl=sl, **{k: v for k, v in given.items() if k in inspect.signature(fn).parameters})


def _count(url: str) -> int:
    try:
        with open_store(url, readonly=True) as store:
            return store.count()
    except Exception:
        return 0


@pytest.mark.slow
def test_kill_mid_batch_then_rerun_on_postgres(tmp_path: Path, pg_url: str):
    n = 400
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"Meldung {i}\n\nIn Berlin wurde am Mittwoch über Vorschlag Nummer {i} beraten. " * 3, encoding="utf-8"
        )
    cmd = [sys.executable, "-m", "storyline.cli.main", "--set", "store.batch_size=10", "--set", "ner.profile=fast", "ingest", str(folder), "--db", pg_url, "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _count(pg_url) < 50 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; raise n"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(pg_url)
    assert 50 <= stored < n
    with open_store(pg_url) as store:
        assert store.check() == []
        assert len(store.ids_with("paragraph")) == stored  # every stored article is complete
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)  # the dead writer's lock is gone
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - stored} ingested, {stored} duplicates, 0 failed" in rerun.stdout.replace("\n", " ")
    assert _count(pg_url) == n
