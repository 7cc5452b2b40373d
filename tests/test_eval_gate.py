"""The evaluation gate: every dev-split number pinned in storyline/eval/gate_baseline.json holds.

One test per gate (NER, time, quotes, dating, linking); each skips when its data is absent or has
changed since the numbers were pinned. The gate's own logic is tested on a made-up evaluation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA

from storyline.eval import gate as g

# the JSON keys ../shared/EVAL.md fixes for each evaluation (add keys, never drop one)
KEYS = {
    "ner": {"task", "split", "n_sentences", "precision", "recall", "f1", "per_type", "sentences_per_s"},
    "time": {"task", "split", "n_gold", "n_system", "strict", "relaxed", "value_f1", "value_accuracy", "sentences_per_s"},
    "quotes": {"task", "split", "message", "speaker", "joint", "by_type", "sentences_per_s"},
    "dating": {"task", "n", "exact_year", "within_7_days", "within_30_days", "median_abs_days", "coverage"},
    "events": {"task", "n_articles", "n_gold_clusters", "n_pred_clusters", "bcubed", "pairwise", "articles_per_s"},
    "stories": {"task", "n_articles", "bcubed", "pairwise", "articles_per_s"},
    "entities": {"task", "split", "n_gold_mentions", "found", "bcubed", "muc", "ceafe", "conll_f1", "mixed_entities",
                 "articles_per_s"},
}


@pytest.mark.data
@pytest.mark.parametrize("name", [gate.name for gate in g.GATES])
def test_dev_numbers_hold(name: str) -> None:
    verdict = g.check(g.by_name(name), DATA, g.load_baseline())
    if verdict.status == "skip":
        pytest.skip(f"{name}: {verdict.reason}")
    assert verdict.status == "pass", f"{name}: {verdict.reason}"
    task = verdict.result["task"]
    assert set(verdict.result) >= KEYS[task], sorted(KEYS[task] - set(verdict.result))


def test_every_gate_is_pinned_with_its_data() -> None:
    baseline = g.load_baseline()
    for gate in g.GATES:
        pinned = baseline[gate.name]
        assert set(pinned["metrics"]) == set(gate.metrics), gate.name
        assert len(pinned["digest"]) == 64 and pinned["tolerance"] > 0


def _fake(tmp_path: Path, score: float) -> tuple[g.Gate, dict[str, Any]]:
    (tmp_path / "toy").mkdir(exist_ok=True)
    (tmp_path / "toy" / "gold.txt").write_text("a b c", encoding="utf-8")
    gate = g.Gate("toy", ("toy",), lambda root: {"task": "toy", "bcubed": {"f1": score}}, ("bcubed.f1",), tolerance=0.01)
    return gate, {"toy": {"digest": g.digest(tmp_path, ("toy",)), "tolerance": 0.01, "metrics": {"bcubed.f1": 0.9}}}


def test_gate_fails_on_a_drop_beyond_tolerance(tmp_path: Path) -> None:
    gate, baseline = _fake(tmp_path, 0.85)
    v = g.check(gate, tmp_path, baseline)
    assert v.status == "fail" and v.drops == {"bcubed.f1": (0.9, 0.85)}
    assert "0.9000 -> 0.8500" in v.reason


def test_gate_passes_within_tolerance_and_on_gains(tmp_path: Path) -> None:
    for score in (0.895, 0.97):
        gate, baseline = _fake(tmp_path, score)
        assert g.check(gate, tmp_path, baseline).status == "pass"


def test_gate_skips_on_changed_or_absent_data(tmp_path: Path) -> None:
    gate, baseline = _fake(tmp_path, 0.9)
    (tmp_path / "toy" / "gold.txt").write_text("a b d", encoding="utf-8")
    assert g.check(gate, tmp_path, baseline).status == "skip"
    assert g.check(gate, tmp_path / "nowhere", baseline).status == "skip"
    assert g.check(gate, tmp_path, {}).status == "skip"


def test_pin_writes_numbers_and_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate, _ = _fake(tmp_path, 0.87654)
    monkeypatch.setattr(g, "GATES", (gate,))
    out = tmp_path / "baseline.json"
    g.pin(tmp_path, path=out)
    pinned = json.loads(out.read_text(encoding="utf-8"))["toy"]
    assert pinned["metrics"] == {"bcubed.f1": 0.8765} and pinned["digest"] == g.digest(tmp_path, ("toy",))
