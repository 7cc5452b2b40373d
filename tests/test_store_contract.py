"""The Store contract: every behaviour the library relies on, run against each backend (SQLite and
PostgreSQL) with the same test. The PostgreSQL runs skip, saying why, when no server can be started."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from test_store import full_doc

from storyline.errors import StoreError
from storyline.model import Article, Document, Entity, Span
from storyline.store import open_store


def _doc(aid: str, published: str | None, text: str = "Ein Text.", language: str = "de", title: str | None = None) -> Document:
    art = Article(id=aid, text=text, title=title, language=language,
                  published=datetime.fromisoformat(published) if published else None)
    doc = Document(art)
    doc.sentences = [Span(0, len(text))]
    return doc


def test_round_trip_and_duplicates(store_location: str):
    with open_store(store_location) as store:
        assert store.add([full_doc("a1"), full_doc("a1")]) == ["a1"]
        assert store.add([full_doc("a1"), full_doc("a2")]) == ["a2"]  # stored ids are skipped
        got, want = store.get("a1"), full_doc("a1")
        assert got is not None and store.count() == 2 and store.existing(["a1", "zz"]) == {"a1"}
        for layer in ("paragraphs", "sentences", "mentions", "times", "quotes", "timeline", "stages"):
            assert getattr(got, layer) == getattr(want, layer), layer
        assert got.article.title == "Gipfel" and got.article.ingested is not None
        assert store.get("nothing") is None and store.check() == []


def test_prefix_lookup_and_update(store_location: str):
    with open_store(store_location) as store:
        store.add([full_doc("abc123"), full_doc("abd999")])
        assert store.get("abc").id == "abc123"
        with pytest.raises(StoreError, match="ambiguous"):
            store.get("ab")
        doc = store.get("abc123")
        doc.mentions = []
        doc.article.language, doc.article.title = "en", "Summit"
        store.update([doc])
        again = store.get("abc123")
        assert again.mentions == [] and again.article.language == "en" and again.article.title == "Summit"
        assert [h.article.id for h in store.search("Summit")] == ["abc123"]  # the index follows updates
        assert store.check() == []


def test_listing_order_filters_and_layers(store_location: str):
    with open_store(store_location) as store:
        docs = [_doc("c3", None), _doc("b2", "2020-01-02T00:00:00"), _doc("a1", "2020-01-02T00:00:00", language="en"),
                _doc("d4", "2019-12-31T23:00:00"), full_doc("e5")]
        store.add(docs)
        order = ["d4", "a1", "b2", "c3", "e5"]  # by date, undated last, then id
        assert [a.id for a in store.articles(limit=None)] == order
        assert [a.id for a in store.articles(limit=2, offset=1)] == order[1:3]
        assert [a.id for a in store.articles(language="en")] == ["a1"]
        assert [d.id for d in store.iter_documents(batch_size=2)] == order
        assert store.ids_with("quote") == ["e5"] and store.ids_with("sentence") == order


def test_search_syntax(store_location: str):
    with open_store(store_location) as store:
        store.add([full_doc("a1")])
        store.add([_doc("a2", None, "Ein Erdbeben erschütterte Südkorea am Morgen.", title="Beben")])
        store.add([_doc("a3", None, "Das Weiße Haus bestätigte das Treffen mit Kim.", title="Washington")])
        cases = {
            "Singapur": ["a1"],
            "sudkorea": ["a2"],  # diacritics folded
            "Erd*": ["a2"],
            'Kim "Weiße Haus"': ["a3"],
            '"Haus Weiße"': [],  # a phrase keeps its order
            "Singapur OR Beben": ["a1", "a2"],
            "Kim NOT Singapur": ["a3"],
            "Kim Jong-un": [],
            '"': [],
            "   ": [],
            "OR": [],
        }
        for query, want in cases.items():
            assert sorted(h.article.id for h in store.search(query)) == want, query
        assert "[Singapur]" in store.search("Singapur")[0].snippet
        assert store.search("Beben")[0].article.id == "a2"  # a title hit
        for nasty in ['"a', "a*b*", "NOT NOT", "(x)", "'; DROP TABLE articles; --", "ü*", "-", "a OR OR b", "\x00"]:
            store.search(nasty)  # never raises
        assert store.count() == 3


def test_migrations_from_an_empty_database(store_location: str):
    with pytest.raises(StoreError):
        open_store(store_location, readonly=True)  # nothing there yet: refused, nothing created
    with open_store(store_location) as store:
        version = store.schema_version  # type: ignore[attr-defined]
        assert version >= 1
        store.add([full_doc()])
    with open_store(store_location) as again:
        assert again.schema_version == version and again.count() == 1  # type: ignore[attr-defined]
    with open_store(store_location, readonly=True) as reader:
        assert reader.count() == 1 and reader.get("a1") is not None


def test_a_failed_transaction_leaves_nothing(store_location: str):
    with open_store(store_location) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add([full_doc("ok")])
            store.put_entities([Entity("e1", "Donald Trump", "PER", ["Trump"], 2)])
            raise RuntimeError("crash mid-batch")
        assert store.count() == 0 and store.entities() == [] and store.count_unlinked() == 0
        assert store.check() == []


def test_entities(store_location: str):
    with open_store(store_location) as store:
        store.put_entities([Entity("e1", "Donald Trump", "PER", ["Trump"], 2), Entity("e2", "Singapur", "LOC", [], 5),
                            Entity("e3", "Angela Merkel", "PER", ["Merkel", "Kanzlerin Ü"], 2)])
        assert [e.id for e in store.entities()] == ["e2", "e3", "e1"]  # mentions, then name
        store.put_entities([Entity("e1", "Donald J. Trump", "PER", ["Trump", "Donald"], 7, "family")])
        assert store.entities(label="PER", limit=1) == [Entity("e1", "Donald J. Trump", "PER", ["Trump", "Donald"], 7, "family")]
        assert store.entities(label="PER")[1].aliases == ["Merkel", "Kanzlerin Ü"]
        store.put_entities([Entity("ent_ab12", "Olaf Scholz", "PER", [], 1), Entity("ent_ab34", "Bonn", "LOC", [], 1)])
        assert store.entity_ids_from("ent_ab") == ["ent_ab12", "ent_ab34"]
        assert store.entity_ids_from("ent_ab3") == ["ent_ab34"] and store.entity_ids_from("ent_x") == []
        assert store.entity_ids_from("e", limit=3) == ["e1", "e2", "e3"]


def _member(aid: str, eid: str, sid: str, **extra) -> dict:
    return {"article_id": aid, "event_id": eid, "story_id": sid, "duplicate_of": None, "score": 0.5,
            "explanation": {"why": ["entities", aid]}, **extra}


def test_links_incremental_writes_and_unlinked(store_location: str):
    with open_store(store_location) as store:
        store.add([_doc("a", "2020-01-01T00:00:00"), _doc("b", "2020-01-02T00:00:00"), _doc("c", None)])
        assert [d.id for d in store.unlinked()] == ["a", "b", "c"] and store.count_unlinked() == 3
        events = [{"id": "ev1", "story_id": "st1", "title": "Eins", "start": "2020-01-01", "end": None, "data": {"n": 1}},
                  {"id": "ev2", "story_id": "st1", "title": "Zwei", "start": None, "end": None, "data": None}]
        stories = [{"id": "st1", "title": "Story", "data": {"events": ["ev1", "ev2"]}}]
        store.put_links([_member("a", "ev1", "st1"), _member("b", "ev2", "st1", duplicate_of="a")], events, stories,
                        [{"action": "merge", "subject": "ev1", "object": "ev2", "reason": "same"}])
        assert [d.id for d in store.unlinked()] == ["c"] and store.count_unlinked() == 1
        assert store.link_counts() == (2, 1)
        assert [e["id"] for e in store.events()] == ["ev1", "ev2"] and store.events(story_id="st9") == []
        assert store.events()[0]["data"] == {"n": 1} and store.stories()[0]["data"] == {"events": ["ev1", "ev2"]}
        assert store.memberships()[1]["explanation"] == {"why": ["entities", "b"]}
        assert store.memberships()[1]["duplicate_of"] == "a"
        store.update_links([_member("c", "ev3", "st1")], [("b", "ev1", "st1")],
                           [{"id": "ev3", "story_id": "st1", "title": "Drei", "start": None, "end": None, "data": None}],
                           [], gone_events=["ev2"],
                           log=[{"action": "move", "subject": "b", "object": "ev1", "reason": None}])
        assert store.membership_ids() == {"a": ("ev1", "st1"), "b": ("ev1", "st1"), "c": ("ev3", "st1")}
        assert store.membership_ids(["b", "zz"]) == {"b": ("ev1", "st1")}
        assert store.memberships()[1]["explanation"] == {"why": ["entities", "b"]}  # a move keeps it
        assert [e["id"] for e in store.events()] == ["ev1", "ev3"] and store.unlinked() == []
        assert [(r["seq"], r["action"]) for r in store.link_log()] == [(1, "merge"), (2, "move")]
        store.replace_links([_member("a", "ev9", "st9")], [], [], [])
        assert sorted(d.id for d in store.unlinked()) == ["b", "c"] and store.link_counts() == (0, 0)
        assert len(store.link_log()) == 2 and store.check() == []
        store.add_log([{"action": "entity-join", "subject": "Donald Trump", "object": "ent_1", "reason": "full name"},
                       {"action": "entity-new", "subject": "Martin Merz", "object": "ent_2", "reason": "kept apart"}])
        store.add_log([])
        assert [r["subject"] for r in store.link_log(about="ent_1")] == ["Donald Trump"]
        assert store.link_log(about="ent_9") == [] and len(store.link_log()) == 4
        store.delete_entities(["ent_1"])  # the entity is gone (a takedown): so is its history, nothing else
        assert store.link_log(about="ent_1") == [] and len(store.link_log()) == 3


def test_linker_state_rows(store_location: str):
    with open_store(store_location) as store:
        assert store.get_state("link.state") is None
        store.set_state("link.state", '{"v": 1}')
        store.set_state("link.state", '{"v": 2}')
        assert store.get_state("link.state") == '{"v": 2}'
        store.put_state_items("link.retired", {"a": "1", "b": "2", "c": "3"})
        store.put_state_items("link.retired", {"b": "20"}, dropped=["c"])
        store.put_state_items("link.idf", {"a": "x"})
        store.put_state_items("other", {"a": "y"})
        assert store.state_items("link.retired", ["a", "b", "c", "zz"]) == {"a": "1", "b": "20"}
        assert store.state_items("link.retired", []) == {}
        store.clear_state_items("link.")
        assert store.state_items("link.retired", ["a"]) == {} and store.state_items("link.idf", ["a"]) == {}
        assert store.state_items("other", ["a"]) == {"a": "y"}


def test_a_second_writer_waits_for_the_first(store_location: str):
    first, second = open_store(store_location), open_store(store_location)
    told: list[str] = []
    order: list[str] = []

    def other() -> None:
        with second.writer(told.append):
            order.append("second")

    try:
        with first.writer(), first.writer():  # re-entrant in one process
            thread = threading.Thread(target=other)
            thread.start()
            time.sleep(0.5)
            order.append("first")
        thread.join(10)
        assert order == ["first", "second"] and len(told) == 1 and told[0]
    finally:
        first.close()
        second.close()


def test_open_store_picks_the_backend(tmp_path):
    from storyline.store.sqlite import SQLiteStore

    assert isinstance(open_store(str(tmp_path / "x.db")), SQLiteStore)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    with pytest.raises(StoreError, match=r"cannot connect to postgresql://u:\*\*\*@127\.0\.0\.1:1/x"):
        open_store("postgresql://u:secret@127.0.0.1:1/x")


def test_a_database_of_another_program_is_refused(store_location: str):
    if store_location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store_location, autocommit=True) as conn:
            conn.execute("CREATE TABLE customers (id int)")
    else:
        import sqlite3

        con = sqlite3.connect(store_location)
        con.execute("CREATE TABLE customers (id int)")
        con.commit()
        con.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(store_location)


def test_search_limits(store_location: str):
    from storyline.errors import QueryError

    with open_store(store_location) as store:
        store.add([full_doc()])
        for query, why in [
            ("a* " * 400, "search query too long (1,200 characters; at most 500)"),
            (" OR ".join(f"w{i}" for i in range(40)), "search query has too many words (40; at most 32)"),
            ("a* b* c* d* e*", "search query has too many prefix* words (5; at most 4)"),
        ]:
            with pytest.raises(QueryError) as caught:
                store.search(query)
            assert str(caught.value) == why
        assert [h.article.id for h in store.search("Trump Sing* Kim")] == ["a1"]
