"""Two writers on one store, interleaved at the worst moment: one annotates an article while the
other stores another text of the same article (a retitled page both picked up). Nothing is lost:
the text that comes second becomes a version of the first, as it would in one process."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from storyline.app.ingest import ingest_articles
from storyline.ids import article_id
from storyline.model import Article, Document
from storyline.pipeline import Pipeline
from storyline.settings import Settings
from storyline.store import open_store

URL = "https://news.example/politik/gipfel-123"
SETTINGS = Settings.load(None, ["pipeline.stages=[]"])


def _article(title: str, text: str) -> Article:
    return Article(id=article_id(URL, text), text=text, title=title, url=URL)


class _Meanwhile(Pipeline):
    """A pipeline during whose work another writer stores ``other`` into the same database."""

    def __init__(self, db: Path, other: Article):
        super().__init__([])
        self.db, self.other = db, other

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> list[Document]:  # type: ignore[override]
        with open_store(str(self.db)) as second:
            report = ingest_articles([self.other], second, Pipeline([]), SETTINGS)
        assert report.ingested == [self.other.id]
        return list(docs)


def test_another_text_of_an_article_stored_meanwhile_is_kept_as_a_version(tmp_path: Path):
    db = tmp_path / "news.db"
    first = _article("Gipfel beginnt", "Der Gipfel in Genf hat am Morgen begonnen.")
    later = _article("Gipfel endet ohne Einigung", "Der Gipfel in Genf ist ohne Einigung zu Ende gegangen.")
    assert first.id == later.id  # one URL, one article
    with open_store(str(db)) as store:
        report = ingest_articles([first], store, _Meanwhile(db, later), SETTINGS)
        assert report.duplicates == [] and len(report.ingested) == 1
        stored = {d.article.text: d.article for d in store.documents([later.id, *report.ingested])}
    assert set(stored) == {first.text, later.text}  # both texts, neither dropped as a duplicate
    kept = stored[first.text]
    assert kept.id != later.id and kept.meta["version_of"] == later.id and report.versions == [kept.id]


def test_the_same_text_stored_meanwhile_is_a_duplicate(tmp_path: Path):
    db = tmp_path / "news.db"
    one = _article("Gipfel beginnt", "Der Gipfel in Genf hat am Morgen begonnen.")
    same = _article("Gipfel beginnt", "Der Gipfel in Genf hat am Morgen begonnen.")
    with open_store(str(db)) as store:
        report = ingest_articles([one], store, _Meanwhile(db, same), SETTINGS)
        assert report.ingested == [] and report.duplicates == [one.id]
        assert store.count() == 1
