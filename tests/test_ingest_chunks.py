"""How ingest cuts a stream into chunks for annotation: many short items together (the taggers batch
their sentences by length), long texts in smaller chunks (progress and writes stay steady), and the
result the same whatever the chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.app import ingest
from storyline.ingest import Problem
from storyline.model import Article


def test_chunks_end_at_the_item_count_or_the_text_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "ANNOTATE_CHARS", 100)
    short = [Article(id=f"s{i}", text="x" * 10) for i in range(7)]
    assert [len(c) for c in ingest.chunks(short, 3, ingest.text_size)] == [3, 3, 1]
    long = [Article(id="a", text="x" * 60), Article(id="b", text="x" * 50), Article(id="c", text="x" * 10)]
    assert [[a.id for a in c] for c in ingest.chunks(long, 10, ingest.text_size)] == [["a", "b"], ["c"]]
    problem = Problem("feed.jsonl:3", "malformed JSON")
    assert ingest.text_size(problem) == 0
    assert list(ingest.chunks([], 5, ingest.text_size)) == []


def test_ingest_stores_the_same_whatever_the_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.export import records
    from storyline.library import Storyline
    from storyline.store import open_store

    lines = [f'{{"title": "Merz trifft Macron in Paris ({i})", "text": "Bundeskanzler Friedrich Merz traf am '
             f'Montag den französischen Präsidenten Emmanuel Macron in Paris. Es ging um die Ukraine ({i})."}}'
             for i in range(12)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exported = []
    for items in (1024, 5):
        monkeypatch.setattr(ingest, "ANNOTATE_CHUNK", items)
        db = tmp_path / f"chunks-{items}.db"
        with Storyline(db, {"ner.profile": "fast"}) as sl:
            sl.ingest([str(feed)])
        store = open_store(str(db))
        try:
            exported.append([(a["id"], a["entities"], a["times"], a["event_id"]) for a in records(store, "articles")])
        finally:
            store.close()
    assert exported[0] == exported[1] and len(exported[0]) == 12 and all(a[1] for a in exported[0])
