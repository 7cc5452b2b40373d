"""The example articles: every quote the examples README lists is found, with its speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Article, Document, Quote
from storyline.pipeline import lookup
from storyline.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"


def annotate(text: str, language: str = "de") -> tuple[Document, list[Quote]]:
    settings = Settings()
    doc = Document(Article(id="t", text=text, language=language))
    for name in ("structure", "sentences", "quotes"):
        doc = lookup(name).factory(settings)(doc)
    return doc, doc.quotes


def find(doc: Document, quotes: list[Quote], needle: str) -> Quote:
    text = doc.text
    for q in quotes:
        if any(needle in s.text(text) for s in q.message):
            return q
    raise AssertionError(
        f"no quote contains {needle!r}: {[[s.text(text) for s in q.message] for q in quotes]}"
    )


def speaker_text(doc: Document, q: Quote) -> str:
    return " ".join(s.text(doc.text) for s in q.speaker)


@pytest.fixture(scope="module")
def ex000() -> tuple[Document, list[Quote]]:
    path = EXAMPLES / "000_7701b39470e82700.txt"
    if not path.exists():
        pytest.skip("../shared/examples not available")
    return annotate(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ex001() -> tuple[Document, list[Quote]]:
    path = EXAMPLES / "001_ea687b33c55d6d88.txt"
    if not path.exists():
        pytest.skip("../shared/examples not available")
    return annotate(path.read_text(encoding="utf-8"))


def test_white_house_statement_is_direct(ex000: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex000
    q = find(doc, quotes, "Offenheit für Gespräche")
    assert q.kind == "direct"
    assert speaker_text(doc, q) == "das Weiße Haus"
    assert [s.text(doc.text) for s in q.cue] == ["teilte", "mit"]


def test_moon_denuclearisation_is_indirect(ex000: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex000
    q = find(doc, quotes, "sei ein grundlegendes Ziel")
    assert q.kind == "indirect"
    assert "Moon" in (q.speaker_name or "")


def test_sagte_er_resolves_to_moon(ex000: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex000
    q = find(doc, quotes, "würde er einem Treffen zustimmen")
    assert speaker_text(doc, q) == "er"
    assert "Moon" in (q.speaker_name or "")


def test_statement_refers_to_white_house(ex000: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex000
    q = find(doc, quotes, "Druck auf Nordkorea aufrecht")
    assert q.speaker_name == "das Weiße Haus"


def test_chung_trump_accepted(ex001: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex001
    q = find(doc, quotes, "Einladung Kims angenommen habe")
    assert q.kind == "indirect"
    assert "Chung Eui Yong" in speaker_text(doc, q)
    assert q.speaker_name == "Chung Eui Yong"


def test_narration_is_not_a_quote(ex000: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex000
    with pytest.raises(AssertionError):
        find(doc, quotes, "Was mit dem richtigen Zeitpunkt")
    with pytest.raises(AssertionError):
        find(doc, quotes, "Spannungen wegen des nordkoreanischen")


def test_laut_chung(ex001: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex001
    q = find(doc, quotes, "Atomtests")
    assert speaker_text(doc, q) == "Chung"
    assert [s.text(doc.text) for s in q.cue] == ["Laut"]


def test_twitterte_er_is_trump(ex001: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex001
    q = find(doc, quotes, "nicht nur über ein Einfrieren")
    assert speaker_text(doc, q) == "er"
    assert q.speaker_name == "Trump"


def test_pjoengjang_continuation_speaker_suedkorea(ex001: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex001
    q = find(doc, quotes, "Pjöngjang erwarte aber Sicherheitsgarantien")
    assert q.kind == "indirect" and not q.cue
    assert q.speaker_name == "Südkorea"


def test_white_house_statement_001(ex001: tuple[Document, list[Quote]]) -> None:
    doc, quotes = ex001
    q = find(doc, quotes, "Ort und Zeit müssten")
    assert speaker_text(doc, q) == "das Weiße Haus"
