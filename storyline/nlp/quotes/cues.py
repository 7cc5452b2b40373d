"""A cue verb and the frame it opens: the record every frame shape returns.

Why a module of its own: the frame shapes (``frames.py``: a cue verb before or after its message;
``prep_frames.py``: "laut X", "X zufolge", "wie X sagte") all recognise the same verbs of saying and
return the same record, and neither should import the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon as lx
from .speakers import Tok
from .subjects import CLAUSE_MARKS


@dataclass(slots=True)
class Frame:
    """A cue with its speaker and message token ranges (end-exclusive), in sentence token indices."""

    cue: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    message: list[tuple[int, int]]
    shape: str  # "after", "before", "prep"


def is_cue_verb(toks: Sequence[Tok], i: int, hi: int, english: bool) -> list[tuple[int, int]] | None:
    """If ``toks[i]`` is a verb of saying, its cue token ranges (verb, and particle if separated)."""
    hi = min(hi, len(toks))
    word = toks[i].lower
    if word in lx.PARTICLE_VERBS:
        particles = lx.PARTICLE_VERBS[word]
        if i > 0 and toks[i - 1].lower in particles and (i + 1 >= hi or not toks[i + 1].text[:1].isalnum()):
            return [(i - 1, i + 1)]  # verb-final, particle written apart: "wie X bekannt gab, …"
        commas = 0
        for k in range(i + 1, min(hi, i + 16)):
            if toks[k].text == "," and k + 1 < hi:
                # an apposition: "gab der Leiter der Dienststelle, Andreas Huber, bekannt"
                nxt = toks[k + 1]
                if commas == 0 and nxt.cap and nxt.lower not in lx.DETERMINERS and nxt.text not in lx.NON_NAMES:
                    commas += 1
                    continue
                if commas == 1 and nxt.lower in particles:
                    commas += 1
                    continue
            if toks[k].text in CLAUSE_MARKS or toks[k].text == ".":
                break
            if toks[k].lower in particles and (k + 1 >= hi or not toks[k + 1].text[:1].isalnum()):
                return [(i, i + 1), (k, k + 1)]
    if word in lx.SPEECH_VERBS or word in lx.PARTICIPLES:
        return [(i, i + 1)]
    if word in lx.IMPERSONAL and i + 1 < hi and toks[i + 1].lower == "es":
        return [(i, i + 2)]
    if word in lx.IMPERSONAL and i > 0 and toks[i - 1].lower == "es":  # "Wie es hieß, …"
        return [(i - 1, i + 1)]
    if english and word in lx.EN_SPEECH_VERBS and word != "according":
        return [(i, i + 1)]
    return None
