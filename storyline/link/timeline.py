"""A story's timeline: dated statements ordered by when things happened or are planned, merged
across articles.

Entries come from the time tagger (``TimelineEntry``: TIMEX value, granularity, kind, sentence span,
article). Ordering is by the date referred to, not the publication date, so a retrospective "in the
1950s" lands before "early September 2017". Two articles reporting the same fact on the same date
(wire copies, follow-ups) become one entry that keeps every source; the entry's kind is the most
frequent among its sources (ties: happened > planned > said), and every source keeps its own kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import TimelineEntry
from .text import terms

_KIND_RANK = {"happened": 0, "planned": 1, "said": 2}
_GRAN_RANK = {
    "millennium": 0,
    "century": 1,
    "decade": 2,
    "year": 3,
    "half": 4,
    "quarter": 5,
    "season": 6,
    "month": 7,
    "week": 8,
    "day": 9,
    "time": 10,
}
_SEASON = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_DATE = re.compile(r"^(\d[\dX]{0,3})(?:-(\d{2}|W\d{2}|SP|SU|FA|AU|WI|Q\d|H\d))?(?:-(\d{2}))?")


def date_key(value: str) -> tuple[int, int, int]:
    """Sortable (year, month, day) of the start of a TIMEX value; unknown values sort last."""
    m = _DATE.match(value.strip())
    if not m:
        return (99999, 0, 0)
    head, part, day = m.groups()
    year = int(head.replace("X", "0").ljust(4, "0"))  # decade/century: "195X" → 1950, "19XX" → 1900
    month, d = 0, 0
    if part:
        if part.isdigit():
            month = int(part)
        elif part.startswith("W") and part[1:].isdigit():
            month, d = 1 + (int(part[1:]) - 1) * 7 // 31, 1
        elif part.startswith("Q") and part[1:].isdigit():
            month = 1 + 3 * (int(part[1:]) - 1)
        elif part.startswith("H") and part[1:].isdigit():
            month = 1 + 6 * (int(part[1:]) - 1)
        else:
            month = _SEASON.get(part, 0)
    if day:
        d = int(day)
    return (year, month, d)


@dataclass(slots=True)
class MergedEntry:
    date: str
    granularity: str
    kind: str
    text: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    mod: str | None = None

    def to_row(self) -> dict[str, Any]:
        """The export shape (EVAL.md ``stories.timeline``), first source as the article, plus all sources."""
        first = self.sources[0]
        return {
            "date": self.date,
            "granularity": self.granularity,
            "kind": self.kind,
            "text": self.text,
            "article_id": first["article_id"],
            "start": first["start"],
            "end": first["end"],
            "mod": self.mod,
            "sources": list(self.sources),
        }


def _sentence(entry: TimelineEntry, texts: Mapping[str, str]) -> str:
    text = texts.get(entry.article_id, "")
    return entry.span.text(text).strip() if text else ""


def merge_timeline(
    entries: Iterable[TimelineEntry], texts: Mapping[str, str], same_fact: float = 0.5
) -> list[MergedEntry]:
    """Merge and order a story's timeline entries.

    ``texts`` maps article ids to their text (the spans point into it). Entries with the same date
    value whose sentences share at least ``same_fact`` of their terms (Jaccard) are one fact.
    """
    groups: dict[tuple[str, str | None], list[tuple[TimelineEntry, str, frozenset[str]]]] = {}
    for e in entries:
        sent = _sentence(e, texts)
        groups.setdefault((e.date, e.mod), []).append((e, sent, frozenset(terms(sent))))
    merged: list[MergedEntry] = []
    for (date, mod), members in groups.items():
        members.sort(key=lambda t: (t[0].article_id, t[0].span.start))
        facts: list[tuple[frozenset[str], list[tuple[TimelineEntry, str, frozenset[str]]]]] = []
        for m in members:
            for i, (key, bucket) in enumerate(facts):
                union = key | m[2]
                if union and len(key & m[2]) / len(union) >= same_fact:
                    bucket.append(m)
                    facts[i] = (union, bucket)
                    break
            else:
                facts.append((m[2], [m]))
        for _, bucket in facts:
            kinds = Counter(e.kind for e, _, _ in bucket)
            kind = min(kinds, key=lambda k: (-kinds[k], _KIND_RANK.get(k, 9)))
            text = max((s for _, s, _ in bucket), key=len, default="")
            sources = [
                {"article_id": e.article_id, "start": e.span.start, "end": e.span.end, "kind": e.kind}
                for e, _, _ in bucket
            ]
            merged.append(MergedEntry(date, bucket[0][0].granularity, kind, text, sources, mod))
    merged.sort(key=lambda m: (date_key(m.date), _GRAN_RANK.get(m.granularity, 5), m.date, m.text))
    return merged


def timeline_rows(entries: Iterable[TimelineEntry], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """``merge_timeline`` in the export's row shape."""
    return [m.to_row() for m in merge_timeline(entries, texts)]
