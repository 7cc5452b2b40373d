"""Where the strategies look: units of text a quote and its frame share, and interview paragraphs.

Why "units" and not sentences: a sentencizer splits inside quotations ("„Das ist gut. Wir kommen.“, |
sagte er.") but a quote and its frame belong together. So sentences bridged by a quotation, or followed
by a sentence that starts lowercase ("sagte er."), are merged into one unit first; every strategy then
works on units.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ...model import Span
from . import lexicon as lx
from .direct import Quoted
from .speakers import Tok

# possessive word runs ("*+"): nested quantifiers over the same characters backtracked without
# end on a long run such as "Wort-Wort-Wort-…" (50,000 characters took minutes)
_INTERVIEW = re.compile(r"(?::+\s*)?((?:[A-ZÄÖÜ][\w.\-]{0,60}+\s?){1,4}):\s")


def quote_mask(toks: Sequence[Tok], quoted: Sequence[Quoted]) -> list[bool]:
    """Which tokens stand inside quotation marks (a cue word there never frames its own sentence)."""
    starts = [t.start for t in toks]
    mask = [False] * len(toks)
    for q in quoted:
        for a, b in q.parts:
            for k in range(bisect_left(starts, a), bisect_left(starts, b)):
                mask[k] = True
    return mask


def _resplit(
    toks: Sequence[Tok], ranges: list[tuple[int, int]], q_bounds: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], set[int]]:
    """Cut where the sentencizer glued an opening quotation mark to the sentence before it, and at
    "; " between two statements; the second are hard cuts that no merge undoes."""
    resplit: list[tuple[int, int]] = []
    hard: set[int] = set()
    q_starts = {qa for qa, _ in q_bounds}
    for lo, hi in ranges:
        cut = lo
        for k in range(lo + 1, hi):
            if k in q_starts and toks[k - 1].text in (".", "!", "?") and k - cut > 1:
                resplit.append((cut, k))
                cut = k
            elif (
                toks[k - 1].text == ";"
                and k - cut > 3
                and hi - k > 3
                and not any(qa < k < qb for qa, qb in q_bounds)
            ):
                # "Laut X …; demnach …": two statements, as annotated
                resplit.append((cut, k))
                cut = k
                hard.add(k)
        resplit.append((cut, hi))
    return resplit, hard


def units(toks: Sequence[Tok], sentences: Sequence[Span], quoted: Sequence[Quoted]) -> list[tuple[int, int]]:
    """Token ranges (end-exclusive) of the units: sentences, re-cut and merged as the docstring says."""
    starts = [t.start for t in toks]
    ranges = []
    for s in sentences:
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        if hi > lo:
            ranges.append((lo, hi))
    q_bounds = [(bisect_left(starts, q.start), bisect_left(starts, q.end)) for q in quoted]
    ranges, hard = _resplit(toks, ranges, q_bounds)
    merged: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if merged and lo not in hard:
            plo, phi = merged[-1]
            first = next((t for t in toks[lo:hi] if t.text[:1].isalpha()), None)
            bridged = any(qa < lo < qb for qa, qb in q_bounds)
            text_gap = toks[lo].start - toks[phi - 1].end if phi > 0 else 0
            if text_gap < 3 and (bridged or (first is not None and first.text[:1].islower())):
                merged[-1] = (plo, hi)
                continue
        merged.append((lo, hi))
    return merged


def interviews(text: str, paras: Sequence[tuple[int, int]]) -> dict[int, tuple[Span, Span]]:
    """Paragraphs in interview form, "Name: answer" → {paragraph start: (speaker, message)}.

    A label counts only when its last word labels at least two paragraphs ("Dr. Robert Kelly:",
    "R. Kelly:"), so topic labels such as "Steuern: …" or "Europapolitik: …" are not speakers."""
    found: dict[int, tuple[Span, Span]] = {}
    labels: list[tuple[int, str, Span, Span]] = []
    for a, b in paras:
        m = _INTERVIEW.match(text, a, b)
        if m is None:
            continue
        name = m.group(1).strip()
        if not name or name.split()[0] in lx.NON_NAMES or m.end() >= b:
            continue
        s0 = m.start(1)
        labels.append((a, name.split()[-1], Span(s0, s0 + len(name)), Span(m.end(), b)))
    counts: dict[str, int] = {}
    for _, last, _, _ in labels:
        counts[last] = counts.get(last, 0) + 1
    for a, last, speaker, message in labels:
        if counts[last] >= 2:
            found[a] = (speaker, message)
    return found
