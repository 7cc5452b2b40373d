"""Cross-article identity as the stream builds it (fast NER, entities, merge, store): the first part
of a compound names the known person ("Füllkrug-Wechsel"), and a city's name in sports reporting
is its club."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.library import Storyline
from storyline.nlp.ner.tagger import MODELS_DIR

pytestmark = pytest.mark.skipif(not (MODELS_DIR / "fast" / "meta.json").exists(), reason="fast model not built")


def test_compound_part_points_at_the_known_person(tmp_path: Path) -> None:
    with Storyline(tmp_path / "t.db", {"ner.profile": "fast"}) as sl:
        known = set()
        for day, text in enumerate(("Stürmer Niclas Füllkrug wechselt nach Mailand, sagte sein Berater am Montag.",
                                    "Niclas Füllkrug hat am Dienstag in Mailand unterschrieben.")):
            doc = sl.get(sl.add_text(text, date=f"2026-01-0{day + 1}").ingested[0])
            known |= {m.entity_id for m in doc.mentions if m.span.text(doc.text) == "Niclas Füllkrug"}
        assert len(known) == 1
        report = sl.add_text("Der Füllkrug-Wechsel ist perfekt, meldet der Verein.", date="2026-01-05")
        doc = sl.get(report.ingested[0])
        part = [m for m in doc.mentions if m.span.text(doc.text) == "Füllkrug"]
        assert part and part[0].entity_id in known and part[0].relation == "part"


def test_a_compound_of_an_ordinary_word_names_no_one(tmp_path: Path) -> None:
    """The table tennis player Sabine Winter had taken every "Winter-Wetter" and "Winter-Chaos" of the
    front-page stream (29 mentions), Christian Buß a "Bus-Unfall", Pascal Groß a "Groß-Manöver"."""
    with Storyline(tmp_path / "t.db", {"ner.profile": "fast"}) as sl:
        for day, text in enumerate(("Tischtennisspielerin Sabine Winter gewinnt in Düsseldorf, sagte der Verband.",
                                    "Sabine Winter hat am Dienstag in Düsseldorf erneut gewonnen.",
                                    "Die Tischtennisspielerin Sabine Winter steht im Finale von Düsseldorf.")):
            sl.add_text(text, date=f"2026-01-0{day + 1}")
        doc = sl.get(sl.add_text("Das Winter-Wetter legt den Verkehr in Bayern lahm.", date="2026-01-05").ingested[0])
        assert not [m for m in doc.mentions if m.span.text(doc.text) == "Winter"]
        doc = sl.get(sl.add_text("Der Winter-Wechsel von Sabine Winter ist perfekt.", date="2026-01-06").ingested[0])
        assert [m.span.text(doc.text) for m in doc.mentions if m.label == "PER"] == ["Sabine Winter"]
