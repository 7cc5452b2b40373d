"""The linker's saved state: the whole picture for a snapshot, or the active part in one blob and
the rest as keyed rows for a store; and resuming from either.

Why two forms: ``snapshot`` is the in-memory run's result (rows for events, stories, memberships
and duplicate groups, the log, and the whole state), fine for a corpus that fits in memory. A
store-backed run saves with ``persist`` instead: the active part in one blob (what every resume
reads); retired entries, open stories and the per-term maps (document frequencies, the story
index) as keyed rows fetched back only when needed (``ColdMap``), written only where they changed.
Values read back are checked for their shape, as a stored row may be damaged (``DamagedState``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from .clusters import Cluster
from .coldmap import ColdMap, DamagedState
from .config import LinkConfig
from .events import Event
from .linker import Assignment, Linker
from .queries import duplicate_groups, memberships
from .rows import event_rows, story_rows
from .text import IncrementalIdf, SourceBoilerplate

SNAPSHOT_VERSION = 5  # 4: ``seeds``, the event-opening document frequencies; 5: bylines and source labels


def snapshot(linker: Linker) -> dict[str, Any]:
    """Rows for the store (events, stories, memberships, duplicate groups, the log) plus the
    whole state (``state_blob``). In-memory: a store-backed run writes what changed instead."""
    linker.consolidate()
    now = memberships(linker)
    events = event_rows(linker, (e for e, _ in now.values()))
    places = []
    for aid, a in linker.assignments.items():
        row = a.to_dict()
        row["event_id"], row["story_id"] = now[aid]
        row["assigned_event_id"], row["assigned_story_id"] = a.event_id, a.story_id
        places.append(row)
    return {
        **state_blob(linker),
        "events": events,
        "stories": story_rows(linker, (s for _, s in now.values()), {e["event_id"]: e for e in events}),
        "memberships": places,
        "duplicates": duplicate_groups(linker),
        "log": list(linker.log),
    }


def _owner(linker: Linker, path: str) -> Any:
    obj: Any = linker
    for name in filter(None, path.split(".")):
        obj = getattr(obj, name)
    return obj


def _core_state(linker: Linker) -> dict[str, Any]:
    return {
        "idf": linker.idf.state(),
        "seeds": linker.seeds.state(),
        "boilerplate": linker.boilerplate.state(),
        "lsh": linker.lsh.state(),
        "graph": linker.graph.state(),
        "stories": linker.stories.state(),
        "articles": linker.articles,
    }


def state_blob(linker: Linker) -> dict[str, Any]:
    """Everything ``restore`` needs, as plain data, in one blob (no rows, no log)."""
    maps = {
        ns: {k: _ENCODE.get(ns, _plain)(v) for k, v in getattr(_owner(linker, owner), attr).items()}
        for ns, owner, attr, _ in _MAPS
    }
    return {"version": SNAPSHOT_VERSION, "state": {**_core_state(linker), "maps": maps}}


def persist(linker: Linker) -> tuple[dict[str, Any], dict[str, dict[str, Any]], dict[str, set[str]]]:
    """The state split for a store: ``(blob, cold, dropped)``.

    ``blob`` holds the active part, which every resume reads: articles still in the event index
    or the duplicate window and the events they belong to. The rest of what is in memory goes
    to ``cold`` (namespace -> key -> plain value, to be written as keyed rows) unless it is
    still what was fetched: entries retired since the last save, the stories (a story opened by
    one article stays open for months, a long one carries a large centroid; an ingest of a few
    articles touches few of them), the per-term counts and the story index's postings (an
    ingest reads the terms its articles use). ``dropped`` names the keys removed since the
    restore. Restore the blob with ``cold=`` a lookup of those rows."""
    g = linker.graph
    articles = set(g.nodes) | linker.lsh.article_ids()
    events = {g.resolve(g.event_of[a]) for a in g.nodes if a in g.event_of}
    events |= {e for e, ev in g.events.items() if ev.n > 0} | {g.resolve(e) for e in g._dirty}
    groups = {k for k, members in linker.dup_groups.items() if not articles.isdisjoint(members)}
    # no story is kept in the blob: open stories are fetched when an article, a vote or a sweep
    # names them (a long story's centroid is large; an ingest of a few articles touches few)
    hot = {"article": articles, "event": events, "story": set(), "group": groups, "term": set()}
    maps: dict[str, dict[str, Any]] = {}
    cold: dict[str, dict[str, Any]] = {}
    dropped: dict[str, set[str]] = {}
    for ns, owner, attr, keyed in _MAPS:
        data = getattr(_owner(linker, owner), attr)
        encode = _ENCODE.get(ns, _plain)
        keep = hot[keyed]
        maps[ns] = {k: encode(v) for k, v in data.items() if k in keep}
        rest = ((k, encode(v)) for k, v in data.items() if k not in keep)
        if isinstance(data, ColdMap):  # what was fetched and is unchanged needs no write
            cold[ns] = {k: v for k, v in rest if not data.unchanged(k, v)}
        else:
            cold[ns] = dict(rest)
        dropped[ns] = set(getattr(data, "dropped", ()))
    blob = {"version": SNAPSHOT_VERSION, "cold": True, "state": {**_core_state(linker), "maps": maps}}
    return blob, cold, dropped


def restore(
    snap: dict[str, Any], config: LinkConfig | None = None, cold: ColdSource | None = None
) -> Linker:
    """A linker that continues exactly where the saved one stopped. A blob from ``persist``
    needs ``cold``: ``cold(namespace, keys)`` returns the plain values written for those of
    ``keys`` that have a row; what is not in the blob is then fetched when first asked for."""
    if snap.get("version") != SNAPSHOT_VERSION:
        raise ValueError(f"unsupported linker snapshot version {snap.get('version')!r}")
    if snap.get("cold") and cold is None:
        raise ValueError("this linker state keeps its retired part in a store: restore it with cold=")
    lk = Linker(config)
    st = snap["state"]
    lk.idf = IncrementalIdf.from_dict(st["idf"])
    lk.seeds = IncrementalIdf.from_dict(st["seeds"])
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
        setattr(_owner(lk, owner), attr, data)
    return lk


def _plain(value: Any) -> Any:
    """Lists are copied (a saved state must not share them with the linker); scalars as they are."""
    return list(value) if isinstance(value, list) else value


def _decode_row(ns: str, decode: Callable[[Any], Any], key: str, value: Any) -> Any:
    try:
        return decode(value)
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise DamagedState(f"linker state row {ns}/{key}: {exc!r}") from None


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
    ("seeds", "seeds", "df", "term"),
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
    "seeds": _count,
    "boilerplate": _count,
}
