"""Rendering documents for the terminal and as JSON. Article text is untrusted: it is only ever put
into rich ``Text`` objects (never parsed as markup), so it cannot inject styles or control output."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..model import Article, Document

LABEL_STYLES = {"PER": "bold magenta", "ORG": "bold cyan", "LOC": "bold green", "MISC": "bold yellow"}


def headline(a: Article, width: int = 70) -> str:
    if a.title:
        return a.title
    first = " ".join(a.text.split())
    return first if len(first) <= width else first[: width - 1].rsplit(" ", 1)[0] + "…"


def date_label(a: Article) -> str:
    if a.published is None:
        return "undated"
    day = a.published.date().isoformat()
    if a.published_estimated:
        conf = a.date_estimate.confidence if a.date_estimate else 0.0
        return f"~{day} ({conf:.0%})"
    return day


def article_json(a: Article, text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "language": a.language,
        "published": a.published.isoformat() if a.published else None,
        "published_estimated": a.published_estimated,
        "date_confidence": a.date_estimate.confidence if a.date_estimate else None,
        "date_evidence": a.date_estimate.evidence if a.date_estimate else [],
        "origin": a.origin,
    }
    if text:
        out["text"] = a.text
    return out


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
