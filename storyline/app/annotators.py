"""Annotation in worker processes, so an ingest of a large input uses the machine's cores.

Annotation is most of an ingest's time and each document's annotation depends on nothing but the
document (the taggers' results do not depend on what they are batched with; the Spark batch relies
on the same), while merging entities, storing and linking depend on order. So ``Annotators`` sends
whole chunks (``ingest.chunks``, the same chunks as in one process) to worker processes and hands
the annotated chunks back in input order; the ingest loop merges, stores and links them as before.
The result is the same, document for document, as with ``ingest.workers = 1``.

Workers start only for an input of more than one chunk, and with the automatic setting only once
``AUTO_MIN_CHARS`` of text have come (a small ingest, a ``watch`` poll or an API call does not pay
for starting them: each loads the models, seconds and about 0.5 GB), and only for a pipeline built
from settings (``Pipeline.from_settings``), which each worker builds the same way.
A worker that dies or fails (out of memory, killed) costs nothing: its chunk, and every chunk after
it, is annotated in this process instead, and ``fallback`` says why.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from ..ingest import Problem
from .annotate import annotate, drop_working_state, pipeline_for

if TYPE_CHECKING:
    from ..model import Document
    from ..pipeline import Pipeline
    from ..settings import Settings
    from .ingest import IngestReport

#: most workers ``ingest.workers = 0`` (automatic) starts, whatever the number of cores
AUTO_MAX = 4
#: characters of text an automatic setting wants to have seen, more following, before it starts
#: workers: enough work to pay for starting them (each loads the models, seconds); a number given
#: in ``ingest.workers`` starts them with the first chunk that has more after it
AUTO_MIN_CHARS = 200_000
#: how often a worker looks whether the ingesting process is still there
WATCH_SECONDS = 0.5


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(setting: int) -> int:
    """``ingest.workers``: 0 is automatic (the usable cores, at most ``AUTO_MAX``), 1 is none."""
    return max(1, setting) if setting > 0 else min(usable_cores(), AUTO_MAX)


def _start(values: dict[str, Any], ner_threads: int, parent: int) -> None:
    """A worker's first step: a watch on the ingesting process, one onnxruntime thread per share of
    the cores (the accurate tagger would otherwise take two in each worker), then the pipeline with
    its models."""
    from ..settings import Settings

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingesting process, which stops the workers
    threading.Thread(target=_orphaned, args=(parent,), name="storyline-parent-watch", daemon=True).start()
    os.environ["STORYLINE_NER_THREADS"] = str(ner_threads)
    for stage in pipeline_for(Settings(values)).stages:
        stage.warm_up()


def _orphaned(parent: int) -> None:
    """Ends the worker once the ingesting process is gone (killed, out of memory): the pool's own
    shutdown never comes then, and an idle worker would wait for work forever, holding its models."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _annotate(values: dict[str, Any], docs: list[Document], max_chars: int) -> tuple[list[Document], list[Problem]]:
    from ..settings import Settings
    from .ingest import IngestReport

    report = IngestReport()
    done = annotate(pipeline_for(Settings(values)), docs, report, max_chars)
    return drop_working_state(done), report.warnings


class Annotators:
    """Chunks in, annotated chunks out in the same order: in worker processes when that pays,
    in this process otherwise. Use as a context manager (the workers stop at its end)."""

    def __init__(self, pipeline: Pipeline, settings: Settings, report: IngestReport, max_chars: int):
        self.pipeline, self.report, self.max_chars = pipeline, report, max_chars
        built_from = getattr(pipeline, "settings", None)
        given = int(settings["ingest.workers"])
        self.workers = worker_count(given) if built_from is not None else 1
        self._min_chars = 0 if given > 0 else AUTO_MIN_CHARS
        self._chars = 0  # of the chunks queued so far
        self._values = dict(built_from) if built_from is not None else {}
        self._pool: ProcessPoolExecutor | None = None
        # each queued chunk: its annotated documents (done here) or the worker's future, and what it was given
        self._queue: deque[tuple[Future[tuple[list[Document], list[Problem]]] | list[Document], list[Document]]] = deque()
        self.fallback: str | None = None  # why the workers were given up, if they were
        self.used = 1  # processes that annotated: the workers, once some chunk went to them

    def __enter__(self) -> Annotators:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(now=kind is not None)

    def close(self, now: bool = False) -> None:
        """Stop the workers: after their queued chunks, or ``now`` (an error or Ctrl-C: the queued
        work is abandoned, and a chunk being annotated is not waited for)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if now:
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def put(self, docs: list[Document], more: bool) -> None:
        """Queue a chunk; ``more``: whether further chunks follow (workers start only then, and with
        an automatic ``ingest.workers`` only once ``AUTO_MIN_CHARS`` of text have come)."""
        self._chars += sum(len(d.article.text) for d in docs)
        if self._pool is None and more and self.workers > 1 and self.fallback is None and self._chars >= self._min_chars:
            self._pool = self._open()
        if self._pool is None:
            self._queue.append((annotate(self.pipeline, docs, self.report, self.max_chars), docs))
            return
        self._queue.append((self._pool.submit(_annotate, self._values, docs, self.max_chars), docs))
        self.used = self.workers

    def ready(self) -> Iterator[list[Document]]:
        """The annotated chunks at the head of the queue that are done; waits for the head while more
        chunks are queued than the workers can take (so reading does not run far ahead)."""
        while self._queue:
            head = self._queue[0][0]
            if isinstance(head, Future) and not head.done() and len(self._queue) <= 2 * self.workers:
                return
            yield self._take()

    def drain(self) -> Iterator[list[Document]]:
        """Every queued chunk, annotated, in order."""
        while self._queue:
            yield self._take()

    def _take(self) -> list[Document]:
        head, docs = self._queue.popleft()
        if not isinstance(head, Future):
            return head
        try:
            done, warnings = head.result()
        except Exception as exc:  # a worker died or failed: annotate here, and from now on
            self._give_up(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            return annotate(self.pipeline, docs, self.report, self.max_chars)
        self.report.warnings.extend(warnings)
        return done

    def _open(self) -> ProcessPoolExecutor | None:
        # spawned, not forked: a fresh interpreter per worker (no copy of this process's threads or
        # locks), and its parent is this process, which it watches (``_orphaned``)
        context = multiprocessing.get_context("spawn")
        threads = max(1, usable_cores() // self.workers)
        try:
            return ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_start, initargs=(self._values, threads, os.getpid())
            )
        except (OSError, ValueError) as exc:
            self._give_up(f"{type(exc).__name__}: {exc}")
            return None

    def _give_up(self, why: str) -> None:
        self.fallback = f"annotation workers stopped ({why}); the rest was annotated in this process"
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
