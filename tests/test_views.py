"""The view layer and the facade's read methods, on the fixed small test database."""

from __future__ import annotations

from datetime import datetime

import pytest

from storyline.errors import InputError, NotFound
from storyline.model import Article, Document, Quote, Span
from storyline.views.quotes import group_json, group_quotes


def test_stories_by_size_and_recency(small_sl):
    by_size = small_sl.stories(limit=5, order="size")
    sizes = [len(s.article_ids) for s in by_size]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 2
    recent = small_sl.stories(limit=5)
    ends = [s.end for s in recent]
    assert ends == sorted(ends, reverse=True)
    page2 = small_sl.stories(limit=5, offset=5)
    assert not {s.id for s in recent} & {s.id for s in page2}


def test_events_by_time_recency_and_size(small_sl):
    """`storyline events` listed the first 50 events to start, so on a stream a user saw the oldest
    one-article events of the first crawl; `--order recent|size` lists the latest or the largest."""
    timed = small_sl.events(limit=None)
    assert [e.start for e in timed] == sorted(e.start for e in timed)
    recent = small_sl.events(limit=10, order="recent")
    assert [e.end for e in recent] == sorted((e.end for e in timed), reverse=True)[:10]
    by_size = small_sl.events(limit=10, order="size")
    assert [len(e.article_ids) for e in by_size] == sorted((len(e.article_ids) for e in timed), reverse=True)[:10]
    assert {e.id for e in small_sl.events(limit=5, offset=5, order="size")}.isdisjoint(e.id for e in by_size[:5])
    story = small_sl.stories(limit=1, order="size")[0]
    assert {e.id for e in small_sl.events(story_id=story.id, limit=None, order="size")} == set(story.event_ids)
    with pytest.raises(InputError, match="order must be one of"):
        small_sl.events(order="newest")


def test_story_event_and_membership_agree(small_sl):
    story = small_sl.stories(limit=1, order="size")[0]
    assert small_sl.story(story.id[:10]).id == story.id
    events = small_sl.events(story_id=story.id, limit=None)
    assert [e.id for e in events] == story.event_ids
    members = [m for e in events for m in small_sl.event_members(e.id)]
    assert sorted(m.article_id for m in members) == sorted(story.article_ids)
    assert all(m.story_id == story.id and m.decision for m in members)
    assert small_sl.membership(members[0].article_id) == members[0]


def test_unknown_ids_are_not_found(small_sl):
    for call in (small_sl.story, small_sl.event, small_sl.entity, small_sl.get):
        with pytest.raises(NotFound):
            call("st_doesnotexist")


def test_the_example_story_has_its_dated_timeline(small_sl):
    story = next(s for s in small_sl.stories(limit=None, order="size") if any(e.date.startswith("2018") for e in s.timeline))
    dates = [e.date for e in story.timeline]
    assert "2018-04" in dates and all(e.kind in {"happened", "planned", "said"} for e in story.timeline)
    assert all(e.text for e in story.timeline)


def test_search_page_filters_and_paging(small_sl):
    hits, total = small_sl.search_page("Trump", limit=3)
    assert total >= len(hits) >= 1
    more, total2 = small_sl.search_page("Trump", limit=3, offset=3)
    assert total2 == total and not {h.article.id for h in hits} & {h.article.id for h in more}
    source = small_sl.sources(1)[0][0]
    only, _ = small_sl.search_page("die OR der OR und", source=source, limit=50)
    assert only and {h.article.source for h in only} == {source}
    none, n = small_sl.search_page("Trump", since="2100-01-01")
    assert none == [] and n == 0


def test_stats_count_what_is_stored(small_sl):
    stats = small_sl.stats()
    assert stats["articles"] == small_sl.count() > 250
    assert stats["stories"] >= 1 and stats["latest_published"] >= "2026"


def _doc(aid: str, source: str, day: int, text: str, said: str) -> Document:
    art = Article(id=aid, text=text, source=source, published=datetime(2026, 1, day))
    start = text.index(said)
    return Document(art, quotes=[Quote("direct", (Span(start, start + len(said)),), speaker_name="Merz")])


def test_one_statement_carried_by_many_articles_is_shown_once():
    text = '„Wir schaffen das nicht“, sagte Merz.'
    said = "Wir schaffen das nicht"
    other = "Merz: „Wir schaffen das NICHT!“"
    docs = [_doc("b", "welt.de", 3, text, said), _doc("a", "dpa", 2, text, said), _doc("c", "zeit.de", 4, other, "Wir schaffen das NICHT!")]
    groups = group_quotes([(d, q) for d in docs for q in d.quotes])
    assert len(groups) == 1
    shown = group_json(groups[0])
    assert shown["first"]["article_id"] == "a" and shown["first"]["source"] == "dpa"
    assert shown["repeated_by"] == ["welt.de", "zeit.de"] and shown["carriers"] == 3


def test_quote_provenance_on_the_store(small_sl):
    groups = small_sl.quote_provenance(limit=50)
    assert groups and all(g.carriers for g in groups)
    keys = [g.key for g in groups]
    assert len(keys) == len(set(keys))
    moon = small_sl.quote_provenance(speaker="Moon")
    assert moon and all("moon" in g.speaker.casefold() or g.speaker_entity_id for g in moon)


def test_the_store_defaults_answer_like_the_sqlite_reads(small_sl):
    """A new backend inherits slow but correct page reads; SQLite's indexed ones must agree."""
    from storyline.store.base import Store

    store = small_sl.store
    story = small_sl.stories(limit=1, order="size")[0]
    ids = story.article_ids
    assert Store.story_row(store, story.id[:12]) == store.story_row(story.id[:12])
    assert Store.event_row(store, story.event_ids[0]) == store.event_row(story.event_ids[0])
    assert Store.memberships_of(store, ids) == store.memberships_of(ids)
    assert Store.members_of_event(store, story.event_ids[0]) == store.members_of_event(story.event_ids[0])
    assert [d.id for d in Store.documents(store, ids)] == [d.id for d in store.documents(ids)]
    assert Store.articles_by_id(store, ids) == store.articles_by_id(ids)
    assert Store.story_rows(store, 5, 0, "size") == store.story_rows(5, 0, "size")
    assert [r["id"] for r in Store.story_rows(store, 5)] == [r["id"] for r in store.story_rows(5)]
    assert Store.stats(store) == store.stats()
    assert Store.sources(store, 5) == store.sources(5)
    assert Store.events_page(store, story.id) == store.events_page(story.id)
    entity = small_sl.entities(limit=1)[0]
    assert Store.entity(store, entity.id) == store.entity(entity.id)
    since = "2026-01-03"
    assert Store.recent_stories(store, since, 5) == store.recent_stories(since, 5)
    hits, total = Store.search_page(store, "Trump", since="2026-01-01", limit=50)
    fast, total2 = store.search_page("Trump", since="2026-01-01", limit=50)
    assert total == total2 and {h.article.id for h in hits} == {h.article.id for h in fast}
    assert set(Store.ids_with_page(store, "quote", 500)) == set(store.ids_with_page("quote", 500))
