"""Rendering documents for the terminal and as JSON. Article text is untrusted: it is only ever put
into rich ``Text`` objects (never parsed as markup), so it cannot inject styles or control output."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..model import Document
from ..views.records import article_json, date_label, headline

__all__ = ["LABEL_STYLES", "article_json", "article_panel", "body", "date_label", "headline", "highlighted"]

LABEL_STYLES = {"PER": "bold magenta", "ORG": "bold cyan", "LOC": "bold green", "MISC": "bold yellow"}


def highlighted(doc: Document, start: int, end: int) -> Text:
    """The text of ``[start, end)`` with entity, time and quote annotations styled."""
    text = Text(doc.text[start:end])
    for q in doc.quotes:
        for s in q.message:
            if s.start < end and s.end > start:
                text.stylize("italic", max(s.start, start) - start, min(s.end, end) - start)
    for t in doc.times:
        if t.span.start >= start and t.span.end <= end:
            text.stylize("underline blue", t.span.start - start, t.span.end - start)
    for m in doc.mentions:
        if m.span.start >= start and m.span.end <= end:
            text.stylize(LABEL_STYLES.get(m.label, "bold"), m.span.start - start, m.span.end - start)
    return text


def body(doc: Document) -> RenderableType:
    """Paragraphs and subheadings as the reader saw them, annotations highlighted."""
    parts: list[RenderableType] = []
    if not doc.paragraphs:
        return highlighted(doc, 0, len(doc.text))
    for p in doc.paragraphs:
        t = highlighted(doc, p.span.start, p.span.end)
        if p.heading:
            t.stylize("bold underline")
        parts.append(t)
        parts.append(Text(""))
    return Group(*parts[:-1])


def article_panel(doc: Document) -> Panel:
    a = doc.article
    meta = Text()
    meta.append(f"{a.id}", "cyan")
    meta.append(f"  {a.language or 'und'}  {date_label(a)}")
    if a.source:
        meta.append(f"  {a.source}")
    if a.url:
        meta.append(f"  {a.url}", "dim")
    heads = sum(p.heading for p in doc.paragraphs)
    meta.append(f"\n{len(doc.paragraphs) - heads} paragraphs, {heads} subheadings, {len(doc.sentences)} sentences", "dim")
    if a.date_estimate and a.published_estimated:
        meta.append("\ndate estimated: " + "; ".join(a.date_estimate.evidence), "dim")
    title = Text(headline(a, 90), style="bold")
    return Panel(Group(meta, Text(""), body(doc)), title=title, title_align="left")
