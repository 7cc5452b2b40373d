"""Storage: one interface (:class:`~storyline.store.base.Store`), backends chosen here and only here.

``open_store("news.db")`` gives the embedded SQLite backend; a ``postgresql://`` (or ``postgres://``)
URL selects the PostgreSQL backend (the ``postgres`` extra, imported only then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Store


def is_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than an SQLite file."""
    return location.startswith(("postgres://", "postgresql://"))


def open_store(location: str, *, readonly: bool = False) -> Store:
    if is_url(location):
        from .postgres import PostgresStore

        return PostgresStore(location, readonly=readonly)
    from .sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
