"""Use-case: keep a store up to date from live sources (``storyline watch``).

Sources are feed or page URLs, files listing them (OPML, one URL a line) and folders where new
files appear. Each poll asks every source that is due, with a conditional GET (ETag and
Last-Modified, so an unchanged feed costs a 304), at most one request per host every
``ingest.host_interval_s``, under a User-Agent. A failing source waits twice as long after each
failure (up to ``ingest.max_backoff_s``) and never stops the others. What each source had (its
ETag, the items already seen, a folder's files) is kept in the store's keyed state, through the
Store interface, so it survives restarts on SQLite and PostgreSQL alike: a restart neither
re-ingests nor misses items. A stop request (SIGINT/SIGTERM) takes effect after the current source.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import InputError
from ..ids import stable_hash
from ..ingest import Problem, expand, read_inputs
from ..ingest.versions import text_key
from ..ingest.web import get, read_answer, read_url, urls_in
from ..model import Article
from .ingest import IngestReport, ingest_articles

if TYPE_CHECKING:
    from ..library import Storyline

NAMESPACE = "watch.sources"
SEEN_KEEP = 5000  # item ids remembered per source; feeds hold far fewer
log = logging.getLogger("storyline.watch")


@dataclass(slots=True)
class SourceState:
    """What is remembered of one source between polls and restarts."""

    etag: str | None = None
    modified: str | None = None
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None
    seen: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({k: getattr(self, k) for k in self.__slots__})  # type: ignore[attr-defined]

    @classmethod
    def from_json(cls, raw: str | None) -> SourceState:
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
            return cls(**{k: data[k] for k in cls.__slots__ if k in data})  # type: ignore[attr-defined]
        except (ValueError, TypeError):
            return cls()


@dataclass(slots=True)
class PollReport:
    """One poll: per source what happened, and the ingest of everything new."""

    polled: int = 0
    not_modified: int = 0
    failing: int = 0
    new_items: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)


def sources_of(inputs: Iterable[str], settings: Any) -> tuple[list[str], list[Problem]]:
    """Watched sources: URLs and folders as given; OPML and URL-list files expanded to their URLs."""
    out: list[str] = []
    problems: list[Problem] = []
    for raw in inputs:
        if raw.startswith(("http://", "https://")) or Path(raw).is_dir():
            out.append(raw)
            continue
        kind = "opml" if raw.lower().endswith(".opml") or b"<opml" in _head(raw) else "urls"
        urls, found = urls_in(raw, kind, settings)
        out.extend(urls)
        problems.extend(found)
    return list(dict.fromkeys(out)), problems


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(4096).lower()
    except OSError:
        return b""


class Watcher:
    """Polls sources into one Storyline; ``stop()`` (from a signal handler) ends after the current source."""

    def __init__(self, sl: Storyline, sources: list[str], every_s: float, fetch_articles: bool = False,
                 clock: Callable[[], float] = time.time):
        self.sl, self.sources, self.every, self.fetch_articles = sl, sources, max(1.0, every_s), fetch_articles
        self.clock = clock
        self.settings = sl.settings
        self.interval = float(self.settings["ingest.host_interval_s"])
        self.max_backoff = float(self.settings["ingest.max_backoff_s"])
        self._last_request: dict[str, float] = {}
        self._stop = threading.Event()
        self.states = {k: SourceState.from_json(v) for k, v in sl.store.state_items(NAMESPACE, sources).items()}

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run(self, polls: int | None = None, status: Callable[[PollReport, int], None] | None = None) -> int:
        """Poll until stopped (or ``polls`` times); returns the number of polls made."""
        done = 0
        while not self.stopped and (polls is None or done < polls):
            report = self.poll()
            done += 1
            if status:
                status(report, done)
            if polls is not None and done >= polls:
                break
            due = min((self.states.get(s, SourceState()).next_poll for s in self.sources), default=self.clock() + self.every)
            self._stop.wait(max(0.0, min(due - self.clock(), self.every)))
        return done

    def poll(self) -> PollReport:
        """Every due source once: its new items ingested (and linked) together."""
        report = PollReport()
        items: list[Article | Problem] = []
        touched: dict[str, SourceState] = {}
        for source in self.sources:
            if self.stopped:
                break
            state = self.states.setdefault(source, SourceState())
            if state.next_poll > self.clock():
                continue
            report.polled += 1
            touched[source] = state
            try:
                new = list(self._poll_folder(source, state) if Path(source).is_dir() else self._poll_url(source, state, report))
            except InputError as exc:
                self._failed(source, state, str(exc), report)
                continue
            except Exception as exc:  # one source never stops the others
                self._failed(source, state, f"{type(exc).__name__}: {exc}", report)
                continue
            state.failures, state.last_error, state.next_poll = 0, None, self.clock() + self.every
            report.new_items += sum(isinstance(i, Article) for i in new)
            items.extend(new)
        report.ingest = ingest_articles(items, self.sl.store, self.sl.pipeline, self.settings, waiting=self.sl.on_wait)
        for p in report.ingest.failed + report.ingest.skipped:
            log.warning("not ingested: %s: %s", p.origin, p.reason)
        self.sl._link_new(report.ingest)
        if touched:
            with self.sl.store.writer(self.sl.on_wait):
                self.sl.store.put_state_items(NAMESPACE, {k: v.to_json() for k, v in touched.items()})
        return report

    def _failed(self, source: str, state: SourceState, why: str, report: PollReport) -> None:
        state.failures += 1
        state.last_error = why
        wait = min(self.max_backoff, self.every * 2 ** (state.failures - 1))
        state.next_poll = self.clock() + wait
        report.failing += 1
        log.warning("failed: %s: %s; retry in %.0f s (failure %d)", source, why, wait, state.failures)

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last_request.get(host)
        if last is not None:
            delay = self.interval - (time.monotonic() - last)
            if delay > 0:
                self._stop.wait(delay)
        self._last_request[host] = time.monotonic()

    def _poll_url(self, url: str, state: SourceState, report: PollReport) -> Iterator[Article | Problem]:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.modified:
            headers["If-Modified-Since"] = state.modified
        self._wait_for_host(url)
        answer = get(url, self.settings, headers)
        if answer.status == 304:
            report.not_modified += 1
            log.info("not modified: %s", url)
            return
        state.etag = answer.headers.get("etag") or None
        state.modified = answer.headers.get("last-modified") or None
        items = list(read_answer(answer, url, self.settings))
        articles = [i for i in items if isinstance(i, Article)]
        broken = next((i for i in items if isinstance(i, Problem) and i.fatal), None)
        if broken is not None and not articles:
            raise InputError(broken.reason)
        seen = set(state.seen)
        fresh: list[Article | Problem] = [i for i in items if isinstance(i, Problem)]
        for item in articles:
            key = stable_hash(item.id, text_key(item))  # an item whose text changed is new: a version
            if key in seen:
                continue
            seen.add(key)
            state.seen.append(key)
            fresh.append(self._full(item) if self.fetch_articles else item)
        count = len(articles)
        del state.seen[:-SEEN_KEEP]
        log.info("fetched: %s: %d items, %d new", url, count, sum(isinstance(i, Article) for i in fresh))
        yield from fresh

    def _full(self, item: Article) -> Article | Problem:
        """The article page behind a teaser-only feed item; the item itself when the page fails."""
        if not item.url:
            return item
        self._wait_for_host(item.url)
        for got in read_url(item.url, self.settings):
            if isinstance(got, Article) and len(got.text) > len(item.text):
                got.id, got.title, got.origin = item.id, item.title or got.title, item.origin
                got.published = item.published or got.published
                got.source = item.source or got.source
                return got
        log.info("kept the feed's text for %s (the page gave no longer text)", item.url)
        return item

    def _poll_folder(self, folder: str, state: SourceState) -> Iterator[Article | Problem]:
        """Files that are new or changed since the last poll (by size and modification time)."""
        for path in expand([folder], self.settings):
            if isinstance(path, Problem):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            stamp = f"{st.st_mtime_ns}:{st.st_size}"
            if state.files.get(path) == stamp:
                continue
            state.files[path] = stamp
            log.info("new file: %s", path)
            yield from read_inputs([path], self.settings)
