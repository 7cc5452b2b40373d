"""Link rows (memberships, events, stories) as typed records: the one place that knows how the
linker's rows are shaped, so views and exports never index into ``dict[str, Any]``."""

from __future__ import annotations

from typing import Any

from ..model import EntrySource, Event, Membership, Story, StoryEntry


def _data(row: dict[str, Any]) -> dict[str, Any]:
    data = row.get("data")
    return data if isinstance(data, dict) else {}


def membership_from_row(row: dict[str, Any]) -> Membership:
    explanation = row.get("explanation")
    return Membership(
        article_id=row["article_id"],
        event_id=row.get("event_id"),
        story_id=row.get("story_id"),
        duplicate_of=row.get("duplicate_of"),
        score=row.get("score"),
        explanation=explanation if isinstance(explanation, dict) else {},
    )


def event_from_row(row: dict[str, Any]) -> Event:
    return Event(
        id=row["id"],
        story_id=row.get("story_id"),
        title=row.get("title"),
        start=row.get("start"),
        end=row.get("end"),
        article_ids=list(_data(row).get("article_ids", [])),
    )


def entry_from_row(row: dict[str, Any]) -> StoryEntry:
    return StoryEntry(
        date=row.get("date", ""),
        granularity=row.get("granularity", ""),
        kind=row.get("kind", ""),
        text=row.get("text", ""),
        article_id=row.get("article_id", ""),
        start=int(row.get("start", 0)),
        end=int(row.get("end", 0)),
        mod=row.get("mod"),
        sources=tuple(
            EntrySource(s["article_id"], int(s["start"]), int(s["end"]), s.get("kind", ""))
            for s in row.get("sources", [])
        ),
    )


def entry_row(e: StoryEntry) -> dict[str, Any]:
    """The stored and exported form (keys sorted, as the store writes them)."""
    return {
        "article_id": e.article_id,
        "date": e.date,
        "end": e.end,
        "granularity": e.granularity,
        "kind": e.kind,
        "mod": e.mod,
        "sources": [{"article_id": s.article_id, "end": s.end, "kind": s.kind, "start": s.start} for s in e.sources],
        "start": e.start,
        "text": e.text,
    }


def story_from_row(row: dict[str, Any], event_ids: list[str] | None = None) -> Story:
    data = _data(row)
    return Story(
        id=row["id"],
        title=row.get("title"),
        start=data.get("start"),
        end=data.get("end"),
        article_ids=list(data.get("article_ids", [])),
        event_ids=list(event_ids or []),
        entity_ids=list(data.get("entity_ids", [])),
        key_terms=list(data.get("key_terms", [])),
        timeline=[entry_from_row(e) for e in data.get("timeline", [])],
    )
