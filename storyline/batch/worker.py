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

from ..app.annotate import annotate, drop_working_state, pipeline_for
from ..app.ingest import ANNOTATE_CHUNK, IngestReport, chunks, text_size
from ..ingest import Problem, read_source, reader
from ..model import Article, Document
from .plan import ReadUnit

if TYPE_CHECKING:
    from ..settings import Settings

#: (unit index, position in the unit's reader stream, 0 for the item / 1 for what annotating it said)
Key = tuple[int, int, int]
Row = tuple[Key, tuple[str, Any]]  # ("doc", Document) | ("problem", Problem)


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
        for (pos, _), doc in zip(docs, drop_working_state(done), strict=True):
            yield (unit.index, pos, 0), ("doc", doc)
        for warning in report.warnings:
            yield (unit.index, where.get(warning.origin, docs[-1][0]), 1), ("problem", warning)
