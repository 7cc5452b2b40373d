"""The quote scorer on hand-made cases, and the dev-split quality floor (skipped without data)."""

from __future__ import annotations

from pathlib import Path

from storyline.eval.quotes import Item, Scores, score_document, to_tokens, token_starts

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dewikinews_quotes"


def item(message: set[int], speaker: set[int], kind: str = "Indirect") -> Item:
    return Item(frozenset(message), frozenset(speaker), kind)


def test_tokens_cover_by_first_character() -> None:
    text = "Er sagte: „Gut.“"
    starts = token_starts(text)
    assert len(starts) == 7
    assert to_tokens(starts, [(10, 16)]) == frozenset({3, 4, 5, 6})


def test_perfect_and_partial_scores() -> None:
    s = Scores()
    score_document([item({1, 2, 3}, {0})], [item({1, 2, 3}, {0})], s)
    assert s.message.prf()["f1"] == 1.0 and s.joint.prf()["f1"] == 1.0
    s = Scores()
    score_document([item({1, 2}, {9})], [item({1, 2, 3, 4}, {0})], s)
    assert s.message.prf() == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert s.speaker.prf()["f1"] == 0.0
    assert s.joint.tp == 0 and s.joint.fp == 2 and s.joint.fn == 4


def test_unpaired_quotes_count_fully() -> None:
    s = Scores()
    score_document([item({10, 11}, {12})], [item({1, 2}, {0}, "Direct")], s)
    assert (s.message.tp, s.message.fp, s.message.fn) == (0, 2, 2)
    assert s.by_type["Direct"]["message"].fn == 2
