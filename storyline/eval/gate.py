"""The evaluation gate: dev-split quality numbers pinned in one baseline file.

Each gate runs one of the fixed evaluations (``storyline eval …``) on a development split, with the
same code a user runs, and compares the pinned metrics with ``gate_baseline.json`` beside this
module. A number that drops by more than its tolerance fails the gate (``tests/test_eval_gate.py``);
a gate whose data is absent is skipped; a gate whose data changed since the numbers were pinned is
reported as stale (its digest no longer matches), since its numbers then mean something else.

Why one file: quality floors scattered over tests drift apart and are loosened one by one; one
table of what dev reached, with the data it was measured on, is reviewed as a whole. After a change
that moves a number on purpose, re-pin with ``python -m storyline.eval.gate --update`` and say why
in the commit.

Gates use subsets where the full split is slow (NER on the first sentences of GermEval dev), so the
gate runs in the test suite on every change.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).with_name("gate_baseline.json")
DEFAULT_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Gate:
    """One pinned evaluation: what to run, on which data, and which metrics (dotted paths) to pin."""

    name: str
    data: tuple[str, ...]  # paths under the data root that the evaluation reads (hashed for the digest)
    run: Callable[[Path], dict[str, Any]]
    metrics: tuple[str, ...]
    tolerance: float = DEFAULT_TOLERANCE
    doc: str = ""
    options: dict[str, Any] = field(default_factory=dict)


def _ner(profile: str, limit: int) -> Callable[[Path], dict[str, Any]]:
    def run(root: Path) -> dict[str, Any]:
        from .ner import evaluate

        return evaluate(root / "germeval2014", "dev", profile, limit=limit)

    return run


def _time(root: Path) -> dict[str, Any]:
    from .time import evaluate

    return evaluate(root / "krauts", "dev", heideltime=False)


def _quotes(root: Path) -> dict[str, Any]:
    from .quotes import evaluate

    return evaluate(root / "dewikinews_quotes", "dev")


def _dating(root: Path) -> dict[str, Any]:
    from .dating import evaluate

    return evaluate(root / "dewikinews_quotes", "dev")


def _ecb_events(root: Path) -> dict[str, Any]:
    from .events import evaluate

    return evaluate(root / "ecbplus", "dev")


def _ecb_entities(root: Path) -> dict[str, Any]:
    from .entities import evaluate

    return evaluate(root / "ecbplus_entities", "dev")


FRONTPAGES = "de_frontpages_2026/articles.jsonl"
FRONTPAGE_LABELS = "de_frontpages_2026/labels/frontpages-2026-01-03am.labels.tsv"


def _stream(task: str) -> Callable[[Path], dict[str, Any]]:
    def run(root: Path) -> dict[str, Any]:
        from importlib import import_module

        evaluate = import_module(f"storyline.eval.{task}").evaluate
        # bare-text linking keeps the gate cheap; the product path (pipeline=full) is for reports
        return evaluate(root / FRONTPAGES, labels=root / FRONTPAGE_LABELS, pipeline="text")  # type: ignore[no-any-return]

    return run


GATES: tuple[Gate, ...] = (
    Gate("ner_accurate", ("germeval2014",), _ner("accurate", 150), ("f1", "precision", "recall"),
         doc="GermEval 2014 dev, first 150 sentences, accurate profile"),
    Gate("ner_fast", ("germeval2014",), _ner("fast", 1000), ("f1", "precision", "recall"),
         doc="GermEval 2014 dev, first 1,000 sentences, fast profile"),
    Gate("time", ("krauts",), _time, ("strict.f1", "relaxed.f1", "value_f1"), doc="KRAUTS dev"),
    Gate("quotes", ("dewikinews_quotes",), _quotes,
         ("message.f1", "speaker.f1", "joint.f1", "by_type.Direct.joint.f1", "by_type.Indirect.joint.f1"),
         doc="German Wikinews quotes dev"),
    Gate("dating", ("dewikinews_quotes",), _dating, ("exact_year", "within_7_days", "within_30_days"),
         tolerance=0.01, doc="dating undated German Wikinews dev articles"),
    Gate("events_ecbplus", ("ecbplus",), _ecb_events, ("bcubed.f1", "pairwise.f1"), doc="ECB+ dev"),
    Gate("entities_ecbplus", ("ecbplus", "ecbplus_entities"), _ecb_entities, ("bcubed.f1", "conll_f1"),
         doc="ECB+ dev, cross-document entity coreference of gold mentions"),
    Gate("events_frontpages", (FRONTPAGES, FRONTPAGE_LABELS), _stream("events"), ("bcubed.f1", "pairwise.f1"),
         doc="German front-page stream, labelled dev morning 2026-01-03, bare-text linking"),
    Gate("stories_frontpages", (FRONTPAGES, FRONTPAGE_LABELS), _stream("stories"), ("bcubed.f1", "pairwise.f1"),
         doc="German front-page stream, labelled dev morning 2026-01-03, bare-text linking"),
)


def by_name(name: str) -> Gate:
    for gate in GATES:
        if gate.name == name:
            return gate
    raise KeyError(name)


def digest(root: Path, paths: tuple[str, ...]) -> str | None:
    """sha256 over the relative path and bytes of every file the gate reads; None when any is absent."""
    h = hashlib.sha256()
    for rel in paths:
        p = root / rel
        if not p.exists():
            return None
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(root)).encode())
            h.update(b"\0")
            h.update(f.read_bytes())
    return h.hexdigest()


def metric(result: dict[str, Any], path: str) -> float:
    value: Any = result
    for key in path.split("."):
        value = value[key]
    return float(value)


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass(slots=True)
class Verdict:
    name: str
    status: str  # pass | fail | skip
    reason: str = ""
    values: dict[str, float] = field(default_factory=dict)
    drops: dict[str, tuple[float, float]] = field(default_factory=dict)  # metric -> (pinned, now)
    result: dict[str, Any] = field(default_factory=dict)  # the evaluation's whole JSON answer


def check(gate: Gate, root: Path, baseline: dict[str, Any]) -> Verdict:
    """Run one gate against its pinned numbers."""
    pinned = baseline.get(gate.name)
    if pinned is None:
        return Verdict(gate.name, "skip", "no pinned numbers (run python -m storyline.eval.gate --update)")
    now_digest = digest(root, gate.data)
    if now_digest is None:
        return Verdict(gate.name, "skip", f"data absent under {root}: {', '.join(gate.data)}")
    if now_digest != pinned["digest"]:
        return Verdict(gate.name, "skip", "data changed since the numbers were pinned (digest differs); re-pin")
    result = gate.run(root)
    values = {m: metric(result, m) for m in gate.metrics}
    tol = float(pinned.get("tolerance", gate.tolerance))
    drops = {m: (float(pinned["metrics"][m]), v) for m, v in values.items()
             if m in pinned["metrics"] and v < float(pinned["metrics"][m]) - tol}
    if drops:
        said = "; ".join(f"{m} {a:.4f} -> {b:.4f}" for m, (a, b) in drops.items())
        return Verdict(gate.name, "fail", f"dropped by more than {tol}: {said}", values, drops, result)
    return Verdict(gate.name, "pass", "", values, result=result)


def pin(root: Path, names: list[str] | None = None, path: Path = BASELINE) -> dict[str, Any]:
    """Measure the gates (all, or ``names``) and write their numbers with the data digest."""
    baseline = load_baseline(path)
    for gate in GATES:
        if names and gate.name not in names:
            continue
        d = digest(root, gate.data)
        if d is None:
            print(f"{gate.name}: data absent, not pinned", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        result = gate.run(root)
        baseline[gate.name] = {
            "doc": gate.doc,
            "digest": d,
            "tolerance": gate.tolerance,
            "metrics": {m: round(metric(result, m), 4) for m in gate.metrics},
            "seconds": round(time.perf_counter() - t0, 1),
        }
        print(f"{gate.name}: {baseline[gate.name]['metrics']} ({baseline[gate.name]['seconds']} s)", file=sys.stderr)
    path.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return baseline


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m storyline.eval.gate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"), help="data root (default ../shared/data)")
    ap.add_argument("--update", action="store_true", help="measure and pin the numbers")
    ap.add_argument("names", nargs="*", help="gates to run (default: all)")
    args = ap.parse_args(argv)
    if args.update:
        pin(args.data, args.names or None)
        return 0
    baseline = load_baseline()
    failed = False
    for gate in GATES:
        if args.names and gate.name not in args.names:
            continue
        v = check(gate, args.data, baseline)
        failed |= v.status == "fail"
        print(f"{v.name:20} {v.status:5} {v.reason or v.values}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
