"""The storage interface every backend implements. The library, CLI and API talk only to this."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from ..model import Article, Document, Entity

# the tables ``raw_rows`` copies as they are, with their key columns (the order rows are read in)
RAW_TABLES = {"link_log": ("seq",), "state": ("key",), "state_items": ("namespace", "key")}


@dataclass(slots=True, frozen=True)
class SearchHit:
    article: Article
    snippet: str
    score: float


class Store(ABC):
    """Articles with their annotations, entities, events and stories.

    Writes are transactional: ``add`` stores a batch of documents completely or not at all.
    """

    location: str

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A unit of work: writes inside it commit together or not at all (nestable)."""

    # --- articles
    @abstractmethod
    def existing(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""

    def has(self, article_id: str) -> bool:
        return bool(self.existing([article_id]))

    @abstractmethod
    def add(self, docs: Sequence[Document]) -> list[str]:
        """Store new documents (article + annotations) in one transaction; already stored ids are
        skipped. Returns the ids written."""

    @abstractmethod
    def update(self, docs: Sequence[Document]) -> None:
        """Replace the stored article fields and annotations of documents (re-annotation)."""

    @abstractmethod
    def get(self, article_id: str) -> Document | None:
        """The document with its annotations; ``article_id`` may be a unique prefix."""

    @abstractmethod
    def articles(
        self, limit: int | None = 50, offset: int = 0, language: str | None = None
    ) -> list[Article]:
        """Articles ordered by publication date (undated last), then id."""

    @abstractmethod
    def iter_documents(self, batch_size: int = 500) -> Iterable[Document]:
        """Every stored document, in publication order."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def ids_with(self, layer: str) -> list[str]:
        """Ids of articles that have at least one annotation of ``layer`` (e.g. "quote"), in
        publication order."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over title and text, best first."""

    # --- entities
    @abstractmethod
    def entities(self, label: str | None = None, limit: int | None = None) -> list[Entity]: ...

    @abstractmethod
    def delete_articles(self, ids: Sequence[str]) -> None:
        """Remove articles with their annotations, memberships and search entries (in one transaction
        with whatever the caller does around it)."""

    @abstractmethod
    def delete_entities(self, ids: Sequence[str]) -> None:
        """Remove entity records (no article names them any more), with their identity history."""

    @abstractmethod
    def put_entities(self, entities: Sequence[Entity]) -> None:
        """Insert or replace entities by id."""

    # --- events, stories
    @abstractmethod
    def put_links(
        self,
        memberships: Sequence[dict[str, Any]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Insert or replace article memberships, events and stories, and append to the link log."""

    def replace_links(
        self,
        memberships: Sequence[dict[str, Any]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Replace all memberships, events and stories with the linker's current picture (the log
        is appended to, never replaced), in one transaction."""
        with self.transaction():
            self.delete_links()
            self.put_links(memberships, events, stories, log)

    @abstractmethod
    def delete_links(self) -> None:
        """Remove every membership, event and story (the link log stays)."""

    @abstractmethod
    def update_links(
        self,
        memberships: Sequence[dict[str, Any]],
        moves: Sequence[tuple[str, str, str]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        gone_events: Sequence[str] = (),
        gone_stories: Sequence[str] = (),
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        """An incremental write: insert or replace the given memberships, events and stories, move
        articles to another (event id, story id) keeping their explanation (``moves`` as
        ``(article_id, event_id, story_id)``), delete events and stories that merged away, append to
        the log. Rows not named stay as they are."""

    @abstractmethod
    def membership_ids(self, only: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        """The stored (event id, story id) of every article, or of the articles in ``only``: what an
        incremental write compares against."""

    @abstractmethod
    def memberships(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def link_counts(self) -> tuple[int, int]:
        """How many events and stories are stored."""

    @abstractmethod
    def unlinked(self) -> list[Document]:
        """Documents not yet assigned to an event (no membership row), in publication order."""

    def count_unlinked(self) -> int:
        """How many stored articles have no membership yet (cheap: no documents are read)."""
        return len(self.unlinked())

    def writer(self, waiting: Callable[[str], None] | None = None) -> AbstractContextManager[None]:
        """Exclusive right to write for a whole use-case (an ingest with its entity merge and linking,
        a re-dating, a re-link): a second writer waits for the first instead of interleaving with it
        (entity counts and the linker's state are read at the start and written at the end, so two
        interleaved writers would each overwrite the other's). ``waiting`` is told once, with the
        holder's description, when the right is not free at once. Re-entrant in one process."""
        return nullcontext()

    @abstractmethod
    def events(self, story_id: str | None = None) -> list[dict[str, Any]]: ...

    @abstractmethod
    def stories(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def link_log(self, about: str | None = None) -> list[dict[str, Any]]:
        """The log of merges, moves and identity decisions in order; ``about``: only the rows whose
        object is that id (an entity's history: which names joined it, and why)."""

    def add_log(self, entries: Sequence[dict[str, Any]]) -> None:
        """Append rows (action, subject, object, reason) to the log without touching any link."""
        if entries:
            self.put_links([], [], [], entries)

    # --- reads for pages and the API: paged. These defaults are built on the methods above, so a
    # new backend works at once; they read whole tables, so a backend overrides them with indexed
    # queries (SQLite: store/sqlite_reads.py) before it serves large stores.
    def documents(self, ids: Sequence[str]) -> list[Document]:
        """The stored documents among ``ids`` (full ids), in the order given."""
        found = (self.get(i) for i in dict.fromkeys(ids))
        return [d for d, i in zip(found, dict.fromkeys(ids), strict=True) if d is not None and d.id == i]

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``ids`` without their annotation layers, in the order given."""
        return [d.article for d in self.documents(ids)]

    def story_rows(self, limit: int | None = 50, offset: int = 0, order: str = "recent") -> list[dict[str, Any]]:
        """Stories, ``order`` "recent": the most recently active first (latest article date), or
        "size": the most articles first; then by id."""
        rows = sorted(self.stories(), key=lambda r: r["id"], reverse=order == "recent")
        data = [r["data"] if isinstance(r.get("data"), dict) else {} for r in rows]
        if order == "recent":
            rows = [r for _, r in sorted(zip(data, rows, strict=True), key=lambda p: p[0].get("end") or "", reverse=True)]
        else:
            rows = [r for _, r in sorted(zip(data, rows, strict=True), key=lambda p: -len(p[0].get("article_ids", [])))]
        return rows[offset : None if limit is None else offset + limit]

    @staticmethod
    def _one(rows: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
        hits = [r for r in rows if r["id"] == key] or [r for r in rows if r["id"].startswith(key)]
        if len(hits) > 1:
            from ..errors import StoreError

            raise StoreError(f"id prefix {key!r} is ambiguous; give more characters")
        return hits[0] if hits else None

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        """One story row; ``story_id`` may be a unique prefix."""
        return self._one(self.stories(), story_id)

    def event_row(self, event_id: str) -> dict[str, Any] | None:
        """One event row; ``event_id`` may be a unique prefix."""
        return self._one(self.events(), event_id)

    def events_page(self, story_id: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Events in time order, optionally of one story (``limit`` -1: all)."""
        return self.events(story_id)[offset : None if limit < 0 else offset + limit]

    def memberships_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The membership rows of these articles, by article id."""
        wanted = set(article_ids)
        return {m["article_id"]: m for m in self.memberships() if m["article_id"] in wanted}

    def members_of_event(self, event_id: str) -> list[dict[str, Any]]:
        """The membership rows of an event's articles."""
        return [m for m in self.memberships() if m.get("event_id") == event_id]

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities() if e.id == entity_id), None)

    def entity_ids_from(self, prefix: str, limit: int = 2) -> list[str]:
        """Ids of stored entities that begin with ``prefix`` (at most ``limit``, in id order)."""
        return sorted(e.id for e in self.entities() if e.id.startswith(prefix))[:limit]

    def recent_stories(self, since: str, limit: int = 20) -> list[tuple[str, int]]:
        """(story id, articles published since ``since``), most new articles first."""
        from collections import Counter

        fresh = {a.id for a in self.articles(limit=None) if a.published and a.published.isoformat() >= since}
        counts = Counter(m["story_id"] for m in self.memberships() if m["article_id"] in fresh and m.get("story_id"))
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def stats(self) -> dict[str, Any]:
        """Counts (articles, events, stories, entities), the latest publication date, last ingest."""
        arts = self.articles(limit=None)
        events, stories = self.link_counts()
        dated = [a.published.isoformat() for a in arts if a.published]
        ingested = [a.ingested.isoformat() for a in arts if a.ingested]
        return {"articles": len(arts), "events": events, "stories": stories, "entities": len(self.entities()),
                "latest_published": max(dated, default=None), "last_ingested": max(ingested, default=None)}

    def search_page(
        self,
        query: str,
        *,
        language: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[list[SearchHit], int]:
        """One page of full-text hits with filters, and how many hits there are in all."""

        def keep(a: Article) -> bool:
            day = a.published.isoformat() if a.published else None
            return (
                (not language or a.language == language)
                and (not source or a.source == source)
                and (not since or (day is not None and day >= since))
                and (not until or (day is not None and day < until))
            )

        hits = [h for h in self.search(query, limit=10_000) if keep(h.article)]
        return hits[offset : offset + limit], len(hits)

    def ids_with_page(self, layer: str, limit: int = 50, offset: int = 0, newest_first: bool = True) -> list[str]:
        """A page of the ids of articles having ``layer``, newest first."""
        ids = self.ids_with(layer)
        return (ids[::-1] if newest_first else ids)[offset : offset + limit]

    def sources(self, limit: int = 100) -> list[tuple[str, int]]:
        """Outlets with their article counts, largest first."""
        from collections import Counter

        counts = Counter(a.source for a in self.articles(limit=None) if a.source)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    # --- misc
    @abstractmethod
    def get_state(self, key: str) -> str | None: ...

    @abstractmethod
    def set_state(self, key: str, value: str) -> None: ...

    @abstractmethod
    def state_items(self, namespace: str, keys: Iterable[str]) -> dict[str, str]:
        """The stored values of those ``keys`` of ``namespace`` that exist."""

    @abstractmethod
    def put_state_items(self, namespace: str, items: dict[str, str], dropped: Iterable[str] = ()) -> None:
        """Insert or replace ``items`` in ``namespace`` and delete the ``dropped`` keys."""

    @abstractmethod
    def clear_state_items(self, prefix: str) -> None:
        """Delete every keyed state row whose namespace starts with ``prefix``."""

    # --- moving a whole store (``storyline copy``)
    @abstractmethod
    def raw_rows(self, table: str, batch_size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        """The rows of one of ``RAW_TABLES`` as stored (keys and timestamps included), in key order,
        in batches: what has no typed reader of its own (the link log, the linker's state)."""

    @abstractmethod
    def put_raw_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows read by ``raw_rows`` (of another store) unchanged."""

    @abstractmethod
    def check(self) -> list[str]:
        """Integrity problems found (empty when the database is sound)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
