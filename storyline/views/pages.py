"""What each page shows, as one JSON-ready dict: the web page renders it, its ``.json`` twin and the
REST API return it as is. Every function reads one page's worth through the facade (ids, limits,
one story's articles capped), never the whole store, so pages cost the same on any store size.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import InputError, NotFound
from ..model import Article, Document, Entity, Membership, Story
from .quotes import group_json, speaker_of
from .records import (
    article_json,
    date_label,
    document_json,
    event_record,
    headline,
    iso,
    membership_json,
    quote_json,
    story_detail,
)

if TYPE_CHECKING:
    from ..library import Storyline

PER_PAGE = 20
MAX_PAGE = 10_000
STORY_ARTICLES = 200  # a story page reads at most this many of its articles (the newest are listed)


def paging(page: int, per_page: int, total: int | None, shown: int) -> dict[str, Any]:
    """Where this page sits; ``total`` may be unknown (then ``has_next`` comes from a full page)."""
    has_next = page * per_page < total if total is not None else shown >= per_page
    return {"page": page, "per_page": per_page, "total": total, "has_next": has_next, "has_prev": page > 1}


def check_page(page: int, per_page: int = PER_PAGE) -> int:
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= 200:
        raise InputError(f"page must be 1…{MAX_PAGE} and per_page 1…200")
    return (page - 1) * per_page


def brief(a: Article) -> dict[str, Any]:
    """An article as a line in a list: enough to recognise it and follow it."""
    return {
        "id": a.id,
        "headline": headline(a, 120),
        "source": a.source,
        "published": iso(a.published),
        "date": date_label(a),
        "url": a.url,
        "language": a.language,
    }


def entity_names(sl: Storyline, ids: list[str]) -> list[dict[str, Any]]:
    out = []
    for i in dict.fromkeys(ids):
        try:
            e = sl.entity(i)
        except NotFound:
            continue
        out.append({"id": e.id, "name": e.name, "label": e.label})
    return out


def story_card(sl: Storyline, st: Story, new: int | None = None) -> dict[str, Any]:
    arts = sl.articles_by_id(st.article_ids[-50:])
    outlets = Counter(a.source for a in arts if a.source)
    return {
        "story_id": st.id,
        "title": st.title,
        "articles": len(st.article_ids),
        "events": len(st.event_ids),
        "start": st.start,
        "end": st.end,
        "new_articles": new,
        "outlets": [o for o, _ in outlets.most_common(6)],
        "entities": entity_names(sl, st.entity_ids[:5]),
    }


def home_page(sl: Storyline, limit: int = 10) -> dict[str, Any]:
    """Stories that moved most recently: counted against the newest article stored (a store of old
    news has no 'today'), with the ingest status."""
    stats = sl.stats()
    moved: dict[str, list[dict[str, Any]]] = {"day": [], "week": []}
    if stats["latest_published"]:
        ref = datetime.fromisoformat(stats["latest_published"])
        for key, days in (("day", 1), ("week", 7)):
            since = (ref - timedelta(days=days)).isoformat()
            moved[key] = [story_card(sl, st, n) for st, n in sl.recent_stories(since, limit)]
    return {"stats": stats, "moved_last_day": moved["day"], "moved_last_week": moved["week"]}


def stories_page(sl: Storyline, page: int = 1, per_page: int = PER_PAGE) -> dict[str, Any]:
    offset = check_page(page, per_page)
    stories = sl.stories(limit=per_page, offset=offset)
    total = sl.stats()["stories"]
    return {"stories": [story_card(sl, st) for st in stories], "paging": paging(page, per_page, total, len(stories))}


def _quotes_by_speaker(docs: list[Document]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for q in doc.quotes:
            who = speaker_of(doc, q)
            key = q.speaker_entity_id or who.casefold()
            g = groups.setdefault(key, {"speaker": who, "speaker_entity_id": q.speaker_entity_id, "quotes": []})
            g["quotes"].append({**quote_json(doc, q), "source": doc.article.source})
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"]))


def story_page(sl: Storyline, story_id: str) -> dict[str, Any]:
    st = sl.story(story_id)
    ids = st.article_ids[-STORY_ARTICLES:]
    docs = sl.docs(ids)
    by_id = {d.id: d for d in docs}
    members = sl.memberships(ids)
    events = []
    newest = max(len(st.event_ids) - STORY_ARTICLES, 0)
    for ev in sl.events(story_id=st.id, limit=STORY_ARTICLES, offset=newest):
        arts = [by_id[a].article for a in ev.article_ids if a in by_id]
        events.append(
            {**event_record(ev), "articles": [{**brief(a), "duplicate_of": _dup(members.get(a.id))} for a in arts]}
        )
    outlets = Counter(d.article.source for d in docs if d.article.source)
    return {
        "story": story_detail(st),
        "entities": entity_names(sl, st.entity_ids),
        "events": events,
        "outlets": [{"source": o, "articles": n} for o, n in outlets.most_common()],
        "quotes_by_speaker": _quotes_by_speaker(docs),
        "articles_shown": len(docs),
    }


def _dup(m: Membership | None) -> str | None:
    return m.duplicate_of if m else None


def event_page(sl: Storyline, event_id: str) -> dict[str, Any]:
    """An event's articles, near-duplicate copies folded under the earliest of their group."""
    ev = sl.event(event_id)
    members = {m.article_id: m for m in sl.event_members(ev.id)}
    arts = {a.id: a for a in sl.articles_by_id(list(members)[:STORY_ARTICLES])}
    groups: dict[str, list[Article]] = {}
    for aid, a in arts.items():
        root = members[aid].duplicate_of or aid
        groups.setdefault(root if root in arts else aid, []).append(a)
    rows = []
    for group in groups.values():
        group.sort(key=lambda a: (a.published is None, iso(a.published) or "", a.id))
        first, copies = group[0], group[1:]
        m = members[first.id]
        rows.append({**brief(first), "score": m.score, "explanation": m.explanation, "copies": [brief(c) for c in copies]})
    rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["id"]))
    story = sl.story(ev.story_id) if ev.story_id else None
    return {
        "event": event_record(ev),
        "story": {"story_id": story.id, "title": story.title} if story else None,
        "articles": rows,
        "outlets": sorted({a.source for a in arts.values() if a.source}),
    }


def article_page(sl: Storyline, article_id: str) -> dict[str, Any]:
    doc = sl.get(article_id)
    m = sl.membership(doc.id)
    event = sl.event(m.event_id) if m and m.event_id else None
    story = sl.story(m.story_id) if m and m.story_id else None
    copies: list[dict[str, Any]] = []
    if event is not None:
        others = [x for x in sl.event_members(event.id) if x.article_id != doc.id]
        related = [x.article_id for x in others if x.duplicate_of == doc.id or (m and x.article_id == m.duplicate_of)]
        copies = [brief(a) for a in sl.articles_by_id(related)]
    ids = [x.entity_id for x in doc.mentions if x.entity_id]
    ids += [q.speaker_entity_id for q in doc.quotes if q.speaker_entity_id]
    return {
        "article": document_json(doc),
        "headline": headline(doc.article, 120),
        "date": date_label(doc.article),
        "membership": membership_json(m) if m else None,
        "event": event_record(event) if event else None,
        "story": {"story_id": story.id, "title": story.title} if story else None,
        "copies": copies,
        "entities": entity_names(sl, ids),
    }


def entity_query(e: Entity) -> str:
    names = list(dict.fromkeys([e.name, *e.aliases]))[:12]
    return " OR ".join('"' + n.replace('"', " ") + '"' for n in names if n.strip())


IDENTITY_SHOWN = 200  # identity decisions an entity page lists (a name the news spell 300 ways)


def entity_page(sl: Storyline, entity_id: str, window: int = 200) -> dict[str, Any]:
    """An entity across the ``window`` best-matching articles that name it (full-text search on its
    names, then kept only where a mention carries its id): mentions per day, stories, quotes and the
    entities named with it."""
    e = sl.entity(entity_id)
    history = sl.entity_history(e.id)
    hits, _ = sl.search_page(entity_query(e), limit=window) if entity_query(e) else ([], 0)
    docs = [d for d in sl.docs([h.article.id for h in hits]) if any(x.entity_id == e.id for x in d.mentions)]
    per_day: Counter[str] = Counter()
    together: Counter[str] = Counter()
    quotes = []
    for d in docs:
        day = d.article.published.date().isoformat() if d.article.published else "undated"
        per_day[day] += sum(x.entity_id == e.id for x in d.mentions)
        together.update({x.entity_id for x in d.mentions if x.entity_id and x.entity_id != e.id})
        quotes += [{**quote_json(d, q), "source": d.article.source} for q in d.quotes if q.speaker_entity_id == e.id]
    members = sl.memberships([d.id for d in docs])
    story_counts = Counter(m.story_id for m in members.values() if m.story_id)
    stories = []
    for sid, n in story_counts.most_common(10):
        st = sl.story(sid)
        stories.append({"story_id": st.id, "title": st.title, "articles_naming": n, "articles": len(st.article_ids)})
    docs.sort(key=lambda d: (d.article.published is None, iso(d.article.published) or ""), reverse=True)
    co = {x["id"]: x for x in entity_names(sl, [i for i, _ in together.most_common(15)])}
    return {
        "entity": {"id": e.id, "name": e.name, "label": e.label, "aliases": e.aliases, "mentions": e.mentions,
                   "relation": e.relation},
        "articles_seen": len(docs),
        "mentions_per_day": [{"day": d, "mentions": n} for d, n in sorted(per_day.items())],
        "stories": stories,
        "quotes": quotes[:30],
        "co_occurring": [{**co[i], "articles": n} for i, n in together.most_common(15) if i in co],
        "articles": [brief(d.article) for d in docs[:20]],
        "identity": history[:IDENTITY_SHOWN],  # the oldest decisions: how the entity came to be
        "identity_total": len(history),
    }


def quotes_page(sl: Storyline, speaker: str | None = None, words: str | None = None, page: int = 1) -> dict[str, Any]:
    offset = check_page(page)
    groups = sl.quote_provenance(speaker=speaker, words=words, limit=PER_PAGE + 1, offset=offset)
    shown = [group_json(g) for g in groups[:PER_PAGE]]
    return {
        "speaker": speaker,
        "words": words,
        "statements": shown,
        "paging": {**paging(page, PER_PAGE, None, len(shown)), "has_next": len(groups) > PER_PAGE},
    }


def search_page(
    sl: Storyline,
    q: str,
    *,
    language: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
    page: int = 1,
) -> dict[str, Any]:
    offset = check_page(page)
    query = q
    if entity:
        named = entity_query(sl.entity(entity))
        query = f"{q} ({named})" if q.strip() else named
    hits, total = sl.search_page(query, language=language, source=source, since=since, until=until, limit=PER_PAGE, offset=offset) if query.strip() else ([], 0)
    return {
        "query": q,
        "filters": {"language": language, "source": source, "since": since, "until": until, "entity": entity},
        "hits": [{**brief(h.article), "snippet": h.snippet, "score": h.score} for h in hits],
        "paging": paging(page, PER_PAGE, total, len(hits)),
        "sources": [s for s, _ in sl.sources(50)],
    }


def compare_page(sl: Storyline, a: str, b: str) -> dict[str, Any]:
    result = sl.compare(a, b)
    first, second = sl.articles_by_id([result["a"], result["b"]])
    shared = [x for x in result.get("shared_entities", []) if isinstance(x, str)]
    places = [x for x in result.get("shared_places", []) if isinstance(x, str)]
    return {
        "a": brief(first),
        "b": brief(second),
        "comparison": result,
        "entities": entity_names(sl, shared),
        "places": entity_names(sl, places),
    }


def articles_page(sl: Storyline, page: int = 1, language: str | None = None) -> dict[str, Any]:
    offset = check_page(page)
    items = sl.articles(limit=PER_PAGE, offset=offset, language=language)
    return {"articles": [article_json(a, text=False) for a in items], "paging": paging(page, PER_PAGE, sl.count(), len(items))}


def entities_page(sl: Storyline, label: str | None = None, limit: int = 100) -> dict[str, Any]:
    """The most mentioned entities (of one type): a bounded list, not a page through all."""
    if label is not None and label not in {"PER", "ORG", "LOC", "MISC"}:
        raise InputError("type must be PER, ORG, LOC or MISC")
    items = sl.entities(label=label, limit=limit)
    return {"type": label, "entities": [{"id": e.id, "name": e.name, "label": e.label, "mentions": e.mentions, "aliases": e.aliases} for e in items]}
