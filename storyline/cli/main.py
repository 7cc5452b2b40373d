"""The ``storyline`` command."""

from __future__ import annotations

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
    demo,
    entities,
    evaluate,
    export,
    ingest,
    quotes,
    settings_cmd,
    show,
    stories,
)
from .common import State

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
) -> None:
    """Storyline: news intelligence on your own machine.

    Example: [bold]storyline ingest articles/ --db news.db[/] then [bold]storyline articles --db news.db[/]
    """
    State.config = config
    State.overrides = list(set_ or [])
    State._settings = None


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
