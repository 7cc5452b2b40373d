"""Linking evaluation: the shared scorers, the EVAL.md keys, and a quality floor on ECB+ dev."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.eval import events as eval_events
from storyline.eval.clustering import bcubed, components, pairwise, pairwise_from_pairs
from storyline.link.config import LinkConfig
from storyline.settings import Settings

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def test_bcubed_and_pairwise() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert bcubed(gold, gold)["f1"] == 1.0 and pairwise(gold, gold)["f1"] == 1.0
    one = dict.fromkeys(gold, 0)
    assert bcubed(gold, one) == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert pairwise(gold, one)["precision"] == round(2 / 6, 4)
    assert pairwise_from_pairs([("a", "b")], {"a": 0, "b": 0, "c": 1}, "abc")["f1"] == 1.0
    comp = components([("a", "b"), ("b", "c")], "abcd")
    assert comp["c"] == "a" and comp["d"] == "d"


def test_config_from_settings() -> None:
    cfg = LinkConfig.from_settings(Settings({"link.event_threshold": 0.3, "link.event_k": 3}))
    assert cfg.event.threshold == 0.3 and cfg.event.k == 3


def test_stream_with_labels(tmp_path: Path) -> None:
    rows = [
        {
            "id": 1,
            "title": "Erdbeben erschüttert Izmir",
            "teaser": "Häuser stürzen ein, Tote in Izmir",
            "first_seen": "2026-01-01T10:00:00",
        },
        {
            "id": 2,
            "title": "Izmir: Erdbeben fordert Tote",
            "teaser": "Häuser in Izmir stürzen ein",
            "first_seen": "2026-01-01T12:00:00",
        },
        {
            "id": 3,
            "title": "Darts-WM: Schindler scheidet aus",
            "teaser": "Deutsche raus in London",
            "first_seen": "2026-01-01T11:00:00",
        },
        {"id": 4, "title": "Nicht gelabelt", "teaser": "", "first_seen": "2026-01-01T11:00:00"},
    ]
    data = tmp_path / "articles.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text("id\tevent_id\tstory_id\n1\te1\ts1\n2\te1\ts1\n3\te2\ts2\n", encoding="utf-8")
    res = eval_events.evaluate(data, labels=labels)
    assert set(res) >= {
        "task",
        "n_articles",
        "n_gold_clusters",
        "n_pred_clusters",
        "bcubed",
        "pairwise",
        "articles_per_s",
    }
    assert res["n_articles"] == 3 and res["bcubed"]["f1"] == 1.0
    rest = res["without_two_largest"]  # e1 (2 items), then e2: nothing left to score
    assert rest["events_left_out"] == ["e1", "e2"] and rest["n_articles"] == 0


def test_scores_without_the_largest_events() -> None:
    """The dev morning's two largest events weigh on every number; the rest is scored apart."""
    from storyline.eval.clustering import without_largest

    events = {"a": "big", "b": "big", "c": "big", "d": "mid", "e": "mid", "f": "x", "g": "y"}
    stories = {**events, "g": "x"}  # one story holds two small events
    pred = {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3, "f": 4, "g": 5}
    rest = without_largest(stories, pred, events)
    assert rest["events_left_out"] == ["big", "mid"] and rest["n_articles"] == 2
    assert rest["bcubed"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert without_largest(stories, pred, events, n=0)["bcubed"] == bcubed(stories, pred)


def test_bench_linking_curve() -> None:
    from datetime import datetime, timedelta

    from storyline.link.bench import bench_linking
    from storyline.link.items import LinkItem

    t0 = datetime(2020, 1, 1)
    words = ["Regierung", "Wahl", "Streik", "Bahn", "Sturm", "Ukraine", "Klima", "Schule", "Tor", "Bayern"]
    items = [
        LinkItem(
            f"h{i}",
            f"{words[i % 10]} {words[(i * 3) % 10]} {words[(i * 7) % 10]} Meldung {i}",
            published=t0 + timedelta(hours=i),
        )
        for i in range(300)
    ]
    res = bench_linking(items, checkpoints=[100, 300, 10_000], window=100, chunk=50)
    assert [c["n"] for c in res["curve"]] == [100, 300]
    assert res["n_articles"] == 300 and res["articles_per_s"] > 0
    assert {"cpu_articles_per_s", "median_us_per_article", "active_articles", "rss_mb"} <= set(
        res["curve"][0]
    )
