"""Candidate indexes: which clusters might an incoming article belong to, without scanning them all.

The clusterers talk to an index through ``insert`` / ``remove`` / ``query`` only, so another index
(an ANN index over embeddings, a Spark-side lookup) can replace this one without touching them.
The inverted index keys each cluster by its strongest terms; a query asks with the article's strongest
terms and gets the clusters sharing most of them. Terms whose posting lists grow past ``max_postings``
are ignored at query time: they occur everywhere and would turn the lookup into a scan.

Both of its maps (term -> postings in the order they were keyed, key -> terms) may be ``ColdMap``s:
a store-backed story index then reads only the postings of the terms a query or an update names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain, islice
from typing import Protocol

from .coldmap import ColdMap, prefetch


class CandidateIndex(Protocol):
    """The interface the event and story clusterers use."""

    def insert(self, key: str, terms: Iterable[str]) -> None: ...

    def remove(self, key: str) -> None: ...

    def query(self, terms: Iterable[str], limit: int, min_hits: int = 1) -> list[str]: ...

    def __len__(self) -> int: ...


class InvertedIndex:
    """Term → cluster postings; ``insert`` again with new terms to update a cluster's keys."""

    __slots__ = ("_keys", "_postings", "max_postings")

    def __init__(self, max_postings: int = 300):
        self._postings: dict[str, dict[str, None]] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self.max_postings = max_postings

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def insert(self, key: str, terms: Iterable[str]) -> None:
        new = tuple(dict.fromkeys(terms))
        old = self._keys.get(key, ())
        if old == new:
            return
        old_set, new_set = set(old), set(new)
        if isinstance(self._postings, ColdMap):
            self._postings.prefetch([t for t in old if t not in new_set] + [t for t in new if t not in old_set])
        for t in old_set - new_set:
            self._drop(t, key)
        for t in new:
            if t not in old_set:
                self._postings.setdefault(t, {})[key] = None
        self._keys[key] = new

    def remove(self, key: str) -> None:
        terms = self._keys.pop(key, ())
        prefetch(self._postings, terms)
        for t in terms:
            self._drop(t, key)

    def _drop(self, term: str, key: str) -> None:
        post = self._postings.get(term)
        if post is not None:
            post.pop(key, None)
            if not post:
                del self._postings[term]

    def query(self, terms: Iterable[str], limit: int, min_hits: int = 1) -> list[str]:
        """Keys sharing at least ``min_hits`` of ``terms``, most shared first (ties by key), at most ``limit``."""
        cap = self.max_postings
        if isinstance(self._postings, ColdMap):
            terms = list(terms)
            self._postings.prefetch(terms)
        postings = self._postings.get
        lists: list[dict[str, None]] = []
        for t in terms:
            post = postings(t)
            if not post:
                continue
            # a very common term: only its most recently keyed clusters
            lists.append(post if len(post) <= cap else dict.fromkeys(islice(reversed(post.keys()), cap)))
        if min_hits > 1 and len(lists) > 1:
            # a key in ``min_hits`` lists is in ``min_hits - m`` of them besides the ``m`` longest:
            # count the shorter lists (in C, in one call), keep the keys found often enough, and only
            # look those up in the longest lists instead of counting them too
            m = min(min_hits // 2, len(lists) - 1)
            lists.sort(key=len)
            hits: dict[str, int] = Counter(chain.from_iterable(lists[:-m]))
            if (need := min_hits - m) > 1:
                hits = {k: h for k, h in hits.items() if h >= need}
            for post in lists[-m:]:
                for k in post.keys() & hits.keys():
                    hits[k] += 1
        else:
            hits = Counter(chain.from_iterable(lists))
        keys = [k for k, h in hits.items() if h >= min_hits] if min_hits > 1 else list(hits)
        if len(keys) <= limit:
            return sorted(keys)
        get = hits.__getitem__
        keys.sort(key=lambda k: (-get(k), k))
        return keys[:limit]

    def keys(self) -> list[str]:
        return list(self._keys)
