"""The nouns every module shares: small typed records, annotations as character offsets.

Every annotation points into ``Article.text`` by ``(start, end)`` offsets; no record copies text,
so the article text stays the single source of truth and offsets survive serialisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "indirect", "reported", "mixed"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EntryKind = Literal["happened", "planned", "said"]


@dataclass(slots=True, frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span ({self.start}, {self.end})")

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


DAY_EVIDENCE_CONFIDENCE = 0.45  # estimates at or above this rest on a named day in a named year


@dataclass(slots=True)
class DateEstimate:
    """A publication date the system inferred, with how sure it is and why."""

    value: datetime
    confidence: float
    evidence: list[str] = field(default_factory=list)

    @property
    def names_a_day(self) -> bool:
        """Whether the estimate rests on a day the text names (not a year or a vocabulary guess)."""
        return self.confidence >= DAY_EVIDENCE_CONFIDENCE


@dataclass(slots=True)
class Article:
    """One news text as ingested. ``id`` is stable: hash of canonical URL, else of normalised text."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    published: datetime | None = None
    published_estimated: bool = False
    date_estimate: DateEstimate | None = None
    ingested: datetime | None = None
    origin: str | None = None  # where it came from: file path, feed URL, "file.jsonl:12"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Paragraph:
    """A block of the article: body paragraph or subheading (``heading=True``)."""

    span: Span
    heading: bool = False


@dataclass(slots=True, frozen=True)
class Mention:
    """A span naming an entity; ``entity_id`` is filled once mentions are merged into entities."""

    span: Span
    label: EntityLabel
    entity_id: str | None = None
    score: float | None = None
    relation: str | None = None  # "adjective" ("südkoreanisch" → Südkorea), "part" ("Uno-Sanktionen")


@dataclass(slots=True)
class Entity:
    """The thing behind mentions across articles, with its canonical name and aliases."""

    id: str
    name: str
    label: EntityLabel
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    relation: str | None = None  # e.g. "adjective-of" for "südkoreanisch" → Südkorea


@dataclass(slots=True, frozen=True)
class TimeMention:
    """A time expression normalised in TIMEX3 terms and the anchor it was resolved against."""

    span: Span
    type: TimexType
    value: str
    mod: str | None = None
    anchor: str | None = None
    direction: Literal["past", "future", "present"] | None = None


@dataclass(slots=True, frozen=True)
class Quote:
    """Who said what. Spans may be discontinuous (a quote split by its cue)."""

    kind: QuoteKind
    message: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    speaker: tuple[Span, ...] = ()
    speaker_entity_id: str | None = None
    speaker_name: str | None = None


@dataclass(slots=True, frozen=True)
class TimelineEntry:
    """A dated statement: a sentence placed at the date it refers to."""

    date: str  # TIMEX3-style value: 2018-01-10, 2018-05, 195X
    granularity: str  # day / month / year / decade / week / ...
    kind: EntryKind
    span: Span
    article_id: str
    mod: str | None = None


@dataclass(slots=True)
class Document:
    """An article with its annotation layers, as it flows through the pipeline and into the store.

    Layers are filled by stages; ``extras`` holds transient per-run objects (e.g. a spaCy Doc) that
    are never stored.
    """

    article: Article
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # mentions in the headline, offsets into ``article.title`` (empty when the title is the text)
    title_mentions: list[Mention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    stages: dict[str, int] = field(default_factory=dict)  # stage name -> version that ran
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def separate_title(self) -> str | None:
        """The headline when it is not already the text (headline-only items have text = title)."""
        title = (self.article.title or "").strip()
        return self.article.title if title and title != self.article.text.strip() else None

# --- what linking produces, as read back from the store ------------------------------------------


@dataclass(slots=True, frozen=True)
class Membership:
    """Why an article sits in its event and story: the linker's decision, kept with its evidence so
    a reader can judge it (``explanation`` holds the scores, shared entities and terms it used)."""

    article_id: str
    event_id: str | None
    story_id: str | None
    duplicate_of: str | None = None
    score: float | None = None
    explanation: dict[str, Any] = field(default_factory=dict)

    @property
    def decision(self) -> str:
        return str(self.explanation.get("decision") or "")


@dataclass(slots=True)
class Event:
    """A set of articles reporting the same happening, with the span of their publication dates."""

    id: str
    story_id: str | None
    title: str | None
    start: str | None
    end: str | None
    article_ids: list[str] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class EntrySource:
    """One sentence that carries a story timeline entry (several articles may say the same)."""

    article_id: str
    start: int
    end: int
    kind: str


@dataclass(slots=True, frozen=True)
class StoryEntry:
    """A merged timeline entry of a story: a dated statement with every article that carries it.
    ``date`` is a TIMEX3 value whose granularity is kept honest (``2018-05``, ``195X``)."""

    date: str
    granularity: str
    kind: str
    text: str
    article_id: str
    start: int
    end: int
    mod: str | None = None
    sources: tuple[EntrySource, ...] = ()


@dataclass(slots=True)
class Story:
    """A thread of events about one developing matter, with its key entities and merged timeline."""

    id: str
    title: str | None
    start: str | None = None
    end: str | None = None
    article_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    timeline: list[StoryEntry] = field(default_factory=list)
