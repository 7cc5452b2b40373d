"""What the commands print when people pipe them into grep, cut, less or a file: plain aligned lines
(one per row, nothing wrapped, no box drawing) or tab-separated columns, chosen with ``--tables``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer.testing import CliRunner

from storyline.cli.main import app, hoist_global_options
from storyline.cli.plain import plain_lines
from storyline.views.titles import reader_title

runner = CliRunner()
BOX = set("│┃┏┓┗┛━─┡┩╇┳┻╋")


def _stories(small_db: Path, *extra: str) -> tuple[list[dict], str]:
    listed = runner.invoke(app, ["stories", "--db", str(small_db), "-n", "15", "--json"])
    rows = json.loads(listed.output)["stories"]
    shown = runner.invoke(app, hoist_global_options(["stories", "--db", str(small_db), "-n", "15", *extra]))
    assert shown.exit_code == 0, shown.output
    return rows, shown.output


def test_piped_stories_are_one_plain_line_each(small_db: Path):
    rows, out = _stories(small_db)  # CliRunner's stdout is not a terminal: the default is plain
    lines = out.splitlines()
    assert not BOX & set(out)
    assert lines[0] == f"# {len(rows)} stories"
    assert lines[1].split()[:3] == ["id", "events", "articles"]
    body = lines[2:]
    assert len(body) == len(rows)
    for row, line in zip(rows, body, strict=True):
        assert line.startswith(row["story_id"] + " ")
        assert reader_title(row["title"] or "") in line  # the title is never wrapped onto a line of its own
    starts = {line.index(" " + line.split()[3]) for line in body}  # the date column is aligned
    assert len(starts) == 1


def test_tsv_is_cut_friendly(small_db: Path):
    rows, out = _stories(small_db, "--tables", "tsv")  # a global option after the subcommand
    lines = out.splitlines()
    assert lines[0].split("\t") == ["id", "events", "articles", "from – to", "title / key entities"]
    fields = [line.split("\t") for line in lines[1:]]
    assert all(len(f) == 5 for f in fields)
    assert [f[0] for f in fields] == [r["story_id"] for r in rows]
    assert [int(f[2]) for f in fields] == [len(r["article_ids"]) for r in rows]


def test_drawn_tables_on_request(small_db: Path):
    _, out = _stories(small_db, "--tables", "drawn")
    assert BOX & set(out)


def test_every_listing_reads_plain(small_db: Path):
    story = json.loads(runner.invoke(app, ["stories", "--db", str(small_db), "-n", "1", "--json"]).output)["stories"][0]
    for args in (["articles"], ["entities", "-n", "5"], ["events", "-n", "5"], ["quotes", "-n", "5"],
                 ["search", "Trump"], ["story", story["story_id"]], ["show", story["article_ids"][0]]):
        result = runner.invoke(app, [*args, "--db", str(small_db)])
        assert result.exit_code == 0, (args, result.output)
        assert result.output.strip() and not BOX & set(result.output), args


def test_a_real_pipe_gets_plain_lines(small_db: Path):
    done = subprocess.run([sys.executable, "-m", "storyline.cli.main", "stories", "--db", str(small_db), "-n", "3"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("# 3 stories\n") and not BOX & set(done.stdout)


def test_untrusted_cells_stay_inert():
    table = Table("id", "title", title="t")
    table.add_row("a1", Text("[bold]not markup[/] \x1b]0;owned\x07 …"))
    table.add_row("a2", Text("two\nlines"))
    lines = plain_lines(table)
    assert "[bold]not markup[/]" in lines[2]
    assert lines[3].endswith("two · lines")
    assert "\x1b" not in "".join(lines) and "\x07" not in "".join(lines)
    assert plain_lines(table, tsv=True) == ["id\ttitle", "a1\t[bold]not markup[/] ]0;owned …", "a2\ttwo · lines"]


def test_numbers_right_aligned_and_panels_titled():
    table = Table(title="n")
    table.add_column("name")
    table.add_column("count", justify="right")
    table.add_row("a", "5")
    table.add_row("bb", "120")
    assert plain_lines(Panel(table, title="story")) == ["## story", "# n", "name  count", "a         5", "bb      120"]


def test_events_listed_the_latest_or_the_largest_first(small_db: Path):
    def listed(*extra: str) -> list[dict]:
        result = runner.invoke(app, ["events", "--db", str(small_db), "-n", "8", "--json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["events"]

    sizes = [len(e["article_ids"]) for e in listed("--order", "size")]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1
    ends = [e["end"] for e in listed("--order", "recent")]
    assert ends == sorted(ends, reverse=True)
    starts = [e["start"] for e in listed()]
    assert starts == sorted(starts)
    wrong = runner.invoke(app, ["events", "--db", str(small_db), "--order", "newest"])
    assert wrong.exit_code != 0 and "order must be one of time, recent, size" in wrong.output
