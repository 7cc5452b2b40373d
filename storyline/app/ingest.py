"""Use-case: ingest a stream of articles (or per-item problems) into a store.

Duplicates are skipped cheaply, fresh articles annotated in chunks, their entities merged with the
stored ones, and everything written in all-or-nothing transactions. Linking is a separate step
(``app.linking``), run by the facade after an ingest.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from ..collector import batch_collection
from ..ingest import Problem
from ..ingest.versions import Versions
from ..model import Article, Document, Entity
from ..pipeline import Pipeline
from ..settings import Settings
from ..store.base import Store
from .annotators import Annotators
from .entities import EntityMerger

T = TypeVar("T")
Progress = Callable[[str, str], None]  # (origin, status: ingested|duplicate|failed|skipped|warning)
#: Most articles annotated together, and about how many characters of text: the taggers batch a
#: chunk's sentences by length, so a headline stream runs the default (accurate) profile 27 % faster
#: in chunks of 1,024 than of 256; long articles come in smaller chunks, so progress and writes stay steady.
ANNOTATE_CHUNK = 1024
ANNOTATE_CHARS = 400_000


def chunks(stream: Iterable[T], max_items: int, size: Callable[[T], int]) -> Iterator[list[T]]:
    """Consecutive items of ``stream`` in lists of at most ``max_items`` items; a list also ends
    with the item that brings the ``size`` of its items to ``ANNOTATE_CHARS``."""
    out: list[T] = []
    total = 0
    for item in stream:
        out.append(item)
        total += size(item)
        if len(out) >= max_items or total >= ANNOTATE_CHARS:
            yield out
            out, total = [], 0
    if out:
        yield out


def text_size(item: Article | Problem) -> int:
    """The characters an item brings to annotation (none for a problem)."""
    return len(item.text) if isinstance(item, Article) else 0


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. ``failed`` holds one Problem per input or item that was not stored."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # inputs not read at all, with the reason
    versions: list[str] = field(default_factory=list)  # ids of new versions of stored articles (also in ingested)
    link_error: str | None = None  # linking after the store failed: articles are stored, not yet linked
    workers: int = 1  # processes that annotated (``ingest.workers``; 1: this process only)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped and self.link_error is None

    def summary(self) -> dict[str, int]:
        return {
            "ingested": len(self.ingested),
            "duplicates": len(self.duplicates),
            "failed": len(self.failed),
            "skipped": len(self.skipped),
            "versions": len(self.versions),
            "warnings": len(self.warnings),
        }


@batch_collection()
def ingest_articles(
    items: Iterable[Article | Problem],
    store: Store,
    pipeline: Pipeline,
    settings: Settings,
    *,
    published: datetime | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    waiting: Callable[[str], None] | None = None,
) -> IngestReport:
    """Annotate and store articles; duplicates are skipped cheaply.

    Articles are annotated in chunks (``chunks``) and written in transactions of up to
    ``store.batch_size`` articles, or sooner once ``store.max_batch_seconds`` have passed: large
    transactions for fast pipelines, steady progress (and little repeated work after a crash) for
    slow ones. Each transaction is all or nothing.

    Annotation, the costly part, runs without the store's write right, so several ingest processes
    annotate in parallel; each batch takes the right (``Store.writer``; ``waiting`` is told when it
    waits) only to merge its entities into those stored by then, write, and let it go.
    """
    report = IngestReport()
    chunk_size = min(max(1, int(settings["store.batch_size"])), ANNOTATE_CHUNK)
    seen: set[str] = set()
    note = progress or (lambda origin, status: None)
    batch = _Batch(store, settings, report, note, "entities" in pipeline.names, waiting)
    with Annotators(pipeline, settings, report, int(settings["pipeline.max_chars"])) as annotators:
        for chunk, more in _lookahead(chunks(items, chunk_size, text_size)):
            fresh = _fresh(chunk, store, batch, seen, published, source)
            if fresh:
                annotators.put(fresh, more)
            for done in annotators.ready():
                batch.add(done)
        for done in annotators.drain():
            batch.add(done)
        report.workers = annotators.used
    if annotators.fallback:
        report.warnings.append(Problem("ingest", annotators.fallback, fatal=False))
        note("ingest", "warning")
    batch.flush()
    return report


def _lookahead(stream: Iterable[T]) -> Iterator[tuple[T, bool]]:
    """Each item with whether another follows."""
    it = iter(stream)
    try:
        item = next(it)
    except StopIteration:
        return
    for following in it:
        yield item, True
        item = following
    yield item, False


def _fresh(
    chunk: list[Article | Problem],
    store: Store,
    batch: _Batch,
    seen: set[str],
    published: datetime | None,
    source: str | None,
) -> list[Document]:
    """The chunk's articles to annotate: problems are reported, and duplicates (stored, or seen
    earlier in this ingest) noted, here; a new version of a stored article is fresh."""
    report, note = batch.report, batch.note
    articles: list[Article] = []
    for item in chunk:
        if isinstance(item, Problem):
            status = "skipped" if item.skipped else "failed" if item.fatal else "warning"
            {"skipped": report.skipped, "failed": report.failed, "warning": report.warnings}[status].append(item)
            note(item.origin, status)
            continue
        if published is not None:
            item.published, item.published_estimated, item.date_estimate = published, False, None
        if source:
            item.source = source
        articles.append(item)
    known = store.existing(a.id for a in articles)
    batch.versions.load(a.id for a in articles if a.id in known)
    fresh: list[Document] = []
    for art in articles:
        if art.id in known or art.id in seen:
            if batch.versions.version(art) is None or art.id in seen or store.has(art.id):
                report.duplicates.append(art.id)
                note(art.origin or art.id, "duplicate")
                continue
            report.versions.append(art.id)
        else:
            batch.versions.first(art)
        seen.add(art.id)
        art.ingested = datetime.now().replace(microsecond=0)
        fresh.append(Document(art))
    return fresh


ENTITY_TOKEN = "entities.written_by"  # who wrote the entity table last (a token per write)


class _Batch:
    """Annotated documents waiting to be written, and how they are written."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        report: IngestReport,
        note: Progress,
        merge: bool,
        waiting: Callable[[str], None] | None,
    ):
        self.store, self.settings, self.report, self.note = store, settings, report, note
        self.merge, self.waiting = merge, waiting
        self.docs: list[Document] = []
        self.versions = Versions(store)
        self.last_write = time.monotonic()
        self.size = max(1, int(settings["store.batch_size"]))
        self.max_seconds = float(settings["store.max_batch_seconds"])
        self._merger: EntityMerger | None = None
        self._token: str | None = None  # the entity token this process wrote last

    def add(self, docs: list[Document]) -> None:
        """Annotated documents, in input order; written once there are ``store.batch_size`` of them
        or ``store.max_batch_seconds`` have passed since the last write."""
        self.docs.extend(docs)
        if len(self.docs) >= self.size or time.monotonic() - self.last_write >= self.max_seconds:
            self.flush()

    def flush(self) -> None:
        """Under the write right: drop what another writer stored meanwhile, merge the rest's entities
        with the entities stored now (so two writers never overwrite each other's counts), write."""
        if self.docs:
            with self.store.writer(self.waiting):
                fresh = self._still_new()
                entities: list[Entity] = self._merger_now()(fresh) if self.merge else []
                with self.store.transaction():
                    written = set(self.store.add(fresh))
                    self.versions.record([d for d in fresh if d.id in written])
                    if entities:
                        self.store.put_entities(entities)
                        self.store.add_log(self._merger_now().take_log())
                        self._token = f"{os.getpid()}-{uuid.uuid4().hex}"
                        self.store.set_state(ENTITY_TOKEN, self._token)
            for doc in self.docs:
                if doc.id in written:
                    self.report.ingested.append(doc.id)
                    self.note(doc.article.origin or doc.id, "ingested")
                else:  # stored by another process since we looked
                    self.report.duplicates.append(doc.id)
                    self.note(doc.article.origin or doc.id, "duplicate")
            self.docs = []
        self.last_write = time.monotonic()

    def _still_new(self) -> list[Document]:
        """The documents no other writer stored since this one looked. One whose id another writer
        stored meanwhile is a duplicate only if that writer stored the same text; another text of
        the same article (a retitled page both picked up) becomes a new version of it, as it would
        have, had it arrived second in one process, instead of being dropped."""
        known = self.store.existing(d.id for d in self.docs)
        taken = [d for d in self.docs if d.id in known and not d.article.meta.get("version_of")]
        if taken:
            self.versions.refresh(d.id for d in taken)
            for doc in taken:
                if self.versions.version(doc.article) is not None:  # a text new to the stored ones
                    self.report.versions.append(doc.id)
            known = self.store.existing(d.id for d in self.docs)
        return [d for d in self.docs if d.id not in known]

    def _merger_now(self) -> EntityMerger:
        """The entity index as stored now: kept from the last batch when no other writer has written
        entities since (the token is still ours), else read again (reading every entity for every
        batch is what a long ingest into a big store cannot afford)."""
        if self._merger is None or self.store.get_state(ENTITY_TOKEN) != self._token:
            self._merger = EntityMerger(self.store, self.settings)
        return self._merger
