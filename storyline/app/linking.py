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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..link.linker import Assignment, ColdSource, Linker
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
    from ..link.linker import LinkConfig, Linker

    config = LinkConfig.from_settings(settings)
    # explanations go into the membership rows as articles arrive; the resumable state keeps only
    # each article's place, so it grows by a few dozen bytes per article, not by its explanation
    config.keep_explanations = False
    raw = None if full else store.get_state(STATE_KEY)
    if raw:
        try:
            return Linker.restore(_loads(raw), config, cold=_cold_source(store))
        except (ValueError, KeyError, TypeError):
            pass  # an old or damaged snapshot: start afresh; link_pending then re-links everything
    return Linker(config)


def link_documents(linker: Linker, docs: Iterable[Document]) -> LinkReport:
    """Feed documents to the linker in publication order (undated last)."""
    from ..link.items import LinkItem

    report = LinkReport()
    for doc in sorted(docs, key=_order):
        a = linker.add(LinkItem.from_document(doc))
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


def _link_pending(store: Store, settings: Settings, *, full: bool = False) -> LinkReport:
    """Link every stored article the linker has not seen; write the result back atomically.

    Why incremental: a store of 300k articles must take ten more without reading or rewriting 300k
    rows. After a resumed run only what changed is written: the new articles' memberships (with
    their explanations), articles whose event or story changed through a merge or split (moved,
    their explanation kept), and the events and stories any of them left or joined; events and
    stories that merged away are deleted. Only the articles ``Linker.affected`` names are compared
    with the store. The linker's state is saved in two parts (``Linker.persist``): its active part
    (what the event index and the duplicate window hold) as one blob, and as keyed rows the rest:
    retired entries, open stories, per-term document frequencies and the story index, read back
    for the articles and terms an ingest touches; only rows that changed are written. So an
    ingest costs what the active window costs, not what the store holds. A fresh linker (first
    run, ``full``, an unreadable or older state) writes everything."""
    linker = load_linker(store, settings, full=full)  # the active part is read and parsed once
    incremental = linker.articles > 0
    # only what the linker has not seen is read from the store (not every document on every ingest);
    # a fresh linker (first run, --full, or an unreadable snapshot) takes everything
    pending = (
        [d for d in store.unlinked() if d.id not in linker.assignments] if incremental else list(store.iter_documents())
    )
    report = link_documents(linker, pending)
    if not pending and not full:
        return report
    linker.consolidate()
    before: dict[str, tuple[str | None, str | None]] = {}
    if incremental:
        now = {aid: linker.membership(aid) for aid in linker.affected(report.arrivals)}
        before = store.membership_ids(now)
        changed = {aid for aid, place in now.items() if before.get(aid) != place}
        touched_events = {now[a][0] for a in changed} | {e for a in changed if a in before and (e := before[a][0])}
        touched_stories = {now[a][1] for a in changed} | {s for a in changed if a in before and (s := before[a][1])}
    else:
        now = linker.memberships_now()
        changed = set(now)
        touched_events = {eid for eid, _ in now.values()}
        touched_stories = {sid for _, sid in now.values()}
    event_rows = {e["event_id"]: e for e in linker.event_rows(touched_events)}
    story_rows = linker.story_rows(touched_stories, event_rows)  # a story's row lists all of its events
    loaded = {d.id: d for d in pending}
    stories = [
        {
            "id": row["story_id"],
            "title": row["title"],
            "data": {
                "entity_ids": row["entity_ids"],
                "key_terms": row.get("key_terms", []),
                "article_ids": row["article_ids"],
                "start": row.get("start"),
                "end": row.get("end"),
                "timeline": story_timeline_rows(store, row["article_ids"], loaded),
            },
        }
        for row in story_rows
    ]
    events = [
        {"id": e["event_id"], "story_id": e["story_id"], "title": e["title"], "start": e["start"], "end": e["end"],
         "data": {"article_ids": e["article_ids"]}}
        for e in event_rows.values()
        if e["event_id"] in touched_events
    ]
    memberships = []
    moves = []
    for aid in changed:
        eid, sid = now[aid]
        a = report.arrivals.get(aid)
        if a is None and incremental and aid in before:
            moves.append((aid, eid, sid))  # a merge or split moved it: keep its arrival explanation
            continue
        if a is None:  # known to the linker but without a stored row: write what the state knows
            a = linker.assignments[aid]
        memberships.append(
            {
                "article_id": aid,
                "event_id": eid,
                "story_id": sid,
                "duplicate_of": a.duplicate_of,
                "score": a.score,
                "explanation": a.explanation or {},
            }
        )
    new_log = [
        {
            "action": f"{e.get('op', 'change')} {e.get('kind', '')}".strip(),
            "subject": e.get("from"),
            "object": e.get("into"),
            "reason": str(e.get("reason") or ""),
        }
        for e in linker.log
    ]
    blob, cold, dropped = linker.persist()
    with store.transaction():
        if incremental:
            store.update_links(
                memberships,
                moves,
                events,
                stories,
                gone_events=sorted(touched_events - set(event_rows)),
                gone_stories=sorted(touched_stories - {s["id"] for s in stories}),
                log=new_log,
            )
        else:
            store.replace_links(memberships, events, stories, new_log)
            store.clear_state_items(f"{STATE_KEY}.")  # an earlier linker's rows must not answer this one
        for ns in cold:
            rows = {k: _dumps(v) for k, v in cold[ns].items()}
            store.put_state_items(f"{STATE_KEY}.{ns}", rows, dropped[ns] - set(rows))
        store.set_state(STATE_KEY, _dumps(blob))
    report.events, report.stories = store.link_counts()
    report.log = new_log
    return report


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
