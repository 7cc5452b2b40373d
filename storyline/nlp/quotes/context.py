"""What the speaker strategies read: the per-sentence context record and the walk through a document.

Why two records: a strategy decides about one unit (a sentence, or sentences a quotation bridges), so
everything it needs about that unit — its tokens, its cue frame, its quotations, how many words stand
outside quotation marks — is computed once into a ``Unit``. What carries from unit to unit (the quotes
so far, the last speaker, the running continuation, the resolver's memory of names and subjects) is
the ``Walk``; strategies change it only through the few fields below, so the order of the strategies
is the whole story of how a speaker is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...model import Quote, Span
from . import lexicon as lx
from .frames import Frame
from .speakers import Resolved, Resolver, Tok

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .direct import Quoted
    from .ranker import Ranker
    from .trace import Tracer

#: A chosen speaker: the phrases in the text and what they refer to.
Speaker = tuple[tuple[Span, ...], Resolved]


def no_speaker() -> Speaker:
    return (), Resolved(None, None)


@dataclass(slots=True)
class Options:
    """Knobs of the extractor (mirrored in the ``quotes.*`` settings)."""

    min_direct_words: int = 4
    carry: int = 2
    hearsay: bool = True
    interviews: bool = True
    nested_direct: bool = True
    reported: bool = True
    hearsay_needs_speaker: bool = True
    hearsay_carry: int = 1
    speaker_ranker: bool = True
    implicit_frames: bool = True
    speech_subject: bool = True
    passive_frames: bool = True


@dataclass(slots=True)
class Last:
    """The latest speaker and the unit it spoke in (continuations and cue-less quotes go on with it)."""

    speaker: tuple[Span, ...]
    resolved: Resolved
    unit: int


@dataclass(slots=True)
class Unit:
    """The per-sentence context record: one unit, as every strategy sees it."""

    index: int  # position among the document's units
    lo: int  # token range, end-exclusive
    hi: int
    start: int  # character offsets
    end: int
    frame: Frame | None  # the cue frame (frames.find_frame), None when the unit has none
    quoted: list[Quoted]  # quotations that open inside the unit
    words: int  # words outside quotation marks
    konjunktiv: bool  # a Konjunktiv verb outside quotation marks (frames.has_konjunktiv, strong forms)
    interview: tuple[Span, Span] | None  # (speaker, answer) when the unit opens an interview answer

    @property
    def whole(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class Walk:
    """One document on its way through the strategies: inputs, and what carries between units."""

    text: str
    toks: Sequence[Tok]
    mask: list[bool]  # tokens inside quotation marks
    starts: list[int]  # token start offsets (for bisect)
    units: list[tuple[int, int]]
    resolver: Resolver
    options: Options
    english: bool
    ranker: Ranker | None = None
    tracer: Tracer | None = None
    out: list[Quote] = field(default_factory=list)
    last: Last | None = None
    cont: Quote | None = None  # the running continuation quote (extended while it goes on)
    skip_until: int = -1  # inside an interview answer

    def chose(self, quote: Quote, strategy: str) -> Quote:
        """Tell the tracer (when one rides along) which strategy made ``quote``."""
        if self.tracer is not None:
            self.tracer.chose(quote, strategy)
        return quote

    def span(self, a: int, b: int) -> Span:
        """The character span of tokens ``a``–``b`` (end-exclusive)."""
        return Span(self.toks[a].start, self.toks[b - 1].end)

    def recent(self, unit: Unit, within: int) -> bool:
        """Whether the last speaker spoke at most ``within`` units before ``unit``."""
        return self.last is not None and unit.index - self.last.unit <= within

    def carry_latest(self, unit: Unit) -> None:
        """Point the carried-over speaker at its latest mention before ``unit``."""
        if self.last is not None:
            self.last.speaker = latest(self.text, self.last.speaker, unit.start, self.last.resolved.name)


def latest(text: str, speaker: tuple[Span, ...], before: int, name: str | None = None) -> tuple[Span, ...]:
    """A carried-over speaker points at its latest mention before ``before`` (as annotators do):
    "Pflugbeil sagte … er betonte … Pflugbeil warnte … [continuation]" → the last "Pflugbeil"."""
    if len(speaker) != 1:
        return speaker
    written = speaker[0].text(text)
    if written.lower() in lx.PRONOUNS and name:
        written = name.split()[-1]  # the surname, as a later mention would write it
    if len(written) < 3 or written.lower() in lx.PRONOUNS:
        return speaker
    forms = [written]
    last_word = written.split()[-1]
    if last_word != written and last_word[:1].isupper() and len(last_word) > 2:
        forms.append(last_word)  # "Peter Pflugbeil" is later just "Pflugbeil"
    best = speaker
    for form in forms:
        k = text.rfind(form, speaker[0].end, before)
        while k > speaker[0].start:
            after = text[k + len(form) : k + len(form) + 1]
            if (k == 0 or not text[k - 1].isalnum()) and not after.isalnum():
                if k > best[0].start:
                    best = (Span(k, k + len(form)),)
                break
            k = text.rfind(form, speaker[0].end, k)
    return best
