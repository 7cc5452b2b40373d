"""``compare(a, b)``: how two articles relate — duplicate, same event, same story or unrelated — and why.

The evidence is the same the linker uses, laid out for a reader: shared entities and places, the
terms that carry the text similarity, overlapping mentioned dates, the gap between publication dates,
quotes in common and the near-duplicate overlap. With a ``Linker`` that has seen both articles the
verdict is the linker's own (their current event and story); otherwise it is decided from the scores
with the linker's thresholds. Every number is symmetric in ``a`` and ``b``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .config import LinkConfig
from .fingerprints import MinHasher, copy_words, jaccard_estimate
from .items import Features, LinkItem, features
from .linker import Linker
from .text import IncrementalIdf, contributions, dot, entity_weights, normalise, terms, tfidf, words

Relation = Literal["duplicate", "same event", "same story", "unrelated"]


@dataclass(slots=True)
class Comparison:
    relation: Relation
    score: float
    text_similarity: float
    entity_similarity: float
    near_duplicate: float
    gap_days: float | None
    shared_entities: list[str] = field(default_factory=list)
    shared_places: list[str] = field(default_factory=list)
    shared_terms: list[tuple[str, float]] = field(default_factory=list)
    shared_dates: list[str] = field(default_factory=list)
    shared_quotes: list[str] = field(default_factory=list)
    basis: str = "scores"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _quote_key(q: str) -> frozenset[str]:
    return frozenset(terms(q))


def shared_quotes(a: list[str], b: list[str], min_overlap: float = 0.6) -> list[str]:
    """Quotes of ``a`` that ``b`` also carries (word overlap ≥ ``min_overlap``), in sorted order."""
    out = set()
    kb = [(q, _quote_key(q)) for q in b]
    for qa in a:
        ka = _quote_key(qa)
        for qb, k in kb:
            if ka and k and len(ka & k) / len(ka | k) >= min_overlap:
                out.add(min(qa, qb))
    return sorted(out)


def compare(
    a: LinkItem, b: LinkItem, linker: Linker | None = None, config: LinkConfig | None = None
) -> Comparison:
    """Explain the relation of two articles; pass the linker to use its IDF and its verdict."""
    cfg = linker.config if linker is not None else (config or LinkConfig())
    fa, fb = features(a, cfg.title_weight), features(b, cfg.title_weight)
    if linker is not None:
        idf = linker.idf
    else:
        idf = IncrementalIdf(cfg.idf_prior_docs)
        for f in (fa, fb):
            idf.add(list(f.counts) + list(f.entities))
    ta, tb = tfidf(fa.counts, idf), tfidf(fb.counts, idf)
    ea, eb = tfidf(fa.entities, idf), tfidf(fb.entities, idf)

    def combined(t: dict[str, float], f: Features) -> dict[str, float]:
        e = entity_weights(f.entities, idf, cfg.entity_weight, cfg.entity_idf_power)
        return normalise({**t, **e}) if e else t

    va, vb = combined(ta, fa), combined(tb, fb)
    cos = dot(va, vb)
    gap = None if fa.day is None or fb.day is None else abs(fa.day - fb.day)
    ep = cfg.event
    event_score = cos
    if gap is not None:
        event_score = (
            -1.0 if gap > ep.window_days else cos * math.exp(-max(0.0, gap - ep.grace_days) / ep.tau_days)
        )
    hasher = MinHasher()
    jac = jaccard_estimate(
        hasher.signature(copy_words(a.title, words(a.title), words(a.text))),
        hasher.signature(copy_words(b.title, words(b.title), words(b.text))),
    )
    parts = contributions(va, vb, 24)
    ents = sorted(set(fa.entities) & set(fb.entities))
    relation: Relation
    basis = "scores"
    if jac >= cfg.dup.threshold:
        relation = "duplicate"
    elif linker is not None and a.article_id in linker.assignments and b.article_id in linker.assignments:
        basis = "linker"
        (ev_a, st_a), (ev_b, st_b) = linker.membership(a.article_id), linker.membership(b.article_id)
        relation = "same event" if ev_a == ev_b else ("same story" if st_a == st_b else "unrelated")
    elif event_score >= ep.threshold:
        relation = "same event"
    elif cos >= cfg.story.threshold and (gap is None or gap <= cfg.story.window_days):
        relation = "same story"
    else:
        relation = "unrelated"
    return Comparison(
        relation=relation,
        score=round(max(event_score, 0.0) if relation == "same event" else cos, 4),
        text_similarity=round(dot(ta, tb), 4),
        entity_similarity=round(dot(ea, eb), 4),
        near_duplicate=round(jac, 4),
        gap_days=None if gap is None else round(gap, 2),
        shared_entities=[e[2:] for e in ents][:20],
        shared_places=sorted(fa.places & fb.places),
        shared_terms=[(k, v) for k, v in parts if not k.startswith("E:")][:12],
        shared_dates=sorted(fa.days & fb.days),
        shared_quotes=shared_quotes(a.quotes, b.quotes),
        basis=basis,
    )
