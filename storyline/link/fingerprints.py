"""Near-duplicates: MinHash signatures over word shingles and an LSH index to find them fast.

Wire copies (one dpa text on several sites), updated versions and re-posts share most of their
word 3-grams; MinHash estimates that Jaccard overlap from 64 numbers, and banding the signature
(16 bands of 4 rows) finds pairs above ≈0.5 overlap with one dictionary lookup per band, so the cost
per article does not grow with the store. Candidates are then checked against ``threshold`` on the
estimated Jaccard. Hashes are CRC32 and a fixed-seed permutation family: signatures are the same on
every run and machine (Python's ``hash`` is salted per process and would break stable ids).
"""

from __future__ import annotations

import base64
import contextlib
import zlib
from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from .text import kicker_words, words

_PRIME = np.uint64(4294967311)  # smallest prime above 2**32
MAX_CANDIDATES = 128  # newest articles per band compared with an arrival (see LshIndex.query)


@dataclass(slots=True)
class DuplicateHit:
    article_id: str
    jaccard: float
    article_key: str | None = None  # set when the outlet's article key, not the wording, matched


class MinHasher:
    """Fixed-seed MinHash over word shingles."""

    def __init__(self, num_perm: int = 64, shingle: int = 3, seed: int = 20180110):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, 2**32 - 1, size=num_perm, dtype=np.uint64)
        self.b = rng.integers(0, 2**32 - 1, size=num_perm, dtype=np.uint64)
        self._a, self._b = self.a[:, None], self.b[:, None]  # as columns, to broadcast over shingles
        self.num_perm = num_perm
        self.shingle = shingle

    def shingles(self, text: str | list[str]) -> list[str]:
        toks = words(text) if isinstance(text, str) else text
        k = self.shingle
        if len(toks) < k:
            return [" ".join(toks)] if toks else []
        return [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)]

    def signature(self, text: str | list[str]) -> np.ndarray | None:
        """Signature of ``text`` (or its folded words); None when it has no words (empty texts are
        never duplicates)."""
        sh = self.shingles(text)
        if not sh:
            return None
        x = np.fromiter({zlib.crc32(s.encode("utf-8")) for s in sh}, dtype=np.uint64)
        h = self._a * x  # a × x + b (mod p) for every permutation and shingle, in place
        h += self._b
        h %= _PRIME
        return h.min(axis=1).astype(np.uint32)


class LshIndex:
    """Banded LSH over MinHash signatures, with time-based retirement of old entries."""

    def __init__(self, threshold: float, window_days: float, bands: int = 16, rows: int = 4):
        """``threshold`` and ``window_days`` are the linker's (``config.DuplicateConfig``)."""
        self.bands, self.rows = bands, rows
        step = rows * 4  # a signature's values are 4 bytes (uint32)
        self._band_spans = [(bytes([b]), b * step, (b + 1) * step) for b in range(bands)]
        self.threshold = threshold
        self.window_days = window_days
        self._buckets: dict[bytes, list[str]] = {}
        self._sigs: dict[str, np.ndarray] = {}
        self._keyed: dict[str, str] = {}  # outlet article key -> first article with it
        self._key_of: dict[str, str] = {}
        self._order: deque[tuple[float, str]] = deque()
        self.clock: float | None = None

    def __len__(self) -> int:
        return len(self._sigs)

    def _keys(self, sig: np.ndarray) -> list[bytes]:
        raw = sig.tobytes()  # slicing bytes, not the array: cheaper
        return [tag + raw[start:end] for tag, start, end in self._band_spans]

    def query(self, sig: np.ndarray) -> DuplicateHit | None:
        """The most similar indexed article at or above the threshold (ties: smallest id).

        Only the ``MAX_CANDIDATES`` newest articles sharing a band are compared, in one vectorised
        step: a burst of thousands of near-identical items (a wire text re-sent, a spam wave) fills
        the same buckets, and comparing each arrival with all of them made linking quadratic."""
        seen: dict[str, None] = {}
        for key in self._keys(sig):
            bucket = self._buckets.get(key)
            if bucket:
                seen.update(dict.fromkeys(reversed(bucket[-MAX_CANDIDATES:])))
        if not seen:
            return None
        ids = list(seen)[: MAX_CANDIDATES * 2]
        sims = (np.stack([self._sigs[a] for a in ids]) == sig).mean(axis=1)
        best: DuplicateHit | None = None
        for aid, jac in zip(ids, sims.tolist(), strict=True):
            if jac >= self.threshold and (
                best is None or jac > best.jaccard or (jac == best.jaccard and aid < best.article_id)
            ):
                best = DuplicateHit(aid, jac)
        return best

    def query_key(self, key: str | None, sig: np.ndarray | None) -> DuplicateHit | None:
        """The indexed article with the same outlet article key (``article_keys``), if any."""
        aid = self._keyed.get(key) if key else None
        if aid is None:
            return None
        other = self._sigs.get(aid)
        jac = float(np.mean(other == sig)) if other is not None and sig is not None else 0.0
        return DuplicateHit(aid, jac, key)

    def insert(self, article_id: str, sig: np.ndarray, day: float | None, key: str | None = None) -> None:
        if article_id in self._sigs:
            return
        if key and key not in self._keyed:
            self._keyed[key] = article_id
            self._key_of[article_id] = key
        self._sigs[article_id] = sig
        for band in self._keys(sig):
            self._buckets.setdefault(band, []).append(article_id)
        if day is not None:
            self.clock = day if self.clock is None else max(self.clock, day)
            self._order.append((day, article_id))
            self._retire()

    def _retire(self) -> None:
        if self.clock is None:
            return
        limit = self.clock - self.window_days
        while self._order and self._order[0][0] < limit:
            _, aid = self._order.popleft()
            sig = self._sigs.pop(aid, None)
            if (akey := self._key_of.pop(aid, None)) is not None:
                self._keyed.pop(akey, None)
            if sig is None:
                continue
            for key in self._keys(sig):
                bucket = self._buckets.get(key)
                if bucket is not None:
                    with contextlib.suppress(ValueError):
                        bucket.remove(aid)
                    if not bucket:
                        del self._buckets[key]

    def article_ids(self) -> set[str]:
        """The articles a new copy can still be matched against."""
        return set(self._sigs)

    def state(self) -> dict[str, object]:
        """The indexed articles in insertion order, their days, and their signatures packed as one
        base64 string of little-endian uint32 (as lists of numbers they were half the state)."""
        days = {aid: d for d, aid in self._order}
        ids = list(self._sigs)
        packed = np.stack([self._sigs[a] for a in ids]).astype("<u4").tobytes() if ids else b""
        return {
            "ids": ids,
            "days": [days.get(a) for a in ids],
            "sigs": base64.b64encode(packed).decode("ascii"),
            "keys": [self._key_of.get(a) for a in ids],
        }

    def load(self, state: dict[str, Any]) -> None:
        ids, days = [str(a) for a in state["ids"]], list(state["days"])
        keys = list(state.get("keys") or [None] * len(ids))  # saved before article keys: none
        sigs = np.frombuffer(base64.b64decode(state["sigs"], validate=True), dtype="<u4").astype(np.uint32)
        if len(days) != len(ids) or len(keys) != len(ids) or sigs.size != len(ids) * self.bands * self.rows:
            raise ValueError("damaged near-duplicate index state")
        for aid, sig, day, key in zip(ids, sigs.reshape(len(ids), -1), days, keys, strict=True):
            self.insert(aid, sig, float(day) if day is not None else None, str(key) if key else None)


def jaccard_estimate(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(np.mean(a == b))


def copy_words(title: str, tw: list[str], xw: list[str]) -> list[str]:
    """The words whose shingles tell copies apart: the title's and the text's, less a kicker
    (``text.kicker_words``: one to three words before a colon) that leaves at least five words of the
    title ("Verkehr: Zahlreiche Unfälle bei Schnee und Glätte in Bayern" on one site is the dpa text
    another prints without its kicker, or with "Unfälle:"); the text loses the same words where it
    begins with them (a title-only item repeats its title). Longer kickers are often the news itself
    and stay (allowing four words cost the dev morning's stories 0.008)."""
    k = kicker_words(title)
    if not k or len(tw) - k < 5:
        return tw + xw
    return tw[k:] + (xw[k:] if xw[:k] == tw[:k] else xw)
