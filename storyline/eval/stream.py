"""A labelled JSONL stream scored through the product path: what ``storyline ingest`` gives a user.

The stream is read from its start up to the last labelled item (in ``first_seen`` order), with the
same record reader as ``storyline ingest`` (field names, ids from the URL, dates), annotated with the
configured pipeline (the fast NER profile unless told otherwise), stored in a throw-away SQLite
store, and linked as an ingest links. The labelled items' stored events and stories are then scored
by their dataset ``id`` (kept by the reader as ``meta.source_id``).

Why from the start: linking is online and incremental; what the morning's articles join depends on
the days before them, as it does for a user whose store has been filling all week.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest import Problem
from ..model import Article, Document
from .readers import read_labels


@dataclass(slots=True)
class StreamRun:
    events: dict[str, str]  # dataset id -> predicted event id (labelled items that were stored)
    stories: dict[str, str]
    n_ingested: int
    n_failed: int
    articles_per_s: float  # annotate + store + link, the whole stream up to the cutoff
    documents: dict[str, Document] = field(default_factory=dict)  # dataset id -> stored document


_CACHE: dict[tuple[str, str, str], StreamRun] = {}


def _records(path: Path, cutoff: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if str(rec.get("first_seen") or rec.get("published") or "") <= cutoff:
                yield n, rec


def _articles(path: Path, labels: set[str], settings: Any) -> tuple[list[Article | Problem], dict[str, str]]:
    """Articles up to the last labelled item, in stream order, and dataset id -> article id."""
    from ..errors import InputError
    from ..ingest.records import record_to_article

    stamps = [str(rec.get("first_seen") or rec.get("published") or "") for _, rec in _records(path, "\uffff")
              if str(rec.get("id")) in labels]
    cutoff = max(stamps) if stamps else ""
    items: list[Article | Problem] = []
    ids: dict[str, str] = {}
    for n, rec in _records(path, cutoff):
        origin = f"{path.name}:{n}"
        try:
            art, _notes = record_to_article(rec, origin, settings)
        except InputError as exc:
            items.append(Problem(origin, str(exc)))
            continue
        ids[str(rec.get("id"))] = art.id
        items.append(art)
    return items, ids


def run_stream(data: Path, labels: Path, profile: str = "fast", overrides: dict[str, Any] | None = None) -> StreamRun:
    """Ingest the stream through the real pipeline and return the labelled items' memberships
    (``labels``: the event/story TSV)."""
    gold_events, gold_stories = read_labels(Path(labels))
    return run_labelled(data, frozenset(gold_events) | frozenset(gold_stories), profile, overrides)


def run_labelled(
    data: Path, labelled: frozenset[str], profile: str = "fast", overrides: dict[str, Any] | None = None
) -> StreamRun:
    """The stream up to the last of the ``labelled`` dataset ids, through the real pipeline; their
    memberships and stored documents (entities merged as the store had them by then)."""
    from ..library import Storyline
    from ..settings import Settings

    path = data / "articles.jsonl" if data.is_dir() else data
    digest = hashlib.sha256("\n".join(sorted(labelled)).encode()).hexdigest()
    key = (str(path.resolve()), digest, json.dumps([profile, overrides or {}], sort_keys=True))
    if key in _CACHE:
        return _CACHE[key]
    settings = Settings({"ner.profile": profile, **(overrides or {})})
    items, ids = _articles(path, set(labelled), settings)
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as tmp:
        sl = Storyline(Path(tmp) / "stream.db", settings)
        try:
            from ..app.ingest import ingest_articles

            t0 = time.perf_counter()
            report = ingest_articles(items, sl.store, sl.pipeline, settings)
            sl.relink()
            dt = time.perf_counter() - t0
            place = {m["article_id"]: (m["event_id"], m["story_id"]) for m in sl.store.memberships()}
            documents = {sid: doc for sid in sorted(labelled) if sid in ids and (doc := sl.store.get(ids[sid]))}
        finally:
            sl.close()
    events = {sid: place[aid][0] for sid, aid in ids.items() if aid in place}
    stories = {sid: place[aid][1] for sid, aid in ids.items() if aid in place}
    speed = len(items) / dt if dt > 0 else 0.0
    run = StreamRun(events, stories, len(report.ingested), len(report.failed), speed, documents)
    _CACHE[key] = run
    return run
