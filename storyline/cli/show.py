"""``storyline show ID``: one article with its structure and every annotation layer."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from ..model import Document
from ..nlp.entities import entities_of
from ..views.records import document_json
from ..views.when import when
from .common import DbOption, JsonOption, console, fail, library, print_json
from .render import LABEL_STYLES, article_panel


def register(app: typer.Typer) -> None:
    app.command("show")(show)


def layers(doc: Document) -> list[Any]:
    """Tables for the annotation layers present on the document."""
    t = doc.text
    out: list[Any] = []
    if doc.mentions:
        # one row per entity: "US" tagged PER once and LOC four times is one entity (the USA), shown
        # with the entity's type where the entities stage ran, else its mentions' most common label
        known = {e.id: e for e in entities_of(doc)}
        labels: dict[str, Counter[str]] = {}
        names: dict[str, set[str]] = {}
        counts: Counter[str] = Counter()
        for m in doc.mentions:
            key = m.entity_id or f"{m.label}:{m.span.text(t)}"
            counts[key] += 1
            labels.setdefault(key, Counter())[m.label] += 1 if m.relation is None else 0
            names.setdefault(key, set()).add(m.span.text(t))
        rows = []
        for key, by_label in labels.items():
            entity = known.get(key)
            label = entity.label if entity else max(by_label, key=lambda lab: (by_label[lab], lab != "MISC"))
            rows.append((label, entity.name if entity else "", sorted(names[key]), counts[key]))
        table = Table(title="entities", title_justify="left")
        table.add_column("type")
        table.add_column("as written")
        table.add_column("×", justify="right")
        for label, name, written, n in sorted(rows, key=lambda r: (-r[3], r[0], r[1], r[2])):
            shown = ", ".join(written)
            if name and name not in written:
                shown = f"{name} ({shown})"
            table.add_row(Text(label, LABEL_STYLES.get(label, "")), Text(shown), str(n))
        out.append(table)
    if doc.times:
        table = Table(title="time expressions", title_justify="left")
        for col in ("text", "type", "value", "mod"):
            table.add_column(col)
        for x in doc.times:
            table.add_row(Text(x.span.text(t)), x.type, x.value, x.mod or "")
        out.append(table)
    if doc.quotes:
        table = Table(title="quotes", title_justify="left")
        table.add_column("kind")
        table.add_column("speaker")
        table.add_column("cue")
        table.add_column("message", max_width=70)
        for q in doc.quotes:
            speaker = q.speaker_name or " … ".join(s.text(t) for s in q.speaker) or "?"
            table.add_row(q.kind, Text(speaker), Text(" … ".join(s.text(t) for s in q.cue)), Text(" … ".join(s.text(t) for s in q.message)))
        out.append(table)
    if doc.timeline:
        table = Table(title="timeline", title_justify="left")
        table.add_column("date", no_wrap=True)
        table.add_column("kind")
        table.add_column("sentence", max_width=80)
        for e in sorted(doc.timeline, key=lambda e: (e.date, e.span.start)):
            table.add_row(when(e.date, e.mod), e.kind, Text(e.span.text(t)))
        out.append(table)
    return out


def show(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: its text with paragraphs and subheadings, entities, times, quotes, timeline.

    Example: [bold]storyline show 05081d11 --db news.db[/]
    """
    from ..errors import NotFound

    with library(db, must_exist=True) as sl:
        try:
            doc = sl.get(article_id)
        except NotFound:
            fail(f"no article with id {article_id!r} (see 'storyline articles')", code=1)
    if as_json:
        print_json(document_json(doc))
        return
    console.print(article_panel(doc))
    for table in layers(doc):
        console.print(table)
