"""Headlines as a reader sees them: an outlet's paywall mark and a glued kicker are layout, not the
headline. Lists, page headings and the CLI show the reader's title; the stored title, the API and
the title's annotation offsets keep what the outlet wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.library import Storyline
from storyline.settings import Settings
from storyline.views.titles import reader_title


@pytest.mark.parametrize(("raw", "shown"), [
    ("Z+ (abopflichtiger Inhalt); Joggen: So gesund ist Laufen", "Joggen: So gesund ist Laufen"),
    ("FAZ+Kunst gegen Repression: „Und dann …“", "Kunst gegen Repression: „Und dann …“"),
    ("FAZ+„Aktivrente“ startet", "„Aktivrente“ startet"),
    ("SZ PlusMeinungStromausfall in Berlin:Was macht der Bürgermeister?",
     "Meinung: Stromausfall in Berlin: Was macht der Bürgermeister?"),
    ("SZ PlusSZ MagazinDer Exorzist", "SZ Magazin: Der Exorzist"),
    ("SZ PlusInterview-Podcast mit Anne Will", "Interview-Podcast mit Anne Will"),
    ("Fußball-Bundesliga:Polzin nach Kuntz-Aus beim HSV", "Fußball-Bundesliga: Polzin nach Kuntz-Aus beim HSV"),
    ("Wetter:2025 im Südwesten weniger Blitze", "Wetter: 2025 im Südwesten weniger Blitze"),
    ("Brände:„Feuer in der Altstadt“", "Brände: „Feuer in der Altstadt“"),
])
def test_marks_go_and_glued_kickers_are_set_off(raw: str, shown: str) -> None:
    assert reader_title(raw) == shown


@pytest.mark.parametrize("title", [
    "Disney+ erhöht die Preise",  # a name with a plus is no paywall mark
    "Lehrer:innen streiken in Berlin",  # the gender colon
    "Bayern siegt 2:1 in Köln", "Um 10:30 Uhr beginnt die Sitzung",
    "Mehr unter https://example.org/a:B",
    "", "   ", "Z+ (abopflichtiger Inhalt); ",  # nothing but the mark: shown as it is
    "BILDplus GEWINNSPIEL: Deine Lesezeit gewinnen!",
    "\u2060FAZ+", "<script>alert(1)</script>",
])
def test_other_titles_stay_as_written(title: str) -> None:
    assert reader_title(title) == title


RAW = "Z+ (abopflichtiger Inhalt); Stromausfall in Berlin: Tausende Haushalte ohne Strom"


@pytest.fixture(scope="module")
def marked_db(tmp_path_factory) -> Path:
    """Two articles of one story: a ZEIT title with its paywall mark, an SZ title with a glued kicker."""
    records = [
        {"title": RAW, "text": "In Berlin sind nach einem Brandanschlag tausende Haushalte ohne Strom.",
         "url": "https://www.zeit.de/a/1", "source": "zeit.de", "published": "2026-01-03"},
        {"title": "Brände:Stromausfall in Berlin dauert an",
         "text": "Der Stromausfall in Berlin nach dem Brandanschlag dauert an, tausende Haushalte ohne Strom.",
         "url": "https://www.sueddeutsche.de/a/2", "source": "sueddeutsche.de", "published": "2026-01-03"},
    ]
    path = tmp_path_factory.mktemp("titles") / "t.db"
    with Storyline(path, settings=Settings({"ner.profile": "fast"})) as sl:
        assert len(sl.ingest_records(records).ingested) == 2
    return path


def test_pages_show_the_readers_title_and_the_api_keeps_the_outlets(marked_db: Path) -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from storyline.web.app import create_app

    raw = RAW
    with TestClient(create_app(marked_db, Settings({"ner.profile": "fast"}))) as client:
        arts = client.get("/api/articles").json()["articles"]
        assert raw in {a["title"] for a in arts}  # the data as the outlet wrote it
        listing = client.get("/articles").text
        assert "abopflichtiger" not in listing and "Brände: Stromausfall" in listing
        for s in client.get("/api/stories").json()["stories"]:
            page = client.get(f"/stories/{s['story_id']}").text
            assert "abopflichtiger" not in page and "Brände:Stromausfall" not in page
        article = next(a for a in arts if a["title"] == raw)
        heading = client.get(f"/articles/{article['id']}").text
        assert "<bdi>Stromausfall in Berlin: Tausende Haushalte ohne Strom</bdi>" in heading


def test_the_cli_lists_the_readers_titles(marked_db: Path) -> None:
    runner = CliRunner()
    for command in (["stories"], ["events"], ["articles"]):
        out = runner.invoke(app, [*command, "--db", str(marked_db)])
        assert out.exit_code == 0, out.output
        assert "abopflichtiger" not in out.output and "Brände:Stromausfall" not in out.output, command
    data = json.loads(runner.invoke(app, ["articles", "--db", str(marked_db), "--json"]).output)
    assert RAW in json.dumps(data, ensure_ascii=False)  # --json gives the data as the outlet wrote it


def test_any_title_and_any_value_is_shown_without_harm() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from storyline.views.when import when

    alphabet = st.sampled_from(list("Z+ (abopflichtiger Inhalt);:FAZSPlusMeinung„“\"0123456789-TNIXW\u2060\u202e\n\x00"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=80), st.one_of(st.none(), st.sampled_from(["BEFORE", "MID", "", "ODD"])))
    def check(text: str, mod: str | None) -> None:
        shown = reader_title(text)
        assert isinstance(shown, str) and (shown.strip() or not text.strip())
        assert len(shown) <= len(text) + text.count(":") + 2  # only a space after a glued colon or label is added
        assert isinstance(when(text, mod), str)

    check()
