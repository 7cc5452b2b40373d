"""``storyline bench --postgres URL``: SQLite beside PostgreSQL, and concurrent ingest workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table

from ..settings import Settings
from .common import console, err, fail, print_json, user_errors
from .demo import find_examples


def run(data: Path | None, settings: Settings, postgres: str, limit: int | None, profile: str, as_json: bool) -> None:
    from ..bench.stores import compare_stores
    from ..store import is_url

    if not is_url(postgres):
        fail("--postgres must be a postgresql:// URL of a role that may create databases")
    if data is None:
        examples = find_examples()
        data = (examples.parent if examples else Path("../shared")) / "data" / "de_frontpages_2026"
    if not data.exists():
        fail(f"--data {data} does not exist")
    say = None if as_json else (lambda m: err.print(f"[dim]{m}[/]"))
    with user_errors():
        result = compare_stores(data, settings, postgres, limit=limit or 1000, profile=profile, progress=say)
    if as_json:
        print_json(result)
        return
    console.print(_backends(result))
    console.print(_workers(result))


def _backends(r: dict[str, Any]) -> Table:
    t = Table(title=f"stores on {r['corpus']}: {r['n_articles']:,} items, profile {r['profile']}", title_justify="left")
    for col in ("backend", "ingest s", "articles/s", "of which link s", "store only s", "search median ms", "p95 ms"):
        t.add_column(col, justify="right")
    for name in ("sqlite", "postgres"):
        b = r[name]
        t.add_row(name, f"{b['ingest_seconds']:.1f}", f"{b['ingest_articles_per_s']:,.0f}", f"{b['link_seconds']:.1f}",
                  f"{b['store_seconds']:.2f}", f"{b['search']['median_ms']:.1f}", f"{b['search']['p95_ms']:.1f}")
    ratio = r["postgres_vs_sqlite"]
    t.caption = (f"PostgreSQL/SQLite time: ingest {ratio['ingest_seconds']:.2f}x, store {ratio['store_seconds']:.2f}x, "
                 f"link {ratio['link_seconds']:.2f}x · search hits agree {r['search_agreement']:.0%} (Jaccard, top 20)")
    return t


def _workers(r: dict[str, Any]) -> Table:
    t = Table(title="concurrent ingest processes into PostgreSQL (wall clock, model loading included)", title_justify="left")
    for col in ("workers", "seconds", "articles/s", "stored", "unlinked"):
        t.add_column(col, justify="right")
    for w in r["workers"]:
        t.add_row(str(w["workers"]), f"{w['seconds']:.1f}", f"{w['articles_per_s']:,.1f}", f"{w['stored']:,}", str(w["unlinked"]))
    return t
