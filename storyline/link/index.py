"""Candidate indexes: which clusters might an incoming article belong to, without scanning them all.

The clusterers talk to an index through ``insert`` / ``remove`` / ``query`` only, so another index
(an ANN index over embeddings, a Spark-side lookup) can replace this one without touching them.
The inverted index keys each cluster by its strongest terms; a query asks with the article's strongest
terms and gets the clusters sharing most of them. Terms whose posting lists grow past ``max_postings``
are ignored at query time: they occur everywhere and would turn the lookup into a scan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import islice
from typing import Protocol


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
        for t in old_set - new_set:
            self._drop(t, key)
        for t in new:
            if t not in old_set:
                self._postings.setdefault(t, {})[key] = None
        self._keys[key] = new

    def remove(self, key: str) -> None:
        for t in self._keys.pop(key, ()):
            self._drop(t, key)

    def _drop(self, term: str, key: str) -> None:
        post = self._postings.get(term)
        if post is not None:
            post.pop(key, None)
            if not post:
                del self._postings[term]

    def query(self, terms: Iterable[str], limit: int, min_hits: int = 1) -> list[str]:
        """Keys sharing at least ``min_hits`` of ``terms``, most shared first (ties by key), at most ``limit``."""
        hits: Counter[str] = Counter()
        cap = self.max_postings
        for t in terms:
            post = self._postings.get(t)
            if not post:
                continue
            if len(post) <= cap:
                hits.update(post.keys())  # counted in C
            else:  # a very common term: only its most recently keyed clusters
                hits.update(islice(reversed(post.keys()), cap))
        keys = [k for k, h in hits.items() if h >= min_hits] if min_hits > 1 else list(hits)
        if len(keys) <= limit:
            return sorted(keys)
        get = hits.__getitem__
        keys.sort(key=lambda k: (-get(k), k))
        return keys[:limit]

    def keys(self) -> list[str]:
        return list(self._keys)
