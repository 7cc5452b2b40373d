"""Stories: events threaded over weeks and months, with a title, key entities and events.

A story is a cluster of *events*, scored against the centroid of all its articles (centroid linkage:
a story drifts — Pyeongchang in January, Panmunjom in March — so the mean cosine to every member would
fall as it grows). Its memory is long (``window_days`` of months) and its threshold looser than an
event's; an event joins a story when it opens, and every later article of the event feeds the story's
centroid. Ids come from the story's first article, so a re-run yields the same ids.

One opening article is a poor sample of a long story, so the choice is revisited (see ``Linker``):

- candidates: the index (centroid top terms) plus the stories of the article's nearest articles in the
  event graph; below the threshold an event still joins a story its nearest article belongs to when
  the centroid is not far off (``StoryConfig.nbr_*``);
- cohesion (``fits_cohesion``): a diffuse long story (members of mean pairwise cosine c sit near √c
  from the centroid, whatever its size) takes articles that are as close as its own members are,
  when they share two of its entities (``shares_entities``; one common name is no thread);
- votes (``vote`` / ``merge_voted``): every later article of an event checks whether another story
  fits it better; such votes merge two stories at a looser centroid gate than the blind merge;
- re-attachment: an event that grew (2, 4, 8, … articles) and is alone in its story merges into the
  story its centroid fits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .clusters import Match, OnlineClusterer, centroid_linkage
from .coldmap import prefetch
from .config import StoryConfig
from .events import pieces
from .index import CandidateIndex
from .text import SparseVec, dot, heaviest


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

    def __init__(self, config: StoryConfig, index: CandidateIndex | None = None):
        self.config = config
        self.clusters = OnlineClusterer("st_", config, centroid_linkage, index)
        self.events: dict[str, list[str]] = {}
        self.merged_into: dict[str, str] = {}
        self.votes: dict[tuple[str, str], int] = {}  # story pair -> articles that voted to join them
        self._touched: set[str] = set()
        self.refused: Match | None = None  # the last ``match``'s best story, refused by ``distinct``

    def match(
        self,
        vec: SparseVec,
        day: float | None,
        days: frozenset[str],
        extra: Iterable[str] = (),
        common: frozenset[str] = frozenset(),
    ) -> Match | None:
        """The story a new event joins, if any. ``common``: the article's words and entities that are
        common in the stream (``distinct``)."""
        self.refused = None
        m = self.clusters.best(vec, day, days, extra)
        if m is None:
            return None
        if m.score < self.config.threshold and not (self.fits_cohesion(m) and self.shares_entities(vec, m, common)):
            return None
        if common and not self.distinct(vec, m, common):
            self.refused = m  # for the explanation: the story that only common words pointed to
            return None
        return m

    def distinct(self, vec: SparseVec, m: Match, common: frozenset[str], need: float | None = None) -> bool:
        """Whether the article fits the story by more than what is common in the stream: its cosine
        to the story's centroid over the other dimensions reaches ``distinct_min``. A story of sums
        of money takes every headline that says "Millionen Euro" otherwise, since those words
        are what its centroid is heaviest in."""
        need = self.config.distinct_min if need is None else need
        c = m.cluster
        if need <= 0 or self.config.distinct_min <= 0 or not common or c.norm2 <= 0:  # the setting at 0: off
            return True
        total = c.total
        own = sum(w * total[k] for k, w in vec.items() if k not in common and k in total)
        if own / math.sqrt(c.norm2) >= need:
            return True
        # many common pieces together are a thread still ("Brexit", "May", "deal", "vote" in a
        # stream of few topics), as for events (``event.common_min``)
        return pieces(k for k in vec if k in common and k in total) >= self.config.distinct_pieces

    def typical(self, story_id: str) -> float:
        """How close a typical member is to the centroid of the *other* members (0 when unknown).

        A long story's members are diverse: with mean pairwise cosine c, a new article's cosine to
        the centroid tends to √c however large the story grows, and may stay below the fixed
        threshold for ever. Comparing with the members' own closeness instead lets diffuse long
        stories keep growing while tight ones stay strict."""
        c = self.clusters.active.get(story_id)
        if c is None or c.n < 2 or c.norm2 <= c.n:
            return 0.0
        n = c.n
        inner = (c.norm2 - n) / n  # mean of v_i · (S - v_i)
        rest = c.norm2 * (1.0 - 2.0 / n) + 1.0  # ≈ |S - v_i|²
        return inner / math.sqrt(rest) if rest > 0 else 0.0

    def fits_cohesion(self, m: Match) -> bool:
        """Below the threshold, a story of at least ``rel_min_n`` members still takes an article whose
        (time-decayed) centroid score reaches ``rel_beta`` × its members' typical score and
        ``rel_floor``."""
        cfg = self.config
        if cfg.rel_beta <= 0 or m.cluster.n < cfg.rel_min_n or m.score < cfg.rel_floor:
            return False
        return m.score >= cfg.rel_beta * self.typical(m.cluster.id)

    def shares_entities(self, vec: SparseVec, m: Match, common: frozenset[str] = frozenset()) -> bool:
        """Whether an article with entities shares ``rel_entities`` of them with the story: below the
        threshold, one common name is no thread ("Deutschland" gathered a wine harvest, a car test
        and pensions into one story on the stream's first day), and names common in the stream
        (``common``) do not count: "Trump" and "USA" together took a piece on life expectancy into
        the Venezuela story."""
        need = self.config.rel_entities
        ents = [k for k in vec if k[:2] == "E:"]
        if need <= 0 or not ents:
            return True
        total = m.cluster.total
        return sum(1 for k in ents if k in total and k not in common) >= need

    def score(self, story_id: str, vec: SparseVec, day: float | None, days: frozenset[str]) -> Match | None:
        """``vec`` scored against one live story as ``match`` would (no threshold)."""
        c = self.clusters.active.get(story_id)
        return self.clusters.score(c, vec, day, days) if c is not None else None

    def own_score(self, story_id: str, vec: SparseVec) -> float:
        """Cosine of ``vec`` to the story's centroid (0 for a retired story)."""
        c = self.clusters.active.get(story_id)
        if c is None or c.norm2 <= 0:
            return 0.0
        return dot(vec, c.total) / math.sqrt(c.norm2)

    def vote(self, story_id: str, other: str) -> None:
        """An article of ``story_id`` fits ``other`` better: evidence that the two are one story."""
        if story_id != other:
            key = (story_id, other) if story_id < other else (other, story_id)
            self.votes[key] = self.votes.get(key, 0) + 1

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

    def _merge(self, c: Any, o: Any, score: float, reason: str) -> Any:
        keep, gone = sorted((c, o), key=lambda x: (x.start if x.start is not None else math.inf, x.id))
        self.clusters.absorb(keep, gone)
        self.events.setdefault(keep.id, []).extend(self.events.pop(gone.id, []))
        self.merged_into[gone.id] = keep.id
        self._touched.discard(gone.id)
        self._touched.add(keep.id)
        return keep, {
            "op": "merge",
            "kind": "story",
            "into": keep.id,
            "from": gone.id,
            "score": round(score, 4),
            "reason": reason,
        }

    def merge_pair(self, a: str, b: str, reason: str) -> dict[str, Any] | None:
        """Merge two live stories for a reason found elsewhere (their events became one); the older
        keeps its id. None when either is retired or they are one already."""
        a, b = self.resolve(a), self.resolve(b)
        c, o = self.clusters.active.get(a), self.clusters.active.get(b)
        if a == b or c is None or o is None:
            return None
        score = dot(c.total, o.total) / math.sqrt(c.norm2 * o.norm2) if c.norm2 > 0 and o.norm2 > 0 else 0.0
        return self._merge(c, o, score, reason)[1]

    def merge_voted(self, gate: float, min_votes: int) -> list[dict[str, Any]]:
        """Merge story pairs that at least ``min_votes`` articles placed in the other story, when
        their centroids are at least ``gate`` similar (looser than the blind merge: the votes are
        the evidence). Votes of retired or merged stories are dropped; the rest are kept."""
        p = self.clusters.params
        merges: list[dict[str, Any]] = []
        pending: dict[tuple[str, str], int] = {}
        prefetch(self.clusters.active, [self.resolve(x) for pair in self.votes for x in pair])
        for (a, b), n in sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0])):
            a, b = self.resolve(a), self.resolve(b)
            if a == b or a not in self.clusters.active or b not in self.clusters.active:
                continue
            key = (a, b) if a < b else (b, a)
            n += pending.pop(key, 0)
            if n < min_votes:
                pending[key] = n
                continue
            c, o = self.clusters.active[a], self.clusters.active[b]
            if c.norm2 <= 0 or o.norm2 <= 0:
                continue
            gap = self.clusters._gap(o, c.start) if c.start is not None else None
            if gap is not None and gap > p.window_days:
                continue
            score = dot(c.total, o.total) / math.sqrt(c.norm2 * o.norm2)
            if score < gate:
                pending[key] = n
                continue
            _, entry = self._merge(
                c, o, score, f"{n} articles fit both stories; centroids {score:.2f} >= {gate}"
            )
            merges.append(entry)
        self.votes = pending
        return merges

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
            near = self.clusters.index.query(c.index_terms, 10, max(p.min_hits, len(c.index_terms) // 5))
            prefetch(self.clusters.active, near)
            for oid in near:
                o = self.clusters.active.get(oid)
                if o is None or oid == sid or c.norm2 <= 0 or o.norm2 <= 0:
                    continue
                gap = self.clusters._gap(o, c.start)
                if gap is not None and gap > p.window_days:
                    continue
                score = dot(c.total, o.total) / math.sqrt(c.norm2 * o.norm2)
                if score < threshold:
                    continue
                keep, entry = self._merge(
                    c, o, score, f"story centroids similar ({score:.2f} >= {threshold})"
                )
                merges.append(entry)
                if keep is not c:
                    break
        return merges

    def key_terms(self, story_id: str, k: int = 10) -> list[str]:
        c = self.clusters.get(story_id)
        if c is None:
            return []
        if c.total:
            return heaviest(c.total, k)
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
        """Merges, votes, the stories to check at the next ``consolidate`` and the clusterer's
        clock. The per-key maps (``events``, the open and retired clusters, the index) are persisted
        by the owner, which keeps what is not active apart."""
        return {
            "clusters": self.clusters.state(),
            "merged_into": self.merged_into,
            "votes": [[a, b, n] for (a, b), n in self.votes.items()],
            "touched": sorted(self._touched),
        }

    def load(self, state: dict[str, Any]) -> None:
        self.clusters.load(state.get("clusters", {}))
        self.merged_into = dict(state.get("merged_into", {}))
        self.votes = {(str(a), str(b)): int(n) for a, b, n in state.get("votes", [])}
        self._touched = {str(s) for s in state.get("touched", ())}
