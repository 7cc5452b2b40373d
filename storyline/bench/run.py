"""The benchmark: the whole pipeline (ingest → annotate → store) and each stage on its own.

``link_growth`` feeds 300k dated headlines to the linker and reports the per-article cost at
checkpoints, to show it stays roughly flat as the store grows.

Stages are timed in isolation on the same documents (each on copies that already carry what it
requires), so ``overhead_ratio`` = pipeline time / sum of stage times shows what the plumbing costs.
"""

from __future__ import annotations

import copy
import math
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..app.ingest import ANNOTATE_CHUNK, ingest_articles
from ..app.linking import link_pending
from ..collector import CollectionTimer, batch_collection
from ..ingest import Problem
from ..ingest.records import record_to_article
from ..model import Article, Document
from ..pipeline import Pipeline
from ..settings import Settings
from ..store.sqlite import SQLiteStore
from .corpora import records

Progress = Callable[[str], None]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _articles(recs: list[dict[str, Any]], settings: Settings) -> list[Article | Problem]:
    out: list[Article | Problem] = []
    for i, rec in enumerate(recs):
        try:
            out.append(record_to_article(rec, f"bench:{i}", settings)[0])
        except Exception as exc:
            out.append(Problem(f"bench:{i}", str(exc)))
    return out


def _headline_items(data: Path) -> list[Any]:
    """The 300k dated headlines of ``data`` (the growth benchmarks' stream), in date order."""
    from ..eval.readers import read_headlines
    from .corpora import find_corpus

    name, path = find_corpus(data)
    if name != "de_headlines":
        raise ValueError("--growth needs --data ../shared/data/de_headlines_2013_2023")
    return read_headlines(path)


def link_growth(data: Path, checkpoints: tuple[int, ...] = (10_000, 50_000, 100_000, 200_000, 300_000)) -> dict[str, Any]:
    """Linking cost per article as the stream grows (the 300k dated headlines)."""
    from ..link.bench import bench_linking

    items = _headline_items(data)
    marks = (*[c for c in checkpoints if c < len(items)], len(items))  # always end at the whole stream
    return bench_linking(items, checkpoints=marks)


def link_store_growth(
    data: Path, checkpoints: tuple[int, ...] = (10_000, 100_000, 290_000), batch: int = 10, rate: float | None = None
) -> dict[str, Any]:
    """What one small ingest costs the store-backed linker as the store grows: at each checkpoint,
    the seconds to link ``batch`` more headlines (median of three rounds, wall clock and process CPU
    time, state read and written as ``storyline ingest`` does), the size of the linker's active state (read on every ingest) and
    the number of its keyed rows (retired entries, open stories, per-term counts, the story index:
    read only when an ingest needs them). Headlines go in without annotation (linking is what is
    measured).

    The headlines' own dates make the stream denser as it goes (about 40 a day around 10k, 65 around
    100k, 130 around 290k), and an ingest's cost follows the articles of the last days, which the
    linker's active window holds: ``items_per_day`` gives that density at each checkpoint. With
    ``rate`` the same headlines, in the same order, are re-dated to arrive ``rate`` a day, so the
    curve shows what the store's size alone costs."""
    import statistics

    from ..app.linking import STATE_KEY

    items = _headline_items(data)[: max(checkpoints) + 3 * batch * len(checkpoints)]
    dates = [it.published for it in items]
    if rate is not None:
        if not (math.isfinite(rate) and rate > 0):
            raise ValueError("--rate must be a positive number of articles per day")
        start = dates[0] if dates else datetime(2013, 1, 1)
        dates = [start + timedelta(days=i / rate) for i in range(len(items))]
    docs = [
        Document(Article(id=it.article_id, text=it.title, title=it.title, language="de", published=when, source=it.source))
        for it, when in zip(items, dates, strict=True)
    ]
    settings = Settings()
    curve = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "growth.db")
        pos = 0
        for mark in checkpoints:
            store.add(docs[pos:mark])
            link_pending(store, settings)
            pos = mark
            took, cpu = [], []
            for _ in range(3):
                store.add(docs[pos : pos + batch])
                pos += batch
                t, c = time.perf_counter(), time.process_time()
                link_pending(store, settings)
                took.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            state = store.get_state(STATE_KEY) or ""
            cold = store.db.execute("SELECT count(*) FROM state_items").fetchone()[0]
            curve.append(
                {
                    "n": pos,
                    "seconds_per_ingest": round(statistics.median(took), 3),
                    "items_per_day": _density(dates, pos),
                    "cpu_seconds_per_ingest": round(statistics.median(cpu), 3),  # steadier on a shared machine
                    "batch": batch,
                    "state_mb": round(len(state.encode()) / 1e6, 2),
                    "cold_rows": int(cold),
                    "rss_mb": round(peak_rss_mb(), 1),
                }
            )
        store.close()
    return {"task": "bench_link_store", "rate": rate, "curve": curve}


def _density(dates: list[datetime | None], pos: int, days: int = 7) -> float | None:
    """Articles a day over the ``days`` before the ``pos``-th article's date (the stream's density
    there, which is what the linker's active window holds)."""
    end = dates[pos - 1] if 0 < pos <= len(dates) else None
    if end is None:
        return None
    since, n = end - timedelta(days=days), 0
    for when in reversed(dates[:pos]):  # in date order: stop at the first one before the window
        if when is not None and when <= since:
            break
        n += 1
    return round(n / days, 1)


@batch_collection()  # as ingest runs: the per-stage numbers are what ingest gets
def bench(
    data: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    profile: str = "fast",
    progress: Progress | None = None,
) -> dict[str, Any]:
    say = progress or (lambda msg: None)
    corpus, recs = records(data, limit)
    n = len(recs)
    pipeline = Pipeline.from_settings(settings)
    say(f"{corpus}: {n:,} items; pipeline {' → '.join(pipeline.names)}")

    # warm-up: load models, compile regexes, touch every code path once
    for stage in pipeline.stages:
        stage.warm_up()
    warm = [Document(a) for a in _articles(recs[:50], settings) if isinstance(a, Article)]
    list(pipeline.pipe(warm))

    stages: dict[str, dict[str, float]] = {}
    t0 = time.perf_counter()
    arts = _articles(recs, settings)
    t_ingest = time.perf_counter() - t0
    stages["ingest"] = {"articles_per_s": n / t_ingest if t_ingest else 0.0, "seconds": t_ingest}
    good = [a for a in arts if isinstance(a, Article)]

    docs = [Document(copy.copy(a)) for a in good]
    stage_total = t_ingest
    n_sentences = 0
    for stage in pipeline.stages:
        say(f"stage {stage.name}")
        before = [copy.copy(d) for d in docs]
        for d, b in zip(docs, before, strict=True):
            b.article = copy.copy(d.article)
        with CollectionTimer() as collector:
            t = time.perf_counter()
            docs = list(stage.pipe(before, batch_size=ANNOTATE_CHUNK))  # as ingest batches them
            took = time.perf_counter() - t
        stage_total += took
        entry = {"articles_per_s": len(docs) / took if took else 0.0, "seconds": took, "gc_seconds": collector.seconds}
        n_sentences = sum(len(d.sentences) for d in docs) or n_sentences
        if n_sentences:
            entry["sentences_per_s"] = n_sentences / took if took else 0.0
        stages[stage.name] = entry

    linking = bool(settings["link.on_ingest"])
    if linking:
        say("stage link")
        from ..app.linking import link_documents
        from ..link.config import LinkConfig
        from ..link.linker import Linker

        linker = Linker(LinkConfig.from_settings(settings))
        with CollectionTimer() as collector:
            t = time.perf_counter()
            link_documents(linker, docs)
            took = time.perf_counter() - t
        stage_total += took
        stages["link"] = {"articles_per_s": len(docs) / took if took else 0.0, "seconds": took, "gc_seconds": collector.seconds}

    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench-store.db")
        batch = int(settings["store.batch_size"])
        t = time.perf_counter()
        for i in range(0, len(docs), batch):
            store.add(docs[i : i + batch])
        took = time.perf_counter() - t
        store.close()
        stage_total += took
        stages["store"] = {"articles_per_s": len(docs) / took if took else 0.0, "seconds": took}

        say("whole pipeline")
        store = SQLiteStore(Path(tmp) / "bench-pipeline.db")
        with CollectionTimer() as collector:
            t = time.perf_counter()
            report = ingest_articles(_articles(recs, settings), store, pipeline, settings)
            if linking:
                link_pending(store, settings)
            pipeline_s = time.perf_counter() - t
        store.close()

    return {
        "task": "bench",
        "profile": profile,
        "corpus": corpus,
        "n_articles": n,
        "n_stored": len(report.ingested),
        "n_duplicates": len(report.duplicates),
        "n_sentences": n_sentences,
        "pipeline": [*pipeline.names, *(["link"] if linking else [])],
        "pipeline_articles_per_s": n / pipeline_s if pipeline_s else 0.0,
        "pipeline_seconds": pipeline_s,
        "pipeline_gc_seconds": collector.seconds,  # of pipeline_seconds, in the garbage collector
        "stages": stages,
        "stage_share": {k: v["seconds"] / stage_total for k, v in stages.items()} if stage_total else {},
        "peak_rss_mb": peak_rss_mb(),
        "overhead_ratio": pipeline_s / stage_total if stage_total else 0.0,
    }
