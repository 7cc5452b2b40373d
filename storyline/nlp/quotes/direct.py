"""Direct speech: pairing quotation marks of every German and English style, robustly.

Why a small state machine instead of one regular expression: real news text mixes styles („…“ »…«
«…» "…" “…” '…'), nests them („… ‚…‘ …“), continues a quote over paragraphs (an opening mark at
each new paragraph, no closing mark before it), and sometimes simply forgets a closing mark. A
regular expression either misses these or lets one stray mark swallow the rest of the article. The
pairing below works paragraph by paragraph, knows which closing marks fit which opening mark, only
carries an open quote into the next paragraph when that paragraph starts with an opening mark, and
drops what stays unbalanced, so a quote is never larger than the text it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Opening mark → closing marks that may end it.
PAIRS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "“": "”",
    "‚": "‘’'",
    "‹": "›",
    "›": "‹",
}
DOUBLE_OPEN = frozenset("„»«“")
STRAIGHT = '"'
APOSTROPHE = "'"
ALL_MARKS = frozenset("„“”\"»«‚‘’'‹›")


@dataclass(slots=True, frozen=True)
class Quoted:
    """A stretch of quoted text: ``start``/``end`` include the marks; ``parts`` split at paragraphs."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]


def _opens_straight(text: str, i: int, mark: str) -> bool:
    """A straight quote opens when preceded by space/bracket/start and followed by a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark == APOSTROPHE and (before.isalnum() or after == APOSTROPHE or before == APOSTROPHE):
        return False  # apostrophe (Kim's, geht's) or wiki markup ''italic''
    return (before.isspace() or before in "([{–—-:/") and not after.isspace()


def _closes_straight(text: str, i: int, mark: str) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i > 0 else " "
    if mark == APOSTROPHE and (after.isalnum() or after == APOSTROPHE or before == APOSTROPHE):
        return False
    return not before.isspace() or after.isspace() or not after.isalnum()


def _closes_before_opening(text: str, start: int, end: int, opener: str) -> bool:
    """Whether ``text[start:end]`` closes ``opener``'s quote before any new quote opens."""
    closes = PAIRS.get(opener, opener) if opener != STRAIGHT else STRAIGHT
    for i in range(start, end):
        ch = text[i]
        if ch in closes and (ch != STRAIGHT or _closes_straight(text, i, ch)):
            return True
        if ch in DOUBLE_OPEN and ch not in closes:
            return False
    return False


def find_quoted(text: str, paragraphs: Sequence[tuple[int, int]], max_chars: int = 4000) -> list[Quoted]:
    """Outermost quoted stretches of ``text`` (nested quotes stay inside their outer quote)."""
    found: list[Quoted] = []
    carry: tuple[str, int, list[tuple[int, int]]] | None = None
    for p_start, p_end in paragraphs:
        opener: str | None = None
        o_pos = -1
        parts: list[tuple[int, int]] = []
        if carry is not None:
            mark, first, parts = carry
            carry = None
            lead = p_start
            if lead < p_end and text[lead] == mark:
                opener, o_pos = mark, first
            elif _closes_before_opening(text, p_start, p_end, mark):
                # no reopening mark, but the quote clearly ends in this paragraph
                opener, o_pos = mark, first
            else:
                parts = []
        inner_depth = 0
        seg_start = p_start if opener else -1
        i = p_start
        while i < p_end:
            ch = text[i]
            if ch not in ALL_MARKS:
                i += 1
                continue
            if opener is None:
                if ch in (STRAIGHT, APOSTROPHE):
                    if _opens_straight(text, i, ch):
                        opener, o_pos, seg_start = ch, i, i
                elif ch in PAIRS and ch not in "’‘":
                    opener, o_pos, seg_start = ch, i, i
            else:
                closes = PAIRS.get(opener, opener)
                if opener in (STRAIGHT, APOSTROPHE):
                    closes = opener
                if ch in closes and (ch not in (STRAIGHT, APOSTROPHE) or _closes_straight(text, i, ch)):
                    if inner_depth and ch in "‘’'":
                        inner_depth -= 1
                    else:
                        parts.append((seg_start, i + 1))
                        if i + 1 - o_pos <= max_chars:
                            found.append(Quoted(o_pos, i + 1, tuple(parts)))
                        opener, parts, inner_depth = None, [], 0
                elif ch == "‚" or (
                    ch == APOSTROPHE and opener != APOSTROPHE and _opens_straight(text, i, ch)
                ):
                    inner_depth += 1
            i += 1
        if opener is not None:
            # still open at the paragraph's end: continue only if the next paragraph reopens it
            parts.append((seg_start, p_end))
            if opener in DOUBLE_OPEN or opener == STRAIGHT:
                carry = (opener, o_pos, parts)
    return found


def split_tokens_inside(quotes: Sequence[Quoted], pos: int) -> Quoted | None:
    """The quoted stretch containing character ``pos``, if any."""
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None
