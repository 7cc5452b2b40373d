"""Timeline entries: sentences placed at the dates they refer to, not at the publication date.

A retrospective sentence ("2017 … Anfang September getestet") lands in September 2017; a plan
("soll bis Ende Mai stattfinden") lands at its deadline and is marked *planned*. Reported speech is
marked *said*, because a claim is a different kind of evidence than a reported fact. A date that lies
after the publication date makes an entry *planned* even when it is reported speech: what the reader
wants from "the meeting is to happen by the end of May" is the plan.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import TYPE_CHECKING

from ..model import TimelineEntry, TimeMention
from ..pipeline import Stage, register
from .time.normalize import fmt, shift, value_range

if TYPE_CHECKING:
    from ..model import Document, Span
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


def entry_kind(sentence: str, mention: TimeMention, quoted: bool, claim_only: bool = False) -> str:
    """``claim_only``: the sentence is covered only by cue-less "reported" quotes ("Die Regierung will
    das Gesetz bis Ende des Jahres verabschieden"): an intention with a future word is a plan."""
    if mention.direction == "future":
        return "planned"
    if claim_only and _FUTURE.search(sentence) and not _SAID.search(sentence):
        return "planned"
    if quoted or _SAID.search(sentence) or _KONJUNKTIV.search(sentence):
        return "said"
    if mention.direction is None and _FUTURE.search(sentence):
        return "planned"
    return "happened"


_AGO = re.compile(r"P(\d{1,3})([DWMY])")
_AGO_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def ago_value(tm: TimeMention, text: str) -> str | None:
    """The date of "vor zwei Wochen" (a DURATION in KRAUTS terms): its anchor minus the duration, at
    the duration's granularity ("2024-W44"); None for other durations."""
    m = _AGO.fullmatch(tm.value)
    before = text[max(0, tm.span.start - 12) : tm.span.start].split()
    if m is None or not before or before[-1].lower() != "vor" or not tm.anchor:
        return None
    n, unit = int(m.group(1)), _AGO_UNIT[m.group(2)]
    try:
        anchor = date.fromisoformat(tm.anchor[:10])
        base = anchor if unit in ("day", "week") else anchor.replace(day=1)
        return fmt(shift(base, unit, -n), unit)
    except (OverflowError, ValueError):
        return None


def build_timeline(doc: Document) -> list[TimelineEntry]:
    text = doc.text
    quote_spans: list[Span] = [s for q in doc.quotes for s in q.message]
    claim_spans: list[Span] = [s for q in doc.quotes if q.kind == "reported" and not q.cue for s in q.message]
    out: list[TimelineEntry] = []
    dated: list[TimeMention] = []
    for t in doc.times:
        if t.type in ("DATE", "TIME"):
            dated.append(t)
        elif t.type == "DURATION" and (value := ago_value(t, text)) is not None:
            dated.append(dataclasses.replace(t, type="DATE", value=value, direction="past"))
    times = sorted(dated, key=lambda t: t.span.start)
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
        claim_only = quoted and all(
            any(q.overlaps(c) for c in claim_spans) for q in quote_spans if sent.overlaps(q)
        )
        if not any(granularity(tm.value) for tm in in_sent) and (before := _just_before(doc, sentence, out)):
            tm = TimeMention(sent, "DATE", before, mod="BEFORE", direction="past")
            kind = entry_kind(sentence, tm, quoted, claim_only)
            out.append(TimelineEntry(before, "day", kind, sent, doc.id, "BEFORE"))  # type: ignore[arg-type]
        for i, tm in enumerate(in_sent):
            gran = granularity(tm.value)
            if gran is None or tm.value in seen or value_range(tm.value) is None:
                continue
            if i and _night_of(text, in_sent[i - 1], tm):
                continue  # "in der Nacht zu Samstag": the night says when, Saturday only which night
            seen.add(tm.value)
            out.append(TimelineEntry(tm.value, gran, entry_kind(sentence, tm, quoted, claim_only), sent,  # type: ignore[arg-type]
                                     doc.id, tm.mod))
            if len(seen) >= MAX_PER_SENTENCE:
                break
    out.sort(key=timeline_key)
    return out


_NIGHT_LINK = re.compile(r"\s+(?:auf|zu|zum)\s+(?:den\s+)?")


def _night_of(text: str, night: TimeMention, day: TimeMention) -> bool:
    """Whether ``day`` names the day after the night ``night`` ("in der Nacht zu Samstag" is two
    expressions, "Nacht" dated the Friday night and "Samstag"): one statement, placed once."""
    return night.value.endswith("TNI") and _NIGHT_LINK.fullmatch(text, night.span.end, day.span.start) is not None


#: "Kurz zuvor hatte Südkoreas Sicherheitsberater … verkündet", "Trump hatte zuvor … telefoniert";
#: not "so wenig wie nie zuvor", "mehr als je zuvor".
_ZUVOR = re.compile(r"(?<!\bnie )(?<!\bje )(?<!\bwie )(?<!\bals )\bzuvor\b", re.I)
_PLUPERFECT = re.compile(r"\b(?:hatte|hatten|war|waren)\b")


def _just_before(doc: Document, sentence: str, so_far: list[TimelineEntry]) -> str | None:
    """The day a "zuvor" in the pluperfect happened before: that of the latest dated day in the text
    so far (the White House statement "am Mittwoch" before "Trump hatte zuvor … telefoniert"), else
    the publication day (the news of the day: "Kurz zuvor hatte … verkündet")."""
    if not _ZUVOR.search(sentence) or not _PLUPERFECT.search(sentence):
        return None
    days = [e.date for e in so_far if e.granularity == "day" and e.mod is None]
    if days:
        return days[-1]
    published = doc.article.published  # a day guessed from the content is no anchor for this
    return published.date().isoformat() if published is not None and not doc.article.published_estimated else None


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
