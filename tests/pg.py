"""A PostgreSQL server for the tests: ``STORYLINE_TEST_PG`` (a URL of a database whose role may create
databases) when set, else a throw-away cluster started from the binaries under
``/usr/lib/postgresql/*/bin`` (as the ``postgres`` user when the tests run as root: initdb refuses
root). Each test gets a database of its own. Without a server the PostgreSQL tests skip and say why."""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

_SERVER: dict[str, str] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    return [runuser, "-u", "postgres", "--", *cmd] if runuser else ["su", "postgres", "-c", " ".join(cmd)]


def _start_cluster() -> str:
    """Start a cluster in a temporary folder; return its admin URL, or raise RuntimeError saying why not."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not bins:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    bindir = Path(bins[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = _free_port()
    steps = [
        [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
         f"-k {sock} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off", "start"],
    ]
    for step in steps:
        done = subprocess.run(_as_user(step), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{Path(step[0]).name} failed: {(done.stderr or done.stdout).strip()[-300:]}")
    stop = _as_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    atexit.register(lambda: (subprocess.run(stop, capture_output=True), shutil.rmtree(root, ignore_errors=True)))
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def server_url() -> str:
    """The admin URL of the test server (started once per test session); skips when there is none."""
    if "url" not in _SERVER and "why" not in _SERVER:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _SERVER["why"] = "psycopg is not installed (pip install 'storyline[postgres]')"
        else:
            try:
                _SERVER["url"] = os.environ.get("STORYLINE_TEST_PG") or _start_cluster()
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                _SERVER["why"] = f"no PostgreSQL server could be started: {exc}"
    if "why" in _SERVER:
        pytest.skip(_SERVER["why"])
    return _SERVER["url"]


def _with_db(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as conn:
        conn.execute(sql)


def fresh_database() -> Iterator[str]:
    """A new empty database on the test server (dropped afterwards): its URL."""
    name = f"storyline_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(server_url(), name)
    finally:
        with contextlib.suppress(Exception):  # a leftover database on a throw-away server does no harm
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
