"""``storyline delete``: after removing an article, the store is the one built without it (articles,
search, events and stories, entity mention counts), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, needs_examples
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.library import Storyline

FAST = {"ner.profile": "fast"}


def _picture(sl: Storyline) -> dict[str, object]:
    ids = sorted(a.id for a in sl.articles(limit=None))
    links = sorted((m.article_id, m.event_id, m.story_id) for m in sl.memberships(ids).values())
    entities = sorted((e.id, e.label, e.mentions) for e in sl.entities())
    return {"ids": ids, "links": links, "entities": entities, "pending": sl.pending(),
            "search": sorted(h.article.id for h in sl.search("Nordkorea"))}


@needs_examples
def test_delete_leaves_the_store_built_without_the_article(tmp_path: Path, store_location: str) -> None:
    examples = sorted(EXAMPLES.glob("*.txt"))
    extra = tmp_path / "extra.txt"
    extra.write_text("---\ntitle: Kim trifft Moon\ndate: 2018-04-27\n---\nNordkoreas Machthaber Kim Jong Un "
                     "und Südkoreas Präsident Moon Jae In haben sich in Panmunjom getroffen.\n", encoding="utf-8")
    with Storyline(store_location, FAST) as sl:
        report = sl.ingest([*examples, extra])
        victim = next(a.id for a in sl.articles(limit=None) if a.title == "Kim trifft Moon")
        assert victim in report.ingested
        done = sl.delete([victim[:10], "nonexistent"])
        assert done.deleted == [victim] and done.missing == ["nonexistent"]
        after = _picture(sl)
    if store_location.startswith("postgresql"):  # the reference on the same backend
        from pg import fresh_database

        places = fresh_database()
        reference = next(places)
    else:
        places, reference = None, str(tmp_path / "without.db")
    try:
        with Storyline(reference, FAST) as ref:
            ref.ingest(examples)
            assert after == _picture(ref)
    finally:
        if places is not None:
            places.close()
    assert victim not in after["ids"] and after["pending"] == {"unlinked": 0, "stale": 0}


@needs_examples
def test_delete_command(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--set", "ner.profile=fast", "ingest", str(EXAMPLES), "--db", db, "-q"]).exit_code in (0, 1)
    with Storyline(db, readonly=True) as sl:
        first = sl.articles(limit=1)[0].id
    out = runner.invoke(app, ["delete", first[:8], "--db", db])
    assert out.exit_code == 0 and "1 deleted" in out.output, out.output
    out = runner.invoke(app, ["delete", first[:8], "--db", db])
    assert out.exit_code == 1 and "not found" in out.output
