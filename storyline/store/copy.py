"""Moving a whole store to another location or backend (SQLite ⇄ PostgreSQL), ids and links unchanged.

Everything goes through the Store interface, so any backend can be the source or the destination:
documents with their annotations, entities, memberships, events and stories, and, unchanged (keys and
timestamps included), the link log and the linker's state, so that the next ingest into the copy
links exactly as it would have into the original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..errors import StoreError
from ..model import Document
from .base import RAW_TABLES, Store

Progress = Callable[[str, int], None]  # (what was copied: "articles" | a table name, how many more)


@dataclass(slots=True, frozen=True)
class CopyReport:
    articles: int
    entities: int
    memberships: int
    events: int
    stories: int
    rows: dict[str, int]


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _is_empty(store: Store) -> bool:
    if store.count() or store.link_counts() != (0, 0) or store.entities(limit=1):
        return False
    return not any(batch for table in RAW_TABLES for batch in store.raw_rows(table, batch_size=1))


def copy_store(source: Store, dest: Store, progress: Progress | None = None, batch_size: int = 500) -> CopyReport:
    """Copy everything of ``source`` into the empty ``dest`` in one transaction (all or nothing),
    holding ``dest``'s right to write. Raises StoreError when ``dest`` already holds anything."""
    note = progress or (lambda what, n: None)
    with dest.writer():
        if not _is_empty(dest):
            raise StoreError(f"{dest.location} is not empty; copy only into a new database")
        with dest.transaction():
            n = 0
            for batch in _batches(iter(source.iter_documents(batch_size)), batch_size):
                written = dest.add(batch)
                if len(written) != len(batch):
                    raise StoreError("the source holds one article twice; run 'storyline check' on it")
                n += len(written)
                note("articles", len(written))
            entities = source.entities()
            dest.put_entities(entities)
            note("entities", len(entities))
            memberships, events, stories = source.memberships(), source.events(), source.stories()
            dest.put_links(memberships, events, stories)
            note("links", len(memberships))
            rows: dict[str, int] = {}
            for table in RAW_TABLES:
                rows[table] = 0
                for chunk in source.raw_rows(table):
                    dest.put_raw_rows(table, chunk)
                    rows[table] += len(chunk)
                    note(table, len(chunk))
    return CopyReport(n, len(entities), len(memberships), len(events), len(stories), rows)
