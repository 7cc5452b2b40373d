"""Documents as rows and back: the one place that knows how annotation layers are serialised."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from ..model import (
    Article,
    DateEstimate,
    Document,
    Mention,
    Paragraph,
    Quote,
    Span,
    TimelineEntry,
    TimeMention,
)

LayerRow = tuple[str, str, str]
LAYER_ORDER = {"paragraph": 0, "sentence": 1, "mention": 2, "title_mention": 3, "time": 4, "quote": 5, "timeline": 6}


def _dump(value: Any) -> str | None:
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if v is not None}
    if value in (None, {}, []):
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


def _spans(spans: Iterable[Span]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def _unspans(value: list[list[int]] | None) -> tuple[Span, ...]:
    return tuple(Span(a, b) for a, b in value or [])


def article_row(a: Article) -> dict[str, Any]:
    est = a.date_estimate
    return {
        "id": a.id,
        "url": a.url,
        "source": a.source,
        "title": a.title,
        "text": a.text,
        "language": a.language,
        "published": a.published.isoformat() if a.published else None,
        "published_estimated": int(a.published_estimated),
        "date_confidence": est.confidence if est else None,
        "date_evidence": _dump(est.evidence) if est else None,
        "ingested": (a.ingested or datetime.now()).isoformat(timespec="seconds"),
        "origin": a.origin,
        "meta": _dump(a.meta),
    }


def article_from_row(r: Any) -> Article:
    published = datetime.fromisoformat(r["published"]) if r["published"] else None
    estimate = None
    if r["published_estimated"] and published is not None:
        estimate = DateEstimate(published, r["date_confidence"] or 0.0, json.loads(r["date_evidence"] or "[]"))
    return Article(
        id=r["id"],
        text=r["text"],
        title=r["title"],
        source=r["source"],
        url=r["url"],
        language=r["language"],
        published=published,
        published_estimated=bool(r["published_estimated"]),
        date_estimate=estimate,
        ingested=datetime.fromisoformat(r["ingested"]) if r["ingested"] else None,
        origin=r["origin"],
        meta=json.loads(r["meta"] or "{}"),
    )


def _items(doc: Document) -> Iterator[tuple[str, int, int, str | None, dict[str, Any] | None]]:
    """Every annotation as (layer, start, end, label, data)."""
    for p in doc.paragraphs:
        yield "paragraph", p.span.start, p.span.end, "heading" if p.heading else "p", None
    for s in doc.sentences:
        yield "sentence", s.start, s.end, None, None
    for m in doc.mentions:
        yield "mention", m.span.start, m.span.end, m.label, _clean({"entity_id": m.entity_id, "score": m.score, "relation": m.relation})
    for m in doc.title_mentions:
        yield "title_mention", m.span.start, m.span.end, m.label, _clean({"entity_id": m.entity_id, "score": m.score, "relation": m.relation})
    for t in doc.times:
        yield "time", t.span.start, t.span.end, t.type, _clean({"value": t.value, "mod": t.mod, "anchor": t.anchor, "direction": t.direction})
    for q in doc.quotes:
        every = [*q.message, *q.cue, *q.speaker]
        data: dict[str, Any] = {
            "message": _spans(q.message),
            "cue": _spans(q.cue),
            "speaker": _spans(q.speaker),
            "speaker_entity_id": q.speaker_entity_id,
            "speaker_name": q.speaker_name,
        }
        start, end = min((s.start for s in every), default=0), max((s.end for s in every), default=0)
        yield "quote", start, end, q.kind, _clean(data)
    for e in doc.timeline:
        yield "timeline", e.span.start, e.span.end, e.kind, _clean({"date": e.date, "granularity": e.granularity, "mod": e.mod})


def _clean(data: dict[str, Any]) -> dict[str, Any] | None:
    out = {k: v for k, v in data.items() if v is not None and v != []}
    return out or None


def layer_rows(doc: Document) -> list[LayerRow]:
    """One row per non-empty layer: (article id, layer, packed items as JSON)."""
    packed: dict[str, list[list[Any]]] = {}
    for layer, start, end, label, data in _items(doc):
        packed.setdefault(layer, []).append([start, end, label, data])
    return [
        (doc.id, layer, json.dumps(items, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
        for layer, items in packed.items()
    ]


def document_from_rows(article: Article, rows: Iterable[Any], stages: dict[str, int] | None = None) -> Document:
    """Rebuild a Document from its article and its packed layer rows (``layer``, ``items``)."""
    doc = Document(article, stages=dict(stages or {}))
    for r in sorted(rows, key=lambda r: LAYER_ORDER.get(r["layer"], 99)):
        layer = r["layer"]
        for start, end, label, data in json.loads(r["items"]):
            span, data = Span(start, end), data or {}
            if layer == "paragraph":
                doc.paragraphs.append(Paragraph(span, label == "heading"))
            elif layer == "sentence":
                doc.sentences.append(span)
            elif layer in ("mention", "title_mention"):
                into = doc.mentions if layer == "mention" else doc.title_mentions
                into.append(Mention(span, label, data.get("entity_id"), data.get("score"), data.get("relation")))
            elif layer == "time":
                doc.times.append(
                    TimeMention(span, label, data.get("value", ""), data.get("mod"), data.get("anchor"), data.get("direction"))
                )
            elif layer == "quote":
                doc.quotes.append(
                    Quote(
                        label,
                        _unspans(data.get("message")),
                        _unspans(data.get("cue")),
                        _unspans(data.get("speaker")),
                        data.get("speaker_entity_id"),
                        data.get("speaker_name"),
                    )
                )
            elif layer == "timeline":
                doc.timeline.append(
                    TimelineEntry(data.get("date", ""), data.get("granularity", ""), label, span, article.id, data.get("mod"))
                )
    return doc
