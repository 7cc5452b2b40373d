"""Look-ups over a linker's current picture: an event's articles, a story's events, every article's
place, the duplicate groups, and which articles a run may have moved.

They read the linker's maps and change nothing, so they live apart from the algorithm
(``linker``). A store-backed linker holds only its active part; its other entries come back from
the store when first asked for (``ColdMap``), so the look-ups over many events read them in one
request per map first (``prefetch_events``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .coldmap import ColdMap, prefetch

if TYPE_CHECKING:
    from .linker import Linker


def memberships(linker: Linker) -> dict[str, tuple[str, str]]:
    """Every article's current (event id, story id), in arrival order (what this linker holds:
    a store-backed linker holds only its active part, see ``affected``)."""
    return {aid: linker.membership(aid) for aid in linker.assignments}


def duplicate_groups(linker: Linker) -> list[dict[str, Any]]:
    """Every group of copies, all members kept, with its earliest copy named."""
    return [
        {"group_id": k, "earliest": linker.earliest(k), "members": list(v)}
        for k, v in linker.dup_groups.items()
    ]


def prefetch_events(linker: Linker, event_ids: Iterable[str]) -> None:
    """Read the rows of many events' articles in one request per map (a long story's row names
    hundreds of events, most of them retired); nothing for a linker that holds everything."""
    g = linker.graph
    if not isinstance(g.members, ColdMap):
        return
    eids = list(event_ids)
    for m in (g.members, g.events, linker.event_story):
        prefetch(m, eids)
    aids = [a for e in eids for a in g.members.get(e, ())]
    prefetch(g.event_of, aids)
    prefetch(linker.dup_groups, aids)
    prefetch(linker.published, aids + [c for a in aids for c in linker.dup_groups.get(a, ())])


def event_articles(linker: Linker, event_id: str) -> list[str]:
    """The event's articles now, copies included, earliest first."""
    g = linker.graph
    out: list[str] = []
    for aid in dict.fromkeys(g.members.get(event_id, ())):
        if g.event_of.get(aid) == event_id:
            out.append(aid)
            out.extend(m for m in linker.dup_groups.get(aid, ()) if m != aid)
    published = linker.published

    def when(article_id: str) -> tuple[bool, float, str]:
        day = published.get(article_id)
        return (day is None, day or 0.0, article_id)

    return sorted(dict.fromkeys(out), key=when)


def story_events(linker: Linker, story_id: str) -> list[str]:
    """The live events whose story is ``story_id`` now."""
    g, st = linker.graph, linker.stories
    out: dict[str, None] = {}
    ids = [g.resolve(e) for e in st.events.get(story_id, ())]
    prefetch(g.events, ids)
    prefetch(linker.event_story, ids)
    for e in ids:
        if e not in out and e in g.events and st.resolve(linker.event_story.get(e, "")) == story_id:
            out[e] = None
    return list(out)


def affected(linker: Linker, arrivals: Iterable[str], since: int = 0) -> set[str]:
    """The articles whose (event, story) may have changed since ``log`` held ``since`` entries:
    the ``arrivals`` and every article of an event or story that a merge or split touched since.
    An incremental write compares only these with the store (not every article ever linked)."""
    events: set[str] = set()
    stories: set[str] = set()
    for entry in linker.log[since:]:
        ids = {x for x in (entry.get("from"), entry.get("into")) if x}
        (stories if entry.get("kind") == "story" else events).update(ids)
    for sid in sorted({linker.stories.resolve(s) for s in stories}):
        events.update(story_events(linker, sid))
    out = set(arrivals)
    live = sorted({linker.graph.resolve(e) for e in events})
    prefetch_events(linker, live)
    for eid in live:
        out.update(event_articles(linker, eid))
    return out
