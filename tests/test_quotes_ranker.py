"""The trained speaker ranker: the shipped model loads and fits the features; speakers it picks; the
rules stay as fallback when it is off or missing."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Article, Document
from storyline.nlp.quotes import ranker as rk
from storyline.pipeline import lookup
from storyline.settings import Settings

UNCUED = (
    "Polizei und Armee sollen Plünderungen verhindern. Nach einem Besuch im Krisengebiet sprach der "
    "mexikanische Präsident von der „schlimmsten Katastrophe in der jüngsten Geschichte des Landes“."
)


def speakers(text: str, ranker: bool = True) -> list[list[str]]:
    s = Settings({"quotes.speaker_ranker": ranker})
    doc = Document(Article(id="t", text=text, language="de"))
    for name in ("structure", "sentences", "quotes"):
        doc = lookup(name).factory(s)(doc)
    return [[sp.text(text) for sp in q.speaker] for q in doc.quotes]


def test_shipped_model_fits_features() -> None:
    model = rk.load()
    assert model is not None, "storyline/models/quotes/speaker_ranker.json missing or stale"
    assert {"direct", "frame_before"} <= model.kinds
    assert all(len(w) == len(rk.FEATURES) for w in model.weights.values())


def test_feature_vector() -> None:
    text = "Der Minister sagte das."
    cand = rk.Candidate("np", (0, 12))
    x = rk.features(cand, "direct", text, 0, 13, 4, None, frozenset(), frozenset())
    assert len(x) == len(rk.FEATURES)
    assert x[rk.FEATURES.index("direct*np")] == 1.0
    assert x[rk.FEATURES.index("role_noun")] == 1.0
    none = rk.features(rk.Candidate("none", None), "direct", text, 0, 13, 4, None, frozenset(), frozenset())
    assert none[rk.FEATURES.index("direct*none")] == 1.0


def test_uncued_direct_quote_gets_inverted_subject() -> None:
    assert speakers(UNCUED) == [["der mexikanische Präsident"]]
    assert speakers(UNCUED, ranker=False) == [[]]  # the rules found no one here


def test_missing_or_stale_model_means_rules(tmp_path: Path) -> None:
    assert rk.load(str(tmp_path / "absent.json")) is None
    stale = tmp_path / "stale.json"
    stale.write_text('{"features": ["x"], "models": []}', encoding="utf-8")
    assert rk.load(str(stale)) is None
