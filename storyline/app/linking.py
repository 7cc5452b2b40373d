"""Use-case: link stored articles into events and stories, keeping the store in step with the linker.

The linker (``storyline.link``) is online and pure; this module feeds it the stored articles it has
not seen yet, in publication order, and writes its current picture back in one transaction: article
memberships (with the explanation of each), events, stories (title, key entities, merged timeline)
and the merge/split log. Its state is kept in the store, so the next ingest continues where the last
one stopped and ids stay stable; ``full=True`` re-links everything from scratch (same input, same ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from ..collector import batch_collection

if TYPE_CHECKING:
    from ..link.linker import Assignment, Linker
    from ..link.state import ColdSource
    from ..model import Document
    from ..settings import Settings
    from ..store.base import Store

STATE_KEY = "linker"


def _dumps(value: Any) -> str:
    """JSON for the linker's state: orjson, as the active state is read and written on every ingest
    (a few MB; the standard library took most of a small ingest's time)."""
    import orjson

    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()


def _loads(raw: str) -> Any:
    import orjson

    return orjson.loads(raw)


@dataclass(slots=True)
class LinkReport:
    linked: int = 0
    new_events: int = 0
    new_stories: int = 0
    duplicates: int = 0
    events: int = 0
    stories: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)
    arrivals: dict[str, Assignment] = field(default_factory=dict)  # this run's assignments, explained


def _order(doc: Document) -> tuple[int, datetime, str]:
    a = doc.article
    when = a.published or (a.date_estimate.value if a.date_estimate else None)
    return (when is None, when or datetime.min, a.id)


def _cold_source(store: Store) -> ColdSource:
    """The linker's entries kept out of its blob, one keyed row each, looked up when first asked for
    (the terms of an arriving article in one request)."""
    from ..link.coldmap import DamagedState

    def fetch(namespace: str, keys: list[str]) -> dict[str, Any]:
        out = {}
        for key, raw in store.state_items(f"{STATE_KEY}.{namespace}", keys).items():
            try:
                out[key] = _loads(raw)
            except ValueError as exc:
                raise DamagedState(f"linker state row {namespace}/{key}: {exc}") from None
        return out

    return fetch


def load_linker(store: Store, settings: Settings, full: bool = False) -> Linker:
    """The stored linker (its active part; retired entries come from the store on demand), or a
    fresh one when there is none, ``full`` is asked for, or the stored one cannot be read."""
    from ..link.config import LinkConfig
    from ..link.linker import Linker
    from ..link.state import restore

    config = LinkConfig.from_settings(settings)
    # explanations go into the membership rows as articles arrive; the resumable state keeps only
    # each article's place, so it grows by a few dozen bytes per article, not by its explanation
    config.keep_explanations = False
    raw = None if full else store.get_state(STATE_KEY)
    if raw:
        try:
            return restore(_loads(raw), config, cold=_cold_source(store))
        except (ValueError, KeyError, TypeError):
            pass  # an old or damaged snapshot: start afresh; link_pending then re-links everything
    return Linker(config)


@batch_collection()
def link_documents(linker: Linker, docs: Iterable[Document]) -> LinkReport:
    """Feed documents to the linker in publication order (undated last)."""
    from ..link.items import LinkItem

    report = LinkReport()
    items = [LinkItem.from_document(doc) for doc in sorted(docs, key=_order)]
    linker.prefetch(items)
    for item in items:
        a = linker.add(item)
        report.arrivals[a.article_id] = a
        report.linked += 1
        report.new_events += a.new_event
        report.new_stories += a.new_story
        report.duplicates += a.duplicate_of is not None
    return report


def link_pending(store: Store, settings: Settings, *, full: bool = False) -> LinkReport:
    """``_link_pending``; when a retired entry of the stored linker turns out unreadable on the way
    (a damaged row), nothing has been written yet, so everything is re-linked from scratch instead."""
    from ..link.coldmap import DamagedState

    if full:
        return _link_pending(store, settings, full=True)
    try:
        return _link_pending(store, settings)
    except DamagedState:
        return _link_pending(store, settings, full=True)


@batch_collection()
def _link_pending(store: Store, settings: Settings, *, full: bool = False) -> LinkReport:
    """Link every stored article the linker has not seen; write the result back atomically.

    Why incremental: a store of 300k articles must take ten more without reading or rewriting 300k
    rows. After a resumed run only what changed is written: the new articles' memberships (with
    their explanations), articles whose event or story changed through a merge or split (moved,
    their explanation kept), and the events and stories any of them left or joined; events and
    stories that merged away are deleted. Only the articles ``queries.affected`` names are compared
    with the store. The linker's state is saved in two parts (``state.persist``): its active part
    (what the event index and the duplicate window hold) as one blob, and as keyed rows the rest:
    retired entries, open stories, per-term document frequencies and the story index, read back
    for the articles and terms an ingest touches; only rows that changed are written. So an
    ingest costs what the active window costs, not what the store holds. A fresh linker (first
    run, ``full``, an unreadable or older state) writes everything."""
    from ..link.coldmap import prefetch

    linker = load_linker(store, settings, full=full)  # the active part is read and parsed once
    incremental = linker.articles > 0
    # only what the linker has not seen is read from the store (not every document on every ingest);
    # a fresh linker (first run, --full, or an unreadable snapshot) takes everything
    if incremental:
        unlinked = list(store.unlinked())
        prefetch(linker.assignments, [d.id for d in unlinked])  # one request, not one per article
        pending = [d for d in unlinked if d.id not in linker.assignments]
    else:
        pending = list(store.iter_documents())
    report = link_documents(linker, pending)
    if not pending and not full:
        report.events, report.stories = store.link_counts()  # nothing new: the store's as they are
        return report
    linker.consolidate()
    changes = _changes(linker, store, report, incremental)
    report.log = _write(linker, store, report, changes, {d.id: d for d in pending})
    report.events, report.stories = store.link_counts()
    return report


@dataclass(slots=True)
class _Changes:
    """What a run changed: the affected articles' places now and as stored (``before``, only for a
    resumed linker), those that differ, and the events and stories they left or joined."""

    incremental: bool
    now: dict[str, tuple[str, str]]
    before: dict[str, tuple[str | None, str | None]]
    changed: set[str]
    events: set[str]
    stories: set[str]


def _changes(linker: Linker, store: Store, report: LinkReport, incremental: bool) -> _Changes:
    from ..link.queries import affected, memberships

    if not incremental:
        now = memberships(linker)
        return _Changes(False, now, {}, set(now), {e for e, _ in now.values()}, {s for _, s in now.values()})
    now = {aid: linker.membership(aid) for aid in affected(linker, report.arrivals)}
    before = store.membership_ids(now)
    changed = {aid for aid, place in now.items() if before.get(aid) != place}
    events = {now[a][0] for a in changed} | {e for a in changed if a in before and (e := before[a][0])}
    stories = {now[a][1] for a in changed} | {s for a in changed if a in before and (s := before[a][1])}
    return _Changes(True, now, before, changed, events, stories)


def _write(
    linker: Linker, store: Store, report: LinkReport, ch: _Changes, loaded: dict[str, Document]
) -> list[dict[str, Any]]:
    """Write the changed rows and the linker's state in one transaction; returns the log rows."""
    from ..link.rows import event_rows, store_event, store_log, store_membership, store_story, story_rows
    from ..link.state import persist

    events_now = {e["event_id"]: e for e in event_rows(linker, ch.events)}
    # a story's row lists all of its events; its timeline needs its articles' annotations: the
    # stored ones this run did not load are read in one request, not one per article
    changed_stories = story_rows(linker, ch.stories, events_now)
    missing = [a for row in changed_stories for a in row["article_ids"] if a not in loaded]
    loaded = {**loaded, **{d.id: d for d in store.documents(missing)}} if missing else loaded
    timeline = partial(story_timeline_rows, store, loaded=loaded)
    stories = [store_story(row, timeline) for row in changed_stories]
    events = [store_event(e) for e in events_now.values() if e["event_id"] in ch.events]
    memberships = []
    moves = []
    for aid in ch.changed:
        eid, sid = ch.now[aid]
        a = report.arrivals.get(aid)
        if a is None and ch.incremental and aid in ch.before:
            moves.append((aid, eid, sid))  # a merge or split moved it: keep its arrival explanation
            continue
        if a is None:  # known to the linker but without a stored row: write what the state knows
            a = linker.assignments[aid]
        memberships.append(store_membership(aid, (eid, sid), a))
    new_log = store_log(linker.log)
    blob, cold, dropped = persist(linker)
    with store.transaction():
        if ch.incremental:
            store.update_links(
                memberships,
                moves,
                events,
                stories,
                gone_events=sorted(ch.events - set(events_now)),
                gone_stories=sorted(ch.stories - {s["id"] for s in stories}),
                log=new_log,
            )
        else:
            store.replace_links(memberships, events, stories, new_log)
            store.clear_state_items(f"{STATE_KEY}.")  # an earlier linker's rows must not answer this one
        for ns in cold:
            rows = {k: _dumps(v) for k, v in cold[ns].items()}
            store.put_state_items(f"{STATE_KEY}.{ns}", rows, dropped[ns] - set(rows))
        store.set_state(STATE_KEY, _dumps(blob))
    return new_log


def story_timeline_rows(
    store: Store, article_ids: Iterable[str], loaded: dict[str, Document] | None = None
) -> list[dict[str, Any]]:
    """The merged, ordered timeline of a story's articles (export rows); ``loaded`` are documents
    already in hand (this run's articles), read from the store only when missing."""
    from ..link.timeline import timeline_rows

    entries = []
    texts: dict[str, str] = {}
    for aid in article_ids:
        doc = (loaded or {}).get(aid) or store.get(aid)
        if doc is None:
            continue
        texts[aid] = doc.text
        entries.extend(doc.timeline)
    return timeline_rows(entries, texts)
