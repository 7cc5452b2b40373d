"""The whole result as plain records (the ``storyline export`` contract in shared/EVAL.md).

Keys a capability does not fill yet are present with an empty list or null, so consumers can rely
on the shape from the first version on. Streams the store: articles are read in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..store.base import Store
from ..store.links import event_from_row, membership_from_row, story_from_row
from .records import article_record, entity_record, event_record, story_record

WHAT = ("articles", "entities", "events", "stories")


def records(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what not in WHAT:
        raise ValueError(f"unknown export {what!r}; choose one of {', '.join(WHAT)}")
    return _RECORDS[what](store)


def _articles(store: Store) -> Iterator[dict[str, Any]]:
    by_article = {m["article_id"]: membership_from_row(m) for m in store.memberships()}
    for doc in store.iter_documents():
        yield article_record(doc, by_article.get(doc.id))


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.entities():
        yield entity_record(e)


def _events(store: Store) -> Iterator[dict[str, Any]]:
    members: dict[str, list[str]] = {}
    for m in store.memberships():
        if m.get("event_id"):
            members.setdefault(m["event_id"], []).append(m["article_id"])
    for row in store.events():
        ev = event_from_row(row)
        ev.article_ids = members.get(ev.id, [])  # the memberships are the truth; the row caches them
        yield event_record(ev)


def _stories(store: Store) -> Iterator[dict[str, Any]]:
    events_by_story: dict[str, list[str]] = {}
    for ev in store.events():
        if ev.get("story_id"):
            events_by_story.setdefault(ev["story_id"], []).append(ev["id"])
    for row in store.stories():
        yield story_record(story_from_row(row, events_by_story.get(row["id"], [])))


_RECORDS = {"articles": _articles, "entities": _entities, "events": _events, "stories": _stories}
