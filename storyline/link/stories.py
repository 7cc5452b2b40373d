"""Stories: events threaded over weeks and months, with a title, key entities and events.

A story is a cluster of *events*, scored against the centroid of all its articles (centroid linkage:
a story drifts — Pyeongchang in January, Panmunjom in March — so the mean cosine to every member would
fall as it grows). Its memory is long (``window_days`` of months) and its threshold looser than an
event's; an event joins a story when it opens, and every later article of the event feeds the story's
centroid. Ids come from the story's first article, so a re-run yields the same ids.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Any

from .clusters import ClusterParams, Match, OnlineClusterer, centroid_linkage
from .index import CandidateIndex
from .text import SparseVec, dot


@dataclass(slots=True)
class StoryInfo:
    """What the store and the UI show about a story."""

    story_id: str
    title: str
    event_ids: list[str]
    article_ids: list[str]
    key_entities: list[str]
    key_terms: list[str]
    start: float | None
    end: float | None
    active: bool
    merged_into: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


class StoryThreader:
    """Assigns each new event to a story (or opens one), and keeps the story → events map."""

    def __init__(self, params: ClusterParams, index: CandidateIndex | None = None):
        self.clusters = OnlineClusterer("st_", params, centroid_linkage, index)
        self.events: dict[str, list[str]] = {}
        self.merged_into: dict[str, str] = {}
        self._touched: set[str] = set()

    def match(self, vec: SparseVec, day: float | None, days: frozenset[str]) -> Match | None:
        m = self.clusters.best(vec, day, days)
        if m is None or m.score < self.clusters.params.threshold:
            return None
        return m

    def open(
        self,
        article_id: str,
        event_id: str,
        vec: SparseVec,
        day: float | None,
        title: str,
        days: frozenset[str],
    ) -> str:
        c = self.clusters.open(article_id, vec, day, title, days)
        self.events[c.id] = [event_id]
        return c.id

    def add_event(self, story_id: str, event_id: str) -> None:
        evs = self.events.setdefault(story_id, [])
        if event_id not in evs:
            evs.append(event_id)

    def add_article(
        self, story_id: str, article_id: str, vec: SparseVec, day: float | None, days: frozenset[str]
    ) -> None:
        c = self.clusters.get(story_id)
        if c is None:
            return
        if story_id in self.clusters.active:
            self.clusters.join(c, article_id, vec, day, days)
            self._touched.add(story_id)
        else:  # retired story: keep the membership, the vector is gone
            c.members.append(article_id)

    def resolve(self, story_id: str) -> str:
        """The live id a story id now goes by (after merges)."""
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def consolidate(self, threshold: float, min_members: int = 2) -> list[dict[str, Any]]:
        """Merge stories that grew into one another.

        A story opened by a single article may have missed its thread because one article is a poor
        sample of a topic; once stories have grown, their centroids are compared (cosine of the sums)
        and pairs at or above ``threshold`` within the time window merge: the older story keeps its id,
        the other is recorded in ``merged_into`` with the score. Only stories that gained articles since
        the last call are checked, so the cost follows the stream, not the store."""
        p = self.clusters.params
        merges: list[dict[str, Any]] = []
        touched, self._touched = sorted(self._touched), set()
        for sid in touched:
            c = self.clusters.active.get(sid)
            if c is None or c.n < min_members:
                continue
            # centroids at the merge threshold share many of their top terms: ask for a fifth of them
            for oid in self.clusters.index.query(c.index_terms, 10, max(p.min_hits, len(c.index_terms) // 5)):
                o = self.clusters.active.get(oid)
                if o is None or oid == sid or c.norm2 <= 0 or o.norm2 <= 0:
                    continue
                gap = self.clusters._gap(o, c.start)
                if gap is not None and gap > p.window_days:
                    continue
                score = dot(c.total, o.total) / math.sqrt(c.norm2 * o.norm2)
                if score < threshold:
                    continue
                keep, gone = sorted(
                    (c, o), key=lambda x: (x.start if x.start is not None else math.inf, x.id)
                )
                self.clusters.absorb(keep, gone)
                self.events.setdefault(keep.id, []).extend(self.events.pop(gone.id, []))
                self.merged_into[gone.id] = keep.id
                merges.append(
                    {
                        "op": "merge",
                        "kind": "story",
                        "into": keep.id,
                        "from": gone.id,
                        "score": round(score, 4),
                        "reason": f"story centroids similar ({score:.2f} >= {threshold})",
                    }
                )
                if keep is not c:
                    break
        return merges

    def key_terms(self, story_id: str, k: int = 10) -> list[str]:
        c = self.clusters.get(story_id)
        if c is None:
            return []
        if c.total:
            return heapq.nlargest(k, c.total, key=c.total.__getitem__)
        return list(c.index_terms[:k])  # retired: the terms it was last indexed under

    def info(self, story_id: str) -> StoryInfo | None:
        c = self.clusters.get(story_id)
        if c is None:
            return None
        terms = self.key_terms(story_id, 30)
        ents = [t[2:] for t in terms if t.startswith("E:")][:10]
        words = [t for t in terms if not t.startswith("E:")][:10]
        return StoryInfo(
            story_id=story_id,
            title=c.title,
            event_ids=list(self.events.get(story_id, [])),
            article_ids=list(c.members),
            key_entities=ents,
            key_terms=words,
            start=c.start,
            end=c.end,
            active=story_id in self.clusters.active,
        )

    def state(self) -> dict[str, Any]:
        return {"clusters": self.clusters.state(), "events": self.events, "merged_into": self.merged_into}

    def load(self, state: dict[str, Any]) -> None:
        self.clusters.load(state.get("clusters", {}))
        self.events = {k: list(v) for k, v in state.get("events", {}).items()}
        self.merged_into = dict(state.get("merged_into", {}))
