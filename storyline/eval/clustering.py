"""Clustering scores shared by the event and story evaluations: BCubed and pairwise P/R/F1.

One implementation, so every linking number in EVAL.md is computed the same way. Pairwise scores count
pairs through cluster sizes (no quadratic pair enumeration), which keeps 300k-item streams cheap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    """BCubed over the items present in both mappings (Bagga & Baldwin; Amigó et al. 2009)."""
    items = [i for i in gold if i in pred]
    if not items:
        return prf(0.0, 0.0)
    joint = Counter((gold[i], pred[i]) for i in items)
    gsize = Counter(gold[i] for i in items)
    psize = Counter(pred[i] for i in items)
    p = sum(joint[(gold[i], pred[i])] / psize[pred[i]] for i in items) / len(items)
    r = sum(joint[(gold[i], pred[i])] / gsize[gold[i]] for i in items) / len(items)
    return prf(p, r)


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    """Precision/recall over all item pairs put together (by the system) / belonging together (gold)."""
    items = [i for i in gold if i in pred]
    joint = Counter((gold[i], pred[i]) for i in items)
    gsize = Counter(gold[i] for i in items)
    psize = Counter(pred[i] for i in items)

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    tp, g, s = pairs(joint.values()), pairs(gsize.values()), pairs(psize.values())
    return prf(tp / s if s else (1.0 if not g else 0.0), tp / g if g else 1.0)


def pairwise_from_pairs(
    gold_pairs: Iterable[tuple[str, str]], pred: Mapping[str, Hashable], items: Iterable[str]
) -> dict[str, float]:
    """Pairwise P/R/F1 when gold is a set of positive pairs over ``items`` (news story chains)."""
    gold = {tuple(sorted(p)) for p in gold_pairs}
    ids = sorted(set(items))
    groups: dict[Hashable, list[str]] = {}
    for i in ids:
        if i in pred:
            groups.setdefault(pred[i], []).append(i)
    predicted = {
        (a, b) for members in groups.values() for x, a in enumerate(members) for b in members[x + 1 :]
    }
    tp = len(gold & predicted)
    p = tp / len(predicted) if predicted else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    return prf(p, r)


def components(pairs: Iterable[tuple[str, str]], items: Iterable[str]) -> dict[str, str]:
    """Connected components of a pair graph: each item mapped to its component's smallest member."""
    parent: dict[str, str] = {i: i for i in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in parent}


def without_largest(
    gold: Mapping[str, Hashable], pred: Mapping[str, Hashable], events: Mapping[str, Hashable], n: int = 2
) -> dict[str, object]:
    """The same scores with the items of the ``n`` largest gold events left out (ties by id).

    On the front-page dev morning two events hold a sixth of the items (the attack on Venezuela, 80;
    the winter weather, 69), so they weigh on every number; this says what the rest scores."""
    sizes = Counter(events[k] for k in gold if k in events)
    largest = [e for e, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]]
    kept = [k for k in gold if events.get(k) not in largest]
    g = {k: gold[k] for k in kept}
    p = {k: pred[k] for k in kept if k in pred}
    return {"events_left_out": [str(e) for e in largest], "n_articles": len(kept),
            "bcubed": bcubed(g, p), "pairwise": pairwise(g, p)}
