"""Two processes that open one new SQLite store at the same moment both get it.

"storyline ingest A --db news.db & storyline ingest B --db news.db" on a new file failed now and then
with "news.db is not a usable Storyline database (database is locked)": while one process created the
tables, the other's switch to write-ahead logging was refused at once, without waiting."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from storyline.store.sqlite import SQLiteStore


def _open(path: str, start: object, out: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    try:
        store = SQLiteStore(path)
        out.put(store.schema_version)  # type: ignore[attr-defined]
        store.db.close()
    except Exception as exc:
        out.put(repr(exc))  # type: ignore[attr-defined]


def test_two_processes_open_a_new_store_at_once(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    results = []
    for trial in range(40):
        path = str(tmp_path / f"new{trial}.db")
        start, out = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open, args=(path, start, out)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results.extend(out.get(timeout=5) for _ in procs)
    assert all(isinstance(r, int) and r > 0 for r in results), results
