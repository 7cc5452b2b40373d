"""Where the speaker sits in a German clause: before the verb, after it, or in a fronted phrase.

Why a module of its own: German is verb-second. Whatever stands before the finite verb is exactly
one constituent, so the speaker of "X sagte, …" is that whole field, apposition included, while after
a fronted adverbial ("Am Mittwoch sagte X", "Gegenüber der Agentur sagte X") the subject follows the
verb. These few facts find most speaker phrases without a parser; the functions return token index
ranges (end-exclusive) into one unit of text.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import lexicon as lx
from .speakers import Tok, attachments, fixed_adverbial, lowercase_words, noun_phrase

#: Tokens that separate clauses.
CLAUSE_MARKS = frozenset({",", ":", ";", "–", "—"})


def _attach(toks: Sequence[Tok], j: int, hi: int) -> int:
    return attachments(toks, j, hi, False)


def clause_end(toks: Sequence[Tok], i: int, hi: int) -> int:
    """Index of the first clause mark or sentence end at or after ``i`` (``hi`` if none)."""
    for k in range(i, hi):
        if toks[k].text in CLAUSE_MARKS or toks[k].text in (".", "!", "?"):
            return k
    return hi


_SKIP_AFTER_VERB = lx.words(
    "nun dazu zudem außerdem weiter auch jedoch aber daraufhin damals später bereits schon noch "
    "ebenfalls zuletzt erneut gestern heute ferner darüber hierzu"
)


def skip_adverbial(toks: Sequence[Tok], j: int, hi: int, sentence_start: int) -> int:
    """Index after one adverbial (a prepositional phrase or adverb, or an auxiliary); ``j`` if none."""
    if j >= hi:
        return j
    word = toks[j].lower
    if fixed_adverbial(toks, j, hi):
        return j + 2
    if word in lx.PREPOSITIONS:
        k = j + 1
        k2 = noun_phrase(toks, k, hi, appositions=False)
        if k2 > k:
            return k2
        while k < hi and not toks[k].cap and toks[k].text not in CLAUSE_MARKS and k < j + 5:
            k += 1
        return k + 1 if k < hi and toks[k].cap else k
    if word in _SKIP_AFTER_VERB or word in lx.AUXILIARIES or toks[j].text in lx.NON_NAMES:
        return j + 1
    if not toks[j].cap and toks[j].alpha:
        return j + 1 if word in lowercase_words() else j
    if j == sentence_start and word in lowercase_words() and word not in lx.DETERMINERS:
        return j + 1
    return j


def speaker_after(toks: Sequence[Tok], i: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase after a verb cue, skipping adverbials ("sagte am Mittwoch der Minister")."""
    j = i
    if j < hi and toks[j].lower == "es":
        j += 1
        # "heißt es im Statement": the source is the in-phrase
        while j < hi and toks[j].lower in _SKIP_AFTER_VERB:
            j += 1
        if j < hi and toks[j].lower in ("in", "im", "aus", "auf"):
            first = j + 1
            k = noun_phrase(toks, first, hi, appositions=False)
            if k == first:  # "in einer gestern verbreiteten Erklärung": up to the first noun
                head = next((h for h in range(first, min(hi, first + 6)) if toks[h].cap), None)
                k = _attach(toks, head + 1, hi) if head is not None else first
            return (j, k) if k > first else None
        return None
    for _ in range(4):
        k = noun_phrase(toks, j, hi)
        if k > j:
            return (j, k)
        nxt = skip_adverbial(toks, j, hi, -1)
        if nxt == j:
            break
        j = nxt
    return None


def subject_before(toks: Sequence[Tok], lo: int, cue: int, hi: int) -> tuple[int, int] | None:
    """Speaker of a frame that precedes its message: the first phrase of the clause that is not an
    adverbial, or the phrase after the verb when the clause opens with one ("Am Mittwoch sagte X")."""
    start = lo
    for k in range(cue - 1, lo - 1, -1):
        if toks[k].text in (";", ":"):
            start = k + 1
            break
        if toks[k].lower in ("und", "aber", "sondern") and not any(t.cap for t in toks[k + 1 : cue]):
            start = k + 1  # a second verb phrase: "Er akzeptierte … und kommentierte, …"
            break
    # a relative clause: "…, der betonte, er gehöre …" – the annotators take the relative pronoun
    if cue - 2 >= lo and toks[cue - 1].lower in lx.RELATIVE_PRONOUNS and toks[cue - 2].text == ",":
        return (cue - 1, cue)
    clause = _own_clause(toks, lo, cue)
    if clause is not None:
        return clause
    # "Aus Militärkreisen verlautete, …", "In einer Erklärung des Präsidenten heißt es, …"
    if (
        toks[cue].lower in _FRONTED_SOURCE_CUES
        and start < cue <= start + 15
        and toks[start].lower in lx.PREPOSITIONS
        and not any(toks[k].text in CLAUSE_MARKS for k in range(start, cue))
    ):
        return (start, cue)
    found = first_phrase(toks, start, cue)
    if found is None and start > lo:
        found = first_phrase(toks, lo, cue)  # "Er akzeptierte … und kommentierte, dass …"
    return found or speaker_after(toks, cue + 1, hi)


_COORD = lx.words("und sowie während aber doch")
_MID_ADVERBS = lx.words("dagegen hingegen jedoch allerdings aber auch ebenfalls wiederum indes zudem")


def _own_clause(toks: Sequence[Tok], lo: int, cue: int) -> tuple[int, int] | None:
    """The subject of a second clause the cue belongs to: "…, und das Kinderhilfswerk UNICEF rief …
    auf", "…, die Nachrichtenagentur dagegen spricht von …", "…, die davon ausgeht, …" (a relative
    clause ending in its cue: the annotators take the relative pronoun)."""
    for k in range(cue - 1, max(lo, cue - 16), -1):
        word = toks[k].lower
        if toks[k].text in (";", ":", ".") or toks[k].text in ('"', "„", "“", "»", "«"):
            return None
        if not (toks[k].text == "," or word in _COORD):
            continue
        b = k + 1
        if b >= cue:
            return None
        if (
            toks[k].text == ","
            and toks[b].lower in lx.RELATIVE_PRONOUNS
            and (
                cue + 1 >= len(toks)
                or toks[cue + 1].text in CLAUSE_MARKS
                or toks[cue].lower in lx.PARTICIPLES
            )
        ):
            if toks[b].lower not in ("dem", "den", "dessen", "deren"):
                return (b, b + 1)
            return None
        if toks[b].lower in _COORD:
            b += 1
        before = k - 1 if toks[k].text == "," else k
        if before < lo or is_subject_list(toks, lo, before + 1) or toks[b].lower in lx.PERSON_PRONOUNS:
            return None
        e = noun_phrase(toks, b, cue)
        if e <= b or (toks[b].text in lx.NON_NAMES and toks[b].lower not in lx.DETERMINERS):
            return None
        j = e
        while j < cue and toks[j].lower in _MID_ADVERBS:
            j += 1
        return (b, e) if j == cue else None
    return None


def is_subject_list(toks: Sequence[Tok], lo: int, cut: int) -> bool:
    """Whether ``toks[lo:cut]`` is only noun phrases in apposition or coordination ("Der Geschäftsführer
    der Grünen, Volker Beck, und Wolfgang Wieland, Sprecher für Innere Sicherheit"), no clause."""
    if cut - lo < 2 or not (toks[lo].cap or toks[lo].lower in lx.DETERMINERS):
        return False
    for t in toks[lo:cut]:
        w = t.lower
        if t.cap or w in lx.DETERMINERS or w in lx.PREPOSITIONS or w in _LIST_WORDS or not t.alpha:
            continue
        if (
            w.endswith(("e", "en", "er", "es", "em"))
            and w not in lx.KONJUNKTIV
            and w not in lx.AUXILIARIES
            and w not in lx.MODALS
        ):
            continue
        return False
    return True


_LIST_WORDS = lx.words("und sowie oder von vom des der außer a. d.")


PASSIVE = lx.words("wird wurde werden wurden worden")


_FRONTED_SOURCE_CUES = lx.words("heißt hieß verlautete verlautet")


def vorfeld(toks: Sequence[Tok], start: int, np_end: int, verb: int) -> tuple[int, int]:
    """The whole field before the finite verb when it opens with a noun phrase.

    A German main clause has exactly one constituent before its finite verb, so when that field
    starts with the speaker phrase, all of it is the speaker ("Seine Parteikollegin und
    Mitabgeordnete in der Versammlung, Claudia Mo, urteilte …"), except a relative clause, which
    ends in a verb before its comma ("Frank Sichau, der als Sprecher fungiert, erklärte …")."""
    finite = next(
        (k for k in range(np_end, verb) if toks[k].lower in lx.AUXILIARIES or toks[k].lower in lx.MODALS),
        verb,
    )
    if finite - start > 30:
        return (start, np_end)
    end = finite
    for k in range(np_end, finite):
        if toks[k].text == "," and k + 1 < finite and toks[k + 1].lower in lx.RELATIVE_PRONOUNS:
            close = next((c for c in range(k + 2, finite + 1) if c == finite or toks[c].text == ","), finite)
            if close - 1 > k + 1 and not toks[close - 1].cap:
                end = k
                break
    while end > np_end and toks[end - 1].text in (",", "-", "–"):
        end -= 1
    if end > np_end and not is_subject_list(toks, start, end):
        return (start, np_end)  # a verb inside: "Medvedev bedankte sich … und sagte"
    return (start, max(end, np_end))




def first_phrase(toks: Sequence[Tok], start: int, cue: int) -> tuple[int, int] | None:
    """The subject in front of the cue verb, skipping adverbials. German is verb-second: when an
    adverbial fills the field before a finite cue ("Gegenüber der Agentur sagte X", "Als Antwort
    sagte X"), the subject follows the verb, so a phrase found after a skipped adverbial only counts
    when a finite auxiliary was skipped too ("Kurz zuvor hatte X … verkündet")."""
    j = start
    skipped = False
    finite_seen = False
    for _ in range(8):
        if j >= cue:
            break
        if toks[j].text in ('"', "„", "“", "”", "»", "«", ","):
            if j > 0 and toks[j - 1].text in (",", ".", "!", "?"):
                # after a quoted sentence the frame starts afresh: '"It is over," Mary Jones said.'
                start, skipped, finite_seen = j + 1, False, False
            j += 1
            continue
        if toks[j].lower in lx.PERSON_PRONOUNS:
            return (j, j + 1)
        if toks[j].lower in ("diese", "dieser", "der", "die", "dieses") and j + 1 == cue:
            return (j, j + 1)
        initial_adverb = j == start and (
            toks[j].lower in lowercase_words() or toks[j].lower.endswith(_ADVERB_ENDINGS)
        )
        if toks[j].lower in lx.DETERMINERS or not initial_adverb:
            k = noun_phrase(toks, j, cue)
            if k > j:
                if j == start:
                    return vorfeld(toks, j, k, cue)
                if skipped and not finite_seen:
                    return None
                return (j, k)
        nxt = skip_adverbial(toks, j, cue, start)
        if toks[j].lower in lx.AUXILIARIES or toks[j].lower in lx.MODALS:
            finite_seen = True
        if toks[j].lower not in _FOCUS:  # "Auch der Schiedsrichter kritisierte": still the subject
            skipped = True
        j = nxt if nxt != j else j + 1
    return None


_FOCUS = lx.words("auch nur selbst sogar gerade besonders vor allem ausgerechnet")
_ADVERB_ENDINGS = ("end", "erweise", "licherweise")
