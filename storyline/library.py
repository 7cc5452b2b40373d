"""The facade behind every front end: one object, ``Storyline``, for the CLI, the REST API, the web
pages and notebooks. It holds no logic of its own beyond argument handling: the use-cases live in
``storyline.app`` (ingest, linking, re-annotation), the storage behind ``storyline.store``. None of
the front ends talks to readers, stages or the database directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app.delete import DeleteReport, delete_articles
from .app.ingest import IngestReport, Progress, ingest_articles
from .app.linking import LinkReport, link_pending
from .app.reannotate import links_stale, reannotate, relink_stale
from .errors import InputError, NotFound, StoreError
from .ingest import Problem, read_inputs
from .ingest.article import make_article, parse_date
from .model import Article, Document, Entity, Event, Membership, Quote, Story
from .pipeline import Pipeline
from .settings import Settings
from .store import open_store
from .store.base import SearchHit, Store
from .store.links import event_from_row, membership_from_row, story_from_row

#: How ``Storyline.events`` may order events: first started first, latest active first, largest first.
EVENT_ORDERS = ("time", "recent", "size")

if TYPE_CHECKING:
    from .views.quotes import QuoteGroup

__all__ = ["IngestReport", "LinkReport", "Progress", "Storyline"]


class Storyline:
    """A Storyline database opened for use, e.g. in a notebook::

        sl = storyline.open("news.db")
        sl.ingest(["../shared/examples"])
        for hit in sl.search("Nordkorea"): print(hit.article.title, hit.snippet)
    """

    def __init__(
        self,
        path: str | Path = "storyline.db",
        settings: Settings | dict[str, Any] | None = None,
        *,
        readonly: bool = False,
    ):
        if settings is None:
            settings = Settings()
        elif not isinstance(settings, Settings):
            settings = Settings(settings)
        self.settings = settings
        self.path = str(path)
        self.store: Store = open_store(self.path, readonly=readonly)
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

    def delete(self, ids: Iterable[str]) -> DeleteReport:
        """Remove articles (ids or unique prefixes) with their annotations, memberships and search
        entries; the entities they named lose those mentions; events and stories are re-linked from
        what remains (what linking those articles alone gives)."""
        with self.store.writer(self.on_wait):
            return delete_articles(self.store, self.settings, list(ids))

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

    def ingest_records(
        self, records: Iterable[Any], *, origin: str = "api", fields: dict[str, str] | None = None
    ) -> IngestReport:
        """Ingest articles given as JSON-like records (the fields and ``fields`` mapping of JSONL
        ingest), annotated, stored and linked like files. Never raises for a bad record."""
        from .ingest.records import _emit

        settings = self.settings.with_overrides({"ingest.fields": fields}) if fields else self.settings
        items = (x for i, r in enumerate(records, 1) for x in _emit(r, f"{origin}:{i}", settings))
        return self._link_new(ingest_articles(items, self.store, self.pipeline, self.settings))

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
            raise NotFound(f"no article with id {article_id!r}")
        return doc

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """Articles without their annotations (cheap: for lists), in the order given."""
        return self.store.articles_by_id(list(ids))

    def docs(self, ids: Iterable[str]) -> list[Document]:
        """The stored documents among ``ids`` (full ids), in the order given."""
        return self.store.documents(list(ids))

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
        ids = {str(k) for key in ("shared_entities", "shared_places") for k in result.get(key) or ()}
        names = {}
        for eid in sorted(ids):
            e = self.store.entity(eid)
            if e is not None:
                names[eid] = e.name
        def label(d: Document) -> str:
            return " · ".join(x for x in (d.article.source, d.article.title or d.text[:90].split("\n")[0]) if x)

        return {"a": a.id, "b": b.id, "a_title": label(a), "b_title": label(b),
                **result, "entity_names": names}

    # --- events and stories, read one page at a time
    def stories(self, limit: int | None = 50, offset: int = 0, order: str = "recent") -> list[Story]:
        """Stories, most recently active first (``order="size"``: largest first)."""
        rows = self.store.story_rows(limit=limit, offset=offset, order=order)
        return [self._story(r) for r in rows]

    def _story(self, row: dict[str, Any]) -> Story:
        return story_from_row(row, [e["id"] for e in self.store.events(story_id=row["id"])])

    def story(self, story_id: str) -> Story:
        row = self.store.story_row(story_id)
        if row is None:
            raise NotFound(f"no story with id {story_id!r}")
        return self._story(row)

    def events(
        self, story_id: str | None = None, limit: int | None = 50, offset: int = 0, order: str = "time"
    ) -> list[Event]:
        """Events, optionally only those of one story: in time order (``order`` "time", the first to
        start first), the latest active first ("recent") or the largest first ("size"; ties by the
        latest). The store pages time order itself; the other orders read every event once."""
        if order not in EVENT_ORDERS:
            raise InputError(f"order must be one of {', '.join(EVENT_ORDERS)}, not {order!r}")
        if order == "time":
            rows = self.store.events_page(story_id, limit=-1 if limit is None else limit, offset=offset)
            return [event_from_row(r) for r in rows]
        events = [event_from_row(r) for r in self.store.events_page(story_id, limit=-1)]
        recent = sorted(events, key=lambda e: (e.end or "", e.id), reverse=True)
        if order == "size":
            recent.sort(key=lambda e: len(e.article_ids), reverse=True)  # stable: ties stay latest first
        return recent[offset : None if limit is None else offset + limit]

    def event(self, event_id: str) -> Event:
        row = self.store.event_row(event_id)
        if row is None:
            raise NotFound(f"no event with id {event_id!r}")
        return event_from_row(row)

    def memberships(self, article_ids: Iterable[str]) -> dict[str, Membership]:
        """Where each article sits (event, story, copy of) and why, by article id."""
        return {k: membership_from_row(v) for k, v in self.store.memberships_of(list(article_ids)).items()}

    def membership(self, article_id: str) -> Membership | None:
        return self.memberships([article_id]).get(article_id)

    def event_members(self, event_id: str) -> list[Membership]:
        return [membership_from_row(r) for r in self.store.members_of_event(event_id)]

    def entity(self, entity_id: str) -> Entity:
        """One entity by its id or a unique beginning of it ("ent_b4c5324a", as tables shorten them)."""
        found = self.store.entity(entity_id)
        if found is None and len(entity_id) >= 4:
            ids = self.store.entity_ids_from(entity_id)
            if len(ids) > 1:
                raise StoreError(f"entity id prefix {entity_id!r} is ambiguous; give more characters")
            found = self.store.entity(ids[0]) if ids else None
        if found is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return found

    def entity_history(self, entity_id: str) -> list[dict[str, Any]]:
        """How an entity came to be: each name that joined it, or was kept apart from known ones
        when it was created, with the reason that decided and when (oldest first)."""
        return [{"at": r["at"], "action": r["action"], "name": r["subject"], "reason": r["reason"]}
                for r in self.store.link_log(about=entity_id) if str(r.get("action", "")).startswith("entity-")]

    def export(self, what: str) -> Iterator[dict[str, Any]]:
        """Every record of one kind (articles, entities, events, stories) in the export shape of
        shared/EVAL.md."""
        from .views.export import records

        return records(self.store, what)

    def quote_provenance(
        self, speaker: str | None = None, words: str | None = None, limit: int = 20, offset: int = 0, window: int | None = None
    ) -> list[QuoteGroup]:
        """Statements (quotes grouped by what was said), newest first, each with its first carrier
        and the outlets that repeated it. Looks at most ``window`` articles: the best matches of
        ``words`` and ``speaker`` in full-text search, else the newest articles with quotes (by default
        three articles per statement asked for, at most 300)."""
        from .views.quotes import group_quotes

        window = window or min(3 * (offset + limit), 300)  # a page of statements needs a few more articles
        terms = " ".join(t for t in (words, speaker) if t and t.strip())
        if terms:
            hits, _ = self.store.search_page(terms, limit=window)
            ids = [h.article.id for h in hits]
        else:
            ids = self.store.ids_with_page("quote", limit=window)
        docs = self.docs(ids)
        pairs = self._matching_quotes(docs, speaker, words)
        return group_quotes(pairs)[offset : offset + limit]

    def _matching_quotes(
        self, docs: list[Document], speaker: str | None, words: str | None
    ) -> list[tuple[Document, Quote]]:
        needle = speaker.casefold().strip() if speaker else None
        wanted = [w for w in (words or "").casefold().split() if w]
        out = []
        for doc in docs:
            for q in doc.quotes:
                if needle and not _speaker_matches(doc, q, needle, self.store):
                    continue
                message = " ".join(s.text(doc.text) for s in q.message).casefold()
                if all(w.strip('"*') in message for w in wanted):
                    out.append((doc, q))
        return out

    def stats(self) -> dict[str, Any]:
        """Counts, the latest publication date and the time of the last ingest."""
        return self.store.stats()

    def recent_stories(self, since: str, limit: int = 20) -> list[tuple[Story, int]]:
        """Stories with the most articles published since ``since`` (ISO date), with that number."""
        rows = self.store.recent_stories(since, limit)
        out = []
        for sid, n in rows:
            row = self.store.story_row(sid)
            if row is not None:
                out.append((self._story(row), n))
        return out

    def search_page(self, query: str, *, limit: int = 20, offset: int = 0, **filters: str | None) -> tuple[list[SearchHit], int]:
        """One page of full-text hits with filters (language, source, since, until) and the total."""
        return self.store.search_page(query, limit=limit, offset=offset, **filters)

    def sources(self, limit: int = 100) -> list[tuple[str, int]]:
        return self.store.sources(limit)

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


def _speaker_matches(doc: Document, q: Quote, needle: str, store: Store) -> bool:
    """The resolved speaker's name, an alias of its entity, or the speaker phrase as written."""
    written = " ".join(s.text(doc.text) for s in q.speaker).casefold()
    if needle in (q.speaker_name or "").casefold() or needle in written:
        return True
    entity = store.entity(q.speaker_entity_id) if q.speaker_entity_id else None
    return entity is not None and any(needle in n.casefold() for n in (entity.name, *entity.aliases))


def _user_date(date: str | datetime | None) -> datetime | None:
    if date is None:
        return None
    try:
        return parse_date(date)
    except ValueError as exc:
        raise InputError(f"--date: {exc}") from None

