"""Every ``storyline …`` command the README shows exists, and every option it uses is one that command
takes (its ``--help`` names it)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.main import GLOBAL_OPTIONS, app

README = Path(__file__).resolve().parents[1] / "README.md"
GROUPS = {"eval"}  # commands whose first argument is a subcommand
GLOBAL = set(GLOBAL_OPTIONS)  # accepted before or after any command (cli.main.hoist_global_options)


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```(?:bash|sh)?\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("storyline "):
                found.append(line)
    return found


def _parts(line: str) -> tuple[list[str], list[str]]:
    words = shlex.split(line)[1:]
    command = [w for w in words if not w.startswith("-")][:1]
    if command and command[0] in GROUPS:
        rest = [w for w in words if not w.startswith("-")]
        command = rest[:2] if len(rest) > 1 and not rest[1].startswith(".") else rest[:1]
    options = [w.split("=", 1)[0] for w in words if w.startswith("--") and w.split("=", 1)[0] not in GLOBAL]
    return command, options


def test_the_readme_shows_commands() -> None:
    assert len(readme_commands()) >= 15


@pytest.mark.parametrize("line", readme_commands())
def test_readme_command_exists_with_its_options(line: str) -> None:
    command, options = _parts(line)
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, f"{line!r}: {result.output}"
    for opt in options:
        if opt != "--help":
            assert opt in result.output, f"{line!r}: {' '.join(command)} has no option {opt}"
