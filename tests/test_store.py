"""The SQLite store: round trips, search, migrations, integrity, and refusal of foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import StoreError
from storyline.model import Article, Document, Mention, Paragraph, Quote, Span, TimelineEntry, TimeMention
from storyline.store import open_store
from storyline.store.sqlite import SQLiteStore, fts_query, migrations

TEXT = "Trump traf Kim am Mittwoch in Singapur. „Es war gut“, sagte er."


def full_doc(aid: str = "a1") -> Document:
    doc = Document(Article(id=aid, text=TEXT, title="Gipfel", language="de"))
    doc.paragraphs = [Paragraph(Span(0, len(TEXT)))]
    doc.sentences = [Span(0, 39), Span(40, len(TEXT))]
    doc.mentions = [Mention(Span(0, 5), "PER", "e1", 0.9), Mention(Span(30, 38), "LOC")]
    doc.times = [TimeMention(Span(15, 26), "DATE", "2018-06-13", None, "2018-06-14", "past")]
    doc.quotes = [Quote("direct", (Span(41, 51),), (Span(54, 59),), (Span(60, 62),), "e1", "Donald Trump")]
    doc.timeline = [TimelineEntry("2018-06-13", "day", "happened", Span(0, 39), aid)]
    doc.stages = {"language": 1}
    return doc


def test_round_trip(tmp_path: Path):
    with open_store(str(tmp_path / "s.db")) as store:
        assert store.add([full_doc()]) == ["a1"]
        got = store.get("a1")
    want = full_doc()
    assert got is not None
    for layer in ("paragraphs", "sentences", "mentions", "times", "quotes", "timeline", "stages"):
        assert getattr(got, layer) == getattr(want, layer), layer
    assert got.article.title == "Gipfel" and got.article.ingested is not None


def test_prefix_lookup_and_update(tmp_path: Path):
    with open_store(str(tmp_path / "s.db")) as store:
        store.add([full_doc("abc123"), full_doc("abd999")])
        assert store.get("abc").id == "abc123"
        with pytest.raises(StoreError, match="ambiguous"):
            store.get("ab")
        doc = store.get("abc123")
        doc.mentions = []
        doc.article.language = "en"
        store.update([doc])
        again = store.get("abc123")
        assert again.mentions == [] and again.article.language == "en"
        assert store.check() == []


def test_search(tmp_path: Path):
    with open_store(str(tmp_path / "s.db")) as store:
        store.add([full_doc("a1")])
        other = full_doc("a2")
        other.article.text, other.article.title = "Ein Erdbeben erschütterte Südkorea.", "Beben"
        store.add([other])
        assert [h.article.id for h in store.search("Singapur")] == ["a1"]
        assert [h.article.id for h in store.search("sudkorea")] == ["a2"]  # diacritics folded
        assert [h.article.id for h in store.search("Erd*")] == ["a2"]
        assert "[Singapur]" in store.search("Singapur")[0].snippet
        assert store.search('"') == [] and store.search("   ") == []


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_query_is_safe(query: str):
    store = _SHARED_STORE()
    store.search(query)  # never raises: every user string becomes a valid FTS5 expression


def _SHARED_STORE(cache: dict = {}) -> SQLiteStore:
    if "s" not in cache:
        import tempfile

        cache["s"] = SQLiteStore(Path(tempfile.mkdtemp()) / "q.db")
        cache["s"].add([full_doc()])
    return cache["s"]


def test_fts_query_shapes():
    assert fts_query("Kim Jong-un") == '"Kim" "Jong un"'
    assert fts_query('"Weiße Haus" OR Seoul') == '"Weiße Haus" OR "Seoul"'
    assert fts_query("OR") == ""


def test_migrations_are_numbered_and_applied(tmp_path: Path):
    numbers = [n for n, _, _ in migrations()]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1
    store = SQLiteStore(tmp_path / "m.db")
    assert store.schema_version == numbers[-1]
    store.close()
    assert SQLiteStore(tmp_path / "m.db").schema_version == numbers[-1]  # idempotent re-open


def test_foreign_database_and_folder_are_refused(tmp_path: Path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="another program"):
        SQLiteStore(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        SQLiteStore(junk)
    with pytest.raises(StoreError, match="folder"):
        SQLiteStore(tmp_path)


def test_batch_is_atomic(tmp_path: Path):
    with open_store(str(tmp_path / "s.db")) as store:
        bad = full_doc("bad")
        bad.sentences = [Span(0, 1), Span(0, 1)]
        bad.mentions = [Mention(Span(0, 1), "PER")] * 2
        ok = full_doc("ok")
        # a failure inside the transaction leaves nothing behind
        store.db.execute("CREATE TRIGGER boom BEFORE INSERT ON layers WHEN new.article_id = 'bad' BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(sqlite3.DatabaseError):
            store.add([ok, bad])
        assert store.count() == 0 and store.check() == []


def test_migration_from_one_row_per_annotation(tmp_path: Path):
    """A database written by schema 1 (one row per annotation) opens with every annotation intact."""
    db = tmp_path / "old.db"
    con = sqlite3.connect(db, isolation_level=None)
    first = migrations()[0][2]
    from storyline.store.sqlite import _statements

    for statement in _statements(first):
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute(
        "INSERT INTO articles (id, text, ingested) VALUES ('a1', ?, '2020-01-01T00:00:00')", (TEXT,)
    )
    rows = [
        ("a1", "paragraph", 0, 0, len(TEXT), "p", None),
        ("a1", "sentence", 1, 40, len(TEXT), None, None),
        ("a1", "sentence", 0, 0, 39, None, None),
        ("a1", "mention", 0, 0, 5, "PER", '{"entity_id":"e1"}'),
        ("a1", "time", 0, 15, 26, "DATE", '{"value":"2018-06-13"}'),
    ]
    con.executemany('INSERT INTO annotations (article_id, layer, seq, start, "end", label, data) VALUES (?,?,?,?,?,?,?)', rows)
    con.close()
    store = SQLiteStore(db)
    doc = store.get("a1")
    assert store.schema_version == migrations()[-1][0]
    assert doc.sentences == [Span(0, 39), Span(40, len(TEXT))]  # order by seq survives
    assert doc.mentions == [Mention(Span(0, 5), "PER", "e1")]
    assert doc.times[0].value == "2018-06-13" and doc.paragraphs == [Paragraph(Span(0, len(TEXT)))]
    assert store.check() == []


def test_unlinked_articles_are_tracked_without_a_scan_and_migrated(tmp_path: Path):
    """A database of schema 2 with one linked and one unlinked article opens with the unlinked one
    found; afterwards new articles are unlinked until a membership names them, and again when their
    memberships are replaced away."""
    from storyline.store.sqlite import _statements

    db = tmp_path / "v2.db"
    con = sqlite3.connect(db, isolation_level=None)
    for _, _, sql in migrations()[:2]:
        for statement in _statements(sql):
            con.execute(statement)
    con.execute("PRAGMA user_version = 2")
    for aid in ("linked", "waiting"):
        con.execute("INSERT INTO articles (id, text, ingested) VALUES (?, 'x', '2020-01-01T00:00:00')", (aid,))
    con.execute("INSERT INTO memberships (article_id, event_id, story_id) VALUES ('linked', 'e', 's')")
    con.close()
    store = SQLiteStore(db)
    assert [d.id for d in store.unlinked()] == ["waiting"]
    store.add([Document(Article(id="new", text="Neuer Text."))])
    assert {d.id for d in store.unlinked()} == {"waiting", "new"}
    member = {"event_id": "e", "story_id": "s", "duplicate_of": None, "score": 0.0, "explanation": {}}
    store.update_links([{**member, "article_id": "new"}], [], [], [])
    store.update_links([{**member, "article_id": "new"}], [], [], [])  # replaced, still linked
    assert [d.id for d in store.unlinked()] == ["waiting"]
    store.replace_links([{**member, "article_id": "waiting"}], [], [])
    assert {d.id for d in store.unlinked()} == {"linked", "new"}
    assert store.check() == []
