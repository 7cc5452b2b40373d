"""A dict whose missing keys are fetched from cold storage on first use.

A store-backed linker keeps only its *active* part in the state it reads on every ingest (articles
still in the event index, events and stories still open); what retired goes to per-key rows in the
store and comes back only when something asks for it (a duplicate of an old article, a merge moving a
long story's old members). So resuming costs what the active part costs, not what the store holds.

``ColdMap`` is that lookup: ``m[k]``, ``k in m``, ``m.get(k)``, ``m.pop(k)`` and ``m.setdefault`` first
look in memory, then ask ``fetch(k)`` once (a miss is remembered), and keep what came back. Keys that
were removed are listed in ``dropped`` so their cold rows can be deleted. Iteration, ``len`` and the
views see only what is in memory: callers iterate over what they hold, never over the whole store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

V = TypeVar("V")

class DamagedState(ValueError):
    """A cold row exists but cannot be read back (damaged or of another shape)."""


#: What ``fetch`` returns for a key cold storage does not hold (``None`` can be a value).
MISSING: Any = object()


class ColdMap(dict[str, V]):
    __slots__ = ("_absent", "_fetch", "dropped")

    def __init__(self, fetch: Callable[[str], Any], data: dict[str, V] | None = None):
        super().__init__(data or {})
        self._fetch = fetch
        self._absent: set[str] = set()
        self.dropped: set[str] = set()

    def _load(self, key: str) -> Any:
        if key in self._absent:
            return MISSING
        value = self._fetch(key)
        if value is MISSING:
            self._absent.add(key)
        else:
            dict.__setitem__(self, key, value)
        return value

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
        self.dropped.add(key)

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        if key in self:
            self.dropped.add(key)
            return dict.pop(self, key)
        if default:
            return default[0]
        raise KeyError(key)
