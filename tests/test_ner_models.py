"""The shipped German NER models: the example sentence, bad input, offsets, the stage, a dev floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Article, Document
from storyline.nlp.ner.tagger import MODELS_DIR, load_tagger
from storyline.pipeline import lookup
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
EXAMPLE = (
    "Kurz zuvor hatte Südkoreas Nationaler Sicherheitsberater, Chung Eui Yong, in Washington verkündet, "
    "dass Trump eine Einladung Kims angenommen habe."
)
PROFILES = [
    pytest.param(
        "accurate",
        marks=pytest.mark.skipif(
            not (MODELS_DIR / "accurate" / "meta.json").exists(), reason="accurate model not built"
        ),
    ),
    pytest.param(
        "fast",
        marks=pytest.mark.skipif(
            not (MODELS_DIR / "fast" / "meta.json").exists(), reason="fast model not built"
        ),
    ),
]


def ents(profile: str, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], lab) for s, e, lab in load_tagger(profile).tag([text])[0]]


@pytest.mark.parametrize("profile", PROFILES)
def test_example_sentence(profile: str) -> None:
    got = ents(profile, EXAMPLE)
    assert ("Washington", "LOC") in got and ("Trump", "PER") in got
    if profile == "accurate":
        assert set(got) >= {("Südkoreas", "LOC"), ("Chung Eui Yong", "PER"), ("Kims", "PER")}


@pytest.mark.parametrize("profile", PROFILES)
def test_empty_and_blank_inputs(profile: str) -> None:
    assert load_tagger(profile).tag([]) == []
    assert load_tagger(profile).tag(["", " ", "\n\n", "\u200b\u00ad"]) == [[], [], [], []]


@pytest.mark.parametrize("profile", PROFILES)
def test_odd_unicode_keeps_exact_offsets(profile: str) -> None:
    text = "Gestern\u00a0sprach Angela\u00a0Merkel\u200b in Ber\u00adlin mit Emmanuel\u2009Macron \U0001f600 über Frankreich."
    spans = load_tagger(profile).tag([text])[0]
    assert spans, "nothing found"
    for s, e, _ in spans:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip() and not text[s].isspace()
    found = {text[s:e] for s, e, _ in spans}
    assert any("Merkel" in f for f in found)


@pytest.mark.parametrize("profile", PROFILES)
def test_very_long_sentence_is_not_truncated(profile: str) -> None:
    # one "sentence" far longer than the model window (256 pieces): entities at the end still found
    unit = "und dann sprach Angela Merkel in Berlin mit Emmanuel Macron "
    text = unit * 40
    spans = load_tagger(profile).tag([text])[0]
    last = [s for s, _, _ in spans if s > len(text) - 2 * len(unit)]
    assert last, "no entity in the last part of a long text"
    berlin = [s for s, e, lab in spans if text[s:e] == "Berlin"]
    assert len(berlin) >= 35


@pytest.mark.parametrize("profile", PROFILES)
def test_stage_on_document(profile: str) -> None:
    settings = Settings({"ner.profile": profile})
    text = "Neue Gespräche\n\n" + EXAMPLE + " " + ("Danach flog Trump nach Berlin. " * 20) + "\u200b"
    doc = Document(article=Article(id="t", text=text, language="de"))
    for name in ("structure", "sentences", "ner"):
        doc = lookup(name).factory(settings)(doc)
    labels = {(m.span.text(text), m.label) for m in doc.mentions}
    assert ("Washington", "LOC") in labels
    assert sum(1 for m in doc.mentions if m.span.text(text) == "Berlin") >= 18
    sdoc = doc.extras["spacy"]
    assert {e.text for e in sdoc.ents} >= {"Washington", "Berlin"}
    # batched path gives the same result
    doc2 = Document(article=Article(id="t2", text=text, language="de"))
    for name in ("structure", "sentences"):
        doc2 = lookup(name).factory(settings)(doc2)
    out = list(
        lookup("ner")
        .factory(settings)
        .pipe([doc2, Document(article=Article(id="e", text="", language="de"))])
    )
    assert out[0].mentions == doc.mentions and out[1].mentions == []


@pytest.mark.parametrize("profile", PROFILES)
def test_spacy_factory_sets_ents(profile: str) -> None:
    import spacy

    import storyline.nlp.ner.components  # noqa: F401

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(f"storyline_ner_{profile}")
    doc = nlp(EXAMPLE)
    assert ("Washington", "LOC") in {(e.text, e.label_) for e in doc.ents}


FLOORS = {"accurate": 0.72, "fast": 0.55}


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.skipif(not (DATA / "germeval2014").is_dir(), reason="../shared/data/germeval2014 absent")
def test_tags_do_not_depend_on_the_batch(profile: str) -> None:
    """A sentence gets the same entities alone, in a batch, and in a batch of other order and padding:
    otherwise `storyline batch` (other batches) and `ingest` disagree, and re-annotating changes ids.
    (The accurate model once scaled its int8 activations per batch: 38 of 500 sentences changed.)"""
    from storyline.eval.ner import load

    texts = [s.text for s in load(DATA / "germeval2014", "dev")][:200]
    tagger = load_tagger(profile)
    batched = tagger.tag(texts)
    assert tagger.tag(texts[::-1])[::-1] == batched
    assert [tagger.tag([t])[0] for t in texts] == batched
    assert tagger.tag([*texts[:7], "Ein " + "sehr " * 300 + "langer Satz über Angela Merkel."])[:7] == batched[:7]
