"""The facade behind every front end: one object, ``Storyline``, for the CLI, the REST API, the web
pages and notebooks. It holds no logic of its own beyond argument handling: the use-cases live in
``storyline.app`` (ingest, linking, re-annotation), the storage behind ``storyline.store``. None of
the front ends talks to readers, stages or the database directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .app.ingest import IngestReport, Progress, ingest_articles
from .app.linking import LinkReport, link_pending
from .app.reannotate import links_stale, reannotate, relink_stale
from .errors import InputError, StoreError
from .ingest import Problem, read_inputs
from .ingest.article import make_article, parse_date
from .model import Article, Document, Entity, Quote
from .pipeline import Pipeline
from .settings import Settings
from .store import open_store
from .store.base import SearchHit, Store

__all__ = ["IngestReport", "LinkReport", "Progress", "Storyline"]


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
        # told once when another process holds the right to write and this one waits for it
        self.on_wait: Callable[[str], None] | None = None

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
            waiting=self.on_wait,
        )
        return self._link_new(report)

    def _link_new(self, report: IngestReport) -> IngestReport:
        """Link this ingest's articles and any an interrupted earlier run left unlinked or stale. A
        failure here leaves the articles stored and pending (the next command links them); it is
        reported in ``report.link_error``, not raised."""
        if not self.settings["link.on_ingest"]:
            return report
        with self.store.writer(self.on_wait):  # linking is sequential: one writer links at a time
            if report.ingested or any(self.pending().values()):
                try:
                    self.relink()
                except Exception as exc:
                    report.link_error = f"{type(exc).__name__}: {exc}"
        return report

    def relink(self, full: bool = False) -> LinkReport:
        """Link articles not yet in an event (``full``: re-link everything from scratch). Links left
        stale by an interrupted re-dating are recomputed in full."""
        with self.store.writer(self.on_wait):
            if full or links_stale(self.store):
                return relink_stale(self.store, self.settings)
            return link_pending(self.store, self.settings)

    def pending(self) -> dict[str, int]:
        """Work a crash or an earlier failure left undone: articles stored but not linked, and whether
        the links are stale (annotations changed after they were computed)."""
        return {"unlinked": self.store.count_unlinked(), "stale": int(links_stale(self.store))}

    def complete_pending(self) -> LinkReport | None:
        """Finish what an interrupted command left (called by commands that write, and by ``serve``
        at start); ``None`` when nothing was pending."""
        if not any(self.pending().values()):
            return None
        return self.relink()

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
        report = ingest_articles(
            [art], self.store, self.pipeline, self.settings, published=_user_date(date), waiting=self.on_wait
        )
        return self._link_new(report)

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
        with self.store.writer(self.on_wait):
            return reannotate(self.store, self.pipeline, self.settings, docs)

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
        from .app.linking import load_linker
        from .link.items import LinkItem
        from .link.similarity import compare

        a, b = self.get(first), self.get(second)
        linker = load_linker(self.store, self.settings)
        verdict = linker if linker.articles else None  # an empty linker has no verdict to give
        result = compare(LinkItem.from_document(a), LinkItem.from_document(b), linker=verdict).to_dict()
        return {"a": a.id, "b": b.id, **result}

    def count(self) -> int:
        return self.store.count()

    def check(self) -> list[str]:
        """Integrity problems of the store, and work left pending (unlinked or stale articles)."""
        problems = self.store.check()
        pending = self.pending()
        if pending["unlinked"]:
            problems.append(f"{pending['unlinked']} articles are stored but not linked (run 'storyline link')")
        if pending["stale"]:
            problems.append("links are stale: annotations changed after linking (run 'storyline link')")
        return problems

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

