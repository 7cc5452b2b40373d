"""The store benchmark: SQLite beside PostgreSQL on the same corpus, and concurrent writers.

Three measurements, each on fresh stores: (1) the whole ingest (annotate → store → link) and the
store's own share of it (writing pre-annotated documents, then linking them), per backend; (2) search
latency per backend on the same queries, with how far their hits agree; (3) 1, 2 and 4 concurrent
``storyline ingest`` processes into one PostgreSQL database, each given an equal share of the corpus
(wall clock from start to the last exit, model loading included, as a user sees it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..app.ingest import ingest_articles
from ..app.linking import link_pending
from ..model import Article, Document
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import open_store
from ..store.base import Store
from .corpora import records
from .run import _articles

Progress = Callable[[str], None]
FIXED_QUERIES = ["Berlin", "Regierung", "Bundes*", "Trump OR Merz", '"Deutsche Bahn"', "Ukraine Krieg", "Kanzler NOT Merz"]


@contextmanager
def _scratch(url: str) -> Iterator[str]:
    from ..store.pg_connect import scratch_database

    with scratch_database(url) as fresh:
        yield fresh


def _ingest_seconds(store: Store, items: list[Any], pipeline: Pipeline, settings: Settings) -> tuple[float, float]:
    """(seconds of the whole ingest with linking, of which linking)."""
    t = time.perf_counter()
    ingest_articles(items, store, pipeline, settings)
    t_link = time.perf_counter()
    link_pending(store, settings)
    end = time.perf_counter()
    return end - t, end - t_link


def _store_seconds(store: Store, docs: list[Document], batch: int) -> float:
    t = time.perf_counter()
    for i in range(0, len(docs), batch):
        store.add(docs[i : i + batch])
    return time.perf_counter() - t


def _queries(store: Store) -> list[str]:
    names = [f'"{e.name}"' for e in store.entities(limit=8) if '"' not in e.name]
    return [*FIXED_QUERIES, *names]


def _search_latency(store: Store, queries: list[str], rounds: int = 5) -> tuple[dict[str, float], dict[str, list[str]]]:
    times: list[float] = []
    hits: dict[str, list[str]] = {}
    for q in queries:
        for _ in range(rounds):
            t = time.perf_counter()
            found = store.search(q, limit=20)
            times.append(time.perf_counter() - t)
        hits[q] = [h.article.id for h in found]
    times.sort()
    stats = {"median_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}
    return stats, hits


def _agreement(a: dict[str, list[str]], b: dict[str, list[str]]) -> float:
    """Mean Jaccard overlap of the top-20 hit ids of each query on both backends."""
    scores = [len(set(a[q]) & set(b[q])) / len(set(a[q]) | set(b[q])) for q in a if a[q] or b[q]]
    return sum(scores) / len(scores) if scores else 1.0


def _workers(url: str, recs: list[dict[str, Any]], k: int, profile: str, tmp: Path) -> dict[str, Any]:
    """``k`` ingest processes at once, each with an equal contiguous share of the corpus."""
    with _scratch(url) as db:
        open_store(db).close()  # migrated once, before the clock starts
        shares = []
        for i in range(k):
            path = tmp / f"share-{k}-{i}.jsonl"
            part = recs[i * len(recs) // k : (i + 1) * len(recs) // k]
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
            shares.append(path)
        cmd = [sys.executable, "-m", "storyline.cli.main", "--set", f"ner.profile={profile}", "ingest"]
        t = time.perf_counter()
        procs = [subprocess.Popen([*cmd, str(p), "--db", db, "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for p in shares]
        errors = [p.communicate()[1].decode(errors="replace") for p in procs]
        took = time.perf_counter() - t
        failed = [e.strip()[-300:] for p, e in zip(procs, errors, strict=True) if p.returncode not in (0, 1)]
        with open_store(db, readonly=True) as store:
            stored, unlinked = store.count(), store.count_unlinked()
    return {"workers": k, "seconds": took, "articles_per_s": stored / took if took else 0.0,
            "stored": stored, "unlinked": unlinked, "errors": failed}


def compare_stores(
    data: Path,
    settings: Settings,
    postgres: str,
    *,
    limit: int | None = 1000,
    profile: str = "fast",
    workers: tuple[int, ...] = (1, 2, 4),
    rounds: int = 2,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """SQLite beside PostgreSQL (``postgres``: a URL whose role may create databases; the benchmark
    works in throw-away databases it creates and drops) on the first ``limit`` items of ``data``."""
    say = progress or (lambda msg: None)
    corpus, recs = records(data, limit)
    pipeline = Pipeline.from_settings(settings)
    warm = [Document(a) for a in _articles(recs[:50], settings) if isinstance(a, Article)]
    list(pipeline.pipe(warm))
    docs = list(pipeline.pipe([Document(a) for a in _articles(recs, settings) if isinstance(a, Article)]))
    batch = int(settings["store.batch_size"])
    out: dict[str, Any] = {"task": "bench-stores", "corpus": corpus, "n_articles": len(recs), "profile": profile}
    hits: dict[str, dict[str, list[str]]] = {}
    rows: dict[str, dict[str, Any]] = {"sqlite": {}, "postgres": {}}
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(str(Path(tmp) / "warm.db")) as store:  # the first ingest of a process loads more
            ingest_articles(_articles(recs[:200], settings), store, pipeline, settings)
            link_pending(store, settings)
        for rnd in range(rounds):  # alternating backends, best of the rounds: the machine may be shared
            for backend, row in rows.items():
                say(f"{backend}: ingest, store, search (round {rnd + 1} of {rounds})")
                with _location(backend, postgres, Path(tmp), f"ingest{rnd}") as where, open_store(where) as store:
                    took, link = _ingest_seconds(store, _articles(recs, settings), pipeline, settings)
                    if took < row.get("ingest_seconds", float("inf")):
                        row.update(ingest_seconds=took, link_seconds=link, ingest_articles_per_s=len(recs) / took)
                    queries = _queries(store)
                    row["search"], hits[backend] = _search_latency(store, queries)
                with _location(backend, postgres, Path(tmp), f"store{rnd}") as where, open_store(where) as store:
                    took = _store_seconds(store, docs, batch)
                    if took < row.get("store_seconds", float("inf")):
                        row.update(store_seconds=took, store_articles_per_s=len(docs) / took)
        out.update(rows)
        out["postgres_vs_sqlite"] = {
            k: out["postgres"][k] / out["sqlite"][k] for k in ("ingest_seconds", "store_seconds", "link_seconds")
        }
        out["search_agreement"] = _agreement(hits["sqlite"], hits["postgres"])
        out["queries"] = queries
        out["workers"] = []
        for k in workers:
            say(f"postgres: {k} concurrent ingest workers")
            out["workers"].append(_workers(postgres, recs, k, profile, Path(tmp)))
    return out


@contextmanager
def _location(backend: str, postgres: str, tmp: Path, name: str) -> Iterator[str]:
    if backend == "sqlite":
        yield str(tmp / f"{name}.db")
        return
    with _scratch(postgres) as url:
        yield url
