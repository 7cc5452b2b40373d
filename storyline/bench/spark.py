"""``storyline bench --spark``: one-process ingest against ``storyline batch`` on ``local[1]`` and
``local[2]``, on the same corpus in one run, and from the measured per-stage costs an estimate for a
CC-NEWS-sized corpus on a cluster (where the sequential driver work becomes the limit).

Every run reads the same JSONL file with the same readers and settings, and the results are
compared (``same_result``), so a speed-up never hides a different answer.
"""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..settings import Settings
from .corpora import records

Progress = Callable[[str], None]
WHAT = ("articles", "entities", "events", "stories")
CORPUS_SIZE = 100_000_000  # CC-NEWS-sized input for the estimate
EXECUTORS = (16, 64, 256, 1024)  # executor cores in the estimate


def _export(db: Path) -> dict[str, list[Any]]:
    from ..export import records as export_records
    from ..store import open_store

    store = open_store(str(db))
    try:
        return {w: list(export_records(store, w)) for w in WHAT}
    finally:
        store.close()


def _ingest(path: Path, db: Path, settings: Settings) -> dict[str, Any]:
    from ..library import Storyline

    start = time.perf_counter()
    with Storyline(db, settings) as sl:
        report = sl.ingest([path])
    seconds = time.perf_counter() - start
    n = len(report.ingested)
    return {"articles": n, "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1)}


def _batch(path: Path, out: Path, settings: Settings, master: str) -> dict[str, Any]:
    from ..batch.job import run_batch, spark_context

    start = time.perf_counter()
    session = spark_context(master)
    started = time.perf_counter() - start
    try:
        report = run_batch([path], out, settings, spark=session)
    finally:
        session.stop()
    seconds = time.perf_counter() - start
    n = len(report.ingest.ingested)
    stages = {k: round(v, 2) for k, v in report.seconds.items()}
    return {
        "master": master,
        "articles": n,
        "partitions": report.units,
        "seconds": round(seconds, 2),
        "spark_start_s": round(started, 2),
        "stages_s": stages,
        "articles_per_s": round(n / seconds, 1),
        "annotate_articles_per_s": round(n / max(stages["read+annotate"], 1e-9), 1),
    }


def estimate(one_core: dict[str, Any], driver: dict[str, Any], n: int) -> dict[str, Any]:
    """Hours for ``CORPUS_SIZE`` articles on N executor cores: annotation scales with N (its cost per
    article on one core, from ``local[1]``), the driver's merge, store, link and write do not."""
    annotate = one_core["stages_s"]["read+annotate"] / n  # seconds per article on one core
    store = driver["stages_s"]["merge+store"] / n
    after = sum(driver["stages_s"][k] for k in ("link", "write")) / n
    sequential = store + after
    rows = []
    for cores in EXECUTORS:
        parallel_h = CORPUS_SIZE * annotate / cores / 3600
        driver_h = CORPUS_SIZE * sequential / 3600
        # the driver stores while partitions are annotated (the longer of the two), then links and
        # writes once everything is stored
        total_h = max(parallel_h, CORPUS_SIZE * store / 3600) + CORPUS_SIZE * after / 3600
        rows.append({"cores": cores, "annotate_h": round(parallel_h, 1), "driver_h": round(driver_h, 1),
                     "total_h": round(total_h, 1)})
    return {
        "articles": CORPUS_SIZE,
        "annotate_ms_per_article_core": round(annotate * 1000, 2),
        "driver_ms_per_article": round(sequential * 1000, 3),
        "driver_bound_from_cores": round(annotate / sequential) if sequential else None,
        "rows": rows,
    }


def bench_spark(data: Path, settings: Settings, limit: int = 2000, progress: Progress | None = None) -> dict[str, Any]:
    """Ingest, batch local[1] and batch local[2] on the first ``limit`` items of ``data``."""
    say = progress or (lambda message: None)
    name, recs = records(data, limit)
    with tempfile.TemporaryDirectory(prefix="storyline-bench-spark-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        say(f"one-process ingest of {len(recs):,} items")
        single = _ingest(corpus, folder / "one.db", settings)
        expected = _export(folder / "one.db")
        runs = []
        for master in ("local[1]", "local[2]"):
            say(f"storyline batch --master {master}")
            # each master in a fresh process, as a `storyline batch` command runs: a second Spark
            # context in the same process measured slower than the same job started afresh
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                run = pool.apply(_batch, (corpus, folder / master.strip("[]"), settings, master))
            run["same_result"] = _export(folder / master.strip("[]") / "storyline.db") == expected
            runs.append(run)
    one, two = runs
    return {
        "task": "bench_spark",
        "corpus": name,
        "n_items": len(recs),
        "ingest": single,
        "batch": runs,
        "speedup_annotate_local2_vs_local1": round(one["stages_s"]["read+annotate"] / two["stages_s"]["read+annotate"], 2),
        "speedup_batch_local2_vs_ingest": round(single["seconds"] / two["seconds"], 2),
        "estimate": estimate(one, two, max(1, two["articles"])),
    }
