"""Which parts of the input each Spark partition reads.

A partition reads one *unit*: a whole file, or, for an uncompressed JSON Lines file with more lines
than one partition should take, one slice of its records. A slice is read with the same reader as
``ingest`` (so every origin, id and problem is exactly what ``ingest`` gives) and keeps only the
items at its positions; reading past the records it keeps costs ~35 µs an item, against
milliseconds of annotation, so re-reading the head of a file is cheap and keeps one reader.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..ingest import Problem, expand
from ..ingest.sniff import choose

if TYPE_CHECKING:
    from ..settings import Settings

SLICEABLE = ("jsonl",)
MAX_UNIT_ITEMS = 400  # at most this many items a partition: its documents come back to the driver at once  # formats whose items can be counted cheaply (one a line) and sliced


@dataclass(slots=True, frozen=True)
class ReadUnit:
    """One partition's input: items ``start`` (inclusive) to ``stop`` (exclusive, None: to the end)
    of ``source`` read with format ``fmt``; ``index`` orders units as ``read_inputs`` orders them."""

    index: int
    source: str
    fmt: str | None
    start: int = 0
    stop: int | None = None
    given: str | None = None  # the format the user gave (--format), else chosen as ingest chooses


def _lines(path: str) -> int:
    """Lines in a file (an upper bound of its items), counted in 1 MB blocks."""
    n = 0
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
    except OSError:
        return 1
    return n + 1


def plan_units(
    paths: Iterable[str | Path], settings: Settings, partitions: int, fmt: str | None = None
) -> tuple[list[ReadUnit], list[Problem]]:
    """The read units for about ``partitions`` partitions, in input order, and the problems found
    while listing the inputs (a missing file, a folder entry of unknown type)."""
    sources: list[tuple[str, str | None]] = []
    problems: list[Problem] = []
    for item in expand(paths, settings):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            sources.append((item, fmt or choose(item)[0]))
    sizes = [
        _lines(s) if f in SLICEABLE and not s.lower().endswith(".gz") and Path(s).is_file() else 1
        for s, f in sources
    ]
    per = min(MAX_UNIT_ITEMS, max(1, math.ceil(sum(sizes) / max(1, partitions))))
    units: list[ReadUnit] = []
    for (source, chosen), size in zip(sources, sizes, strict=True):
        slices = max(1, math.ceil(size / per)) if size > 1 else 1
        for k in range(slices):
            stop = None if k == slices - 1 else (k + 1) * per
            units.append(ReadUnit(len(units), source, chosen, k * per, stop, fmt))
    return units, problems
