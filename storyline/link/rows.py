"""The rows the linker's picture becomes: one per event, one per story, one per membership and one
per merge or split, in the shapes the store keeps (and ``export`` and the views read back).

Event and story rows are built from the live picture (``queries``), so a row always names the
event's or story's members now, not when it opened. Dates are ISO strings: the linker counts days
since 1970 (``items.to_days``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .queries import event_articles, prefetch_events, story_events

if TYPE_CHECKING:
    from .linker import Assignment, Linker

_EPOCH = datetime(1970, 1, 1)


def day_to_iso(day: float | None) -> str | None:
    return None if day is None else (_EPOCH + timedelta(days=day)).isoformat(timespec="seconds")


def event_rows(linker: Linker, event_ids: Iterable[str]) -> list[dict[str, Any]]:
    """One row per live event among ``event_ids`` (an event without articles has none)."""
    rows = []
    eids = sorted(set(event_ids))
    prefetch_events(linker, eids)
    for eid in eids:
        aids = event_articles(linker, eid)
        if not aids:
            continue
        days = [d for d in (linker.published.get(a) for a in aids) if d is not None]
        ev = linker.graph.events.get(eid)
        rows.append(
            {
                "event_id": eid,
                "story_id": linker.stories.resolve(linker.event_story.get(eid, "")) or None,
                "title": ev.title if ev else "",
                "article_ids": aids,
                "start": day_to_iso(min(days)) if days else None,
                "end": day_to_iso(max(days)) if days else None,
            }
        )
    return rows


def story_rows(
    linker: Linker, story_ids: Iterable[str], events: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One row per live story among ``story_ids``, with all of its events (rows in ``events``
    are reused, the others built)."""
    known = dict(events or {})
    rows = []
    for sid in sorted(set(story_ids)):
        ids = story_events(linker, sid)
        known.update((r["event_id"], r) for r in event_rows(linker, (e for e in ids if e not in known)))
        evs = sorted((known[e] for e in ids if e in known), key=_start_then_id)
        if not evs:
            continue
        info = linker.stories.info(sid)
        # headed by its largest event (the earliest of equals), not by the article that opened it
        title = max(evs, key=lambda e: len(e["article_ids"]))["title"] or (info.title if info else "")
        starts = [e["start"] for e in evs if e["start"]]
        ends = [e["end"] for e in evs if e["end"]]
        rows.append(
            {
                "story_id": sid,
                "title": title,
                "event_ids": [e["event_id"] for e in evs],
                "article_ids": [a for e in evs for a in e["article_ids"]],
                "entity_ids": info.key_entities if info else [],
                "key_terms": info.key_terms if info else [],
                "start": min(starts) if starts else None,
                "end": max(ends) if ends else None,
            }
        )
    return rows


def _start_then_id(row: dict[str, Any]) -> tuple[bool, str, str]:
    return (row["start"] is None, row["start"] or "", row["event_id"])


# -- the store's shapes -----------------------------------------------------------------------------
def store_event(row: dict[str, Any]) -> dict[str, Any]:
    """An ``event_rows`` row as the store's events table keeps it."""
    return {
        "id": row["event_id"],
        "story_id": row["story_id"],
        "title": row["title"],
        "start": row["start"],
        "end": row["end"],
        "data": {"article_ids": row["article_ids"]},
    }


def store_story(row: dict[str, Any], timeline: Callable[[list[str]], list[dict[str, Any]]]) -> dict[str, Any]:
    """A ``story_rows`` row as the store's stories table keeps it; ``timeline(article_ids)`` gives
    the story's merged timeline (from the articles' annotations, which the linker never sees)."""
    return {
        "id": row["story_id"],
        "title": row["title"],
        "data": {
            "entity_ids": row["entity_ids"],
            "key_terms": row.get("key_terms", []),
            "article_ids": row["article_ids"],
            "start": row.get("start"),
            "end": row.get("end"),
            "timeline": timeline(row["article_ids"]),
        },
    }


def store_membership(article_id: str, place: tuple[str, str], arrival: Assignment) -> dict[str, Any]:
    """An article's current place with the explanation it got when it arrived."""
    eid, sid = place
    return {
        "article_id": article_id,
        "event_id": eid,
        "story_id": sid,
        "duplicate_of": arrival.duplicate_of,
        "score": arrival.score,
        "explanation": arrival.explanation or {},
    }


def store_log(log: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The linker's merges and splits as the store's link log keeps them."""
    return [
        {
            "action": f"{e.get('op', 'change')} {e.get('kind', '')}".strip(),
            "subject": e.get("from"),
            "object": e.get("into"),
            "reason": str(e.get("reason") or ""),
        }
        for e in log
    ]
