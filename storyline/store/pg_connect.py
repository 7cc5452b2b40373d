"""Reaching a PostgreSQL server: connections (psycopg imported only here, with an install hint),
the packaged migrations, URLs safe to print, and throw-away databases for benchmarks."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) for every packaged PostgreSQL migration, in order."""
    found = []
    for entry in resources.files("storyline.store.pg_migrations").iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m[1]), m[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def connect(url: str, readonly: bool) -> Any:
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError:
        raise StoreError("the PostgreSQL backend needs psycopg: pip install 'storyline[postgres]'") from None
    try:
        conn = psycopg.connect(
            url, autocommit=True, row_factory=dict_row, application_name=f"storyline process {os.getpid()}"
        )
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to {redacted(url)}: {str(exc).strip()}") from None
    if readonly:
        conn.execute("SET default_transaction_read_only = on")
    return conn


def with_database(url: str, name: str) -> str:
    """``url`` pointing at the database ``name`` of the same server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new empty database on the server of ``url`` (whose role may create databases), dropped
    afterwards: its URL."""
    name = f"storyline_scratch_{uuid.uuid4().hex[:12]}"
    admin = connect(url, readonly=False)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield with_database(url, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()
