"""Linking throughput as the store grows: the curve ``storyline bench`` reports.

The claim to check is that linking cost per article stays roughly flat from 10k to 300k items
(candidates come from an index, old articles retire from it). So the stream is fed once, and around
each checkpoint the last ``window`` articles are timed in chunks, in wall-clock and in process CPU
time (the latter is what to compare on a shared machine). The median chunk is reported next to the
mean because one full garbage collection of a large heap lands in some window and not in others;
the input items are frozen out of the collector (``gc.freeze``) for the run, as they are not the
linker's to scan, and the collector runs on ingest's schedule (``collector.batch_collection``).
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

from ..collector import batch_collection
from .config import LinkConfig
from .items import LinkItem
from .linker import Linker


def _rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


@batch_collection()
def bench_linking(
    items: Sequence[LinkItem],
    checkpoints: Sequence[int] = (10_000, 100_000, 300_000),
    window: int = 5_000,
    chunk: int = 500,
    config: LinkConfig | None = None,
) -> dict[str, Any]:
    """Feed ``items`` in order; return overall articles/s and the per-checkpoint curve."""
    if config is None:
        config = LinkConfig(keep_explanations=False)  # as a store-backed run would: bounded memory
    linker = Linker(config)
    marks = sorted(c for c in checkpoints if 0 < c <= len(items))
    starts = {max(0, c - window): c for c in marks}
    curve: list[dict[str, Any]] = []
    chunks: list[tuple[float, float]] | None = None
    gc.freeze()
    try:
        t0, c0 = time.perf_counter(), time.process_time()
        tw, tc = t0, c0
        for i, item in enumerate(items):
            if i in starts:
                chunks, tw, tc = [], time.perf_counter(), time.process_time()
            linker.add(item)
            n = i + 1
            if chunks is not None and (n % chunk == 0 or n in marks):
                now_w, now_c = time.perf_counter(), time.process_time()
                chunks.append((now_w - tw, now_c - tc))
                tw, tc = now_w, now_c
            if chunks is not None and n in marks:
                done = min(window, n)
                wall = sum(w for w, _ in chunks)
                cpu = sum(c for _, c in chunks)
                per = sorted(w / chunk for w, _ in chunks if w > 0)
                curve.append(
                    {
                        "n": n,
                        "articles_per_s": round(done / wall, 1) if wall else None,
                        "cpu_articles_per_s": round(done / cpu, 1) if cpu else None,
                        "us_per_article": round(1e6 * wall / done, 1),
                        "median_us_per_article": round(1e6 * statistics.median(per), 1) if per else None,
                        "active_articles": len(linker.graph.nodes),
                        "events": len(linker.graph.events),
                        "rss_mb": _rss_mb(),
                    }
                )
                chunks = None
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        gc.unfreeze()
    costs = [c["median_us_per_article"] for c in curve if c["median_us_per_article"]]
    return {
        "task": "bench_linking",
        "n_articles": len(items),
        "articles_per_s": round(len(items) / wall, 1) if wall else None,
        "cpu_articles_per_s": round(len(items) / cpu, 1) if cpu else None,
        "curve": curve,
        "median_cost_ratio_last_first": round(costs[-1] / costs[0], 2)
        if len(costs) > 1 and costs[0]
        else None,
        "peak_rss_mb": _rss_mb(),
    }
