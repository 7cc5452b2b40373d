"""The online centroid clusterer: each vector, in time order, joins the best cluster or opens one.

Stories are built with it (events use the neighbour graph in ``events.py``), so its knobs are the
story's (``config.StoryConfig``). A cluster keeps the *sum* of its members' unit vectors, so average
linkage (the mean cosine of the new article to every member, the anchor's criterion) costs one
sparse dot product: ``q·S / n``. Which linkage and which candidate index are used is passed in, not
switched on inside.

Time enters twice: a cluster whose date range lies far from the article's date scores less
(``exp(-gap / tau)``) and beyond ``window_days`` not at all; clusters quiet for ``retire_days`` leave
the index (memory stays bounded) but stay in ``retired`` with their members (nothing is lost).

Retirement is decided on ``last_touch`` (open cluster -> when it last took a member), kept apart from
the clusters themselves: a store-backed linker keeps the open clusters and the index's postings as
keyed rows (``ColdMap``) and reads back only the clusters and terms a query, a join or a sweep names.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .coldmap import prefetch
from .config import StoryConfig
from .index import CandidateIndex, InvertedIndex
from .text import SparseVec, add_into, contributions, dot, dot_shared, heaviest

#: ``linkage(q·S, n, |S|) -> score``: how a cluster's sum vector turns into a similarity.
Linkage = Callable[[float, int, float], float]


def average_linkage(qs: float, n: int, norm: float) -> float:
    """Mean cosine to all members: strict, keeps events tight."""
    return qs / n if n else 0.0


def centroid_linkage(qs: float, n: int, norm: float) -> float:
    """Cosine to the centroid: forgiving of diverse members, suits stories."""
    return qs / norm if norm else 0.0


def stable_id(prefix: str, seed: str) -> str:
    """Ids from the seed member's id: the same input in the same order yields the same ids."""
    return prefix + hashlib.blake2b(seed.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(slots=True)
class Cluster:
    id: str
    seed: str
    members: list[str] = field(default_factory=list)
    total: SparseVec = field(default_factory=dict)
    norm2: float = 0.0
    start: float | None = None
    end: float | None = None
    last_touch: float | None = None
    days: set[str] = field(default_factory=set)
    title: str = ""
    index_terms: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return len(self.members)

    def to_dict(self, with_vector: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "seed": self.seed,
            "members": list(self.members),
            "start": self.start,
            "end": self.end,
            "last_touch": self.last_touch,
            "days": sorted(self.days),
            "title": self.title,
            "index_terms": list(self.index_terms),
        }
        if with_vector:
            out["total"] = dict(self.total)
            out["norm2"] = self.norm2
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cluster:
        return cls(
            id=d["id"],
            seed=d["seed"],
            members=list(d["members"]),
            total=dict(d.get("total") or {}),
            norm2=float(d.get("norm2") or 0.0),
            start=d.get("start"),
            end=d.get("end"),
            last_touch=d.get("last_touch"),
            days=set(d.get("days") or ()),
            title=d.get("title") or "",
            index_terms=tuple(d.get("index_terms") or ()),
        )


@dataclass(slots=True)
class Match:
    """The best candidate and why: the raw material of an Assignment's explanation."""

    cluster: Cluster
    score: float
    text_score: float
    time_factor: float
    gap_days: float | None
    candidates: int


class OnlineClusterer:
    """Single-pass clustering with a candidate index, a linkage and a time decay."""

    def __init__(
        self,
        prefix: str,
        params: StoryConfig,
        linkage: Linkage = average_linkage,
        index: CandidateIndex | None = None,
    ):
        self.prefix = prefix
        self.params = params
        self.linkage = linkage
        self.index: CandidateIndex = index if index is not None else InvertedIndex()
        self.active: dict[str, Cluster] = {}
        self.retired: dict[str, Cluster] = {}
        self.last_touch: dict[str, float | None] = {}  # every open cluster -> its last_touch
        self.clock: float | None = None
        self._since_sweep = 0

    # -- lookup ---------------------------------------------------------------------------------
    def get(self, cid: str) -> Cluster | None:
        return self.active.get(cid) or self.retired.get(cid)

    def _gap(self, c: Cluster, day: float | None) -> float | None:
        if day is None or c.start is None or c.end is None:
            return None
        if day < c.start:
            return c.start - day
        return max(0.0, day - c.end)

    def best(
        self,
        vec: SparseVec,
        day: float | None,
        days: Iterable[str] = (),
        extra: Iterable[str] = (),
        use_index: bool = True,
    ) -> Match | None:
        """The best-scoring candidate (ties broken by id), or None when there is none.

        Candidates come from the index (unless ``use_index`` is false) and from ``extra`` (cluster ids
        the caller knows to be near, e.g. the clusters of an article's nearest neighbours); both are
        scored the same way."""
        p = self.params
        if not vec:
            return None
        keys: list[str] = []
        if use_index:
            qterms = heaviest(vec, p.query_terms)
            keys = self.index.query(qterms, p.max_candidates, p.min_hits)
        if extra:
            known = set(keys)
            keys = keys + [k for k in dict.fromkeys(extra) if k not in known]
        prefetch(self.active, keys)
        mentioned = set(days)
        best: Match | None = None
        for key in keys:
            c = self.active.get(key)
            if c is None:
                continue
            m = self.score(c, vec, day, mentioned, len(keys))
            if m is None:
                continue
            if best is None or m.score > best.score or (m.score == best.score and c.id < best.cluster.id):
                best = m
        return best

    def score(
        self,
        c: Cluster,
        vec: SparseVec,
        day: float | None,
        mentioned: Iterable[str] = (),
        candidates: int = 1,
    ) -> Match | None:
        """``vec`` against one cluster: linkage × time decay (+ date bonus); None beyond the window
        or with fewer than ``min_shared`` shared terms."""
        p = self.params
        gap = self._gap(c, day)
        factor = 1.0
        if gap is not None:
            if gap > p.window_days:
                return None
            factor = math.exp(-max(0.0, gap - p.grace_days) / p.tau_days)
        qs, shared = dot_shared(vec, c.total)
        if shared < p.min_shared:
            return None
        text = self.linkage(qs, c.n, math.sqrt(c.norm2))
        score = text * factor
        if mentioned and not c.days.isdisjoint(mentioned):
            score += p.date_bonus
        return Match(c, score, text, factor, gap, candidates)

    # -- updates --------------------------------------------------------------------------------
    def open(
        self,
        member: str,
        vec: SparseVec,
        day: float | None,
        title: str = "",
        days: Iterable[str] = (),
        seed_id: str | None = None,
    ) -> Cluster:
        cid = stable_id(self.prefix, seed_id or member)
        while cid in self.active or cid in self.retired:  # same seed opened twice: keep ids distinct
            cid = stable_id(self.prefix, cid)
        c = Cluster(id=cid, seed=member, title=title)
        self.active[cid] = c
        self.join(c, member, vec, day, days)
        return c

    def join(
        self, c: Cluster, member: str, vec: SparseVec, day: float | None, days: Iterable[str] = ()
    ) -> None:
        qs = dot(vec, c.total)
        add_into(c.total, vec)
        c.norm2 += 2.0 * qs + sum(v * v for v in vec.values())
        c.members.append(member)
        c.days.update(days)
        if day is not None:
            c.start = day if c.start is None else min(c.start, day)
            c.end = day if c.end is None else max(c.end, day)
            self.clock = day if self.clock is None else max(self.clock, day)
        c.last_touch = self.last_touch[c.id] = self.clock
        n = c.n
        if n <= 4 or n in (6, 8, 12) or n % 16 == 0 or not c.index_terms:
            self._refresh(c)
        self._since_sweep += 1
        if self._since_sweep >= 256:
            self.sweep()

    def _refresh(self, c: Cluster) -> None:
        """Re-key the cluster in the index after it changed."""
        c.index_terms = tuple(heaviest(c.total, self.params.index_terms))
        self.index.insert(c.id, c.index_terms)

    def explain_terms(self, vec: SparseVec, c: Cluster, top: int = 10) -> list[tuple[str, float]]:
        return contributions(vec, c.total, top)

    def sweep(self) -> list[str]:
        """Retire clusters quiet for ``retire_days``; they keep their members, lose their vectors."""
        self._since_sweep = 0
        if self.clock is None:
            return []
        limit = self.clock - self.params.retire_days
        gone = [cid for cid, t in self.last_touch.items() if t is not None and t < limit]
        prefetch(self.active, gone)
        for cid in gone:
            del self.last_touch[cid]
            c = self.active.pop(cid)
            self.index.remove(cid)
            c.total = {}
            c.index_terms = c.index_terms[:10]  # enough to describe it; keeps retired clusters small
            self.retired[cid] = c
        return gone

    def absorb(self, keep: Cluster, other: Cluster) -> None:
        """Merge ``other`` into ``keep`` (used when two clusters turn out to be one)."""
        add_into(keep.total, other.total)
        keep.norm2 = sum(v * v for v in keep.total.values())
        keep.members.extend(other.members)
        keep.days |= other.days
        for attr in ("start", "end"):
            a, b = getattr(keep, attr), getattr(other, attr)
            if b is not None:
                setattr(keep, attr, b if a is None else (min(a, b) if attr == "start" else max(a, b)))
        self.active.pop(other.id, None)
        self.last_touch.pop(other.id, None)
        self.index.remove(other.id)
        self._refresh(keep)

    # -- persistence ----------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The clock, the sweep counter and when each open cluster was last touched. The clusters
        (``active``, ``retired``) and the index's maps are per-key maps their owner persists, the
        index as it is (its postings in the order they were keyed: capped queries depend on it)."""
        return {"clock": self.clock, "since_sweep": self._since_sweep, "last_touch": dict(self.last_touch)}

    def load(self, state: dict[str, Any]) -> None:
        self.clock = state.get("clock")
        self._since_sweep = int(state.get("since_sweep", 0))
        self.last_touch = {str(k): v for k, v in dict(state.get("last_touch", {})).items()}
