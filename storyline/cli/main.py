"""The ``storyline`` command."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import (
    articles,
    batch,
    bench,
    check,
    copy,
    dates,
    delete,
    demo,
    entities,
    evaluate,
    export,
    ingest,
    quotes,
    serve,
    settings_cmd,
    show,
    stories,
    watch,
)
from .common import State


class OutputFormat(StrEnum):
    auto = "auto"
    drawn = "drawn"
    plain = "plain"
    tsv = "tsv"


app = typer.Typer(
    name="storyline",
    help="Turn news articles into a searchable record of what happened: entities, quotes, time, events, stories.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _global(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Settings file (TOML) read over the defaults.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", help="Override one setting, e.g. --set store.batch_size=500 (repeatable)."),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--tables",
            help="How tables are printed: auto (drawn on a terminal, plain aligned lines into a pipe or file), "
            "drawn, plain, or tsv (tab-separated, a header line, for cut and spreadsheets). --json is separate.",
        ),
    ] = OutputFormat.auto,
) -> None:
    """Storyline: news intelligence on your own machine.

    Example: [bold]storyline ingest articles/ --db news.db[/] then [bold]storyline articles --db news.db[/]
    """
    State.config = config
    State.overrides = list(set_ or [])
    State._settings = None
    State.output_format = output_format.value


ingest.register(app)
batch.register(app)
articles.register(app)
show.register(app)
demo.register(app)
settings_cmd.register(app)
check.register(app)
evaluate.register(app)
bench.register(app)
export.register(app)
dates.register(app)
entities.register(app)
quotes.register(app)
stories.register(app)
copy.register(app)
serve.register(app)
watch.register(app)
delete.register(app)


GLOBAL_OPTIONS = ("--config", "-c", "--set", "-s", "--tables")  # as given before the subcommand
HOISTED = ("--config", "--set", "--tables")  # moved when given after it (short forms may mean another option there)


def hoist_global_options(argv: list[str]) -> list[str]:
    """``storyline ingest x --set ner.profile=fast`` as well as ``storyline --set … ingest x``: the
    global options ``--config``, ``--set`` and ``--tables`` (with their value) found after the subcommand are moved
    in front of it, so they work wherever people put them (``-s`` stays: ``quotes -s`` is the speaker).
    Everything after ``--`` is left alone."""
    front: list[str] = []
    rest: list[str] = []
    command_at: int | None = None  # where the subcommand stands in ``rest``
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if command_at is not None and arg.split("=", 1)[0] in HOISTED:
            take = 1 if "=" in arg or i + 1 >= len(argv) else 2
            front.extend(argv[i : i + take])
            i += take
            continue
        if command_at is None and not arg.startswith("-") and _is_command(argv, i):
            command_at = len(rest)
        rest.append(arg)
        i += 1
    if not front or command_at is None:
        return argv
    return [*rest[:command_at], *front, *rest[command_at:]]


def _is_command(args: list[str], k: int) -> bool:
    prev = args[k - 1] if k else ""
    return prev.split("=", 1)[0] not in GLOBAL_OPTIONS or "=" in prev


def main() -> None:
    import sys

    app(args=hoist_global_options(sys.argv[1:]), prog_name="storyline")


if __name__ == "__main__":
    main()
