"""One record → its JSON shape. Pure functions: no store, no facade, deterministic output."""

from __future__ import annotations

from typing import Any

from ..model import Article, Document, Entity, Event, Membership, Quote, Story
from ..store.links import entry_row
from .titles import reader_title


def iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def headline(a: Article, width: int = 70) -> str:
    """The title as a reader sees it (``titles.reader_title``), else the first words of the text
    (every list needs something to click on)."""
    if a.title:
        return reader_title(a.title)
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
    """An article's fields as `storyline articles --json` and the API list them."""
    out: dict[str, Any] = {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "source": a.source,
        "language": a.language,
        "published": iso(a.published),
        "published_estimated": a.published_estimated,
        "date_confidence": a.date_estimate.confidence if a.date_estimate else None,
        "date_evidence": a.date_estimate.evidence if a.date_estimate else [],
        "origin": a.origin,
    }
    if text:
        out["text"] = a.text
    return out


def quote_record(q: Quote) -> dict[str, Any]:
    return {
        "kind": q.kind,
        "message": [[s.start, s.end] for s in q.message],
        "cue": [[s.start, s.end] for s in q.cue],
        "speaker": [[s.start, s.end] for s in q.speaker],
        "speaker_entity_id": q.speaker_entity_id,
        "speaker_name": q.speaker_name,
    }


def article_record(doc: Document, membership: Membership | None = None) -> dict[str, Any]:
    """The export record of an article (shared/EVAL.md keys, in this order)."""
    a, t = doc.article, doc.text
    return {
        "id": a.id,
        "title": a.title,
        "text": a.text,
        "language": a.language,
        "published": iso(a.published),
        "published_estimated": a.published_estimated,
        "url": a.url,
        "source": a.source,
        "entities": [
            *(
                {"start": x.span.start, "end": x.span.end, "label": x.label, "entity_id": x.entity_id, "text": x.span.text(t)}
                for x in doc.mentions
            ),
            *(  # headline mentions: offsets into the title (EVAL.md)
                {"start": x.span.start, "end": x.span.end, "label": x.label, "entity_id": x.entity_id,
                 "text": x.span.text(a.title or ""), "field": "title"}
                for x in doc.title_mentions
            ),
        ],
        "times": [
            {"start": x.span.start, "end": x.span.end, "type": x.type, "value": x.value, "mod": x.mod, "text": x.span.text(t)}
            for x in doc.times
        ],
        "quotes": [quote_record(q) for q in doc.quotes],
        "event_id": membership.event_id if membership else None,
        "story_id": membership.story_id if membership else None,
        "duplicate_of": membership.duplicate_of if membership else None,
    }


def document_json(doc: Document) -> dict[str, Any]:
    """`storyline show --json`: the export record's layers plus structure, timeline and stages."""
    record = article_record(doc)
    return {
        **article_json(doc.article),
        **{k: record[k] for k in ("entities", "times", "quotes")},
        "paragraphs": [{"start": p.span.start, "end": p.span.end, "heading": p.heading} for p in doc.paragraphs],
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "timeline": [
            {"date": e.date, "granularity": e.granularity, "kind": e.kind, "mod": e.mod, "start": e.span.start, "end": e.span.end}
            for e in doc.timeline
        ],
        "stages": doc.stages,
    }


def entity_record(e: Entity) -> dict[str, Any]:
    from ..nlp.entity_index import entity_record as record

    return record(e)


def event_record(e: Event) -> dict[str, Any]:
    """The export record of an event (EVAL.md keys)."""
    return {
        "event_id": e.id,
        "story_id": e.story_id,
        "title": e.title,
        "article_ids": sorted(e.article_ids),
        "start": e.start,
        "end": e.end,
    }


def story_record(s: Story) -> dict[str, Any]:
    """The export record of a story (EVAL.md keys)."""
    return {
        "story_id": s.id,
        "title": s.title,
        "event_ids": list(s.event_ids),
        "entity_ids": list(s.entity_ids),
        "timeline": [entry_row(e) for e in s.timeline],
    }


def story_detail(s: Story) -> dict[str, Any]:
    """`storyline story --json` and the API's story: the export record plus dates, size, terms."""
    return {
        "story_id": s.id,
        "title": s.title,
        "event_ids": list(s.event_ids),
        "article_ids": list(s.article_ids),
        "end": s.end,
        "entity_ids": list(s.entity_ids),
        "key_terms": list(s.key_terms),
        "start": s.start,
        "timeline": [entry_row(e) for e in s.timeline],
    }


def membership_json(m: Membership) -> dict[str, Any]:
    return {
        "article_id": m.article_id,
        "event_id": m.event_id,
        "story_id": m.story_id,
        "duplicate_of": m.duplicate_of,
        "score": m.score,
        "explanation": m.explanation,
    }


def quote_json(doc: Document, q: Quote) -> dict[str, Any]:
    """A quote with its texts resolved (``storyline quotes --json``)."""
    t = doc.text
    return {
        "article_id": doc.id,
        "published": iso(doc.article.published),
        "kind": q.kind,
        "speaker_name": q.speaker_name,
        "speaker_entity_id": q.speaker_entity_id,
        "speaker": " … ".join(s.text(t) for s in q.speaker),
        "cue": " … ".join(s.text(t) for s in q.cue),
        "message": " … ".join(s.text(t) for s in q.message),
        "message_spans": [[s.start, s.end] for s in q.message],
    }
