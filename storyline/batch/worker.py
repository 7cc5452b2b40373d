"""What a Spark task runs: read one unit with the ``ingest`` readers and annotate its articles with
the configured pipeline. Plain Python (no PySpark import), so it is tested without Spark.

The pipeline is built once per Python worker process, not per record or task: Spark reuses its
Python workers (``spark.python.worker.reuse``), and a module-level cache keyed by the settings keeps
the loaded models between tasks. Building it costs seconds (models), a task a fraction of that.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

import orjson

from ..app.annotate import annotate
from ..app.ingest import ANNOTATE_CHUNK, IngestReport, chunks, text_size
from ..ingest import Problem, read_source, reader
from ..model import Article, Document
from .plan import ReadUnit

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..settings import Settings

#: (unit index, position in the unit's reader stream, 0 for the item / 1 for what annotating it said)
Key = tuple[int, int, int]
Row = tuple[Key, tuple[str, Any]]  # ("doc", Document) | ("problem", Problem)

_PIPELINES: dict[str, Pipeline] = {}
#: a document's layers the driver never reads (nothing stores them): the spaCy Doc is most of a pickled
#: document, and unpickling it (its vocabulary, once per batch of records) took 90% of the driver's time
WORKING_STATE = ("spacy",)


def settings_key(settings: Settings) -> str:
    return orjson.dumps({k: settings[k] for k in sorted(settings)}, default=str).decode()


def pipeline_for(settings: Settings) -> Pipeline:
    """This worker's pipeline for these settings, built on first use."""
    from ..pipeline import Pipeline

    key = settings_key(settings)
    if key not in _PIPELINES:
        _PIPELINES.clear()  # one configuration per job; never keep two sets of models
        _PIPELINES[key] = Pipeline.from_settings(settings)
    return _PIPELINES[key]


def read_unit(unit: ReadUnit, settings: Settings) -> Iterator[tuple[int, Article | Problem]]:
    """The unit's items with their positions, exactly as ``read_inputs`` yields them for its source
    (the same problem for an unknown type or a reader that stopped)."""
    if unit.start == 0 and unit.stop is None:  # a whole input: read exactly as ingest reads it
        yield from enumerate(read_source(unit.source, settings, unit.given))
        return
    if unit.fmt is None:
        return
    stream = reader(unit.fmt)(unit.source, settings)
    pos = -1
    try:
        for pos, item in enumerate(islice(stream, unit.stop)):
            if pos >= unit.start:
                yield pos, item
    except Exception as exc:
        if unit.stop is None or pos + 1 < unit.stop:  # the slice that reached the failure reports it
            message = f"reading stopped ({type(exc).__name__}: {str(exc)[:200]}); the rest of this input was not read"
            yield max(pos + 1, unit.start), Problem(unit.source, message)


def process_unit(
    unit: ReadUnit,
    settings: Settings,
    published: datetime | None = None,
    source: str | None = None,
) -> Iterator[Row]:
    """Read and annotate one unit: every item once, keyed for the driver's ordered merge."""
    pipeline = pipeline_for(settings)
    chunk_size = min(max(1, int(settings["store.batch_size"])), ANNOTATE_CHUNK)
    max_chars = int(settings["pipeline.max_chars"])
    for chunk in chunks(read_unit(unit, settings), chunk_size, lambda pos_item: text_size(pos_item[1])):
        docs: list[tuple[int, Document]] = []
        for pos, item in chunk:
            if isinstance(item, Problem):
                yield (unit.index, pos, 0), ("problem", item)
                continue
            if published is not None:
                item.published, item.published_estimated, item.date_estimate = published, False, None
            if source:
                item.source = source
            docs.append((pos, Document(item)))
        if not docs:
            continue
        report = IngestReport()
        done = annotate(pipeline, [d for _, d in docs], report, max_chars)
        where = {d.article.origin or d.id: pos for pos, d in docs}
        for (pos, _), doc in zip(docs, done, strict=True):
            for key in WORKING_STATE:
                doc.extras.pop(key, None)
            yield (unit.index, pos, 0), ("doc", doc)
        for warning in report.warnings:
            yield (unit.index, where.get(warning.origin, docs[-1][0]), 1), ("problem", warning)
