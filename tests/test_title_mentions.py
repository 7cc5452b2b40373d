"""Headlines are annotated: their mentions keep offsets into the title, join the text's entities,
survive the store and are exported with "field": "title" (EVAL.md)."""

from __future__ import annotations

from pathlib import Path

from storyline.export import article_record
from storyline.library import Storyline

TITLE = "Merz empfängt Macron im Kanzleramt"
TEXT = ("Bundeskanzler Friedrich Merz hat am Montag den französischen Präsidenten Emmanuel Macron in Berlin "
        "empfangen. Merz sagte, Europa müsse zusammenstehen.")


def test_title_mentions_are_found_linked_and_stored(tmp_path: Path) -> None:
    with Storyline(tmp_path / "t.db", {"ner.profile": "fast"}) as sl:
        report = sl.add_text(TEXT, title=TITLE, date="2026-01-05")
        doc = sl.get(report.ingested[0])
        heads = {m.span.text(TITLE): m for m in doc.title_mentions}
        assert "Merz" in heads and "Macron" in heads, heads
        by_name = {m.span.text(doc.text): m.entity_id for m in doc.mentions}
        assert heads["Merz"].entity_id == by_name["Friedrich Merz"]  # the headline's short form joins the text's
        assert heads["Macron"].entity_id == by_name["Emmanuel Macron"]
        record = article_record(doc)
        in_title = [e for e in record["entities"] if e.get("field") == "title"]
        assert {e["text"] for e in in_title} >= {"Merz", "Macron"}
        assert all(TITLE[e["start"] : e["end"]] == e["text"] for e in in_title)
        assert all(TEXT[e["start"] : e["end"]] == e["text"] for e in record["entities"] if "field" not in e)


def test_headline_only_items_are_annotated_once(tmp_path: Path) -> None:
    with Storyline(tmp_path / "h.db", {"ner.profile": "fast"}) as sl:
        report = sl.add_text("", title="Angela Merkel besucht Emmanuel Macron in Paris", date="2026-01-05")
        doc = sl.get(report.ingested[0])
        assert doc.text == doc.article.title and doc.title_mentions == []  # the title is the text
        assert "Paris" in {m.span.text(doc.text) for m in doc.mentions}


def test_an_outlets_paywall_mark_names_nobody(tmp_path: Path) -> None:
    from storyline.nlp.ner.stage import _joined

    title = "Z+ (abopflichtiger Inhalt); Merz empfängt Macron im Kanzleramt"
    assert _joined([(0, 2, "ORG"), (28, 32, "PER")], title) == [(28, 32, "PER")]  # "Z+" is ZEIT's mark
    glued = "SZ PlusMeinungStromausfall in Berlin"
    assert _joined([(0, 2, "ORG")], glued) == []  # "SZ" of "SZ Plus"
    assert _joined([(0, 7, "ORG")], "Disney+ erhöht die Preise") == [(0, 7, "ORG")]
    with Storyline(tmp_path / "z.db", {"ner.profile": "fast"}) as sl:
        for i, head in enumerate((title, glued, "FAZ+Merz empfängt Macron im Kanzleramt")):
            report = sl.add_text(f"{TEXT} Das Treffen war das {i + 2}. in diesem Jahr.", title=head, date="2026-01-05")
            doc = sl.get(report.ingested[0])
            named = {m.span.text(head) for m in doc.title_mentions}
            assert not named & {"Z+", "Z", "SZ", "SZ Plus", "FAZ+", "FAZ"}, (head, named)
