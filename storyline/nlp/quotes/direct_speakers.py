"""Who speaks a quotation: the frame's speaker, and the ordered fallbacks for a quotation without a cue.

A quotation in a unit with a cue frame belongs to the frame's speaker. One standing alone ("„Wir
kommen morgen.“") has no fixed place for its speaker, so ``DIRECT_SPEAKERS`` tries the constructions
that name one, most reliable first; the first that finds a speaker wins, ``no_speaker`` ends the list.
Each takes the unit and the frame's speaker (``frame_speaker``) and returns a speaker or None.

Why the trained ranker sits in the middle (``ranked``): where the unit itself names no speaker (the
sentence before, a label with a colon), the speaker must be chosen among several phrases, which a
small linear model trained on the train split does better than "the last speaker" (direct quotes
without a cue: joint 0.55 against message 0.87 with the rules alone); without the model file, or with
``quotes.speaker_ranker`` off, the rules after it decide.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from ...model import Span
from . import clauses as cl
from . import lexicon as lx
from .candidates import rank
from .context import Speaker, Unit, Walk, no_speaker
from .speakers import Resolved, trim

#: A direct-quote speaker strategy: the speaker it finds, or None to let the next one try.
DirectSpeaker = Callable[[Walk, Unit, Speaker], Speaker | None]


def frame_speaker(walk: Walk, unit: Unit) -> Speaker:
    """The speaker of the unit's cue frame: its phrase (never one opening with a conjunction), which
    the trained ranker may replace by another phrase of the unit; none for a passive cue, whose
    subject was spoken to ("X wurde aufgefordert, …"), unless it is a "von" phrase."""
    frame = unit.frame
    if frame is None:
        return no_speaker()
    toks, text = walk.toks, walk.text
    speaker: tuple[Span, ...] = ()
    resolved = Resolved(None, None)
    if frame.speaker is not None:
        a, b = trim(toks, *frame.speaker)
        if b > a and toks[a].lower not in lx.NOT_SPEAKER_START:
            speaker = (walk.span(a, b),)
            resolved = walk.resolver.resolve(speaker[0].start, speaker[0].end, unit.start)
    ranked = rank(walk, unit, "frame_" + frame.shape, frame, speaker)
    if ranked is not None and ranked[0] != speaker:
        speaker, resolved = ranked
    if (
        walk.options.passive_frames
        and speaker
        and cl.passive_cue(toks, unit.lo, frame, walk.mask)
        and text[speaker[0].start : speaker[0].end].split()[0].lower() not in lx.AGENT_PREPS
    ):
        speaker, resolved = (), Resolved(None, None)
    return speaker, resolved


def direct_parts(walk: Walk, unit: Unit) -> list[Span]:
    """The unit's quotations that are speech: not a short scare quote or title, unless it fills its
    unit, is its frame's message, or is a label after a verb of saying ("als „Wortbruch“")."""
    toks, text, frame = walk.toks, walk.text, unit.frame
    parts: list[Span] = []
    for q in unit.quoted:
        if named(text, q.start, q.end) or walk.resolver.is_name(q.start + 1, q.end - 1):
            continue
        words = len(re.findall(r"\w+", text[q.start : q.end]))
        # the quote fills its unit, or is all of its frame's message ("X sagte: „…“")
        covers_unit = unit.words <= 3 or words >= unit.words
        messages = [(a, b) for a, b in frame.message if b > a] if frame is not None else []
        framed = any(
            toks[a].start >= q.start - 2 and toks[a].start <= q.start and toks[b - 1].end <= q.end + 2
            for a, b in messages
        )
        # a quoted fragment inside a frame's message is the speaker's own words ("erklärte, ein
        # solcher Dialog sei eine „innere Angelegenheit“ Chinas"), unless it looks like a name
        inside = any(toks[a].start <= q.start and q.end <= toks[b - 1].end + 2 for a, b in messages)
        labelled = False
        if words < walk.options.min_direct_words and not covers_unit and not framed and not inside:
            first = bisect_left(walk.starts, q.start)
            labelled = frame is None and cl.labelling(toks, unit.lo, unit.hi, walk.mask, first)
            if not labelled:
                continue
        strict = frame is not None or inside
        if not covers_unit and not labelled and cl.looks_like_title(text[q.start : q.end], strict=strict):
            continue
        parts.extend(Span(a, b) for a, b in q.parts)
    return parts


_NAMING_BEFORE = re.compile(r"(\w+)\s*$")


def named(text: str, start: int, end: int) -> bool:
    """A quotation that is a name, never speech: part of a compound ("Wird das «Stranger
    Things»-Finale enttäuschen?", "der Murot-»Tatort«"), or right after a noun that names it
    ("Dem Verein „Rote Hilfe e.V.“ wurden Konten gekündigt", "ein Kinofilm „…“";
    ``lexicon.NAMING_NOUNS``, ``lexicon.NAMING_HEADS``)."""
    after, before = text[end : end + 2], text[max(0, start - 2) : start]
    if (after[:1] == "-" and after[1:2].isalpha()) or (before[1:] == "-" and before[:1].isalpha()):
        return True
    word = _NAMING_BEFORE.search(text, max(0, start - 40), start)
    if word is None:
        return False
    low = word.group(1).lower()
    return low in lx.NAMING_NOUNS or low.endswith(lx.NAMING_HEADS)


def in_frame(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A quotation in a unit with a cue frame: the frame's speaker (possibly none).

    Example: „Wir werden die Grenze nicht schließen“, sagte der Minister am Abend.
    """
    return framed if unit.frame is not None else None


def said_before(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A quotation that fills its unit right after a sentence whose subject speaks or acts, with no
    quote of its own: the quotation goes on with that sentence.

    Example: Der Minister verließ nach dem Urteil wütend den Saal. „Das Urteil ist ein schwerer
    Fehler für unser Land.“
    """
    if not (walk.options.speech_subject and unit.words <= 3 and walk.mask[unit.lo] and unit.index > 0):
        return None
    prev = walk.units[unit.index - 1]
    said = cl.said_before(walk.toks, prev, walk.mask, walk.out, True)
    if said is None:
        return None
    return (said,), walk.resolver.resolve(said.start, said.end, unit.start)


def colon_label(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A phrase, then a colon right before the quotation: the phrase speaks.

    Example: Ein Hauptkommissar nach der Festnahme: „Wir haben den Mann schon lange beobachtet.“
    """
    label = cl.label(walk.toks, unit.lo, unit.hi, walk.mask)
    if label is None:
        return None
    return (label,), walk.resolver.resolve(label.start, label.end)


def ranked(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A quotation with no cue: the trained ranker picks among the last speaker, the latest
    subjects, the unit's phrases and no one (none when the model is missing or switched off).

    Example: „Das ist ein guter Tag für die Stadt“, sagte Bürgermeister Peter Kurz. „Wir haben lange
    darauf gewartet.“
    """
    return rank(walk, unit, "direct")


def last_speaker(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A short unit that is mostly a quotation, within ``carry`` units of the last speaker: the
    last speaker goes on (pointed at the latest mention). Reached without the ranker only.

    Example: „Das ist ein guter Tag für die Stadt“, sagte Bürgermeister Peter Kurz. „Wir haben lange
    darauf gewartet.“
    """
    last = walk.last
    if unit.words > 6 or last is None or not walk.recent(unit, walk.options.carry):
        return None
    walk.carry_latest(unit)
    return last.speaker, last.resolved


def last_subject(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A short unit that is mostly a quotation, with no recent speaker: the subject of a sentence
    shortly before (within 400 characters). Reached without the ranker only.

    Example: Kommandant Müller war mit dem Boot „Florian“ im Einsatz. „Es brannte lichterloh, überall war
    Rauch.“
    """
    if unit.words > 6:
        return None
    subj = walk.resolver.last_subject(unit.start)
    if subj is None or unit.start - subj[1] >= 400:
        return None
    return (Span(*subj),), walk.resolver.resolve(*subj)


def sentence_subject(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """A quotation embedded in a sentence with no cue: the sentence's first phrase. Reached
    without the ranker only.

    Example: Trump nannte das Treffen mit Kim „einen großen Erfolg für die ganze Welt“ und reiste ab.
    """
    sub = cl.sentence_subject(walk.toks, unit.lo, unit.hi, walk.mask)
    if sub is None:
        return None
    return (sub,), walk.resolver.resolve(sub.start, sub.end)


def no_speaker_found(walk: Walk, unit: Unit, framed: Speaker) -> Speaker | None:
    """Nothing names a speaker: the quotation has none (with the ranker, ``ranked`` may also
    choose no one).

    Example: „Wir kommen wieder, ganz bestimmt und sehr bald.“
    """
    return no_speaker()


#: The speaker of a direct quote: the first of these that finds one.
DIRECT_SPEAKERS: tuple[DirectSpeaker, ...] = (
    in_frame,
    said_before,
    colon_label,
    ranked,
    last_speaker,
    last_subject,
    sentence_subject,
    no_speaker_found,
)


def choose(walk: Walk, unit: Unit, framed: Speaker) -> tuple[str, Speaker]:
    """The first of ``DIRECT_SPEAKERS`` that finds a speaker, by name, and the speaker."""
    for strategy in DIRECT_SPEAKERS:
        found = strategy(walk, unit, framed)
        if found is not None:
            return strategy.__name__, found
    raise AssertionError("no_speaker_found always finds")  # pragma: no cover
