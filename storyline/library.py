"""The library behind every front end: ingest, annotate, store, query.

The CLI, the REST API and notebooks all call these functions; none of them talks to readers,
stages or the database directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from .errors import InputError, StoreError
from .ingest import Problem, read_inputs
from .ingest.article import make_article, parse_date
from .linking import LinkReport, link_pending
from .model import Article, Document, Entity, Quote
from .pipeline import Pipeline
from .settings import Settings
from .store import open_store
from .store.base import SearchHit, Store

Progress = Callable[[str, str], None]  # (origin, status: ingested|duplicate|failed|warning)
ANNOTATE_CHUNK = 256  # articles annotated together (batched models, lingua's parallel detection)


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. ``failed`` holds one Problem per input or item that was not stored."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> dict[str, int]:
        return {
            "ingested": len(self.ingested),
            "duplicates": len(self.duplicates),
            "failed": len(self.failed),
            "warnings": len(self.warnings),
        }


def annotate(pipeline: Pipeline, docs: list[Document], report: IngestReport | None = None) -> list[Document]:
    """Run the pipeline over a batch. A stage that fails on one document never costs the batch:
    the batch is re-run document by document and the failing stage is skipped for that document
    (noted as a warning), so the article is still stored with every layer that worked."""
    try:
        return list(pipeline.pipe(docs))
    except Exception:
        pass
    out = []
    for doc in docs:
        for stage in pipeline.stages:
            try:
                doc = stage(doc)
                doc.stages[stage.name] = stage.version
            except Exception as exc:
                if report is not None:
                    report.warnings.append(
                        Problem(doc.article.origin or doc.id, f"stage {stage.name!r} failed: {type(exc).__name__}: {exc}", fatal=False)
                    )
        out.append(doc)
    return out


class EntityLinker:
    """Merges each new document's entities into the entities already stored (same person, place or
    organisation across articles → one id), loading the known entities once per ingest."""

    def __init__(self, store: Store, settings: Settings):
        from .nlp.entity_index import EntityIndex

        self.index = EntityIndex(store.entities(), short_names=bool(settings["entities.merge_short_names"]))

    def __call__(self, docs: list[Document]) -> list[Entity]:
        changed: dict[str, Entity] = {}
        for doc in docs:
            local = doc.extras.get("entities")
            if not local:
                continue
            result = self.index.merge(local)
            doc.mentions = result.relink(doc.mentions)
            for e in result.entities:
                changed[e.id] = e
        return [changed[k] for k in sorted(changed)]


def ingest_articles(
    items: Iterable[Article | Problem],
    store: Store,
    pipeline: Pipeline,
    settings: Settings,
    *,
    published: datetime | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Annotate and store articles; duplicates are skipped cheaply.

    Articles are annotated in chunks of ``ANNOTATE_CHUNK`` and written in transactions of up to
    ``store.batch_size`` articles, or sooner once ``store.max_batch_seconds`` have passed: large
    transactions for fast pipelines, steady progress (and little repeated work after a crash) for
    slow ones. Each transaction is all or nothing.
    """
    report = IngestReport()
    batch_size = max(1, int(settings["store.batch_size"]))
    max_seconds = float(settings["store.max_batch_seconds"])
    chunk_size = min(batch_size, ANNOTATE_CHUNK)
    seen: set[str] = set()
    note = progress or (lambda origin, status: None)
    link_entities = EntityLinker(store, settings) if "entities" in pipeline.names else None
    buffer: list[Document] = []
    entities: dict[str, Entity] = {}
    last_write = time.monotonic()

    def flush() -> None:
        nonlocal last_write
        if buffer:
            with store.transaction():
                written = set(store.add(buffer))
                if entities:
                    store.put_entities([entities[k] for k in sorted(entities)])
            for doc in buffer:
                if doc.id in written:
                    report.ingested.append(doc.id)
                    note(doc.article.origin or doc.id, "ingested")
                else:  # stored concurrently by another process since we looked
                    report.duplicates.append(doc.id)
                    note(doc.article.origin or doc.id, "duplicate")
            buffer.clear()
            entities.clear()
        last_write = time.monotonic()

    stream = iter(items)
    while chunk := list(islice(stream, chunk_size)):
        articles: list[Article] = []
        for item in chunk:
            if isinstance(item, Problem):
                (report.failed if item.fatal else report.warnings).append(item)
                note(item.origin, "failed" if item.fatal else "warning")
                continue
            if published is not None:
                item.published, item.published_estimated, item.date_estimate = published, False, None
            if source:
                item.source = source
            articles.append(item)
        known = store.existing(a.id for a in articles)
        fresh: list[Document] = []
        for art in articles:
            if art.id in known or art.id in seen:
                report.duplicates.append(art.id)
                note(art.origin or art.id, "duplicate")
                continue
            seen.add(art.id)
            art.ingested = datetime.now().replace(microsecond=0)
            fresh.append(Document(art))
        if fresh:
            docs = annotate(pipeline, fresh, report)
            if link_entities is not None:
                entities.update((e.id, e) for e in link_entities(docs))
            buffer.extend(docs)
        if len(buffer) >= batch_size or time.monotonic() - last_write >= max_seconds:
            flush()
    flush()
    return report


class Storyline:
    """A Storyline database opened for use, e.g. in a notebook::

        sl = storyline.open("news.db")
        sl.ingest(["../shared/examples"])
        for hit in sl.search("Nordkorea"): print(hit.article.title, hit.snippet)
    """

    def __init__(self, path: str | Path = "storyline.db", settings: Settings | dict[str, Any] | None = None):
        if settings is None:
            settings = Settings()
        elif not isinstance(settings, Settings):
            settings = Settings(settings)
        self.settings = settings
        self.path = str(path)
        self.store: Store = open_store(self.path)
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline.from_settings(self.settings)
        return self._pipeline

    # --- writing
    def ingest(
        self,
        inputs: str | Path | Iterable[str | Path],
        *,
        format: str | None = None,
        date: str | datetime | None = None,
        source: str | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read files, folders, feeds or URLs; annotate; store. Never raises for bad input."""
        paths = [inputs] if isinstance(inputs, str | Path) else list(inputs)
        when = _user_date(date)
        report = ingest_articles(
            read_inputs(paths, self.settings, fmt=format),
            self.store,
            self.pipeline,
            self.settings,
            published=when,
            source=source,
            progress=progress,
        )
        return self._link_new(report)

    def _link_new(self, report: IngestReport) -> IngestReport:
        if report.ingested and self.settings["link.on_ingest"]:
            self.relink()
        return report

    def relink(self, full: bool = False) -> LinkReport:
        """Link articles not yet in an event (``full``: re-link everything from scratch)."""
        return link_pending(self.store, self.settings, full=full)

    def add_text(
        self,
        text: str,
        *,
        title: str | None = None,
        url: str | None = None,
        date: str | datetime | None = None,
        source: str | None = None,
        language: str | None = None,
    ) -> IngestReport:
        """Ingest one article given as a string."""
        try:
            art = make_article(text, "<text>", self.settings, title=title, url=url, source=source, language=language)
        except InputError as exc:
            return IngestReport(failed=[Problem("<text>", str(exc))])
        return self._link_new(
            ingest_articles([art], self.store, self.pipeline, self.settings, published=_user_date(date))
        )

    def set_date(self, article_id: str, date: str | datetime) -> Document:
        """Give an article its publication date (the user knows best) and re-resolve everything that
        depends on it: time values, timeline entries, estimates."""
        doc = self.get(article_id)
        art = doc.article
        art.published, art.published_estimated, art.date_estimate = _user_date(date), False, None
        return self._reannotate([doc])[0]

    def reannotate(self, ids: Iterable[str] | None = None) -> list[Document]:
        """Run the current pipeline again over stored articles (after a model upgrade or a date
        change); the article itself is kept, its annotation layers are replaced."""
        docs = [self.get(i) for i in ids] if ids is not None else list(self.store.iter_documents())
        return self._reannotate(docs)

    def _reannotate(self, docs: list[Document]) -> list[Document]:
        fresh = annotate(self.pipeline, [Document(d.article) for d in docs])
        self.store.update(fresh)
        if self.settings["link.on_ingest"]:
            self.relink(full=True)  # dates and annotations feed the linker: recompute its picture
        return fresh

    # --- reading
    def articles(self, limit: int | None = 50, offset: int = 0, language: str | None = None) -> list[Article]:
        return self.store.articles(limit=limit, offset=offset, language=language)

    def get(self, article_id: str) -> Document:
        doc = self.store.get(article_id)
        if doc is None:
            raise StoreError(f"no article with id {article_id!r}")
        return doc

    def documents(self) -> Iterator[Document]:
        return iter(self.store.iter_documents())

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def entities(self, label: str | None = None, limit: int | None = None) -> list[Entity]:
        return self.store.entities(label=label, limit=limit)

    def quotes(
        self, speaker: str | None = None, article_ids: Iterable[str] | None = None
    ) -> list[tuple[Document, Quote]]:
        """Quotes in publication order; ``speaker`` matches the resolved speaker's name, any alias of
        its entity, or the speaker phrase as written (case-insensitive)."""
        wanted = set(article_ids) if article_ids is not None else None
        needle = speaker.casefold().strip() if speaker else None
        entity_ids: set[str] = set()
        if needle:
            for e in self.store.entities():
                if any(needle in n.casefold() for n in (e.name, *e.aliases)):
                    entity_ids.add(e.id)
        out: list[tuple[Document, Quote]] = []
        for aid in self.store.ids_with("quote"):
            if wanted is not None and aid not in wanted:
                continue
            doc = self.get(aid)
            for q in doc.quotes:
                if needle:
                    written = " ".join(s.text(doc.text) for s in q.speaker).casefold()
                    if not (
                        (q.speaker_entity_id and q.speaker_entity_id in entity_ids)
                        or needle in (q.speaker_name or "").casefold()
                        or needle in written
                    ):
                        continue
                out.append((doc, q))
        return out

    def compare(self, first: str, second: str) -> dict[str, Any]:
        """How two stored articles relate (duplicate / same event / same story / unrelated) and why."""
        from .link.items import LinkItem
        from .link.similarity import compare
        from .linking import load_linker

        a, b = self.get(first), self.get(second)
        linker = load_linker(self.store, self.settings)
        verdict = linker if linker.articles else None  # an empty linker has no verdict to give
        result = compare(LinkItem.from_document(a), LinkItem.from_document(b), linker=verdict).to_dict()
        return {"a": a.id, "b": b.id, **result}

    def count(self) -> int:
        return self.store.count()

    def check(self) -> list[str]:
        return self.store.check()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _user_date(date: str | datetime | None) -> datetime | None:
    if date is None:
        return None
    try:
        return parse_date(date)
    except ValueError as exc:
        raise InputError(f"--date: {exc}") from None

