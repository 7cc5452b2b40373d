"""``storyline export``: the whole result, machine-readable (JSONL, CSV or Parquet)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import MissingExtra
from .common import DbOption, err, fail, library, user_errors


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def export(
    db: DbOption = None,
    what: Annotated[str, typer.Option("--what", help="articles | entities | events | stories")] = "articles",
    format: Annotated[str, typer.Option("--format", help="jsonl | csv | parquet")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout; required for parquet).")] = None,
) -> None:
    """Export articles (with entities, times, quotes, event and story), entities, events or stories.

    Offsets are character offsets into each article's text. Example:
    [bold]storyline export --db news.db --what articles > articles.jsonl[/]
    """
    from ..views.export import WHAT

    if what not in WHAT:
        fail(f"--what must be one of {', '.join(WHAT)}")
    if format not in {"jsonl", "csv", "parquet"}:
        fail("--format must be jsonl, csv or parquet")
    if format == "parquet" and output is None:
        fail("--format parquet needs --output FILE")
    n = 0
    with library(db, must_exist=True) as sl, user_errors():
        rows = sl.export(what)
        if format == "parquet":
            import importlib.util

            if importlib.util.find_spec("pyarrow") is None:
                raise MissingExtra("pyarrow", "parquet")
            from ..batch.parquet import write_articles, write_table

            assert output is not None
            # articles with the export schema's types (timestamps, lists of structs); the others inferred
            n = write_articles(rows, output) if what == "articles" else write_table([dict(r) for r in rows], output)
        else:
            fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
            try:
                writer: csv.DictWriter[str] | None = None
                for row in rows:
                    if format == "jsonl":
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    else:
                        if writer is None:
                            writer = csv.DictWriter(fh, fieldnames=list(row))
                            writer.writeheader()
                        writer.writerow({k: _flat(v) for k, v in row.items()})
                    n += 1
            finally:
                if output:
                    fh.close()
    if output:
        err.print(f"{n} {what} → {output}")
