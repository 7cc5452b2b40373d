"""Linking stored articles into events and stories, and keeping the store in step with the linker.

The linker (``storyline.link``) is online and pure; this module feeds it the stored articles it has
not seen yet, in publication order, and writes its current picture back in one transaction: article
memberships (with the explanation of each), events, stories (title, key entities, merged timeline)
and the merge/split log. Its state is kept in the store, so the next ingest continues where the last
one stopped and ids stay stable; ``full=True`` re-links everything from scratch (same input, same ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .link.linker import Linker
    from .model import Document
    from .settings import Settings
    from .store.base import Store

STATE_KEY = "linker"


@dataclass(slots=True)
class LinkReport:
    linked: int = 0
    new_events: int = 0
    new_stories: int = 0
    duplicates: int = 0
    events: int = 0
    stories: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)


def _order(doc: Document) -> tuple[int, datetime, str]:
    a = doc.article
    when = a.published or (a.date_estimate.value if a.date_estimate else None)
    return (when is None, when or datetime.min, a.id)


def load_linker(store: Store, settings: Settings, full: bool = False) -> Linker:
    from .link.linker import LinkConfig, Linker

    config = LinkConfig.from_settings(settings)
    raw = None if full else store.get_state(STATE_KEY)
    if raw:
        try:
            return Linker.restore(json.loads(raw), config)
        except (ValueError, KeyError, TypeError):
            pass  # an old or damaged snapshot: start afresh; link_pending then re-links everything
    return Linker(config)


def link_documents(linker: Linker, docs: Iterable[Document]) -> LinkReport:
    """Feed documents to the linker in publication order (undated last)."""
    from .link.items import LinkItem

    report = LinkReport()
    for doc in sorted(docs, key=_order):
        a = linker.add(LinkItem.from_document(doc))
        report.linked += 1
        report.new_events += a.new_event
        report.new_stories += a.new_story
        report.duplicates += a.duplicate_of is not None
    return report


def link_pending(store: Store, settings: Settings, *, full: bool = False) -> LinkReport:
    """Link every stored article the linker has not seen; write the result back atomically."""
    linker = load_linker(store, settings, full=full)  # the stored state is read and parsed once
    known = set(linker.assignments)
    seen_log = len(linker.log)
    # only what the linker has not seen is read from the store (not every document on every ingest);
    # a fresh linker (first run, --full, or an unreadable snapshot) takes everything
    pending = [d for d in store.unlinked() if d.id not in known] if known else list(store.iter_documents())
    report = link_documents(linker, pending)
    if not pending and not full:
        return report
    snap = linker.snapshot()
    pending_ids = {d.id for d in pending}
    touched = {m["story_id"] for m in snap["memberships"] if m["article_id"] in pending_ids}
    old_stories = {s["id"]: s for s in store.stories()}
    stories = []
    for row in snap["stories"]:
        sid = row["story_id"]
        old = old_stories.get(sid)
        if old and sid not in touched and isinstance(old.get("data"), dict) and not full:
            timeline = old["data"].get("timeline", [])
        else:
            timeline = story_timeline(store, row["article_ids"])
        stories.append(
            {
                "id": sid,
                "title": row["title"],
                "data": {
                    "entity_ids": row["entity_ids"],
                    "key_terms": row.get("key_terms", []),
                    "article_ids": row["article_ids"],
                    "start": row.get("start"),
                    "end": row.get("end"),
                    "timeline": timeline,
                },
            }
        )
    events = [
        {"id": e["event_id"], "story_id": e["story_id"], "title": e["title"], "start": e["start"], "end": e["end"],
         "data": {"article_ids": e["article_ids"]}}
        for e in snap["events"]
    ]
    memberships = [
        {
            "article_id": m["article_id"],
            "event_id": m["event_id"],
            "story_id": m["story_id"],
            "duplicate_of": m.get("duplicate_of"),
            "score": m.get("score"),
            "explanation": m.get("explanation") or {},
        }
        for m in snap["memberships"]
    ]
    new_log = [
        {
            "action": f"{e.get('op', 'change')} {e.get('kind', '')}".strip(),
            "subject": e.get("from"),
            "object": e.get("into"),
            "reason": str(e.get("reason") or ""),
        }
        for e in snap["log"][seen_log:]
    ]
    with store.transaction():
        store.replace_links(memberships, events, stories, new_log)
        store.set_state(STATE_KEY, json.dumps(snap, default=str, separators=(",", ":")))
    report.events, report.stories, report.log = len(events), len(stories), new_log
    return report


def story_timeline(store: Store, article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The merged, ordered timeline of a story's articles (export rows)."""
    from .link.timeline import timeline_rows

    entries = []
    texts: dict[str, str] = {}
    for aid in article_ids:
        doc = store.get(aid)
        if doc is None:
            continue
        texts[aid] = doc.text
        entries.extend(doc.timeline)
    return timeline_rows(entries, texts)
