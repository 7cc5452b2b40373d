"""``storyline settings``: every setting with its value and what it does."""

from __future__ import annotations

import typer
from rich.table import Table

from ..settings import table as settings_table
from .common import JsonOption, State, console, print_json, user_errors


def register(app: typer.Typer) -> None:
    app.command("settings")(settings)


def settings(as_json: JsonOption = False) -> None:
    """List all settings with their current values (defaults < --config file < --set).

    Example: [bold]storyline --set store.batch_size=500 settings[/]
    """
    with user_errors():
        current = State.settings()
    if as_json:
        print_json({k: current[k] for k in current})
        return
    t = Table(title="settings", title_justify="left")
    t.add_column("name", style="cyan", no_wrap=True)
    t.add_column("value")
    t.add_column("help", max_width=70)
    for s in settings_table():
        t.add_row(s.name, repr(current[s.name]), s.help)
    console.print(t)
