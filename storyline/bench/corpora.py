"""Readers for the benchmark corpora in ../shared/data, yielding plain records for the ingest stage."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from ..errors import ConfigError

csv.field_size_limit(10_000_000)


def _tenk(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'")):
            if len(row) >= 2:
                yield {"text": row[1], "topic": row[0], "id": f"10kgnad-{i}"}


def _headlines(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            yield {"title": row["title"], "published": row["date"], "source": row["outlet"], "id": f"hl-{i}", "topic": row["topic"]}


def _frontpages(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            yield {"title": r["title"], "text": r.get("teaser") or "", "url": r["url"], "source": r["outlet"], "published": r["first_seen"]}


def find_corpus(data: Path) -> tuple[str, Path]:
    """(name, file) of a known corpus under ``data`` (a folder or the file itself)."""
    candidates = [("10kgnad", "test.csv"), ("de_headlines", "headlines.csv.gz"), ("de_frontpages", "articles.jsonl")]
    for name, filename in candidates:
        if data.is_file() and data.name == filename:
            return name, data
        if (data / filename).is_file():
            return name, data / filename
    raise ConfigError(f"--data {data}: not a known benchmark corpus (10kgnad, de_headlines_2013_2023, de_frontpages_2026)")


def records(data: Path, limit: int | None = None) -> tuple[str, list[dict[str, Any]]]:
    name, path = find_corpus(data)
    reader = {"10kgnad": _tenk, "de_headlines": _headlines, "de_frontpages": _frontpages}[name]
    return name, list(islice(reader(path), limit))
