"""How a unit becomes quotes and who their speaker is: an ordered table of named strategies.

Each strategy handles one construction (its docstring names it and gives an example that the tests run
through the quote stage). The extractor tries them in the order of ``STRATEGIES``, one unit at a time;
the first that decides the unit wins:

- ``FRAMED``: an interview answer, "Dies sagte X.", or a unit with a cue frame or a quotation (whose
  direct quote takes its speaker from the first of ``DIRECT_SPEAKERS`` that finds one);
- ``UNCUED``, only for a unit with no frame and at least three words outside quotation marks: a
  Konjunktiv clause after an ordinary verb, a continuation of the last speaker, a subject that
  claims, "soll" hearsay. Before them the carried-over speaker is pointed at its latest mention.

Why a carried-over speaker: German news reports long statements as a cue sentence followed by
sentences in Konjunktiv I with no cue at all ("Pjöngjang erwarte aber Sicherheitsgarantien."); their
speaker is the last one named. A continuation is only accepted within ``carry`` units of the last
quote, and consecutive continuations are merged into one quote, as the annotators did.

Why the sentence before matters: a sentence with no quote of its own whose subject speaks ("Die Armee
hingegen sprach von einem Unfall.") introduces the Konjunktiv or the quotation that follows it, so its
subject, not an older speaker, is carried on. And the subject of a passive cue ("X wurde aufgefordert,
…", "Ihm wird vorgeworfen, …") is who was spoken to, never the speaker.

A strategy changes the walk only through ``walk.out``, ``walk.last``, ``walk.cont`` and the resolver
(every ``resolve`` is remembered for later pronouns), so the order here is the whole decision.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model import Quote
from . import clauses as cl
from . import frames as fr
from .candidates import rank
from .context import Last, Unit, Walk
from .direct_speakers import choose, direct_parts, frame_speaker
from .speakers import Resolved

#: A strategy: True when it decided the unit (it then has made its quotes).
Strategy = Callable[[Walk, Unit], bool]


def interview(walk: Walk, unit: Unit) -> bool:
    """A paragraph "Name: answer" in an interview (a label whose last word labels two paragraphs):
    the answer is a direct quote of the name.

    Example: Robert Kelly: Wir haben die Daten geprüft und nichts gefunden.

    Kelly: Die Vorwürfe sind aus unserer Sicht haltlos.
    """
    if unit.interview is None:
        return False
    speaker, message = unit.interview
    res = walk.resolver.resolve(speaker.start, speaker.end)
    walk.out.append(
        walk.chose(Quote("direct", (message,), (), (speaker,), res.entity_id, res.name), "interview")
    )
    walk.last = Last((speaker,), res, unit.index)
    walk.skip_until = message.end
    return True


def anaphoric_cue(walk: Walk, unit: Unit) -> bool:
    """A cue sentence whose message is the sentence before ("Dies teilte X mit."); a cue-less guess
    already made for that sentence gives way to it.

    Example: Die Brücke bleibt bis zum Ende des Monats gesperrt. Dies teilte der Bürgermeister am
    Montag mit.
    """
    if unit.frame is not None or unit.index == 0 or walk.english or unit.quoted:
        return False
    prev = walk.units[unit.index - 1]
    anaphor = cl.anaphoric(walk.toks, prev, unit.lo, unit.hi, walk.mask, walk.resolver, walk.out)
    if anaphor is None:
        return False
    walk.out.append(walk.chose(anaphor, "anaphoric_cue"))
    if anaphor.speaker:
        resolved = Resolved(anaphor.speaker_name, anaphor.speaker_entity_id)
        walk.last = Last(anaphor.speaker, resolved, unit.index)
    return True


def cue_frame(walk: Walk, unit: Unit) -> bool:
    """A unit with a cue frame ("X sagte, …", "…, sagte X", "laut X …") or a quotation: the
    quotation is a direct quote (speaker: ``DIRECT_SPEAKERS``), the frame's message an indirect
    quote of the frame's speaker (the trained ranker may pick another phrase of the unit; the subject
    of a passive cue is dropped). Decides the unit when it made a quote.

    Example: Der Minister sagte, die Lage an der Grenze sei ruhig.
    """
    frame = unit.frame
    framed = frame_speaker(walk, unit)
    cue = tuple(walk.span(a, b) for a, b in (frame.cue if frame else []) if b > a)
    emitted: list[Quote] = []
    parts = direct_parts(walk, unit)
    if parts:
        name, (speaker, res) = choose(walk, unit, framed)
        quote = Quote("direct", tuple(parts), cue, speaker, res.entity_id, res.name)
        emitted.append(walk.chose(quote, name))
    if frame is not None and frame.message:
        msg = cl.message_spans(walk.toks, frame.message, walk.mask)
        msg_words = sum(
            1
            for k in range(unit.lo, unit.hi)
            if any(a <= k < b for a, b in frame.message)
            and not walk.mask[k]
            and walk.toks[k].text[:1].isalnum()
        )
        if msg and msg_words >= 3:
            if parts and not walk.options.nested_direct:
                emitted = []
            speaker, res = framed
            quote = Quote("indirect", tuple(msg), cue, speaker, res.entity_id, res.name)
            emitted.append(walk.chose(quote, "cue_frame"))
    if not emitted:
        return False
    walk.out.extend(emitted)
    best = next((q for q in emitted if q.speaker), None)
    if best is not None and best.speaker[0].text(walk.text).lower() == "demnach":
        best = None  # "Demnach" names no one a later sentence could go on quoting
    if best is not None:
        walk.last = Last(best.speaker, Resolved(best.speaker_name, best.speaker_entity_id), unit.index)
    elif walk.last is not None:
        walk.last.unit = unit.index
    return True


def implicit_frame(walk: Walk, unit: Unit) -> bool:
    """A main clause with any verb, then a clause in Konjunktiv I: the clause is indirect speech of
    the main clause's subject.

    Example: Die Schweiz hatte ihren Rückzug damit verteidigt, dass das Projekt keine Chance habe.
    """
    if not (unit.konjunktiv and walk.options.implicit_frames):
        return False
    found = cl.implicit(walk.toks, unit.lo, unit.hi, walk.mask)
    if found is None:
        return False
    speaker, m_start = found
    res = walk.resolver.resolve(speaker.start, speaker.end, unit.start)
    message = walk.span(m_start, unit.hi)
    quote = Quote("indirect", (message,), (), (speaker,), res.entity_id, res.name)
    walk.out.append(walk.chose(quote, "implicit_frame"))
    walk.last = Last((speaker,), res, unit.index)
    return True


def indicative_frame(walk: Walk, unit: Unit) -> bool:
    """A main clause in plain indicative ("erzählte", "ist der Meinung"), then a complement clause
    in Konjunktiv: the main clause is the narrator's, the whole unit reports its subject.

    Example: Ein Augenzeuge erzählte der Agentur Reuters, Anhänger der Regierung hätten die
    Demonstranten angegriffen.
    """
    if not (unit.konjunktiv and walk.options.implicit_frames):
        return False
    own = cl.own_subject(walk.toks, unit.lo, unit.hi, walk.mask)
    if own is None:
        return False
    res = walk.resolver.resolve(own.start, own.end, unit.start)
    quote = Quote("indirect", (unit.whole,), (), (own,), res.entity_id, res.name)
    walk.out.append(walk.chose(quote, "indicative_frame"))
    walk.last = Last((own,), res, unit.index)
    return True


def continuation(walk: Walk, unit: Unit) -> bool:
    """A Konjunktiv sentence without a cue within ``carry`` units of the last speaker (or right after
    a sentence whose subject speaks, "Die Armee sprach von …"): that speaker goes on; consecutive
    continuations of one speaker grow into one quote.

    Example: Der Bürgermeister sagte, die Brücke sei sicher. Eine Sperrung sei deshalb nicht nötig.
    """
    if not unit.konjunktiv:
        return False
    recent = walk.recent(unit, walk.options.carry)
    if walk.options.speech_subject and unit.index > 0:
        prev = walk.units[unit.index - 1]
        said = cl.said_before(walk.toks, prev, walk.mask, walk.out)
        if said is not None:
            if walk.last is None or walk.last.speaker[0] != said:
                res = walk.resolver.resolve(said.start, said.end, walk.toks[prev[0]].start)
                walk.last, walk.cont = Last((said,), res, unit.index - 1), None
            recent = True
    last = walk.last
    if not recent or last is None:
        return False
    ranked = rank(walk, unit, "cont")
    if ranked is not None and ranked[0] != last.speaker and ranked[0]:
        last = walk.last = Last(ranked[0], ranked[1], unit.index)
    speaker, res = ranked if ranked is not None else (last.speaker, last.resolved)
    cont = walk.cont
    if cont is not None and cont.speaker == speaker:
        merged = Quote(
            cont.kind,
            (*cont.message, unit.whole),
            (),
            cont.speaker,
            cont.speaker_entity_id,
            cont.speaker_name,
        )
        walk.out[walk.out.index(cont)] = walk.chose(merged, "continuation")
        if walk.tracer is not None:
            walk.tracer.replaced(cont, merged)
        walk.cont = merged
    else:
        walk.cont = Quote("indirect", (unit.whole,), (), speaker, res.entity_id, res.name)
        walk.out.append(walk.chose(walk.cont, "continuation"))
    last.unit = unit.index
    return True


def reported_subject(walk: Walk, unit: Unit) -> bool:
    """A subject with a verb of claiming ("fordert", "kritisiert", "warnt", "hat … gefordert"): the
    whole sentence is reported speech of the subject.

    Example: Die Gewerkschaft fordert eine deutliche Erhöhung der Löhne für alle Beschäftigten.
    """
    found = cl.reported(walk.toks, unit.lo, unit.hi, walk.mask) if walk.options.reported else None
    if found is None:
        return False
    speaker = walk.span(*found)
    res = walk.resolver.resolve(speaker.start, speaker.end)
    quote = Quote("reported", (unit.whole,), (), (speaker,), res.entity_id, res.name)
    walk.out.append(walk.chose(quote, "reported_subject"))
    walk.last = Last((speaker,), res, unit.index)
    return True


def hearsay(walk: Walk, unit: Unit) -> bool:
    """A "soll/sollen" sentence right after a speaker (``hearsay_carry`` units): reported speech of
    that speaker, or of the phrase the ranker prefers.

    Example: Die Polizei berichtete von einem Unfall auf der Autobahn. Der Fahrer soll zu schnell
    gefahren sein.
    """
    o = walk.options
    near = walk.recent(unit, o.hearsay_carry)
    if not (
        o.hearsay
        and fr.has_hearsay(walk.toks, unit.lo, unit.hi, walk.mask)
        and (near or not o.hearsay_needs_speaker)
    ):
        return False
    last = walk.last
    speaker = last.speaker if near and last is not None else ()
    res = last.resolved if near and last is not None else Resolved(None, None)
    if near and (ranked := rank(walk, unit, "hearsay")):
        speaker, res = ranked
    quote = Quote("reported", (unit.whole,), (), speaker, res.entity_id, res.name)
    walk.out.append(walk.chose(quote, "hearsay"))
    return True


#: Strategies for every unit, in order.
FRAMED: tuple[Strategy, ...] = (interview, anaphoric_cue, cue_frame)
#: Strategies for a unit with no cue frame and at least three words outside quotation marks.
UNCUED: tuple[Strategy, ...] = (implicit_frame, indicative_frame, continuation, reported_subject, hearsay)
STRATEGIES: tuple[Strategy, ...] = FRAMED + UNCUED


def decide(walk: Walk, unit: Unit) -> None:
    """Run the strategies on one unit; any but a continuation ends the running continuation."""
    decided = next((s for s in FRAMED if s(walk, unit)), None)
    if decided is None and unit.frame is None and unit.words >= 3:
        if walk.recent(unit, walk.options.carry):
            walk.carry_latest(unit)  # every uncued strategy reads the last speaker at its latest mention
        decided = next((s for s in UNCUED if s(walk, unit)), None)
    if decided is not continuation:
        walk.cont = None
