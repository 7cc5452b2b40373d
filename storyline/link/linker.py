"""The Linker: one object that takes articles in time order and says where each belongs.

``add(item)`` runs near-duplicate detection, the event graph and the story threader, and returns an
``Assignment`` naming the event, the story, the earliest copy and the evidence. Later articles can
merge events (or, at ``consolidate``, split them); ``membership(aid)`` always gives the current answer
and ``log`` says what changed and why. All state is plain dicts and lists: ``snapshot()`` gives the
whole picture (rows for events, stories, memberships and duplicate groups, the log, and the state),
``restore()`` resumes where a run stopped. A store-backed run saves with ``persist()`` instead: the
active part in one blob; retired entries, open stories and the per-term maps (document
frequencies, the story index) as keyed rows fetched back only when needed (``ColdMap``); and it
writes only what ``affected`` says may have changed. Nothing depends on wall-clock time or
process-salted hashes, so the same input in the same order gives the same ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from .clusters import Cluster, ClusterParams, Match
from .coldmap import ColdMap, DamagedState, prefetch
from .events import Event, EventGraph, GraphParams
from .fingerprints import LshIndex, MinHasher
from .items import Features, LinkItem, features
from .stories import StoryThreader
from .text import IncrementalIdf, SourceBoilerplate, SparseVec, normalise, tfidf, words

SNAPSHOT_VERSION = 3
_EPOCH = datetime(1970, 1, 1)


def day_to_iso(day: float | None) -> str | None:
    return None if day is None else (_EPOCH + timedelta(days=day)).isoformat(timespec="seconds")


@dataclass(slots=True)
class LinkConfig:
    """The linker's knobs (defaults tuned on ECB+ train/dev; see settings ``link.*``)."""

    event: GraphParams = field(default_factory=GraphParams)
    story: ClusterParams = field(
        default_factory=lambda: ClusterParams(
            threshold=0.28,
            tau_days=120.0,
            grace_days=60.0,
            window_days=180.0,
            retire_days=90.0,
            date_bonus=0.03,
            index_terms=60,
            query_terms=30,
            max_candidates=30,
            min_hits=2,
            min_shared=3,
        )
    )
    entity_weight: float = 1.0
    title_weight: float = 2.0
    idf_prior_docs: int = 50
    dup_threshold: float = 0.7
    dup_window_days: float = 7.0
    story_merge_threshold: float = 0.6
    story_votes: bool = True  # every article checks its story; misfits vote to join two stories
    story_vote_gate: float = 0.35  # centroid similarity two voted-for stories need to merge
    story_min_votes: int = 1
    story_vote_index: bool = (
        False  # votes and re-attachment also ask the index (not only neighbours' stories)
    )
    story_neighbour_candidates: bool = True  # the stories of an article's nearest articles are candidates
    story_reattach: bool = True  # a one-event story whose grown event fits another story merges into it
    story_rel_beta: float = 0.6  # 0 disables the cohesion rule (``StoryThreader.fits_cohesion``)
    story_rel_floor: float = 0.12
    story_rel_min_n: int = 3
    story_nbr_min: int = 1  # nearest articles of one story that let a new event join it below threshold
    story_nbr_sim: float = 0.15
    story_nbr_floor: float = 0.15
    consolidate_every: int = 500
    keep_explanations: bool = True  # False: explanations only in add()'s return value (bounded memory)

    @classmethod
    def from_settings(cls, settings: Any) -> LinkConfig:
        """Build from ``storyline.settings.Settings`` (the ``link.*`` keys that exist there)."""
        cfg = cls()
        keys = set(settings)
        pairs = [
            ("link.event_threshold", cfg.event, "threshold"),
            ("link.event_k", cfg.event, "k"),
            ("link.event_window_days", cfg.event, "window_days"),
            ("link.event_tau_days", cfg.event, "tau_days"),
            ("link.story_threshold", cfg.story, "threshold"),
            ("link.story_window_days", cfg.story, "window_days"),
            ("link.entity_weight", cfg, "entity_weight"),
            ("link.dup_threshold", cfg, "dup_threshold"),
        ]
        for key, obj, attr in pairs:
            if key in keys:
                setattr(obj, attr, type(getattr(obj, attr))(settings[key]))
        return cfg


@dataclass(slots=True)
class Assignment:
    """Where one article went when it arrived, and why (``Linker.membership`` gives the current place)."""

    article_id: str
    event_id: str
    story_id: str
    duplicate_of: str | None = None
    new_event: bool = False
    new_story: bool = False
    score: float = 0.0
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A shallow dict (the explanation is shared, not copied): snapshots only serialise it, and
        ``dataclasses.asdict``'s deep copy was half the cost of every incremental link."""
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "story_id": self.story_id,
            "duplicate_of": self.duplicate_of,
            "new_event": self.new_event,
            "new_story": self.new_story,
            "score": self.score,
            "explanation": self.explanation,
        }


class Linker:
    """Near-duplicates → events → stories, online, with stable ids and explanations."""

    def __init__(self, config: LinkConfig | None = None):
        self.config = cfg = config or LinkConfig()
        self.idf = IncrementalIdf(cfg.idf_prior_docs)
        self.boilerplate = SourceBoilerplate()
        self.hasher = MinHasher()
        self.lsh = LshIndex(threshold=cfg.dup_threshold, window_days=cfg.dup_window_days)
        self.graph = EventGraph(cfg.event)
        self.stories = StoryThreader(cfg.story)
        self.stories.rel_beta, self.stories.rel_floor = cfg.story_rel_beta, cfg.story_rel_floor
        self.stories.rel_min_n = cfg.story_rel_min_n
        self.assignments: dict[str, Assignment] = {}
        self.event_story: dict[str, str] = {}
        self.dup_groups: dict[str, list[str]] = {}  # group key (first copy seen) -> all copies
        self.dup_key: dict[str, str] = {}
        self.published: dict[str, float | None] = {}
        self.log: list[dict[str, Any]] = []  # merges and splits since this object was made or restored
        self._graph_log = 0
        self.articles = 0  # articles linked, over all runs

    # -- the stream -------------------------------------------------------------------------------
    def vector(self, f: Features, source: str | None = None) -> SparseVec:
        """Term TF-IDF (without the source's boilerplate) plus weighted entity TF-IDF, as one unit vector."""
        vec = tfidf(self.boilerplate.filter(source, f.counts), self.idf)
        if f.entities:
            w = self.config.entity_weight
            for k, v in tfidf(f.entities, self.idf).items():
                vec[k] = v * w
            vec = normalise(vec)
        return vec

    def add(self, item: LinkItem) -> Assignment:
        """Link one article. The same article id again returns its first assignment unchanged."""
        seen = self.assignments.get(item.article_id)
        if seen is not None:
            return seen
        tw, xw = words(item.title), words(item.text)
        f = features(item, self.config.title_weight, (tw, xw))
        self.idf.add(list(f.counts) + list(f.entities))
        self.boilerplate.add(item.source, f.counts)
        vec = self.vector(f, item.source)
        self.published[item.article_id] = f.day
        eff_day = f.day if f.day is not None else self.graph.clock
        sig = self.hasher.signature(tw + xw)
        dup = self.lsh.query(sig) if sig is not None else None
        if sig is not None:
            self.lsh.insert(item.article_id, sig, eff_day)
        if dup is not None and dup.article_id in self.assignments:
            a = self._add_duplicate(item, f, vec, dup.article_id, dup.jaccard)
        else:
            a = self._add_linked(item, f, vec)
        if self.config.keep_explanations:
            self.assignments[item.article_id] = a
        else:  # the caller stores the explanation it got; keep the membership record only
            self.assignments[item.article_id] = Assignment(
                a.article_id,
                a.event_id,
                a.story_id,
                a.duplicate_of,
                a.new_event,
                a.new_story,
                a.score,
                {"decision": a.explanation.get("decision")},
            )
        self.articles += 1
        self._sync_log()
        if self.config.consolidate_every and self.articles % self.config.consolidate_every == 0:
            self._merge_stories()
        return a

    def _merge_stories(self) -> None:
        cfg = self.config
        if cfg.story_votes:
            self.log.extend(self.stories.merge_voted(cfg.story_vote_gate, cfg.story_min_votes))
        self.log.extend(self.stories.consolidate(cfg.story_merge_threshold))

    def _near_stories(self, own: str | None = None, support: dict[str, tuple[int, float]] | None = None) -> list[str]:
        """Live stories of the last article's nearest neighbours in the event graph (not ``own``)."""
        if not self.config.story_neighbour_candidates:
            return []
        return [sid for sid in (support if support is not None else self._neighbour_support()) if sid != own]

    def _neighbour_support(self) -> dict[str, tuple[int, float]]:
        """Live story -> (strong neighbours, summed similarity) over the last article's nearest
        neighbours in the event graph, best supported first; a neighbour is strong at
        ``story_nbr_sim`` or more."""
        out: dict[str, tuple[int, float]] = {}
        for s, aid in self.graph.last_near:
            eid = self.graph.event_of.get(aid)
            sid = self.event_story.get(self.graph.resolve(eid)) if eid else None
            if sid is not None:
                sid = self.stories.resolve(sid)
                n, total = out.get(sid, (0, 0.0))
                out[sid] = (n + (s >= self.config.story_nbr_sim), total + s)
        return dict(sorted(out.items(), key=lambda kv: (-kv[1][1], kv[0])))

    def _add_duplicate(
        self, item: LinkItem, f: Features, vec: SparseVec, other: str, jac: float
    ) -> Assignment:
        key = self.dup_key.get(other, other)
        group = self.dup_groups.setdefault(key, [key])
        self.dup_key[key] = key
        group.append(item.article_id)
        self.dup_key[item.article_id] = key
        earliest = self.earliest(key)
        eid, sid = self.membership(key)
        self.stories.add_article(sid, item.article_id, vec, f.day, f.days)
        dup_of = earliest if earliest != item.article_id else other
        return Assignment(
            item.article_id,
            eid,
            sid,
            duplicate_of=dup_of,
            score=round(jac, 4),
            explanation={
                "decision": "near-duplicate",
                "duplicate": {"of": other, "earliest": earliest, "jaccard": round(jac, 4)},
            },
        )

    def _add_linked(self, item: LinkItem, f: Features, vec: SparseVec) -> Assignment:
        title = item.title or item.text[:120]
        eid, ev_expl = self.graph.add(item.article_id, vec, f.day, title, f.days)
        expl: dict[str, Any] = {"event": ev_expl}
        if eid in self.event_story:
            sid = self.stories.resolve(self.event_story[eid])
            if self.config.story_votes:
                self._vote(sid, vec, f.day, f.days)
            self.stories.add_article(sid, item.article_id, vec, f.day, f.days)
            ev = self.graph.events.get(eid)
            if self.config.story_reattach and ev is not None and ev.n >= 2 and ev.n & (ev.n - 1) == 0:
                sid = self._reattach(eid, sid, ev.total, f.day, f.days)
            expl["decision"] = "joined event"
            return Assignment(
                item.article_id, eid, sid, score=expl["event"].get("score", 0.0), explanation=expl
            )
        support = self._neighbour_support()
        m = self.stories.match(vec, f.day, f.days, self._near_stories(support=support))
        rule = "threshold" if m is None or m.score >= self.config.story.threshold else "cohesion"
        if m is None and self.config.story_nbr_min:
            m = self._neighbour_match(vec, f.day, f.days, support)
            rule = "neighbours"
        if m is not None:
            sid = m.cluster.id
            self.stories.add_event(sid, eid)
            self.stories.add_article(sid, item.article_id, vec, f.day, f.days)
            parts = self.stories.clusters.explain_terms(vec, m.cluster, 16)
            expl["story"] = {
                "best": sid,
                "score": round(m.score, 4),
                "text_score": round(m.text_score, 4),
                "time_factor": round(m.time_factor, 4),
                "gap_days": None if m.gap_days is None else round(m.gap_days, 2),
                "threshold": self.config.story.threshold,
                "rule": rule,  # threshold | cohesion (a diffuse long story) | neighbours (nearest articles)
                "shared_entities": [k[2:] for k, _ in parts if k.startswith("E:")][:8],
                "shared_terms": [k for k, _ in parts if not k.startswith("E:")][:8],
            }
            expl["decision"] = "new event in existing story"
        else:
            sid = self.stories.open(item.article_id, eid, vec, f.day, title, f.days)
            expl["decision"] = "new event, new story"
        self.event_story[eid] = sid
        return Assignment(
            item.article_id,
            eid,
            sid,
            new_event=True,
            new_story=m is None,
            score=round(m.score, 4) if m else 0.0,
            explanation=expl,
        )

    def _neighbour_match(
        self, vec: SparseVec, day: float | None, days: frozenset[str], support: dict[str, tuple[int, float]]
    ) -> Match | None:
        """A new event below the story threshold still joins the story that at least ``story_nbr_min``
        of its nearest articles (each at least ``story_nbr_sim`` similar) belong to, when the story's
        centroid is not far off either (``story_nbr_floor``): one article against a long story's
        centroid is a poor sample, its neighbours are a second, independent one."""
        cfg = self.config
        for sid, (strong, _) in support.items():
            if strong < cfg.story_nbr_min:
                continue
            m = self.stories.score(sid, vec, day, days)
            if m is not None and m.score >= cfg.story_nbr_floor:
                return m
        return None

    def _reattach(self, eid: str, sid: str, total: SparseVec, day: float | None, days: frozenset[str]) -> str:
        """An event that has grown (2, 4, 8, … articles) is a better sample than its first article:
        when its story holds only this event and the event's centroid fits another story at the story
        threshold, the two stories merge (the event re-attaches). Returns the event's story now."""
        if self.stories.events.get(sid) != [eid]:
            return sid
        near = self._near_stories(sid)
        if not near and not self.config.story_vote_index:
            return sid
        vec = normalise(dict(total))
        m = self.stories.clusters.best(vec, day, days, near, use_index=self.config.story_vote_index)
        if m is None or m.cluster.id == sid or m.score < self.config.story.threshold:
            return sid
        if m.score <= self.stories.own_score(sid, vec):
            return sid
        own = self.stories.clusters.active.get(sid)
        if own is None:
            return sid
        _, entry = self.stories._merge(
            own, m.cluster, m.score, f"event {eid} fits story {m.cluster.id} ({m.score:.2f})"
        )
        self.log.append(entry)
        return self.stories.resolve(sid)

    def _vote(self, sid: str, vec: SparseVec, day: float | None, days: frozenset[str]) -> None:
        """An article joining an event of ``sid``: if another story fits it better (and above the
        story threshold), it votes for merging the two."""
        near = self._near_stories(sid)
        if not near and not self.config.story_vote_index:
            return
        m = self.stories.clusters.best(vec, day, days, near, use_index=self.config.story_vote_index)
        if m is None or m.cluster.id == sid or m.score < self.config.story.threshold:
            return
        if m.score > self.stories.own_score(sid, vec):
            self.stories.vote(sid, m.cluster.id)

    def _sync_log(self) -> None:
        """Carry the graph's merges and splits into the linker log; split-off events keep the story."""
        for entry in self.graph.log[self._graph_log :]:
            if entry["op"] == "split":
                sid = self.event_story.get(self.graph.resolve(entry["from"]))
                sid = self.stories.resolve(sid) if sid is not None else None
                if sid is not None:
                    self.event_story[entry["into"]] = sid
                    self.stories.add_event(sid, entry["into"])
            self.log.append(dict(entry))
        self._graph_log = len(self.graph.log)

    def consolidate(self) -> None:
        """Settle pending splits (called by ``snapshot``; call it before reading memberships)."""
        self.graph.consolidate()
        self._sync_log()
        self._merge_stories()

    # -- views --------------------------------------------------------------------------------------
    def earliest(self, group_key: str) -> str:
        """The earliest copy of a duplicate group: by publication time, then by arrival."""
        members = self.dup_groups.get(group_key, [group_key])
        order = {m: i for i, m in enumerate(members)}

        def when(m: str) -> tuple[int, float, int]:
            d = self.published.get(m)
            return (0, d, order[m]) if d is not None else (1, 0.0, order[m])

        return min(members, key=when)

    def membership(self, article_id: str) -> tuple[str, str]:
        """The article's current (event id, story id)."""
        node = self.dup_key.get(article_id, article_id)
        eid = self.graph.resolve(self.graph.event_of.get(node, ""))
        if not eid:
            a = self.assignments[article_id]
            return a.event_id, a.story_id
        return eid, self.stories.resolve(self.event_story.get(eid, ""))

    def duplicate_groups(self) -> list[dict[str, Any]]:
        """Every group of copies, all members kept, with its earliest copy named."""
        return [
            {"group_id": k, "earliest": self.earliest(k), "members": list(v)}
            for k, v in self.dup_groups.items()
        ]

    def memberships_now(self) -> dict[str, tuple[str, str]]:
        """Every article's current (event id, story id), in arrival order (what this linker holds:
        a store-backed linker holds only its active part, see ``affected``)."""
        return {aid: self.membership(aid) for aid in self.assignments}

    def _when(self, article_id: str) -> tuple[bool, float, str]:
        day = self.published.get(article_id)
        return (day is None, day or 0.0, article_id)

    def _prefetch_events(self, event_ids: Iterable[str]) -> None:
        """Read the rows of many events' articles in one request per map (a long story's row names
        hundreds of events, most of them retired); nothing for a linker that holds everything."""
        g = self.graph
        if not isinstance(g.members, ColdMap):
            return
        eids = list(event_ids)
        for m in (g.members, g.events, self.event_story):
            prefetch(m, eids)
        aids = [a for e in eids for a in g.members.get(e, ())]
        prefetch(g.event_of, aids)
        prefetch(self.dup_groups, aids)
        prefetch(self.published, aids + [c for a in aids for c in self.dup_groups.get(a, ())])

    def event_articles(self, event_id: str) -> list[str]:
        """The event's articles now, copies included, earliest first."""
        g = self.graph
        out: list[str] = []
        for aid in dict.fromkeys(g.members.get(event_id, ())):
            if g.event_of.get(aid) == event_id:
                out.append(aid)
                out.extend(m for m in self.dup_groups.get(aid, ()) if m != aid)
        return sorted(dict.fromkeys(out), key=self._when)

    def story_events(self, story_id: str) -> list[str]:
        """The live events whose story is ``story_id`` now."""
        g, st = self.graph, self.stories
        out: dict[str, None] = {}
        ids = [g.resolve(e) for e in st.events.get(story_id, ())]
        prefetch(g.events, ids)
        prefetch(self.event_story, ids)
        for e in ids:
            if e not in out and e in g.events and st.resolve(self.event_story.get(e, "")) == story_id:
                out[e] = None
        return list(out)

    def affected(self, arrivals: Iterable[str], since: int = 0) -> set[str]:
        """The articles whose (event, story) may have changed since ``log`` held ``since`` entries:
        the ``arrivals`` and every article of an event or story that a merge or split touched since.
        An incremental write compares only these with the store (not every article ever linked)."""
        events: set[str] = set()
        stories: set[str] = set()
        for entry in self.log[since:]:
            ids = {x for x in (entry.get("from"), entry.get("into")) if x}
            (stories if entry.get("kind") == "story" else events).update(ids)
        for sid in sorted({self.stories.resolve(s) for s in stories}):
            events.update(self.story_events(sid))
        out = set(arrivals)
        live = sorted({self.graph.resolve(e) for e in events})
        self._prefetch_events(live)
        for eid in live:
            out.update(self.event_articles(eid))
        return out

    def event_rows(self, event_ids: Iterable[str]) -> list[dict[str, Any]]:
        """One row per live event among ``event_ids`` (an event without articles has none)."""
        rows = []
        eids = sorted(set(event_ids))
        self._prefetch_events(eids)
        for eid in eids:
            aids = self.event_articles(eid)
            if not aids:
                continue
            days = [d for d in (self.published.get(a) for a in aids) if d is not None]
            ev = self.graph.events.get(eid)
            rows.append(
                {
                    "event_id": eid,
                    "story_id": self.stories.resolve(self.event_story.get(eid, "")) or None,
                    "title": ev.title if ev else "",
                    "article_ids": aids,
                    "start": day_to_iso(min(days)) if days else None,
                    "end": day_to_iso(max(days)) if days else None,
                }
            )
        return rows

    def story_rows(
        self, story_ids: Iterable[str], events: dict[str, dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        """One row per live story among ``story_ids``, with all of its events (rows in ``events``
        are reused, the others built)."""
        known = dict(events or {})
        rows = []
        for sid in sorted(set(story_ids)):
            ids = self.story_events(sid)
            known.update((r["event_id"], r) for r in self.event_rows(e for e in ids if e not in known))
            evs = sorted((known[e] for e in ids if e in known), key=_start_then_id)
            if not evs:
                continue
            info = self.stories.info(sid)
            starts = [e["start"] for e in evs if e["start"]]
            ends = [e["end"] for e in evs if e["end"]]
            rows.append(
                {
                    "story_id": sid,
                    "title": info.title if info else "",
                    "event_ids": [e["event_id"] for e in evs],
                    "article_ids": [a for e in evs for a in e["article_ids"]],
                    "entity_ids": info.key_entities if info else [],
                    "key_terms": info.key_terms if info else [],
                    "start": min(starts) if starts else None,
                    "end": max(ends) if ends else None,
                }
            )
        return rows

    # -- persistence --------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Rows for the store (events, stories, memberships, duplicate groups, the log) plus the
        whole state (``state_blob``). In-memory: a store-backed run writes what changed instead."""
        self.consolidate()
        now = self.memberships_now()
        events = self.event_rows(e for e, _ in now.values())
        memberships = []
        for aid, a in self.assignments.items():
            row = a.to_dict()
            row["event_id"], row["story_id"] = now[aid]
            row["assigned_event_id"], row["assigned_story_id"] = a.event_id, a.story_id
            memberships.append(row)
        return {
            **self.state_blob(),
            "events": events,
            "stories": self.story_rows((s for _, s in now.values()), {e["event_id"]: e for e in events}),
            "memberships": memberships,
            "duplicates": self.duplicate_groups(),
            "log": list(self.log),
        }

    def _owner(self, path: str) -> Any:
        obj: Any = self
        for name in filter(None, path.split(".")):
            obj = getattr(obj, name)
        return obj

    def _core_state(self) -> dict[str, Any]:
        return {
            "idf": self.idf.state(),
            "boilerplate": self.boilerplate.state(),
            "lsh": self.lsh.state(),
            "graph": self.graph.state(),
            "stories": self.stories.state(),
            "articles": self.articles,
        }

    def state_blob(self) -> dict[str, Any]:
        """Everything ``restore`` needs, as plain data, in one blob (no rows, no log)."""
        maps = {
            ns: {k: _ENCODE.get(ns, _plain)(v) for k, v in getattr(self._owner(owner), attr).items()}
            for ns, owner, attr, _ in _MAPS
        }
        return {"version": SNAPSHOT_VERSION, "state": {**self._core_state(), "maps": maps}}

    def persist(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, set[str]]]:
        """The state split for a store: ``(blob, cold, dropped)``.

        ``blob`` holds the active part, which every resume reads: articles still in the event index
        or the duplicate window and the events they belong to. The rest of what is in memory goes
        to ``cold`` (namespace -> key -> plain value, to be written as keyed rows) unless it is
        still what was fetched: entries retired since the last save, the stories (a story opened by
        one article stays open for months, a long one carries a large centroid; an ingest of a few
        articles touches few of them), the per-term counts and the story index's postings (an
        ingest reads the terms its articles use). ``dropped`` names the keys removed since the
        restore. Restore the blob with ``cold=`` a lookup of those rows."""
        g = self.graph
        articles = set(g.nodes) | self.lsh.article_ids()
        events = {g.resolve(g.event_of[a]) for a in g.nodes if a in g.event_of}
        events |= {e for e, ev in g.events.items() if ev.n > 0} | {g.resolve(e) for e in g._dirty}
        groups = {k for k, members in self.dup_groups.items() if not articles.isdisjoint(members)}
        # no story is kept in the blob: open stories are fetched when an article, a vote or a sweep
        # names them (a long story's centroid is large; an ingest of a few articles touches few)
        hot = {"article": articles, "event": events, "story": set(), "group": groups, "term": set()}
        maps: dict[str, dict[str, Any]] = {}
        cold: dict[str, dict[str, Any]] = {}
        dropped: dict[str, set[str]] = {}
        for ns, owner, attr, keyed in _MAPS:
            data = getattr(self._owner(owner), attr)
            encode = _ENCODE.get(ns, _plain)
            keep = hot[keyed]
            maps[ns] = {k: encode(v) for k, v in data.items() if k in keep}
            rest = ((k, encode(v)) for k, v in data.items() if k not in keep)
            if isinstance(data, ColdMap):  # what was fetched and is unchanged needs no write
                cold[ns] = {k: v for k, v in rest if not data.unchanged(k, v)}
            else:
                cold[ns] = dict(rest)
            dropped[ns] = set(getattr(data, "dropped", ()))
        blob = {"version": SNAPSHOT_VERSION, "cold": True, "state": {**self._core_state(), "maps": maps}}
        return blob, cold, dropped

    @classmethod
    def restore(
        cls, snap: dict[str, Any], config: LinkConfig | None = None, cold: ColdSource | None = None
    ) -> Linker:
        """A linker that continues exactly where the saved one stopped. A blob from ``persist``
        needs ``cold``: ``cold(namespace, keys)`` returns the plain values written for those of
        ``keys`` that have a row; what is not in the blob is then fetched when first asked for."""
        if snap.get("version") != SNAPSHOT_VERSION:
            raise ValueError(f"unsupported linker snapshot version {snap.get('version')!r}")
        if snap.get("cold") and cold is None:
            raise ValueError("this linker state keeps its retired part in a store: restore it with cold=")
        lk = cls(config)
        st = snap["state"]
        lk.idf = IncrementalIdf.from_dict(st["idf"])
        lk.boilerplate = SourceBoilerplate.from_dict(st["boilerplate"])
        lk.lsh.load(st["lsh"])
        lk.graph.load(st["graph"])
        lk.stories.load(st["stories"])
        lk.articles = int(st.get("articles", 0))
        for ns, owner, attr, _ in _MAPS:
            decode = _DECODE[ns]
            data = {k: decode(v) for k, v in st["maps"][ns].items()}
            if cold is not None:
                data = ColdMap(partial(cold, ns), data, partial(_decode_row, ns, decode))
            setattr(lk._owner(owner), attr, data)
        return lk


def _plain(value: Any) -> Any:
    """Lists are copied (a saved state must not share them with the linker); scalars as they are."""
    return list(value) if isinstance(value, list) else value


def _decode_row(ns: str, decode: Callable[[Any], Any], key: str, value: Any) -> Any:
    try:
        return decode(value)
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise DamagedState(f"linker state row {ns}/{key}: {exc!r}") from None


def _start_then_id(row: dict[str, Any]) -> tuple[bool, str, str]:
    return (row["start"] is None, row["start"] or "", row["event_id"])


#: ``cold(namespace, keys)``: the plain values persisted for those of ``keys`` the store holds.
ColdSource = Callable[[str, list[str]], dict[str, Any]]

#: The linker's per-key maps: (namespace, owner, attribute, what keys them). ``persist`` keeps the
#: entries of active articles, events, stories and duplicate groups in the blob, the rest (and
#: every per-term entry) as rows.
_MAPS = (
    ("assignment", "", "assignments", "article"),
    ("published", "", "published", "article"),
    ("dup_key", "", "dup_key", "article"),
    ("dup_group", "", "dup_groups", "group"),
    ("event_of", "graph", "event_of", "article"),
    ("event", "graph", "events", "event"),
    ("members", "graph", "members", "event"),
    ("event_story", "", "event_story", "event"),
    ("story", "stories.clusters", "retired", "story"),
    ("open_story", "stories.clusters", "active", "story"),
    ("story_events", "stories", "events", "story"),
    ("story_keys", "stories.clusters.index", "_keys", "story"),
    ("story_terms", "stories.clusters.index", "_postings", "term"),
    ("idf", "idf", "df", "term"),
    ("boilerplate", "boilerplate", "df", "term"),
)
_ENCODE: dict[str, Callable[[Any], Any]] = {
    "assignment": Assignment.to_dict,
    "event": Event.to_dict,
    "story": lambda c: c.to_dict(with_vector=False),
    "open_story": Cluster.to_dict,
    "story_keys": list,
    "story_terms": list,  # the keys in the order they were keyed
}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected an id, got {type(value).__name__}")
    return value


def _day(value: Any) -> float | None:
    if value is not None and not isinstance(value, int | float):
        raise TypeError(f"expected a day number, got {type(value).__name__}")
    return value


def _ids(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of ids")
    return list(value)


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a count, got {type(value).__name__}")
    return value


def _assignment(d: Any) -> Assignment:
    return Assignment(**{**d, "explanation": dict(d.get("explanation") or {})})


#: Values read back are checked for their shape (a stored row may be damaged).
_DECODE: dict[str, Callable[[Any], Any]] = {
    "assignment": _assignment,
    "published": _day,
    "dup_key": _text,
    "dup_group": _ids,
    "event_of": _text,
    "event": Event.from_dict,
    "members": _ids,
    "event_story": _text,
    "story": Cluster.from_dict,
    "open_story": Cluster.from_dict,
    "story_events": _ids,
    "story_keys": lambda v: tuple(_ids(v)),
    "story_terms": lambda v: dict.fromkeys(_ids(v)),
    "idf": _count,
    "boilerplate": _count,
}
