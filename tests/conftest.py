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
# --- a fixed small test database, built once per session and shared by read-only tests -----------

FRONTPAGES = DATA / "de_frontpages_2026" / "articles.jsonl"
FRONTPAGE_STEP = 63  # every 63rd front-page item: ~300 items spread over the whole collection


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two example articles (with the dates a reader knows) and ~300 front-page teasers from
    ../shared/data/de_frontpages_2026, fast NER profile, linked. Built in about 15 s; read-only
    tests open it with ``readonly=True`` and must not write to it."""
    import itertools

    from storyline.cli.demo import KNOWN_DATES
    from storyline.library import Storyline
    from storyline.settings import Settings

    if not EXAMPLES.is_dir() or not FRONTPAGES.is_file():
        pytest.skip("../shared/examples or ../shared/data/de_frontpages_2026 is absent")
    folder = tmp_path_factory.mktemp("small_db")
    items = folder / "frontpages.jsonl"
    with FRONTPAGES.open(encoding="utf-8") as src, items.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, 0, None, FRONTPAGE_STEP))
    path = folder / "small.db"
    fields = 'ingest.fields={text="teaser", published="first_seen", source="outlet"}'
    with Storyline(path, settings=Settings.load(None, ["ner.profile=fast"])) as sl:
        examples = sorted(EXAMPLES.glob("*.txt"))
        report = sl.ingest(examples)
        for doc in sl.docs(report.ingested):
            name = Path(doc.article.origin or "").name
            if name in KNOWN_DATES:
                sl.set_date(doc.id, KNOWN_DATES[name])
        sl.relink()
        sl.settings = Settings.load(None, ["ner.profile=fast", fields])
        sl.ingest([items])
    return path


@pytest.fixture(scope="session")
def small_sl(small_db: Path):
    """The small test database opened read-only (shared: do not write)."""
    from storyline.library import Storyline

    lib = Storyline(small_db, readonly=True)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def web_client(small_db: Path):
    """An in-process client of the web app over the small test database (read-only)."""
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app

    with TestClient(create_app(small_db)) as client:
        yield client
