"""Storage: one interface (:class:`~storyline.store.base.Store`), backends chosen here and only here.

``open_store("news.db")`` gives the embedded SQLite backend; a ``postgresql://`` URL will select the
PostgreSQL backend (an optional extra) once it exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import StoreError

if TYPE_CHECKING:
    from .base import Store


def open_store(location: str, *, readonly: bool = False) -> Store:
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not available yet; use an SQLite file path")
    from .sqlite import SQLiteStore

    return SQLiteStore(location, readonly=readonly)
