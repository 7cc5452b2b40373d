"""Prepositional frames: the source is a phrase around a preposition, the message the rest.

``Laut X msg`` / ``Nach Angaben X msg`` / ``X zufolge msg`` / ``msg, so X`` / ``Wie X mitteilte,
msg`` / ``Berichte, wonach msg``: a frame anywhere in the sentence, whose message is the sentence
around it. ``frames.find_frame`` weighs it against a cue verb's frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import lexicon as lx
from .cues import Frame, is_cue_verb
from .speakers import Tok, noun_phrase
from .subjects import CLAUSE_MARKS, clause_end, vorfeld


def _np_backwards(toks: Sequence[Tok], end: int, lo: int) -> int:
    """Start of the phrase that ends just before ``end`` ("Einem Bericht der Zeitung | zufolge")."""
    k = end - 1
    while k >= lo:
        t = toks[k]
        nxt = toks[k + 1] if k + 1 < end else None
        if (
            t.cap
            or t.lower in lx.DETERMINERS
            or t.text in ("(", ")", "-")
            or (
                t.lower in ("von", "vom", "für")
                and k > lo
                and toks[k - 1].cap
                and nxt is not None
                and nxt.cap
            )
        ):
            if t.text in lx.NON_NAMES and t.lower not in lx.DETERMINERS and k > lo:
                break
            k -= 1
            continue
        if (
            nxt is not None
            and not t.cap
            and t.alpha
            and t.lower.endswith(("e", "en", "er", "es", "em"))
            and t.lower not in lx.AUXILIARIES
            and t.lower not in lx.PRONOUNS
            and (nxt.cap or nxt.lower.endswith(("e", "en", "er", "es", "em")))
            and t.lower not in lx.KONJUNKTIV
        ):
            k -= 1
            continue
        break
    return k + 1


_NACH_RELATIVES = lx.words("denen dem der welchem welcher welchen")


def _relative_clause_start(toks: Sequence[Tok], i: int, lo: int, hi: int) -> int | None:
    """Where the clause of ", wonach …" or ", nach denen …" at ``toks[i]`` starts; None otherwise."""
    if i <= lo + 1 or toks[i - 1].text != ",":
        return None
    if toks[i].lower == "wonach" and i + 3 < hi:
        return i + 1
    if toks[i].lower == "nach" and i + 2 < hi and toks[i + 1].lower in _NACH_RELATIVES:
        return i + 2
    return None


def _is_source_noun(word: str) -> bool:
    return word in lx.NACH_NOUNS or word.endswith(lx.SOURCE_NOUN_SUFFIXES)


def _nach_source(toks: Sequence[Tok], first: int, hi: int) -> int | None:
    """Index of the source noun of "nach <phrase>" ("nach Angaben der Polizei", "Nach Grupps
    Meinung", "nach bisherigen Erkenntnissen"), or None when "nach" is not a frame."""
    for k in range(first, min(hi, first + 4)):
        t = toks[k]
        if t.cap and _is_source_noun(t.lower):
            return k
        if t.cap and not (t.lower.endswith("s") and k + 1 < hi and toks[k + 1].cap):
            return None  # the first noun is the head, unless it is a genitive name before it
        if not t.alpha:
            return None
    return None


def _odd_source(toks: Sequence[Tok], i: int, hi: int) -> int:
    """End of a source the noun-phrase rules miss: a quoted title in lower case ("„heise online“")
    or a web address ("t-online.de"); ``i`` when there is none."""
    if i < hi and toks[i].text in '„"»“':
        close = next((k for k in range(i + 1, min(hi, i + 6)) if toks[k].text in '“"«”'), None)
        return close + 1 if close is not None and close > i + 1 else i
    return i + 1 if i < hi and _lowercase_source(toks[i].text) else i


def _lowercase_source(word: str) -> bool:
    """A source written in lower case: a web address or a compound with an acronym ("ai-Bericht")."""
    if not word[:1].isalpha() or word.lower() in lx.DETERMINERS:
        return False
    if "." in word.strip("."):
        return True
    head = word.rsplit("-", 1)
    return len(head) == 2 and head[1][:1].isupper()


def prep_frame(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], english: bool) -> Frame | None:
    for i in range(lo, hi):
        if mask[i]:
            continue
        word = toks[i].lower
        if word in lx.PREP_BEFORE or (
            word == "according" and english and i + 1 < hi and toks[i + 1].lower == "to"
        ):
            first = i + 2 if word == "according" else i + 1
            end = noun_phrase(toks, first, hi)
            if end == first and first < hi and _lowercase_source(toks[first].text):
                end = first + 1  # "laut bildblog.de", "laut ai-Bericht"
            if end > first:
                return _frame_around(toks, lo, hi, (i, first), (first, end), (i, end))
        elif word == "aus" and i + 2 < hi and toks[i + 1].lower == "sicht":
            # "aus Sicht der Organisationen"
            end = max(noun_phrase(toks, i + 1, hi), i + 2)
            return _frame_around(toks, lo, hi, (i, i + 1), (i + 1, end), (i, end))
        elif word == "nach" and i > lo and toks[i - 1].lower in lx.NACH_NOUNS and i - 1 > lo:
            # postposition: "Seiner Meinung nach …", "eigenen Angaben nach", "dem Vernehmen nach"
            start = _np_backwards(toks, i - 1, lo)
            if start + 1 < i - 1 and toks[start + 1].lower in lx.DETERMINERS:
                pass  # attributive: "die seiner Meinung nach wachsenden Gefahren"
            elif toks[start].lower in lx.DETERMINERS or toks[start].cap or start < i - 1:
                return _frame_around(toks, lo, hi, (i, i + 1), (start, i), (start, i + 1))
        elif (m0 := _relative_clause_start(toks, i, lo, hi)) is not None:
            # "Berichte, wonach …" / "Gerüchte, nach denen …": the noun before the comma is the
            # source, the clause the message
            start = _np_backwards(toks, i - 1, lo)
            if start < i - 1:
                return Frame([(i, i + 1)], (start, i - 1), [(m0, clause_end(toks, m0, hi))], "prep")
        elif word == "nach" and i + 1 < hi:
            head = _nach_source(toks, i + 1, hi)
            if head is not None:
                end = max(noun_phrase(toks, i + 1, hi), head + 1)
                return _frame_around(toks, lo, hi, (i, i + 1), (i + 1, end), (i, end))
        elif word in lx.POSTPOSITIONS:
            start = _np_backwards(toks, i, lo)
            if start < i:
                return _frame_around(toks, lo, hi, (i, i + 1), (start, i), (start, i + 1))
        elif word == "demnach" and not (i + 1 < hi and toks[i + 1].text in CLAUSE_MARKS):
            # the annotators take "Demnach" as both cue and source
            return _frame_around(toks, lo, hi, (i, i + 1), (i, i + 1), (i, i + 1))
        elif word == "so" and i > lo and toks[i - 1].text == "," and i + 1 < hi:
            end = noun_phrase(toks, i + 1, hi)
            if end > i + 1 and (
                end >= clause_end(toks, i + 1, hi)
                or toks[end].lower in lx.PREPOSITIONS
                or toks[end].lower in lx.NP_STOP
                or (not toks[end].cap and clause_end(toks, end, hi) - end <= 3)
            ):
                # ", so Suttner wörtlich." – the frame reaches to the end of its clause
                return _frame_around(
                    toks, lo, hi, (i, i + 1), (i + 1, end), (i - 1, clause_end(toks, end, hi))
                )
        elif word == "wie" and (i == lo or toks[i - 1].text == ","):
            # "Wie die Polizei mitteilte, …" / "…, wie X berichtete"
            found = _wie_frame(toks, lo, hi, i, english)
            if found is not None:
                return found
    return None


def _wie_frame(toks: Sequence[Tok], lo: int, hi: int, i: int, english: bool) -> Frame | None:
    """The frame of "Wie X mitteilte, …" / "…, wie X berichtete" at ``toks[i]`` ("wie"), if a cue
    verb closes its clause."""
    end = clause_end(toks, i + 1, hi)
    # appositions add commas inside the clause: "Wie die Sprecherin, Anna Schmidt, mitteilte,"
    stretch = end
    for _ in range(2):
        if (
            stretch < hi
            and toks[stretch].text == ","
            and not any(is_cue_verb(toks, k, hi, english) for k in range(i + 2, stretch))
        ):
            stretch = clause_end(toks, stretch + 1, hi)
    end = stretch if stretch - i <= 25 else end
    for k in range(i + 2, end):
        cue = is_cue_verb(toks, k, min(end + 1, hi), english)
        if cue is not None:
            sp_end = noun_phrase(toks, i + 1, k)
            if sp_end == i + 1:
                sp_end = _odd_source(toks, i + 1, k)
            speaker = vorfeld(toks, i + 1, sp_end, k) if sp_end > i + 1 else None
            frame_lo = i - 1 if i > lo else i
            frame_hi = end + 1 if end < hi and toks[end].text == "," else end
            return _frame_around(
                toks, lo, hi, (i, i + 1), speaker, (frame_lo, frame_hi), cue_extra=cue
            )
    return None


def _frame_around(
    toks: Sequence[Tok],
    lo: int,
    hi: int,
    cue: tuple[int, int],
    speaker: tuple[int, int] | None,
    frame: tuple[int, int],
    cue_extra: list[tuple[int, int]] | None = None,
) -> Frame:
    message = [(lo, frame[0]), (frame[1], hi)]
    cues = [cue, *(cue_extra or [])]
    return Frame(cues, speaker, [m for m in message if m[1] > m[0]], "prep")
