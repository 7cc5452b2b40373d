"""The whole result as plain records (the ``storyline export`` contract in shared/EVAL.md).

Keys a capability does not fill yet are present with an empty list or null, so consumers can rely
on the shape from the first version on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Document
from .nlp.entity_index import entity_record
from .store.base import Store

WHAT = ("articles", "entities", "events", "stories")


def article_record(doc: Document, membership: dict[str, Any] | None = None) -> dict[str, Any]:
    a, t = doc.article, doc.text
    m = membership or {}
    return {
        "id": a.id,
        "title": a.title,
        "text": a.text,
        "language": a.language,
        "published": a.published.isoformat() if a.published else None,
        "published_estimated": a.published_estimated,
        "url": a.url,
        "source": a.source,
        "entities": [
            *(
                {"start": x.span.start, "end": x.span.end, "label": x.label, "entity_id": x.entity_id, "text": x.span.text(t)}
                for x in doc.mentions
            ),
            *(  # headline mentions: offsets into the title (EVAL.md)
                {"start": x.span.start, "end": x.span.end, "label": x.label, "entity_id": x.entity_id,
                 "text": x.span.text(a.title or ""), "field": "title"}
                for x in doc.title_mentions
            ),
        ],
        "times": [
            {"start": x.span.start, "end": x.span.end, "type": x.type, "value": x.value, "mod": x.mod, "text": x.span.text(t)}
            for x in doc.times
        ],
        "quotes": [
            {
                "kind": q.kind,
                "message": [[s.start, s.end] for s in q.message],
                "cue": [[s.start, s.end] for s in q.cue],
                "speaker": [[s.start, s.end] for s in q.speaker],
                "speaker_entity_id": q.speaker_entity_id,
                "speaker_name": q.speaker_name,
            }
            for q in doc.quotes
        ],
        "event_id": m.get("event_id"),
        "story_id": m.get("story_id"),
        "duplicate_of": m.get("duplicate_of"),
    }


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what == "articles":
        by_article = {m["article_id"]: m for m in store.memberships()}
        for doc in store.iter_documents():
            yield article_record(doc, by_article.get(doc.id))
    elif what == "entities":
        for e in store.entities():
            yield entity_record(e)
    elif what == "events":
        members: dict[str, list[str]] = {}
        for m in store.memberships():
            if m.get("event_id"):
                members.setdefault(m["event_id"], []).append(m["article_id"])
        for ev in store.events():
            yield {
                "event_id": ev["id"],
                "story_id": ev.get("story_id"),
                "title": ev.get("title"),
                "article_ids": sorted(members.get(ev["id"], [])),
                "start": ev.get("start"),
                "end": ev.get("end"),
            }
    elif what == "stories":
        events_by_story: dict[str, list[str]] = {}
        for ev in store.events():
            if ev.get("story_id"):
                events_by_story.setdefault(ev["story_id"], []).append(ev["id"])
        for st in store.stories():
            data: dict[str, Any] = st["data"] if isinstance(st.get("data"), dict) else {}
            yield {
                "story_id": st["id"],
                "title": st.get("title"),
                "event_ids": events_by_story.get(st["id"], []),
                "entity_ids": data.get("entity_ids", []),
                "timeline": data.get("timeline", []),
            }
    else:
        raise ValueError(f"unknown export {what!r}; choose one of {', '.join(WHAT)}")
