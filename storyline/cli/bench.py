"""``storyline bench``: throughput and memory of the whole pipeline and of each stage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import JsonOption, State, console, err, fail, print_json, user_errors
from .demo import find_examples


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)


def bench(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Corpus folder: 10kgnad (default), de_headlines_2013_2023 or de_frontpages_2026."),
    ] = None,
    profile: Annotated[str, typer.Option("--profile", help="Model profile: fast | accurate.")] = "fast",
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Use only the first N items.")] = None,
    growth: Annotated[
        bool, typer.Option("--growth", help="Only the linking cost curve as the store grows to 300k (de_headlines).")
    ] = False,
    store: Annotated[
        bool,
        typer.Option("--store", help="With --growth: what one small ingest costs the store-backed linker at 10k/100k/290k stored."),
    ] = False,
    rate: Annotated[
        float | None,
        typer.Option("--rate", help="With --growth --store: re-date the headlines to arrive N a day (their order kept), so only the store's size grows."),
    ] = None,
    postgres: Annotated[
        str | None,
        typer.Option("--postgres", help="Compare SQLite with this PostgreSQL server (a URL whose role may create databases)."),
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Latency per page type and requests/s of 'storyline serve' (on --db, or a store built from --data).")
    ] = False,
    db: Annotated[Path | None, typer.Option("--db", help="With --serve: the database to serve (else one is built).")] = None,
    size: Annotated[int, typer.Option("--size", help="With --serve and no --db: items to build the store from.")] = 2000,
    requests: Annotated[int, typer.Option("--requests", help="With --serve: requests per page type.")] = 40,
    spark: Annotated[bool, typer.Option("--spark", help="Ingest vs storyline batch local[1]/local[2] (default: 2,000 front-page items).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Benchmark the pipeline (ingest → annotate → store) and each stage on a German corpus.

    Reports articles/s and sentences/s per stage, the share of time per stage, peak memory, and
    pipeline time / sum of stage times. Example: [bold]storyline bench --data ../shared/data/10kgnad[/]
    """
    from ..bench.run import bench as run_bench

    if spark:  # storyline batch (cli/batch.py)
        from .batch import bench_spark_command

        return bench_spark_command(data, State.settings().with_overrides({"ner.profile": profile}), limit, as_json)
    if postgres is not None:
        from .bench_stores import run

        return run(data, State.settings().with_overrides({"ner.profile": profile}), postgres, limit, profile, as_json)
    if data is None and not (serve and db is not None):
        examples = find_examples()
        data = examples.parent / "data" / "10kgnad" if examples else Path("../shared/data/10kgnad")
    if data is not None and not data.exists():
        fail(f"--data {data} does not exist")
    settings = State.settings()
    if profile not in {"fast", "accurate"}:
        fail("--profile must be fast or accurate")
    if "ner.profile" in dict(settings):
        settings = settings.with_overrides({"ner.profile": profile})
    if serve:
        _serve(db, data if db is None else None, settings, size, requests, as_json)
        return
    if data is None:
        fail("--data is needed")
    if growth:
        from ..bench.run import link_growth, link_store_growth

        key = "link_store_growth" if store else "link_growth"
        if rate is not None and not store:
            fail("--rate goes with --growth --store")
        with user_errors():
            try:
                curve = link_store_growth(data, rate=rate) if store else link_growth(data)
            except ValueError as exc:
                fail(str(exc))
        if as_json:
            print_json({"task": "bench", key: curve})
            return
        console.print(_store_curve_table(curve) if store else _curve_table(curve))
        return
    with user_errors():
        result = run_bench(data, settings, limit=limit, profile=profile, progress=None if as_json else (lambda m: err.print(f"[dim]{m}[/]")))
    if as_json:
        print_json(result)
        return
    table = Table(title=f"bench {result['corpus']}: {result['n_articles']:,} items, profile {profile}", title_justify="left")
    table.add_column("stage", style="cyan")
    table.add_column("articles/s", justify="right")
    table.add_column("sentences/s", justify="right")
    table.add_column("share", justify="right")
    table.add_column("in gc", justify="right")  # of the stage's time, in the garbage collector
    for name, s in result["stages"].items():
        sps = s.get("sentences_per_s")
        table.add_row(name, f"{s['articles_per_s']:,.0f}", f"{sps:,.0f}" if sps else "",
                      f"{result['stage_share'].get(name, 0):.0%}", _gc_share(s.get("gc_seconds"), s["seconds"]))
    table.add_row("[bold]pipeline[/]", f"[bold]{result['pipeline_articles_per_s']:,.0f}[/]", "", "",
                  _gc_share(result.get("pipeline_gc_seconds"), result["pipeline_seconds"]))
    console.print(table)
    console.print(f"peak memory {result['peak_rss_mb']:,.0f} MB · pipeline/stages time ratio {result['overhead_ratio']:.2f}")


def _curve_table(curve: dict[str, Any]) -> Table:
    t = Table(title="linking cost as the store grows", title_justify="left")
    for col in ("articles", "articles/s", "cpu articles/s", "median µs/article", "active index", "RSS MB"):
        t.add_column(col, justify="right")
    for c in curve["curve"]:
        t.add_row(f"{c['n']:,}", f"{c['articles_per_s'] or 0:,.0f}", f"{c['cpu_articles_per_s'] or 0:,.0f}", f"{c['median_us_per_article'] or 0:,.0f}", f"{c['active_articles']:,}", f"{c['rss_mb']:,.0f}")
    return t


def _store_curve_table(curve: dict[str, Any]) -> Table:
    dated = f", re-dated to {curve['rate']:g} a day" if curve.get("rate") else ""
    t = Table(title=f"one ingest of {curve['curve'][0]['batch']} articles as the store grows{dated}", title_justify="left")
    for col in ("stored articles", "articles a day", "seconds per ingest", "linker state MB", "RSS MB"):
        t.add_column(col, justify="right")
    for c in curve["curve"]:
        per_day = c.get("items_per_day")
        t.add_row(f"{c['n']:,}", "" if per_day is None else f"{per_day:,.0f}", f"{c['seconds_per_ingest']:.3f}",
                  f"{c['state_mb']:.1f}", f"{c['rss_mb']:,.0f}")
    return t


def _serve(db: Path | None, data: Path | None, settings: Any, size: int, requests: int, as_json: bool) -> None:
    try:
        from ..bench.serve import serve_bench
    except ImportError:
        fail("bench --serve needs the web extra: pip install 'storyline[web]'")
    if db is not None and not db.is_file():
        fail(f"--db {db} does not exist")
    with user_errors():
        result = serve_bench(db, settings, data=data, size=size, requests=requests, progress=None if as_json else (lambda m: err.print(f"[dim]{m}[/]")))
    if as_json:
        print_json(result)
        return
    t = Table(title=f"storyline serve on {result['articles']:,} articles ({result['stories']:,} stories)", title_justify="left")
    for col in ("page", "requests", "p50 ms", "p95 ms", "errors"):
        t.add_column(col, justify="left" if col == "page" else "right")
    for kind, p in result["pages"].items():
        t.add_row(kind, str(p["n"]), f"{p['p50_ms']:.1f}", f"{p['p95_ms']:.1f}", str(p["errors"]))
    console.print(t)
    console.print(f"{result['requests_per_s']:.1f} requests/s with {result['concurrency']} concurrent clients (mixed pages)")


def _gc_share(gc_seconds: float | None, seconds: float) -> str:
    return f"{gc_seconds / seconds:.0%}" if gc_seconds is not None and seconds else ""
