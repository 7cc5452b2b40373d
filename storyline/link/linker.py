"""The Linker: one object that takes articles in time order and says where each belongs.

``add(item)`` runs near-duplicate detection, the event graph and the story threader, and returns an
``Assignment`` naming the event, the story, the earliest copy and the evidence. Later articles can
merge events (or, at ``consolidate``, split them); ``membership(aid)`` always gives the current answer
and ``log`` says what changed and why. All state is plain dicts and lists, so that ``state`` can save
it and resume from it (whole, or its active part with the rest as keyed rows); ``queries`` reads
events and stories out of it and ``rows`` the rows a store keeps. Nothing depends on wall-clock
time or process-salted hashes, so the same input in the same order gives the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .article_keys import article_key
from .clusters import Match, stable_id
from .coldmap import ColdMap, prefetch
from .concepts import CONCEPT, about, concept_dims, concepts, episode_key
from .config import LinkConfig
from .events import EventGraph
from .fingerprints import LshIndex, MinHasher, copy_words
from .items import Features, LinkItem, features
from .service_pieces import service_piece, service_vector
from .stories import StoryThreader
from .text import IncrementalIdf, SourceBoilerplate, SparseVec, entity_weights, normalise, tfidf, words


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


def _frequent(vec: SparseVec, counts: IncrementalIdf, share: float, floor: int) -> frozenset[str]:
    """The keys of ``vec`` counted in more than ``share`` of ``counts``' documents and more than ``floor``."""
    n, df = max(counts.n * share, floor), counts.df
    return frozenset(k for k in vec if df.get(k, 0) > n)


class Linker:
    """Near-duplicates → events → stories, online, with stable ids and explanations."""

    def __init__(self, config: LinkConfig | None = None):
        self.config = cfg = config or LinkConfig()
        self.idf = IncrementalIdf(cfg.idf_prior_docs)
        self.seeds = IncrementalIdf(0)  # the words and entities of the articles that opened an event
        self.boilerplate = SourceBoilerplate()
        self.hasher = MinHasher()
        self.lsh = LshIndex(threshold=cfg.dup.threshold, window_days=cfg.dup.window_days)
        self.graph = EventGraph(cfg.event)
        self.stories = StoryThreader(cfg.story)
        self.assignments: dict[str, Assignment] = {}
        self.event_story: dict[str, str] = {}
        self.dup_groups: dict[str, list[str]] = {}  # group key (first copy seen) -> all copies
        self.dup_key: dict[str, str] = {}
        self._earliest: dict[str, tuple[str, int, int]] = {}
        self._read: dict[str, tuple[list[str], list[str], Features]] = {}  # prefetched arrivals  # group -> (earliest copy, its index, group size)
        self.published: dict[str, float | None] = {}
        self.log: list[dict[str, Any]] = []  # merges and splits since this object was made or restored
        self._graph_log = 0
        self.articles = 0  # articles linked, over all runs

    # -- the stream -------------------------------------------------------------------------------
    def vector(self, f: Features, source: str | None = None) -> SparseVec:
        """Term TF-IDF (without the source's boilerplate) plus entities, as one unit vector.

        An entity's weight is its IDF relative to that of an entity never seen, to the power
        ``entity_idf_power``, not renormalised among the item's entities: an item whose only entity
        is "Deutschland" must not carry it at full weight (it joined 71 unrelated articles into one
        event), while a rare name shared by two items still counts fully."""
        vec = tfidf(self.boilerplate.filter(source, f.counts), self.idf)
        if f.entities:
            vec.update(entity_weights(f.entities, self.idf, self.config.entity_weight, self.config.entity_idf_power))
            vec = normalise(vec)
        return vec

    def story_vector(self, vec: SparseVec, f: Features) -> SparseVec:
        """The article as the story threader sees it: its place names weigh ``story.place_weight``
        of what they weigh for events (a region shared by two regional reports is no thread), and
        each topic its words name (``concepts``: the weather) is one more dimension of weight
        ``story.concept_weight``, so that the regional reports of one weather episode meet."""
        w = self.config.story.place_weight
        if w != 1.0 and f.place_dims:
            vec = normalise({k: (v * w if k in f.place_dims else v) for k, v in vec.items()})
        cw = self.config.story.concept_weight
        if cw and f.concepts and f.day is not None:
            vec = dict(vec)
            vec.update(concept_dims(f.concepts, f.day, cw))
            vec = normalise(vec)
        return vec

    def prefetch(self, items: list[LinkItem]) -> None:
        """Bring the keyed rows a batch of arrivals will ask for into memory in a few requests: the
        document frequencies, each source's boilerplate counts and the index postings of all their
        terms. A store-backed linker otherwise fetches them arrival by arrival, one round trip each
        (cheap in SQLite, the bulk of a resumed link in PostgreSQL). Changes no decision. A linker
        that holds everything in memory (a fresh one) has nothing to fetch; the features computed here
        are kept for ``add`` so no arrival is read twice."""
        if not isinstance(self.idf.df, ColdMap):
            return
        keys: set[str] = set()
        by_source: set[str] = set()
        for item in items:
            tw, xw = words(item.title), words(item.text)
            f = features(item, self.config.title_weight, (tw, xw))
            self._read[item.article_id] = (tw, xw, f)
            keys |= set(f.counts) | set(f.entities)
            if item.source:
                head = item.source + SourceBoilerplate.SEP
                by_source.update(head + t for t in f.counts)
                if (label := self.boilerplate.label_key(item.source, item.text)) is not None:
                    by_source.add(label)
        self._prefetch_own_keys([item.article_id for item in items])
        ordered = sorted(keys)
        prefetch(self.idf.df, ordered)
        prefetch(self.seeds.df, ordered)
        prefetch(self.boilerplate.df, sorted(by_source))
        for index in (self.graph.index, self.stories.clusters.index):
            prefetch(getattr(index, "_postings", None), ordered)

    def _prefetch_own_keys(self, aids: list[str]) -> None:
        """An arrival's own keys (its article id, the ids of the event and story it would seed) are
        mostly not stored yet; asked for one at a time, each absence costs a round trip (about 6,000
        for 1,000 arrivals into PostgreSQL). One request per map answers them all."""
        eids = [stable_id("ev_", a) for a in aids]
        clusters = self.stories.clusters
        sids = [stable_id(clusters.prefix, a) for a in aids]
        maps: list[tuple[object, list[str]]] = [
            (self.assignments, aids), (self.published, aids), (self.dup_key, aids), (self.graph.event_of, aids),
            (self.graph.events, eids), (self.graph.members, eids), (self.event_story, eids),
            (clusters.retired, sids), (clusters.active, sids), (self.stories.events, sids),
            (getattr(clusters.index, "_keys", None), sids),
        ]
        for mapping, keys in maps:
            prefetch(mapping, keys)

    def add(self, item: LinkItem) -> Assignment:
        """Link one article. The same article id again returns its first assignment unchanged."""
        seen = self.assignments.get(item.article_id)
        if seen is not None:
            return seen
        read = self._read.pop(item.article_id, None)
        label = item.text if self.boilerplate.label(item.source, item.text, item.title) else None
        if label is not None:
            item, read = self._unlabelled(item)
        if read is None:
            tw, xw = words(item.title), words(item.text)
            f = features(item, self.config.title_weight, (tw, xw))
        else:
            tw, xw, f = read
        self.idf.add(list(f.counts) + list(f.entities))
        self.boilerplate.add(item.source, f.counts)
        vec = self.vector(f, item.source)
        self.published[item.article_id] = f.day
        eff_day = f.day if f.day is not None else self.graph.clock
        sig = self.hasher.signature(copy_words(item.title, tw, xw))
        key = article_key(item.url, item.title)
        service = service_piece(item.title)
        # a horoscope for Widder is nearly the words of the one for Krebs: no copy; its title decides
        dup = self.lsh.query(sig) if sig is not None and service is None else None
        same = self.lsh.query_key(key, sig) if dup is None else None  # retitled, however much reworded
        if sig is not None:
            self.lsh.insert(item.article_id, sig, eff_day, key)
        if same is not None and same.article_id in self.assignments:
            # one article, but its new words should attract what they report: linked as an article
            # the earlier version may itself be a copy (no node of its own): its group's node stands in
            a = self._add_linked(item, f, vec, same_article=self.dup_key.get(same.article_id, same.article_id))
            a.explanation.setdefault("event", {})["article_key"] = {"of": same.article_id, "key": same.article_key}
        elif dup is not None and dup.article_id in self.assignments:
            a = self._add_duplicate(item, f, vec, dup.article_id, dup.jaccard)
        elif service is not None:
            # its own event and story: linked by its title alone, which only a relisting shares; no
            # weather episode or topic takes it ("Fahrradhandschuhe im Test: So bleiben Ihre Hände
            # im Winter warm" had joined a day's weather event)
            plain = replace(f, concepts=frozenset(), about=frozenset())
            a = self._add_linked(item, plain, service_vector(service, item.title))
            a.explanation.setdefault("event", {})["service"] = service
        else:
            a = self._add_linked(item, f, vec)
        if label is not None and not a.duplicate_of:  # linked by its headline alone
            a.explanation.setdefault("event", {})["source_label"] = label
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
        every = self.config.story.consolidate_every
        if every and self.articles % every == 0:
            self._merge_stories()
        return a

    def _unlabelled(self, item: LinkItem) -> tuple[LinkItem, tuple[list[str], list[str], Features]]:
        """The article without its text, a label of its source ("Washington Post", "Video",
        ``SourceBoilerplate.label``): no words or names of its own, with its words and features. The
        topic the label names stays (``concepts``: a label "Schnee und Glätte" still says the piece
        is about the weather)."""
        plain = replace(item, text="", entities=[], places=[])
        tw = words(item.title)
        named = concepts(item.title, item.text)
        f = features(plain, self.config.title_weight, (tw, []))
        return plain, (tw, [], replace(f, concepts=named, about=about(item.title, item.text, named)))

    def _merge_stories(self) -> None:
        cfg = self.config.story
        if cfg.votes:
            self.log.extend(self.stories.merge_voted(cfg.vote_gate, cfg.min_votes))
        self.log.extend(self.stories.consolidate(cfg.merge_threshold))

    def _near_stories(self, own: str | None = None, support: dict[str, tuple[int, float]] | None = None) -> list[str]:
        """Live stories of the last article's nearest neighbours in the event graph (not ``own``)."""
        if not self.config.story.neighbour_candidates:
            return []
        return [sid for sid in (support if support is not None else self._neighbour_support()) if sid != own]

    def _neighbour_support(self) -> dict[str, tuple[int, float]]:
        """Live story -> (strong neighbours, summed similarity) over the last article's nearest
        neighbours in the event graph, best supported first; a neighbour is strong at
        ``story.nbr_sim`` or more."""
        out: dict[str, tuple[int, float]] = {}
        for s, aid in self.graph.last_near:
            eid = self.graph.event_of.get(aid)
            sid = self.event_story.get(self.graph.resolve(eid)) if eid else None
            if sid is not None:
                sid = self.stories.resolve(sid)
                n, total = out.get(sid, (0, 0.0))
                out[sid] = (n + (s >= self.config.story.nbr_sim), total + s)
        return dict(sorted(out.items(), key=lambda kv: (-kv[1][1], kv[0])))

    def _common(self, vec: SparseVec) -> frozenset[str]:
        """The article's words and entities that are common in the stream so far: in more than
        ``event.common_share`` of its articles and more than ``event.common_floor`` of them
        (``EventGraph.similarity`` wants more of them)."""
        p = self.config.event
        if not p.common_min or not p.common_share:
            return frozenset()
        return _frequent(vec, self.idf, p.common_share, p.common_floor)

    def spread(self, vec: SparseVec) -> frozenset[str]:
        """The article's words and entities that opened more than ``event.spread_share`` of the
        stream's events so far (and more than ``event.spread_floor``): Merz, Euro, AfD, "Top 10",
        "Umfrage". They name a topic many happenings share; a happening's own words, however often
        its many articles repeat them ("Residenz" of the drone attack on Putin's residence), open
        one event or a few. ``EventGraph`` merges two events only on more than these."""
        p = self.config.event
        if not p.merge_specific:
            return frozenset()
        return _frequent(vec, self.seeds, p.spread_share, p.spread_floor)

    def _topic_match(self, svec: SparseVec, f: Features) -> Match | None:
        """The story of the day's weather episode, for an article that names the weather and found
        no story of its own: the episode's event has it (``EventGraph.episodes``)."""
        arts = self.graph.episodes.get(episode_key(f.concepts, f.day))
        if not arts or not self.config.event.episode_share:
            return None
        sid = self.event_story.get(self.graph.resolve(self.graph.event_of[arts[-1]]))
        return self.stories.score(self.stories.resolve(sid), svec, f.day, f.days) if sid else None

    def _add_duplicate(
        self, item: LinkItem, f: Features, vec: SparseVec, other: str, jac: float
    ) -> Assignment:
        key = self.dup_key.get(other, other)
        group = self.dup_groups.setdefault(key, [key])
        self.dup_key[key] = key
        group.append(item.article_id)
        self.dup_key[item.article_id] = key
        earliest = self.earliest(key)
        if f.about:
            self.graph.mark_episode(key, episode_key(f.about, f.day))
        eid, sid = self.membership(key)
        self.stories.add_article(sid, item.article_id, self.story_vector(vec, f), f.day, f.days)
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

    def _add_linked(self, item: LinkItem, f: Features, vec: SparseVec, same_article: str | None = None) -> Assignment:
        title = item.title or item.text[:120]
        svec = self.story_vector(vec, f)
        spread = self.spread(vec)
        # a link on spread words alone needs as many of them as one on common words ("Falsche
        # Polizisten bringen Seniorin um Schmuck und Geld" is no "Ordnung in Ihr Geld bringen");
        # not on spread names (a long topic's recurring names link its articles: Timeline17 lost
        # 0.03 of its story score when they had to be four), nor for the weather, whose words open
        # an event for every regional report
        words = frozenset(k for k in spread if k[:2] != "E:") if not f.concepts else frozenset()
        common = self._common(vec) | words
        eid, ev_expl = self.graph.add(
            item.article_id, vec, f.day, title, f.days, same_article=same_article, places=f.place_dims,
            episode=episode_key(f.about, f.day),
            common=common,
            spread=spread,
        )
        if ev_expl.get("rule") == "new event":
            self.seeds.add(vec)
        expl: dict[str, Any] = {"event": ev_expl}
        if eid in self.event_story:
            sid = self.stories.resolve(self.event_story[eid])
            if self.config.story.votes:
                self._vote(sid, svec, f.day, f.days)
            self.stories.add_article(sid, item.article_id, svec, f.day, f.days)
            ev = self.graph.events.get(eid)
            if self.config.story.reattach and ev is not None and ev.n >= 2 and ev.n & (ev.n - 1) == 0:
                sid = self._reattach(eid, sid, ev.total, f.day, f.days)
            expl["decision"] = "joined event"
            return Assignment(
                item.article_id, eid, sid, score=expl["event"].get("score", 0.0), explanation=expl
            )
        support = self._neighbour_support()
        m = self.stories.match(svec, f.day, f.days, self._near_stories(support=support), common)
        rule = "threshold" if m is None or m.score >= self.config.story.threshold else "cohesion"
        if m is None and self.config.story.nbr_min:
            m = self._neighbour_match(svec, f.day, f.days, support, common)
            rule = "neighbours"
        if m is None and f.concepts:
            m = self._topic_match(svec, f)
            rule = "topic"
        if m is not None:
            sid = m.cluster.id
            # the evidence is what the story had before the article joined it (after, every word of
            # the article's own would count as shared: "hape", "kerkel" for a piece on Hape Kerkeling)
            parts = self.stories.clusters.explain_terms(svec, m.cluster, 16)
            self.stories.add_event(sid, eid)
            self.stories.add_article(sid, item.article_id, svec, f.day, f.days)
            expl["story"] = {
                "best": sid,
                "score": round(m.score, 4),
                "text_score": round(m.text_score, 4),
                "time_factor": round(m.time_factor, 4),
                "gap_days": None if m.gap_days is None else round(m.gap_days, 2),
                "threshold": self.config.story.threshold,
                # threshold | cohesion (a diffuse long story) | neighbours (nearest articles) | topic (the
                # story of the day's weather episode, for an article that names the weather)
                "rule": rule,
                "shared_entities": [k[2:] for k, _ in parts if k.startswith("E:")][:8],
                "shared_terms": [k for k, _ in parts if not k.startswith(("E:", CONCEPT))][:8],
                "shared_topics": sorted({k[len(CONCEPT) :].split(":")[0] for k, _ in parts if k.startswith(CONCEPT)}),
            }
            expl["decision"] = "new event in existing story"
        else:
            sid = self.stories.open(item.article_id, eid, svec, f.day, title, f.days)
            expl["decision"] = "new event, new story"
            if (refused := self.stories.refused) is not None:
                expl["story"] = {
                    "refused": refused.cluster.id,
                    "score": round(refused.score, 4),
                    "reason": "it shares only words and names common in the stream",
                }
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
        self,
        vec: SparseVec,
        day: float | None,
        days: frozenset[str],
        support: dict[str, tuple[int, float]],
        common: frozenset[str] = frozenset(),
    ) -> Match | None:
        """A new event below the story threshold still joins the story that at least ``story.nbr_min``
        of its nearest articles (each at least ``story.nbr_sim`` similar) belong to, when the story's
        centroid is not far off either (``story.nbr_floor``): one article against a long story's
        centroid is a poor sample, its neighbours are a second, independent one. What it shares
        beyond the stream's ``common`` words must weigh ``story.nbr_distinct_min`` too: neighbours
        that only say "schwer verletzt" gathered a day's accidents, stabbings and fires."""
        cfg = self.config
        for sid, (strong, _) in support.items():
            if strong < cfg.story.nbr_min:
                continue
            m = self.stories.score(sid, vec, day, days)
            if m is not None and m.score >= cfg.story.nbr_floor and self.stories.distinct(
                vec, m, common, cfg.story.nbr_distinct_min
            ):
                return m
        return None

    def _reattach(self, eid: str, sid: str, total: SparseVec, day: float | None, days: frozenset[str]) -> str:
        """An event that has grown (2, 4, 8, … articles) is a better sample than its first article:
        when its story holds only this event and the event's centroid fits another story at the story
        threshold, the two stories merge (the event re-attaches). Returns the event's story now."""
        if self.stories.events.get(sid) != [eid]:
            return sid
        near = self._near_stories(sid)
        if not near and not self.config.story.vote_index:
            return sid
        vec = normalise(dict(total))
        m = self.stories.clusters.best(vec, day, days, near, use_index=self.config.story.vote_index)
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
        if not near and not self.config.story.vote_index:
            return
        m = self.stories.clusters.best(vec, day, days, near, use_index=self.config.story.vote_index)
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
            if entry.get("episode"):  # one weather episode: its events' stories are one story too
                ours, theirs = self.event_story.get(entry["into"]), self.event_story.get(entry["from"])
                merged = self.stories.merge_pair(ours, theirs, entry["reason"]) if ours and theirs else None
                if merged is not None:
                    self.log.append(merged)
        self._graph_log = len(self.graph.log)

    def consolidate(self) -> None:
        """Settle pending splits (called by ``snapshot``; call it before reading memberships)."""
        self.graph.consolidate()
        self._sync_log()
        self._merge_stories()

    # -- views --------------------------------------------------------------------------------------
    def earliest(self, group_key: str) -> str:
        """The earliest copy of a duplicate group: by publication time, then by arrival. Groups only
        grow by one copy at a time, so the answer is kept per group and compared with the newest copy
        alone (a burst of thousands of copies made this quadratic)."""
        members = self.dup_groups.get(group_key, [group_key])
        n, hit = len(members), self._earliest.get(group_key)
        if hit is not None and hit[2] == n:
            return hit[0]
        if hit is not None and hit[2] == n - 1:
            best = min((hit[0], hit[1]), (members[-1], n - 1), key=self._when)
        else:
            best = min(((m, i) for i, m in enumerate(members)), key=self._when)
        self._earliest[group_key] = (best[0], best[1], n)
        return best[0]

    def _when(self, copy: tuple[str, int]) -> tuple[int, float, int]:
        d = self.published.get(copy[0])
        return (0, d, copy[1]) if d is not None else (1, 0.0, copy[1])

    def membership(self, article_id: str) -> tuple[str, str]:
        """The article's current (event id, story id)."""
        node = self.dup_key.get(article_id, article_id)
        eid = self.graph.resolve(self.graph.event_of.get(node, ""))
        if not eid:
            a = self.assignments[article_id]
            return a.event_id, a.story_id
        return eid, self.stories.resolve(self.event_story.get(eid, ""))
