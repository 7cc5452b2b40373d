"""``storyline eval events``: event clustering on ECB+ or on a labelled JSONL stream (EVAL.md).

Articles are fed to the real Linker one by one, in stream order, and the predicted event of each is
compared with the gold clusters by BCubed and pairwise P/R/F1.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from ..link.config import LinkConfig
from ..link.items import LinkItem
from ..link.linker import Linker
from .clustering import bcubed, pairwise, without_largest
from .readers import Labelled, read_ecbplus, read_stream


def load(data: Path, split: str | None, labels: Path | None, order: str = "shuffled") -> tuple[Labelled, str]:
    """Pick the reader from the layout: ECB+ (docs.jsonl) or a JSONL stream with labels."""
    if labels is None and (data / "docs.jsonl").exists():
        sp = split or "test"
        return read_ecbplus(data, sp, order), sp
    if labels is None:
        raise ValueError(f"{data}: not ECB+ (no docs.jsonl) and no --labels given for a JSONL stream")
    return read_stream(data, labels), split or "all"


def run_linker(
    items: list[LinkItem], config: LinkConfig | None = None
) -> tuple[Linker, dict[str, str], dict[str, str], float]:
    """Feed items in order; returns the linker, event and story of each item, and articles/s."""
    linker = Linker(config)
    ev, st = {}, {}
    t0 = time.perf_counter()
    for it in items:
        linker.add(it)
    linker.consolidate()
    dt = time.perf_counter() - t0
    for it in items:
        ev[it.article_id], st[it.article_id] = linker.membership(it.article_id)
    return linker, ev, st, (len(items) / dt if dt > 0 else 0.0)


def stream_memberships(
    data: Path, labels: Path, level: str, options: dict[str, Any]
) -> tuple[dict[str, str], float, dict[str, Any]]:
    """The labelled items' predicted events or stories through the product path, with what ran."""
    from .stream import run_stream

    profile = str(options.get("profile") or "fast")
    run = run_stream(data, labels, profile, options.get("overrides"))
    pred = run.events if level == "events" else run.stories
    extra = {"pipeline": "full", "profile": profile, "n_stream_articles": run.n_ingested,
             "n_stream_failed": run.n_failed}
    return pred, run.articles_per_s, extra


def evaluate(
    data: Path, split: str | None = None, labels: Path | None = None, **options: Any
) -> dict[str, Any]:
    """Score event clustering; keys as in EVAL.md (``order`` = shuffled|file for ECB+). A labelled
    stream runs through the product path (``pipeline="full"``, ``profile`` fast by default: see
    ``eval.stream``); ``pipeline="text"`` links bare title + text items instead (faster, for
    development). ECB+ is linked as bare text."""
    data = Path(data)
    ds, sp = load(data, split, Path(labels) if labels else None, options.get("order", "shuffled"))
    config = options.get("config")
    extra: dict[str, Any] = {"pipeline": "text"}
    if labels is not None and options.get("pipeline", "full") == "full":
        pred, speed, extra = stream_memberships(data, Path(labels), "events", options)
    else:
        _, pred, _, speed = run_linker(ds.items, config)
    gold = ds.events
    scored = {k: pred.get(k, f"unstored:{k}") for k in gold} if labels is not None else {
        k: v for k, v in pred.items() if k in gold}
    result = {
        "task": "events",
        **extra,
        "split": sp,
        "n_articles": len(scored),
        "n_gold_clusters": len({gold[k] for k in scored}),
        "n_pred_clusters": len(set(scored.values())),
        "bcubed": bcubed(gold, scored),
        "pairwise": pairwise(gold, scored),
        "articles_per_s": round(speed, 1),
    }
    if labels is not None:
        result["without_two_largest"] = without_largest(gold, scored, gold)
    return result


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - developer entry point
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--split", default=None)
    ap.add_argument("--labels", type=Path, default=None)
    ap.add_argument("--order", default="shuffled")
    ap.add_argument("--pipeline", default="full", choices=["full", "text"])
    ap.add_argument("--profile", default="fast")
    args = ap.parse_args(argv)
    res = evaluate(args.data, args.split, args.labels, order=args.order, pipeline=args.pipeline, profile=args.profile)
    print(json.dumps(res))


if __name__ == "__main__":  # pragma: no cover
    main()
