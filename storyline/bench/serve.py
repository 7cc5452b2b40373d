"""``storyline bench --serve``: latency of each page type and API read, and requests/s, against a real
server (uvicorn on a free local port, HTTP through urllib), on a given database or on one built from
a corpus first (its size is a flag: building costs annotation time, about 30 front-page items/s here).
"""

from __future__ import annotations

import random
import socket
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..library import Storyline
from ..settings import Settings

Progress = Callable[[str], None]


def build_store(data: Path, size: int, settings: Settings, folder: Path) -> Path:
    """A store of the first ``size`` items of a benchmark corpus, annotated and linked."""
    from .corpora import records

    _, recs = records(data, size)
    path = folder / "serve-bench.db"
    with Storyline(path, settings) as sl:
        for i in range(0, len(recs), 500):
            sl.ingest_records(recs[i : i + 500], origin="bench")
    return path


def _targets(sl: Storyline, n: int, seed: int = 7) -> dict[str, list[str]]:
    """URLs per page type, each with different ids drawn from the store (not one cached page)."""
    rng = random.Random(seed)
    count = sl.count()
    arts = [a.id for a in sl.articles(limit=n, offset=max(rng.randrange(max(count - n, 1)), 0))]
    stories = sl.stories(limit=n)
    events = [e for s in stories for e in s.event_ids][:n]
    ents = [e.id for e in sl.entities(limit=n)]
    words = ["Berlin", "Trump", "Regierung", "Polizei", "Ukraine", "Merz", "Wetter", "Bahn"]
    return {
        "home": ["/"] * n,
        "stories list": [f"/stories?page={i % 5 + 1}" for i in range(n)],
        "story": [f"/stories/{s.id}" for s in stories],
        "event": [f"/events/{e}" for e in events],
        "article": [f"/articles/{a}" for a in arts],
        "entity": [f"/entities/{e}" for e in ents],
        "quotes": [f"/quotes?page={i % 3 + 1}" for i in range(n)],
        "search": [f"/search?q={words[i % len(words)]}&page={i % 3 + 1}" for i in range(n)],
        "api article (one record)": [f"/api/articles/{a}" for a in arts],
        "api story (one record)": [f"/api/stories/{s.id}" for s in stories],
    }


def _get(url: str) -> tuple[float, int]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return (time.perf_counter() - t) * 1000, status


def _serve(db: Path, settings: Settings) -> tuple[str, Callable[[], None]]:
    import uvicorn

    from ..web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return f"http://127.0.0.1:{port}", stop


def serve_bench(
    db: Path | None,
    settings: Settings,
    *,
    data: Path | None = None,
    size: int = 2000,
    requests: int = 40,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> dict[str, Any]:
    say = progress or (lambda _m: None)
    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            if data is None:
                raise ValueError("bench --serve needs --db FILE or --data CORPUS")
            say(f"building a store of {size:,} items from {data} …")
            t = time.perf_counter()
            db = build_store(data, size, settings, Path(tmp))
            say(f"built in {time.perf_counter() - t:,.0f} s")
        with Storyline(db, settings, readonly=True) as sl:
            stats = sl.stats()
            targets = _targets(sl, requests)
        base, stop = _serve(db, settings)
        try:
            for urls in targets.values():  # warm every reader thread and page cache once
                if urls:
                    _get(base + urls[0])
            pages: dict[str, Any] = {}
            for kind, urls in targets.items():
                runs = [_get(base + u) for u in urls]
                ms = sorted(m for m, _ in runs)
                if ms:
                    pages[kind] = {
                        "n": len(ms),
                        "p50_ms": round(statistics.median(ms), 1),
                        "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1),
                        "errors": sum(s >= 400 for _, s in runs),
                    }
                say(f"{kind}: {pages.get(kind)}")
            mixed = [base + u for urls in targets.values() for u in urls]
            random.Random(3).shuffle(mixed)
            t = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                done = list(pool.map(_get, mixed))
            elapsed = time.perf_counter() - t
        finally:
            stop()
    return {
        "task": "bench-serve",
        "articles": stats["articles"],
        "stories": stats["stories"],
        "pages": pages,
        "requests_per_s": round(len(done) / elapsed, 1),
        "concurrency": concurrency,
        "mixed_errors": sum(s >= 400 for _, s in done),
    }
