"""The speaker candidates of one ranker decision, their features, and the ranker's choice.

Why here and not in ``ranker.py``: the ranker is a model (features → score) that knows nothing of
units, frames or the walk; what counts as a candidate (the frame's own phrase, the last speaker, the
latest sentence subjects, the unit's first phrase, a pronoun, every other phrase outside quotation
marks, or no one) is a matter of the quote strategies, and the same list must be offered to the
tracer when training and to the model in production.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Span
from . import clauses as cl
from . import lexicon as lx
from . import ranker as rk
from .context import Last, Speaker, Unit, Walk, latest
from .frames import Frame
from .speakers import Resolved, lowercase_words, noun_phrase, trim
from .subjects import PASSIVE, first_phrase


def rank(
    walk: Walk, unit: Unit, kind: str, frame: Frame | None = None, rule: tuple[Span, ...] = ()
) -> Speaker | None:
    """The ranker's speaker for a decision of ``kind``; None leaves the choice to the rules (no model
    for the kind, or a tracer collecting decisions, which is then offered the candidates)."""
    collecting = walk.tracer is not None and walk.tracer.collect
    if not collecting and (walk.ranker is None or kind not in walk.ranker.kinds):
        return None
    cands, last_text = candidates(walk, unit, frame, rule)
    xs = _features(walk, unit, kind, frame, rule, cands, last_text)
    if collecting:
        assert walk.tracer is not None
        walk.tracer.offer(xs, cands)
        return None
    assert walk.ranker is not None
    best = cands[walk.ranker.best(kind, xs)]
    if best.span is None or cl.kicker(walk.text, *best.span):
        return (), Resolved(None, None)
    span = Span(*best.span)
    if best.source == "last" and walk.last is not None:
        return (span,), walk.last.resolved
    resolver = walk.resolver
    if best.source == "rule":
        return rule, resolver.history[-1][1] if resolver.history else Resolved(None, None)
    return (span,), resolver.resolve(span.start, span.end, unit.start)


def candidates(
    walk: Walk, unit: Unit, frame: Frame | None, rule: tuple[Span, ...]
) -> tuple[list[rk.Candidate], str | None]:
    """The candidates in a fixed order (their sources name them), and the last speaker's words."""
    toks, mask, lo, hi = walk.toks, walk.mask, unit.lo, unit.hi
    cands: list[rk.Candidate] = []
    seen: set[tuple[int, int] | None] = set()

    def add(source: str, span: tuple[int, int] | None, back: int = 0) -> None:
        if span not in seen:
            seen.add(span)
            cands.append(rk.Candidate(source, span, back))

    last_text = None
    last: Last | None = walk.last
    if frame is not None and rule:
        add("rule", (rule[0].start, rule[0].end))
    if frame is None and last is not None and unit.index - last.unit <= 4:
        sp = latest(walk.text, last.speaker, unit.start, last.resolved.name)
        if len(sp) == 1:
            add("last", (sp[0].start, sp[0].end), unit.index - last.unit)
            last_text = sp[0].text(walk.text)
    subjects = walk.resolver.subjects
    subs = [s for s in subjects[-3:] if s[1] <= unit.start][-2:] if frame is None else []
    for name, sub in zip(("subj1", "subj2"), reversed(subs), strict=False):
        if unit.start - sub[1] < 1500:
            add(name, sub, 1 if name == "subj1" else 2)
    end = next((k for k in range(lo, hi) if mask[k]), hi)
    found = first_phrase(toks, lo, end)
    if found is not None:
        a, b = trim(toks, *found)
        if b > a:
            add("first", (toks[a].start, toks[b - 1].end))
    sub_sp = cl.sentence_subject(toks, lo, hi, mask)
    if sub_sp is not None:
        add("sent", (sub_sp.start, sub_sp.end))
    pron = next((k for k in range(lo, hi) if not mask[k] and toks[k].lower in lx.PERSON_PRONOUNS), None)
    if pron is not None:
        add("pron", (toks[pron].start, toks[pron].end))
    for span in _other_phrases(walk, unit, 6 if frame is None else 8):
        add("np", span)
    add("none", None)
    return cands, last_text


def _other_phrases(walk: Walk, unit: Unit, limit: int) -> list[tuple[int, int]]:
    """Every other phrase of the unit outside quotation marks ("sprach der Präsident von „…“")."""
    toks, mask, hi = walk.toks, walk.mask, unit.hi
    found: list[tuple[int, int]] = []
    k = unit.lo
    while k < hi and len(found) < limit:
        if (
            mask[k]
            or toks[k].lower in lx.PRONOUNS
            or (toks[k].text in lx.NON_NAMES and toks[k].lower not in lx.DETERMINERS)
        ):
            k += 1
            continue
        e = noun_phrase(toks, k, hi)
        if e > k and not any(mask[k:e]):
            found.append((toks[k].start, toks[e - 1].end))
            k = e
        else:
            k += 1
    return found


def _features(
    walk: Walk,
    unit: Unit,
    kind: str,
    frame: Frame | None,
    rule: tuple[Span, ...],
    cands: Sequence[rk.Candidate],
    last_text: str | None,
) -> list[list[float]]:
    toks, mask, lo, hi = walk.toks, walk.mask, unit.lo, unit.hi
    end = next((k for k in range(lo, hi) if mask[k]), hi)
    quote_start = toks[end].start if end < hi else toks[hi - 1].end
    cue = msg = None
    if frame is not None:
        cue = [(toks[a].start, toks[b - 1].end) for a, b in frame.cue if b > a]
        msg = [(toks[a].start, toks[b - 1].end) for a, b in frame.message if b > a]
    passive = any(not mask[k] and toks[k].lower in PASSIVE for k in range(lo, hi))
    rule_empty = frame is not None and not rule
    speakers = walk.resolver.surnames
    lower = lowercase_words()
    return [
        rk.features(
            c,
            kind,
            walk.text,
            unit.start,
            quote_start,
            unit.words,
            last_text,
            speakers,
            lower,
            cue,
            msg,
            passive,
            rule_empty,
        )
        for c in cands
    ]
