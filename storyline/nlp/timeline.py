"""Timeline entries: sentences placed at the dates they refer to, not at the publication date.

A retrospective sentence ("2017 … Anfang September getestet") lands in September 2017; a plan
("soll bis Ende Mai stattfinden") lands at its deadline and is marked *planned*. Reported speech is
marked *said*, because a claim is a different kind of evidence than a reported fact. A date that lies
after the publication date makes an entry *planned* even when it is reported speech: what the reader
wants from "the meeting is to happen by the end of May" is the plan.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import TimelineEntry
from ..pipeline import Stage, register
from .time.normalize import value_range

if TYPE_CHECKING:
    from ..model import Document, Span, TimeMention
    from ..settings import Settings

MAX_PER_SENTENCE = 3
_SAID = re.compile(
    r"\b(?:sagte|sagten|sagt|erklärte|erklärten|teilte|teilten|betonte|betonten|berichtete|berichteten|"
    r"meinte|meinten|kündigte|kündigten|twitterte|twitterten|schrieb|schrieben|verkündete|verkündeten|"
    r"bekräftigte|bekräftigten|warnte|warnten|forderte|forderten|bestätigte|bestätigten|hieß|heißt|"
    r"laut|zufolge|nach\s+Angaben|wie\s+\w+\s+mitteilte|said|says|told|stated|announced|according\s+to|"
    r"tweeted)\b",
    re.I,
)
_KONJUNKTIV = re.compile(r"\b(?:sei|seien|habe|hätten|könne|könnten|müsse|solle|wolle|dürfe|werde|wäre|würden)\b")
_FUTURE = re.compile(r"\b(?:wird|werden|soll|sollen|solle|will|wollen|plant|planen|geplant|geplante[nms]?|"
                     r"kommende[nms]?|nächste[nms]?|will|shall|plans?|planned|going\s+to|scheduled)\b", re.I)


def granularity(value: str) -> str | None:
    """day / month / year / week / weekend / quarter / half / season / decade / century / time."""
    if "X" in value[:4] and not re.fullmatch(r"\d{3}X", value):
        return None
    if "T" in value:
        return "time" if re.search(r"T\d", value) else "day"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}-WE", value):
        return "weekend"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-H\d", value):
        return "half"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{3}X?", value):
        return "decade"
    if re.fullmatch(r"\d{2}", value):
        return "century"
    return None


def entry_kind(sentence: str, mention: TimeMention, quoted: bool) -> str:
    if mention.direction == "future":
        return "planned"
    if quoted or _SAID.search(sentence) or _KONJUNKTIV.search(sentence):
        return "said"
    if mention.direction is None and _FUTURE.search(sentence):
        return "planned"
    return "happened"


def build_timeline(doc: Document) -> list[TimelineEntry]:
    text = doc.text
    quote_spans: list[Span] = [s for q in doc.quotes for s in q.message]
    out: list[TimelineEntry] = []
    times = sorted((t for t in doc.times if t.type in ("DATE", "TIME")), key=lambda t: t.span.start)
    j = 0
    for sent in doc.sentences:
        in_sent: list[TimeMention] = []
        while j < len(times) and times[j].span.start < sent.end:
            if times[j].span.start >= sent.start:
                in_sent.append(times[j])
            j += 1
        seen: set[str] = set()
        sentence = text[sent.start : sent.end]
        quoted = any(sent.overlaps(q) for q in quote_spans)
        for tm in in_sent:
            gran = granularity(tm.value)
            if gran is None or tm.value in seen or value_range(tm.value) is None:
                continue
            seen.add(tm.value)
            out.append(TimelineEntry(tm.value, gran, entry_kind(sentence, tm, quoted), sent,  # type: ignore[arg-type]
                                     doc.id, tm.mod))
            if len(seen) >= MAX_PER_SENTENCE:
                break
    out.sort(key=timeline_key)
    return out


def timeline_key(entry: TimelineEntry) -> tuple[str, str, int]:
    """Sort key across articles: first day the date covers, then article and position."""
    rng = value_range(entry.date)
    return (rng[0].isoformat() if rng else "9999", entry.article_id, entry.span.start)


@register("timeline")
class TimelineStage(Stage):
    """Fills ``doc.timeline`` from resolved time mentions and sentences."""

    version = 1
    requires = ("times", "sentences")
    assigns = ("timeline",)

    def __init__(self, settings: Settings | None = None):
        pass

    def __call__(self, doc: Document) -> Document:
        doc.timeline = build_timeline(doc)
        return doc
