"""Coreference scores over mention clusterings: MUC, B-cubed, CEAF-e and their CoNLL average.

Inputs are two mappings mention -> cluster (gold, system) over the same mentions; a mention the
system did not find is given its own cluster by the caller (a singleton), as the CoNLL scorer does
for gold mentions. Definitions follow Pradhan et al. (2014), "Scoring coreference partitions".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from .clustering import bcubed, prf


def _clusters(assign: Mapping[str, Hashable]) -> list[set[str]]:
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for mention, cluster in assign.items():
        groups[cluster].add(mention)
    return list(groups.values())


def _muc_side(keys: list[set[str]], other: Mapping[str, Hashable]) -> tuple[int, int]:
    """Sum over key clusters of |K| - |partitions of K by the other side|, and of |K| - 1."""
    num = den = 0
    for k in keys:
        parts = {other.get(m, ("missing", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    rn, rd = _muc_side(_clusters(gold), pred)
    pn, pd = _muc_side(_clusters(pred), gold)
    return prf(pn / pd if pd else 0.0, rn / rd if rd else 0.0)


def ceafe(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    """Entity-based CEAF: the best one-to-one alignment of gold and system clusters under
    phi4 = 2|K∩R| / (|K|+|R|). Clusters that share no mention score 0 together, so the alignment is
    solved per connected component of the overlap graph (small), each with the Hungarian method."""
    keys, resp = _clusters(gold), _clusters(pred)
    if not keys or not resp:
        return prf(0.0, 0.0)
    where = {m: j for j, r in enumerate(resp) for m in r}
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for i, k in enumerate(keys):
        for m in k:
            if m in where:
                overlap[(i, where[m])] += 1
    total = 0.0
    for comp_keys, comp_resp in _components(overlap):
        matrix = [[2 * overlap.get((i, j), 0) / (len(keys[i]) + len(resp[j])) for j in comp_resp] for i in comp_keys]
        total += _best_assignment(matrix)
    return prf(total / len(resp), total / len(keys))


def _components(overlap: Mapping[tuple[int, int], int]) -> list[tuple[list[int], list[int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in overlap:
        parent[find(("k", i))] = find(("r", j))
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        side, n = node
        group = groups.setdefault(find(node), ([], []))
        (group[0] if side == "k" else group[1]).append(n)
    return [(sorted(a), sorted(b)) for a, b in groups.values()]


def _best_assignment(score: list[list[float]]) -> float:
    """Maximum-weight one-to-one assignment (Hungarian method, O(n^3), on a square padding)."""
    n = max(len(score), len(score[0]))
    cost = [[-(score[i][j] if i < len(score) and j < len(score[0]) else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return -sum(cost[p[j] - 1][j - 1] for j in range(1, n + 1) if p[j])


def scores(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, object]:
    """All three metrics and the CoNLL F1 (their mean F1)."""
    b, m, c = bcubed(gold, pred), muc(gold, pred), ceafe(gold, pred)
    conll = round((b["f1"] + m["f1"] + c["f1"]) / 3, 4)
    return {"bcubed": b, "muc": m, "ceafe": c, "conll_f1": conll}
