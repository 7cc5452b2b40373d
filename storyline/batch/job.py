"""The ``storyline batch`` job: Spark reads and annotates, the driver merges, stores, links, writes.

Why this split (DESIGN.md here has the whole argument): annotation is per article and takes nearly
all the time, so it runs in parallel partitions; entity merging and the online linker are
order-dependent by design, so they run once, on the driver, over the annotated documents in the
exact order ``storyline ingest`` sees them (input order: file, then position in it). The driver
runs the very code ``ingest`` runs (``ingest_articles`` with a pipeline that hands back the
documents Spark annotated, then ``link_pending``), so the ids are the same by construction.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..app.ingest import IngestReport, ingest_articles
from ..errors import ConfigError
from ..ingest import Problem
from ..model import Article, Document
from .plan import ReadUnit, plan_units
from .worker import Row, process_unit

if TYPE_CHECKING:
    from ..app.linking import LinkReport
    from ..settings import Settings
    from ..store.base import Store

Progress = Callable[[str, int, int | None], None]  # (stage, done, total or None)
STAGES = ("plan", "read+annotate", "merge+store", "link", "write")
OVERLAPPING = ("read+annotate", "merge+store")  # the driver stores while partitions are annotated


@dataclass(slots=True)
class BatchReport:
    """What a batch job did; ``seconds`` per stage (``STAGES``), ``files`` written under ``--out``."""

    ingest: IngestReport = field(default_factory=IngestReport)
    link: LinkReport | None = None
    link_error: str | None = None
    units: int = 0
    items: int = 0  # rows that came back from Spark: documents and problems
    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    db: str = ""

    @property
    def ok(self) -> bool:
        return self.ingest.ok and self.link_error is None

    def summary(self) -> dict[str, Any]:
        return {
            **self.ingest.summary(),
            "partitions": self.units,
            "events": self.link.events if self.link else None,
            "stories": self.link.stories if self.link else None,
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "db": self.db,
            "files": self.files,
            "link_error": self.link_error,
        }


def spark_context(master: str = "local[*]", driver_memory: str = "2g") -> Any:
    """A SparkContext for the job (UI off, this interpreter for the Python workers). The job uses
    RDDs only (Parquet is written with pyarrow), so no SparkSession: its SQL start-up cost about
    3 s of the 6-9 s Spark took to start here."""
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        raise ConfigError("storyline batch needs PySpark and Java 17: pip install 'storyline[spark]'") from None
    # local workers run this interpreter (its packages); PySpark reads the variable, not the setting
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = (
        SparkConf()
        .setMaster(master)
        .setAppName("storyline batch")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.python.worker.reuse", "true")
        .set("spark.pyspark.python", sys.executable)
        .set("spark.pyspark.driver.python", sys.executable)
        .set("spark.driver.memory", driver_memory)
        # one thread per task: Spark runs a task per core, and lingua's (rayon), BLAS's or onnxruntime's
        # own thread pools in every worker would fight over the same cores
        .set("spark.executorEnv.RAYON_NUM_THREADS", "1")
        .set("spark.executorEnv.OMP_NUM_THREADS", "1")
        .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
        .set("spark.executorEnv.STORYLINE_NER_THREADS", "1")
        # partitions come back to the driver one at a time, a few MB of pickled documents each: sent
        # directly, not through the block manager (which lost them under memory pressure, local[1])
        .set("spark.rpc.message.maxSize", "256")
        .set("spark.task.maxDirectResultSize", str(200 << 20))
        # the driver stores finished partitions while others are annotated (``_Counting``): two
        # pools, each given the next free task slot in turn
        .set("spark.scheduler.mode", "FAIR")
    )
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("ERROR")
    return sc


def _partition(
    units: Iterable[ReadUnit], settings: Settings, published: datetime | None, source: str | None, done: Any = None
) -> Iterator[Row]:
    for unit in units:
        yield from process_unit(unit, settings, published, source)
        if done is not None:  # the driver reads a partition only once it is annotated
            done.add({unit.index})


class _Annotated:
    """Stands in for the pipeline in ``ingest_articles``: hands back the documents Spark annotated
    (the article objects ``feed`` yields are the ones ingest wraps, so they are found by identity)."""

    def __init__(self, names: list[str]):
        self.names = names
        self.stages: list[Any] = []
        self._docs: dict[int, Document] = {}

    def feed(self, rows: Iterable[Row]) -> Iterator[Article | Problem]:
        for _key, (kind, payload) in rows:
            if kind == "doc":
                self._docs[id(payload.article)] = payload
                yield payload.article
            else:
                yield payload

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> list[Document]:
        """The annotated documents (``batch_size``: the pipeline's signature; nothing is batched here)."""
        return [self._docs.pop(id(d.article)) for d in docs]


@contextmanager
def _watch(sc: Any, group: str, note: Progress) -> Iterator[None]:
    """Report the tasks done of this job group's stages twice a second while it runs."""
    tracker = sc.statusTracker()
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(0.5):
            done = total = 0
            for job in tracker.getJobIdsForGroup(group):
                info = tracker.getJobInfo(job)
                for sid in info.stageIds if info else []:
                    st = tracker.getStageInfo(sid)
                    if st:
                        done, total = done + st.numCompletedTasks, total + st.numTasks
            if total:
                note("read+annotate", done, total)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


class _Clock:
    def __init__(self, note: Progress):
        self.seconds: dict[str, float] = {}
        self.note = note

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.note(stage, 0, None)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = time.perf_counter() - start


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    settings: Settings,
    *,
    master: str = "local[*]",
    partitions: int | None = None,
    db: str | None = None,
    fmt: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    progress: Progress | None = None,
    spark: Any = None,
) -> BatchReport:
    """Read and annotate ``inputs`` on Spark, then merge entities, store into ``db`` (default
    ``OUT/storyline.db``), link, and write the export as Parquet plus ``problems.jsonl`` under ``out``.
    Bad items never stop the job; they are in the report and the problems file."""
    from ..library import Storyline

    note = progress or (lambda stage, done, total: None)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    report = BatchReport(db=db or str(folder / "storyline.db"))
    clock = _Clock(note)
    sc = spark or spark_context(master)
    sc = getattr(sc, "sparkContext", sc)  # a SparkSession given by the caller serves as well
    with clock("plan"):
        units, listed = plan_units(inputs, settings, partitions or 4 * sc.defaultParallelism, fmt)
    report.units = len(units)
    done = sc.accumulator(set(), _UnitsDone())
    rows = _annotate_rdd(sc, units, settings, published, source, done)
    group = f"storyline-batch-{id(rows)}"
    note("read+annotate", 0, len(units))
    with Storyline(report.db, settings) as sl:
        with _watch(sc, group, note):
            counting = _Counting(sc, rows if units else None, group)
            waited = _Waited()
            with clock("merge+store"):
                parts = waited.rows(rows, done, counting) if units else None
                report.ingest = _store(sl.store, parts, listed, settings, note)
            report.items = counting.join()
        clock.seconds["read+annotate"] = counting.seconds
        clock.seconds["merge+store"] -= waited.seconds  # the driver's own work, not its waiting
        rows.unpersist()
        with clock("link"):
            _link(sl, report)
        with clock("write"):
            report.files = write_outputs(sl.store, folder, report.ingest)
    report.seconds = clock.seconds
    return report


def _annotate_rdd(
    sc: Any, units: list[ReadUnit], settings: Settings, published: datetime | None, source: str | None, done: Any
) -> Any:
    """One partition per read unit, annotated once and kept (memory, spilling to disk): counting
    computes every partition in parallel, and the driver streams them in order from the cache as
    they are done (``_Counting``)."""
    from pyspark import StorageLevel

    rdd = sc.parallelize(units, max(1, len(units)))
    annotate = partial(_partition, settings=settings, published=published, source=source, done=done)
    return rdd.mapPartitions(annotate).persist(
        StorageLevel.MEMORY_AND_DISK
    )


class _Counting:
    """``rows.count()`` in a thread of its own and its own scheduler pool: it computes (and caches)
    every partition in parallel, while the driver already merges and stores the partitions that
    are done, in order, from the cache. So the driver's sequential work overlaps annotation instead
    of following it (with ``spark.scheduler.mode=FAIR`` each pool gets the next free task slot)."""

    def __init__(self, sc: Any, rows: Any, group: str):
        self.items, self.seconds = 0, 0.0
        self.error: BaseException | None = None
        self._start = time.perf_counter()
        self._thread: threading.Thread | None = None
        if rows is None:
            return
        from pyspark import InheritableThread

        self._thread = InheritableThread(target=self._run, args=(sc, rows, group), daemon=True)
        self._thread.start()
        sc.setLocalProperty("spark.scheduler.pool", "store")  # this (the driver's) thread

    def _run(self, sc: Any, rows: Any, group: str) -> None:
        sc.setLocalProperty("spark.scheduler.pool", "annotate")
        sc.setJobGroup(group, "storyline batch: read and annotate")
        try:
            self.items = rows.count()
        except BaseException as exc:  # raised again in the driver's thread by join
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - self._start

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self) -> int:
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
        return self.items


class _UnitsDone:
    """An accumulator of the read units whose partitions are annotated (a set, merged by union)."""

    def zero(self, value: set[int]) -> set[int]:
        return set()

    def addInPlace(self, a: set[int], b: set[int]) -> set[int]:  # PySpark names it so
        a |= b
        return a


class _Waited:
    """The partitions in order, each read once it is annotated, and how long the driver waited
    for them (not its own work). A read is a small job of its own that takes the next free task
    slot; asked for before its partition is done, it would hold a slot waiting for the partition
    that the counting job computes, and annotation would run on one slot fewer."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def rows(self, rdd: Any, done: Any, counting: _Counting) -> Iterator[Row]:
        sc = rdd.context
        for part in range(rdd.getNumPartitions()):
            start = time.perf_counter()
            while part not in done.value and counting.running():
                time.sleep(0.05)
            rows = sc.runJob(rdd, list, [part])  # from the cache (computed here if counting failed)
            self.seconds += time.perf_counter() - start
            yield from rows


def _store(store: Store, rows: Iterable[Row] | None, listed: list[Problem], settings: Settings, note: Progress) -> IngestReport:
    """The ingest use-case over the annotated rows in input order (partition order, then position)."""
    shim = _Annotated(list(settings["pipeline.stages"]))
    counted = [0]

    def tick(origin: str, status: str) -> None:
        counted[0] += 1
        if counted[0] % 50 == 0:
            note("merge+store", counted[0], None)

    def items() -> Iterator[Article | Problem]:
        yield from listed
        if rows is not None:
            yield from shim.feed(rows)

    # long texts were cut down to the light stages on the workers; here nothing is annotated again
    driver_settings = settings.with_overrides({"pipeline.max_chars": 0})
    return ingest_articles(items(), store, shim, driver_settings, progress=tick)  # type: ignore[arg-type]


def _link(sl: Any, report: BatchReport) -> None:
    """Link what this job stored, as ``ingest`` does after storing (never raises: see link_error)."""
    if not (report.ingest.ingested or any(sl.pending().values())):
        return
    try:
        report.link = sl.relink()
    except Exception as exc:
        report.link_error = f"{type(exc).__name__}: {exc}"


def write_outputs(store: Store, folder: Path, ingest: IngestReport) -> dict[str, str]:
    """The export tables as Parquet and every problem as a JSON line (origin, reason, fatal)."""
    from ..export import records
    from .parquet import write_articles, write_table

    files: dict[str, str] = {}
    path = folder / "articles.parquet"
    write_articles(records(store, "articles"), path)
    files["articles"] = str(path)
    for what in ("entities", "events", "stories"):
        path = folder / f"{what}.parquet"
        write_table(list(records(store, what)), path)
        files[what] = str(path)
    path = folder / "problems.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for p in [*ingest.failed, *ingest.warnings]:
            fh.write(json.dumps({"origin": p.origin, "reason": p.reason, "fatal": p.fatal}, ensure_ascii=False) + "\n")
    files["problems"] = str(path)
    return files
