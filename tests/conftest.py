"""Shared fixtures. Data-dependent tests read ../shared and skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
EXAMPLES = SHARED / "examples"

needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="../shared/examples is absent")


def needs_data(name: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not (DATA / name).exists(), reason=f"../shared/data/{name} is absent")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def sl(db_path: Path):
    import storyline

    lib = storyline.open(str(db_path))
    yield lib
    lib.close()


def german_quotes(text: str) -> list:
    """Quotes of a German text through structure → sentences → quotes (no NER): the rules alone."""
    from storyline.model import Article, Document
    from storyline.pipeline import lookup
    from storyline.settings import Settings

    s = Settings()
    doc = Document(Article(id="t", text=text, language="de"))
    for name in ("structure", "sentences", "quotes"):
        doc = lookup(name).factory(s)(doc)
    return doc.quotes


def span_texts(text: str, spans: tuple) -> list[str]:
    return [s.text(text) for s in spans]


@pytest.fixture(params=["sqlite", "postgres"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path):
    """Where a store lives, once per backend: an SQLite file, then an empty PostgreSQL database (the
    PostgreSQL run skips, saying why, when no server can be started; see tests/pg.py)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    from pg import fresh_database

    yield from fresh_database()


@pytest.fixture
def pg_url():
    """An empty PostgreSQL database of this test's own (skips, saying why, without a server)."""
    from pg import fresh_database

    yield from fresh_database()
