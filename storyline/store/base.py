"""The storage interface every backend implements. The library, CLI and API talk only to this."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..model import Article, Document, Entity


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

    @abstractmethod
    def replace_links(
        self,
        memberships: Sequence[dict[str, Any]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Replace all memberships, events and stories with the linker's current picture (the log
        is appended to, never replaced)."""

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

    @abstractmethod
    def events(self, story_id: str | None = None) -> list[dict[str, Any]]: ...

    @abstractmethod
    def stories(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def link_log(self) -> list[dict[str, Any]]: ...

    # --- reads for pages and the API: paged, each answered without loading the whole store
    @abstractmethod
    def documents(self, ids: Sequence[str]) -> list[Document]:
        """The stored documents among ``ids`` (full ids), in the order given."""

    @abstractmethod
    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among ``ids`` without their annotation layers, in the order given."""

    @abstractmethod
    def story_rows(self, limit: int | None = 50, offset: int = 0, order: str = "recent") -> list[dict[str, Any]]:
        """Stories, ``order`` "recent": the most recently active first (latest article date), or
        "size": the most articles first; then by id."""

    @abstractmethod
    def story_row(self, story_id: str) -> dict[str, Any] | None:
        """One story row; ``story_id`` may be a unique prefix."""

    @abstractmethod
    def event_row(self, event_id: str) -> dict[str, Any] | None:
        """One event row; ``event_id`` may be a unique prefix."""

    @abstractmethod
    def events_page(self, story_id: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Events in time order, optionally of one story."""

    @abstractmethod
    def memberships_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The membership rows of these articles, by article id."""

    @abstractmethod
    def members_of_event(self, event_id: str) -> list[dict[str, Any]]:
        """The membership rows of an event's articles."""

    @abstractmethod
    def entity(self, entity_id: str) -> Entity | None: ...

    @abstractmethod
    def recent_stories(self, since: str, limit: int = 20) -> list[tuple[str, int]]:
        """(story id, articles published since ``since``), most new articles first."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts (articles, events, stories, entities), the latest publication date, last ingest."""

    @abstractmethod
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

    @abstractmethod
    def ids_with_page(self, layer: str, limit: int = 50, offset: int = 0, newest_first: bool = True) -> list[str]:
        """A page of the ids of articles having ``layer``, newest first."""

    @abstractmethod
    def sources(self, limit: int = 100) -> list[tuple[str, int]]:
        """Outlets with their article counts, largest first."""

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

    @abstractmethod
    def check(self) -> list[str]:
        """Integrity problems found (empty when the database is sound)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
