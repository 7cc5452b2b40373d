"""From tokens and sentences to Quotes: direct, indirect, reported and continued speech, with speakers.

The extractor only walks: it finds the quotations (``direct.py``), cuts the text into units
(``units.py``: sentences a quotation bridges belong together), builds each unit's context record
(``context.py``) and lets the ordered strategies decide it (``strategies.py``; the speaker of a
quotation without a cue: ``direct_speakers.py``). To change how a speaker is chosen, read the
strategies: each names the construction it handles, with an example.

Why a trained ranker on top (``ranker.py``, candidates in ``candidates.py``): where a speaker must be
chosen among several phrases (a direct quote without a cue; the speaker of a cue frame, where the
rules' phrase is one candidate among the unit's other phrases), a small linear model trained on the
train split picks it; the rules decide the rest (continuations and "soll" hearsay, where the ranker
did not beat them) and all of it when the model file is missing or ``quotes.speaker_ranker`` is off.

Why diagnostics come from outside: which strategy made a quote, and the ranker's decision points for
training, are recorded by a ``Tracer`` (``trace.py``) passed to one call; the extractor keeps none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...model import Mention, Quote, Span
from . import clauses as cl
from . import frames as fr
from . import ranker as rk
from .context import Options, Unit, Walk
from .direct import find_quoted
from .speakers import Resolver, Tok
from .strategies import decide
from .units import interviews, quote_mask, units

if TYPE_CHECKING:
    from .direct import Quoted
    from .trace import Tracer

__all__ = ["Extractor", "Options"]


class Extractor:
    """Callable: ``extractor(text, tokens, sentences, paragraphs, mentions, language) -> [Quote]``."""

    def __init__(self, options: Options | None = None):
        self.o = options or Options()
        self.ranker = rk.load() if self.o.speaker_ranker else None

    def __call__(
        self,
        text: str,
        toks: Sequence[Tok],
        sentences: Sequence[Span],
        paragraphs: Sequence[Span],
        mentions: Sequence[Mention] = (),
        language: str | None = None,
        tracer: Tracer | None = None,
    ) -> list[Quote]:
        """The quotes of one text; ``tracer`` (diagnostics, training) records how each was made."""
        if not toks or not text.strip():
            return []
        paras = [(p.start, p.end) for p in paragraphs] or [(0, len(text))]
        quoted = find_quoted(text, paras)
        walk = Walk(
            text,
            toks,
            quote_mask(toks, quoted),
            [t.start for t in toks],
            units(toks, sentences or [Span(0, len(text))], quoted),
            Resolver(text, mentions),
            self.o,
            (language or "").startswith("en"),
            self.ranker,
            tracer,
        )
        answers = interviews(text, paras) if self.o.interviews else {}
        for u, (lo, _) in enumerate(walk.units):
            if toks[lo].start < walk.skip_until:
                continue  # inside an interview answer
            if tracer is not None:
                tracer.withdraw()  # a ranker offer that no quote of the unit before took
            unit = _unit(walk, u, quoted, answers)
            if unit.interview is None and u > 0:
                # the sentence before may be the antecedent of a later pronoun (not before an answer)
                cl.note_subject(walk.resolver, toks, *walk.units[u - 1], walk.mask)
            decide(walk, unit)
        return [q for q in walk.out if cl.valid(q, len(text))]


def _unit(walk: Walk, u: int, quoted: Sequence[Quoted], answers: dict[int, tuple[Span, Span]]) -> Unit:
    """The context record of unit ``u``."""
    lo, hi = walk.units[u]
    toks, mask = walk.toks, walk.mask
    start, end = toks[lo].start, toks[hi - 1].end
    return Unit(
        index=u,
        lo=lo,
        hi=hi,
        start=start,
        end=end,
        frame=fr.find_frame(toks, lo, hi, mask, walk.english),
        quoted=[q for q in quoted if start <= q.start < end],
        words=sum(1 for k in range(lo, hi) if not mask[k] and toks[k].text[:1].isalnum()),
        konjunktiv=fr.has_konjunktiv(toks, lo, hi, mask),
        interview=answers.get(start),
    )
