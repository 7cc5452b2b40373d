"""Readers that turn the linking datasets into LinkItems in stream order, with their gold labels.

Kept apart from the scorers so that the event and story evaluations (and the benchmark) read each
dataset the same way. Streams are ordered by date (``first_seen`` / ``date``); items without one keep
their file position after the dated ones, which is how an undated backlog would arrive.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..link.items import LinkItem, parse_datetime

ECB_SPLITS = {
    "dev": frozenset({2, 5, 12, 18, 21, 23, 34, 35}),
    "test": frozenset(range(36, 46)),
}
ECB_SPLITS["train"] = frozenset(set(range(1, 36)) - ECB_SPLITS["dev"])


@dataclass(slots=True)
class Labelled:
    items: list[LinkItem]
    events: dict[str, str] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def _time_order(items: list[LinkItem]) -> list[LinkItem]:
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (p[1].published is None, p[1].published or 0, p[0]))  # type: ignore[operator]
    return [it for _, it in indexed]


def read_ecbplus(data: Path, split: str, order: str = "shuffled") -> Labelled:
    """ECB+ documents of one split. They carry no dates, so "time order" is undefined: the file groups
    documents by gold subtopic, which would hand an online clusterer the answer; the default order is
    therefore a fixed pseudo-random one (hash of the doc id). ``order="file"`` keeps the file order."""
    path = data / "docs.jsonl" if data.is_dir() else data
    topics = ECB_SPLITS[split]
    items, gold = [], {}
    for rec in _jsonl(path):
        if int(rec["topic"]) not in topics:  # type: ignore[call-overload]
            continue
        aid = str(rec["doc_id"])
        items.append(LinkItem(aid, str(rec.get("title") or ""), str(rec.get("text") or ""), language="en"))
        gold[aid] = str(rec["event_cluster"])
    if order != "file":
        items.sort(key=lambda it: hashlib.blake2b(it.article_id.encode(), digest_size=8).hexdigest())
    return Labelled(items, events=gold)


def read_labels(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """TSV ``id<TAB>event_id<TAB>story_id`` with a header → (events, stories)."""
    events, stories = {}, {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aid = str(row["id"]).strip()
            if row.get("event_id"):
                events[aid] = row["event_id"].strip()
            if row.get("story_id"):
                stories[aid] = row["story_id"].strip()
    return events, stories


def item_from_record(rec: dict[str, object]) -> LinkItem:
    """A front-page / export style record: id, title, teaser|text, first_seen|published|date, outlet."""
    pub = rec.get("published") or rec.get("first_seen") or rec.get("date")
    text = rec.get("text") or rec.get("teaser") or ""
    return LinkItem(
        article_id=str(rec.get("id", rec.get("article_id", ""))),
        title=str(rec.get("title") or ""),
        text=str(text),
        language=str(rec["language"]) if rec.get("language") else None,
        published=parse_datetime(str(pub)) if pub else None,
        source=str(rec.get("outlet") or rec.get("source") or "") or None,
        url=str(rec["url"]) if rec.get("url") else None,
    )


def read_stream(data: Path, labels: Path | None) -> Labelled:
    """A JSONL stream; with ``labels`` only the listed ids are kept (and scored)."""
    path = data / "articles.jsonl" if data.is_dir() else data
    events, stories = read_labels(labels) if labels else ({}, {})
    keep = set(events) | set(stories)
    items = []
    for rec in _jsonl(path):
        it = item_from_record(rec)
        if labels is None or it.article_id in keep:
            items.append(it)
    return Labelled(_time_order(items), events=events, stories=stories)


def read_story_chains(data: Path) -> Labelled:
    """News story chains: articles (url as id) and coder 1's positive pairs (the gold)."""
    texts = next(data.glob("*article_texts.csv"))
    gold_file = next(data.glob("story_pairs-*coder1*.csv"))
    items = []
    with texts.open(encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            items.append(
                LinkItem(
                    rec["url"],
                    rec.get("title") or "",
                    rec.get("text") or "",
                    language="en",
                    published=parse_datetime(rec.get("date") or ""),
                    source=rec.get("paperurl") or None,
                )
            )
    pairs = []
    with gold_file.open(encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.strip().split(";")
            if len(parts) == 3 and parts[2].strip() == "1":
                pairs.append((parts[0].strip(), parts[1].strip()))
    return Labelled(_time_order(items), extra={"pairs": pairs})


def read_timeline17(data: Path) -> Labelled:
    """Timeline17: dated English articles (first sentence as title), gold story = topic."""
    items, stories = [], {}
    for rec in _jsonl(data / "articles.jsonl"):
        text = str(rec.get("text") or "")
        first, _, rest = text.partition("\n")
        aid = str(rec["doc_id"])
        items.append(
            LinkItem(
                aid,
                first,
                rest,
                language="en",
                published=parse_datetime(str(rec["date"])),
                source=str(rec.get("source") or "") or None,
            )
        )
        stories[aid] = str(rec["topic"])
    timelines = list(_jsonl(data / "timelines.jsonl"))
    return Labelled(_time_order(items), stories=stories, extra={"timelines": timelines})


def read_headlines(path: Path, limit: int | None = None) -> list[LinkItem]:
    """The 2013–2023 headline corpus (benchmarks only): one item per row, in date order."""
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            if limit is not None and i >= limit:
                break
            items.append(_headline_item(f"h{i}", rec))
    return _time_order(items)


def _headline_item(aid: str, rec: dict[str, str]) -> LinkItem:
    """One row of the headline corpus as a linker item (title only, German)."""
    return LinkItem(
        aid,
        rec.get("title") or "",
        "",
        language="de",
        published=parse_datetime(rec.get("date") or ""),
        source=rec.get("outlet"),
    )


#: Development slices of the headline corpus for story threading (``read_headline_stories``). The
#: topic is a keyword-retrieval label (noisy silver, not gold): long-running topics stand in for long
#: stories, the other topics (thinned) for the off-topic stream around them. Never a test set.
HEADLINE_SPLITS: dict[str, dict[str, object]] = {
    "dev": {
        "start": "2021-07-01",
        "end": "2021-12-31",
        "stories": ("Coronavirus", "Klimawandel", "Ukraine", "Migration"),
        "offtopic_every": 4,
    },
    "dev2": {
        "start": "2022-01-01",
        "end": "2022-04-30",
        "stories": ("Coronavirus", "Klimawandel", "Ukraine", "Migration"),
        "offtopic_every": 4,
    },
}


def read_headline_stories(data: Path, split: str = "dev") -> Labelled:
    """A silver story stream from the headline corpus: rows of one date range in date order, the
    keyword topic as story label. Headlines filed under several topics are dropped (ambiguous);
    off-topic rows (topics outside the slice's list) are kept every ``offtopic_every``-th and labelled
    with their own topic. Labels are noisy: use for development (relative changes), not as a score.

    ``<split>-digest`` (e.g. ``dev-digest``) groups the same rows into one item per day, outlet and
    topic (first headline as title, the others as text): a synthetic stand-in for longer articles,
    so that long-story recall can be developed at article length too."""
    digest = split.endswith("-digest")
    spec = HEADLINE_SPLITS[split.removesuffix("-digest")]
    path = data / "headlines.csv.gz" if data.is_dir() else data
    start, end = str(spec["start"]), str(spec["end"])
    topics = frozenset(spec["stories"])  # type: ignore[call-overload]
    every = int(spec["offtopic_every"])  # type: ignore[call-overload]
    rows: list[tuple[str, dict[str, str]]] = []
    url_topics: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, rec in enumerate(csv.DictReader(fh)):
            day = (rec.get("date") or "")[:10]
            if not (start <= day <= end):
                continue
            if url := rec.get("url"):  # rows without a URL cannot be matched across topics
                url_topics.setdefault(url, set()).add(rec.get("topic") or "")
            rows.append((f"h{i}", rec))
    items, stories = [], {}
    off = 0
    for aid, rec in rows:
        url = rec.get("url") or ""
        if url and len(url_topics.get(url, ())) > 1:
            continue
        topic = rec.get("topic") or ""
        if topic not in topics:
            off += 1
            if off % every:
                continue
        items.append(_headline_item(aid, rec))
        stories[aid] = topic
    if digest:
        groups: dict[tuple[str, str, str], list[LinkItem]] = {}
        for it in items:
            key = (
                it.published.date().isoformat() if it.published else "",
                it.source or "",
                stories[it.article_id],
            )
            groups.setdefault(key, []).append(it)
        items, stories = [], {}
        for (_, _, topic), its in groups.items():
            first = its[0]
            text = ". ".join(it.title for it in its[1:])
            items.append(
                LinkItem(first.article_id, first.title, text, "de", first.published, source=first.source)
            )
            stories[first.article_id] = topic
    return Labelled(_time_order(items), stories=stories)


def read_ecbplus_stories(data: Path, split: str, order: str = "shuffled") -> Labelled:
    """ECB+ for story threading: gold story = topic (two events of one kind), gold event as in
    ``read_ecbplus``. Use train/dev only for development; the story gold is a proxy (the two events
    of a topic are related by kind, not always one story)."""
    ds = read_ecbplus(data, split, order)
    path = data / "docs.jsonl" if data.is_dir() else data
    topic = {str(rec["doc_id"]): str(rec["topic"]) for rec in _jsonl(path)}
    ds.stories = {aid: topic[aid] for aid in ds.events}
    return ds
