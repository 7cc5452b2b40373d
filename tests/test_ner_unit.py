"""NER helpers that need no model: BIO decoding, span cleaning, windows, scoring, the stage's routing."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.eval.ner import Sentence, bio_spans, score
from storyline.model import Article, Document, Mention, Span
from storyline.nlp.ner import stage as ner_stage
from storyline.nlp.ner.tagger import AccurateTagger, clean_span, decode_bio
from storyline.pipeline import lookup
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_bio_spans_handles_stray_inside_tags() -> None:
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER"]) == [
        (0, 2, "PER"),
        (3, 5, "LOC"),
        (5, 6, "ORG"),
        (6, 7, "PER"),
    ]


def test_decode_bio_snaps_to_words_and_strips_invisible() -> None:
    text = "Gestern traf Trumps\u00a0Team \u200bAngela Merkel."
    # pieces: "Trump" (B-PER) but not its "s"; "\u200bAngela" + " Merkel"
    offs = [(13, 18), (18, 19), (25, 32), (32, 39)]
    got = decode_bio(["B-PER", "O", "B-PER", "I-PER"], offs, text)
    assert [text[s:e] for s, e, _ in got] == ["Trumps", "Angela Merkel"]


def test_clean_span_keeps_offsets_into_original() -> None:
    text = "\u00adBerlin\u00ad "
    s, e = clean_span(text, 0, len(text))
    assert text[s:e] == "Berlin"


def test_windows_cover_every_piece_once() -> None:
    t = AccurateTagger.__new__(AccurateTagger)
    t.window, t.stride = 10, 6
    for n in (0, 1, 10, 11, 23, 100):
        wins = t._windows(n)
        kept = [i for s, e, kf, kt in wins for i in range(kf, kt)]
        assert kept == list(range(n))
        assert all(s <= kf <= kt <= e and e - s <= 10 for s, e, kf, kt in wins)


def test_score_exact_spans() -> None:
    res = score([[(0, 5, "PER"), (10, 15, "LOC")]], [[(0, 5, "PER"), (10, 14, "LOC")]])
    assert res["precision"] == 0.5 and res["recall"] == 0.5
    assert res["per_type"]["PER"]["f1"] == 1.0 and res["per_type"]["LOC"]["f1"] == 0.0


def test_sentence_offsets() -> None:
    s = Sentence(["Angela", "Merkel", "in", "Berlin"], ["B-PER", "I-PER", "O", "B-LOC"])
    assert [s.text[a:b] for a, b, _ in s.spans()] == ["Angela Merkel", "Berlin"]


def _doc(text: str, lang: str) -> Document:
    return Document(article=Article(id="x", text=text, language=lang))


def test_stage_other_language_leaves_note() -> None:
    st = lookup("ner").factory(Settings())
    doc = st(_doc("Bonjour Paris.", "fr"))
    assert doc.mentions == []
    assert any("fr" in n for n in doc.extras["notes"])


def test_stage_english_delegates(monkeypatch: pytest.MonkeyPatch) -> None:
    class Fake:
        @staticmethod
        def english_mentions(doc: Document) -> list[Mention]:
            return [Mention(Span(0, 5), "PER")]

    monkeypatch.setattr(ner_stage, "_english", lambda: Fake)
    st = lookup("ner").factory(Settings())
    assert st(_doc("Alice went home.", "en")).mentions == [Mention(Span(0, 5), "PER")]
    monkeypatch.setattr(ner_stage, "_english", lambda: None)
    doc = st(_doc("Alice went home.", "en"))
    assert doc.mentions == [] and doc.extras["notes"]


def test_bad_profile_is_config_error() -> None:
    from storyline.errors import ConfigError

    with pytest.raises(ConfigError):
        lookup("ner").factory(Settings({"ner.profile": "huge"}))


@pytest.mark.skipif(not (DATA / "germeval2014").exists(), reason="../shared/data absent")
def test_germeval_split_sizes() -> None:
    from storyline.eval.ner import load

    assert [len(load(DATA / "germeval2014", s)) for s in ("train", "dev", "test")] == [5800, 500, 1000]
    dev = load(DATA / "germeval2014", "dev")
    assert all(t in ("O",) or t[2:] in ("PER", "ORG", "LOC", "MISC") for s in dev for t in s.tags)


def test_normalise_maps_back_to_original_offsets() -> None:
    from storyline.nlp.ner.tagger import map_back, normalise

    text = "Gestern\u00a0sprach Angela\u00a0Merkel\u200b in Ber\u00adlin."
    clean, mapping = normalise(text)
    assert clean == "Gestern sprach Angela Merkel in Berlin."
    i = clean.index("Berlin")
    j = clean.index("Angela Merkel")
    got = map_back([(j, j + 13, "PER"), (i, i + 6, "LOC")], mapping, text)
    assert [text[s:e] for s, e, _ in got] == ["Angela\u00a0Merkel", "Ber\u00adlin"]
    assert normalise("plain ascii") == ("plain ascii", None)


def test_ner_threads_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.nlp.ner.tagger import _threads

    monkeypatch.setenv("STORYLINE_NER_THREADS", "1")
    assert _threads() == 1
    monkeypatch.setenv("STORYLINE_NER_THREADS", "nonsense")
    assert 1 <= _threads() <= 2
    monkeypatch.delenv("STORYLINE_NER_THREADS")
    assert 1 <= _threads() <= 2
