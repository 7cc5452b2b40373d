"""An exclusive advisory lock on a file beside an SQLite database: one writer at a time for a whole
use-case (PostgreSQL uses an advisory lock in the database instead)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path


@contextmanager
def file_lock(path: Path, waiting: Callable[[str], None] | None) -> Iterator[None]:
    """Exclusive ``flock`` on ``path``, waiting (and saying so once) while another process holds it.
    Where ``fcntl`` does not exist (Windows) writers are not serialised beyond SQLite's own locks."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms we run
        yield
        return
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                fh.seek(0)
                waiting(fh.read(200).strip() or "another process")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            fh.truncate(0)
            fh.write(f"process {os.getpid()}, since {datetime.now():%H:%M:%S}")
            fh.flush()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
