"""Coreference scores on hand-made partitions, and ``eval entities`` through the real pipeline on a tiny
stream the test writes (gold mentions in titles and teasers, one found, one never annotated)."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.eval.coref import ceafe, muc, scores


def test_perfect_and_split_partitions() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    assert scores(gold, gold)["conll_f1"] == 1.0
    split = {"a": 1, "b": 2, "c": 2, "d": 3, "e": 3}
    assert muc(gold, split)["f1"] == 0.0  # no gold link kept, no system link right
    one = {k: 0 for k in gold}
    c = ceafe(gold, one)  # the single system cluster aligns with one gold cluster: phi4 = 4/7
    assert c["precision"] == round(4 / 7, 4) and c["recall"] == round(4 / 21, 4)


def test_ceafe_takes_the_best_alignment_not_the_greedy_one() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    pred = {"a": 1, "b": 2, "c": 2}
    # x-1 (2/3) + y-2 (2/3) beats x-2 (1/2) + nothing
    assert ceafe(gold, pred)["f1"] == round(4 / 3 / 2, 4)


def test_eval_entities_on_a_small_stream(tmp_path: Path) -> None:
    from storyline.eval.entities import evaluate

    rows = [
        {"id": 1, "url": "https://example.org/1", "outlet": "a.de", "first_seen": "2026-01-01T08:00:00",
         "title": "Merkel trifft Macron", "teaser": "Angela Merkel hat am Montag Emmanuel Macron in Paris getroffen."},
        {"id": 2, "url": "https://example.org/2", "outlet": "b.de", "first_seen": "2026-01-01T09:00:00",
         "title": "Angela Merkel lobt die Zusammenarbeit mit Frankreich", "teaser": None},
    ]
    data = tmp_path / "articles.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    labels = tmp_path / "gold.entities.tsv"
    lines = ["id\tfield\tstart\tend\tsurface\ttype\tidentity",
             "1\tteaser\t0\t13\tAngela Merkel\tPER\tAngela Merkel (chancellor)",
             "1\tteaser\t29\t44\tEmmanuel Macron\tPER\tEmmanuel Macron (president)",
             "2\ttitle\t0\t13\tAngela Merkel\tPER\tAngela Merkel (chancellor)"]
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = evaluate(data, labels=labels, profile="fast")
    assert res["task"] == "entities" and res["n_gold_mentions"] == 3
    assert set(res) >= {"found", "bcubed", "muc", "ceafe", "conll_f1", "mixed_entities", "articles_per_s"}
    assert res["found"] == 1.0 and res["bcubed"]["f1"] == 1.0, res  # both Merkels are one entity
    assert res["mixed_entities"] == []
