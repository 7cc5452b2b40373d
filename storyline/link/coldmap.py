"""A dict whose missing keys are fetched from cold storage on first use.

A store-backed linker keeps only its *active* part in the state it reads on every ingest (articles
still in the event index and their events); what retired or is merely waiting (an old article, a
story opened by one article months ago, the document frequency of a term, the stories keyed under a
term) lives in per-key rows in the store and comes back only when something asks for it (a
duplicate of an old article, a term of an arriving article, a story the index names as a
candidate). So resuming costs what the active part costs, not what the store holds.

``ColdMap`` is that lookup: ``m[k]``, ``k in m``, ``m.get(k)``, ``m.pop(k)`` and ``m.setdefault`` first
look in memory, then ask ``fetch([k])`` once (a miss is remembered), and keep what came back;
``prefetch(keys)`` asks for many keys in one round trip (the terms of an arriving article). Keys
that were removed are listed in ``dropped`` so their rows can be deleted, and are absent from then
on (their row, still there until the next save, must not answer again). ``unchanged(k, plain)``
tells whether an entry is still what was fetched, so that only what changed is written back.
Iteration, ``len`` and the views see only what is in memory: callers iterate over what they hold,
never over the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

V = TypeVar("V")


class DamagedState(ValueError):
    """A cold row exists but cannot be read back (damaged or of another shape)."""


#: What a lookup answers for a key cold storage does not hold (``None`` can be a value).
MISSING: Any = object()

#: ``fetch(keys)``: the plain (JSON) values cold storage holds for those of ``keys`` it has.
Fetch = Callable[[list[str]], dict[str, Any]]


def _identity(key: str, value: Any) -> Any:
    return value


class ColdMap(dict[str, V]):
    """``decode(key, plain)`` turns a fetched plain value into the entry; it must not share mutable
    parts with ``plain`` (which is kept to tell a changed entry from an unchanged one)."""

    __slots__ = ("_absent", "_decode", "_fetch", "_raw", "dropped")

    def __init__(
        self,
        fetch: Fetch,
        data: dict[str, V] | None = None,
        decode: Callable[[str, Any], V] = _identity,
    ):
        super().__init__(data or {})
        self._fetch = fetch
        self._decode = decode
        self._absent: set[str] = set()
        self._raw: dict[str, Any] = {}  # key -> the plain value fetched for it
        self.dropped: set[str] = set()

    def prefetch(self, keys: Iterable[str]) -> None:
        """Fetch every key of ``keys`` not in memory and not known to be absent, in one request."""
        want = [k for k in dict.fromkeys(keys) if not dict.__contains__(self, k) and k not in self._absent]
        if not want:
            return
        got = self._fetch(want)
        for k in want:
            if k in got:
                plain = got[k]
                dict.__setitem__(self, k, self._decode(k, plain))
                self._raw[k] = plain
            else:
                self._absent.add(k)

    def _load(self, key: str) -> Any:
        if key in self._absent:
            return MISSING
        self.prefetch((key,))
        return dict.get(self, key, MISSING)

    def unchanged(self, key: str, plain: Any) -> bool:
        """Whether ``plain`` (the entry encoded now) is what was fetched for ``key``: no write needed."""
        return key in self._raw and self._raw[key] == plain

    def __missing__(self, key: str) -> V:
        value = self._load(key)
        if value is MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or (isinstance(key, str) and self._load(key) is not MISSING)

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        value = self._load(key)
        return default if value is MISSING else value

    def setdefault(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if key in self:
            return dict.__getitem__(self, key)
        self[key] = default
        return default

    def __setitem__(self, key: str, value: V) -> None:
        self._absent.discard(key)
        self.dropped.discard(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        dict.__delitem__(self, key)
        self._gone(key)

    def _gone(self, key: str) -> None:
        """A removed key is absent from now on: its row (deleted at the next save) must not answer."""
        self.dropped.add(key)
        self._absent.add(key)

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        if key in self:
            value = dict.pop(self, key)
            self._gone(key)
            return value
        if default:
            return default[0]
        raise KeyError(key)


def prefetch(mapping: object, keys: Iterable[str]) -> None:
    """``mapping.prefetch(keys)`` when it is a ``ColdMap``; nothing for a plain dict."""
    if isinstance(mapping, ColdMap):
        mapping.prefetch(keys)
