"""What the commands print, as plain lines for pipes, files, ``grep`` and ``cut``.

A rich table drawn into a pipe is boxes and wrapped words; this module turns the same renderables
into text without decoration: one line per table row, columns aligned by two spaces (``plain``) or
separated by one tab (``tsv``), a row never wrapped, a cell's own lines joined by `` · ``. Panels
become their title and content, groups their parts. Text is taken as plain text, never parsed, so
untrusted titles stay inert; strings the commands wrote themselves are rich markup, whose tags are
dropped. Control characters are removed as on the terminal (see ``common``): text never
drives the terminal it is printed to."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, Group
from rich.control import strip_control_codes
from rich.markup import MarkupError
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

__all__ = ["plain_lines"]

JOIN = " · "  # how the lines of one cell are put on one line


def plain_lines(obj: object, tsv: bool = False) -> list[str]:
    """``obj`` (a table, panel, group, text or markup string) as lines of plain text."""
    if isinstance(obj, Table):
        return _table(obj, tsv)
    if isinstance(obj, Panel):
        title = _one_line(obj.title) if obj.title is not None else ""
        return ([f"## {title}"] if title else []) + plain_lines(obj.renderable, tsv)
    if isinstance(obj, Group):
        return [line for part in obj.renderables for line in plain_lines(part, tsv)]
    if isinstance(obj, Rule):
        return [f"## {_one_line(obj.title)}"] if obj.title else []
    return _text(obj).split("\n")


def _text(obj: object) -> str:
    return strip_control_codes(_raw(obj))


def _raw(obj: object) -> str:
    if isinstance(obj, Text):
        return obj.plain
    if isinstance(obj, str):
        try:
            return Text.from_markup(obj).plain
        except MarkupError:
            return obj
    if obj is None:
        return ""
    return _rendered(obj)


def _rendered(obj: object) -> str:
    """Anything else rich can draw, drawn without colour on a line long enough not to wrap."""
    sink = Console(width=10_000, color_system=None, highlight=False, record=True, file=io.StringIO())
    sink.print(obj)
    return "\n".join(line.rstrip() for line in sink.export_text(styles=False).rstrip("\n").split("\n"))


def _one_line(obj: object) -> str:
    lines = [part.strip() for part in _text(obj).split("\n")]
    return JOIN.join(part for part in lines if part)


def _table(table: Table, tsv: bool) -> list[str]:
    heads = [_one_line(c.header) for c in table.columns]
    cells = [[_one_line(cell) for cell in c._cells] for c in table.columns]
    rows = [list(r) for r in zip(*cells, strict=True)] if cells else []
    if tsv:
        clean = [[v.replace("\t", " ") for v in row] for row in [heads, *rows]]
        return ["\t".join(row) for row in clean]
    title = [f"# {_one_line(table.title)}"] if table.title else []
    shown = [heads, *rows] if table.show_header and any(heads) else rows
    right = [c.justify == "right" for c in table.columns]
    return title + _aligned(shown, right)


def _aligned(rows: Iterable[list[str]], right: list[bool]) -> list[str]:
    rows = list(rows)
    if not rows:
        return []
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(right))]
    out = []
    for row in rows:
        parts = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - cell_len(value))
            last = i == len(row) - 1
            parts.append(pad + value if right[i] else value if last else value + pad)
        out.append("  ".join(parts).rstrip())
    return out

