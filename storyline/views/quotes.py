"""Quote provenance: one statement carried by many articles (agency copy, rewrites) is shown once,
with who said it, which article carried it first and which outlets repeated it. Readers of wire
news otherwise see the same sentence twenty times and cannot tell the origin from the echoes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..model import Document, Quote
from .records import iso

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class Carrier:
    """One article that carries a statement."""

    article_id: str
    source: str | None
    published: datetime | None
    title: str | None


@dataclass(slots=True)
class QuoteGroup:
    """A statement and every article found carrying it, the first carrier first."""

    key: str
    message: str
    speaker: str
    speaker_entity_id: str | None
    kind: str
    cue: str
    carriers: list[Carrier] = field(default_factory=list)

    @property
    def first(self) -> Carrier:
        return self.carriers[0]

    @property
    def repeated_by(self) -> list[str]:
        """Outlets that repeated the statement after its first carrier (each once, in order)."""
        first = self.first.source
        return list(dict.fromkeys(c.source or "?" for c in self.carriers[1:] if c.source != first or c.source is None))


def statement_key(message: str) -> str:
    """Case, punctuation and spacing do not make a different statement."""
    return _NON_WORD.sub(" ", message.casefold()).strip()


def speaker_of(doc: Document, q: Quote) -> str:
    return q.speaker_name or " … ".join(s.text(doc.text) for s in q.speaker) or "?"


def _order(c: Carrier) -> tuple[bool, str, str]:
    return (c.published is None, c.published.isoformat() if c.published else "", c.article_id)


def group_quotes(pairs: list[tuple[Document, Quote]]) -> list[QuoteGroup]:
    """Group quotes by statement; groups are ordered by their first carrier, newest first."""
    groups: dict[str, QuoteGroup] = {}
    for doc, q in pairs:
        message = " … ".join(s.text(doc.text) for s in q.message)
        key = statement_key(message)
        if not key:
            continue
        g = groups.get(key)
        if g is None:
            cue = " … ".join(s.text(doc.text) for s in q.cue)
            g = groups[key] = QuoteGroup(key, message, speaker_of(doc, q), q.speaker_entity_id, q.kind, cue)
        elif g.speaker == "?" and (q.speaker_name or q.speaker):
            g.speaker, g.speaker_entity_id = speaker_of(doc, q), q.speaker_entity_id
        a = doc.article
        if all(c.article_id != a.id for c in g.carriers):
            g.carriers.append(Carrier(a.id, a.source, a.published, a.title))
    for g in groups.values():
        g.carriers.sort(key=_order)
    out = list(groups.values())
    out.sort(key=lambda g: _order(g.first)[2])
    out.sort(key=lambda g: _order(g.first)[1], reverse=True)
    return out


def group_json(g: QuoteGroup) -> dict[str, Any]:
    return {
        "message": g.message,
        "speaker": g.speaker,
        "speaker_entity_id": g.speaker_entity_id,
        "kind": g.kind,
        "cue": g.cue,
        "first": {"article_id": g.first.article_id, "source": g.first.source, "published": iso(g.first.published), "title": g.first.title},
        "repeated_by": g.repeated_by,
        "article_ids": [c.article_id for c in g.carriers],
        "carriers": len(g.carriers),
    }
