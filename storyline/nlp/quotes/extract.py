"""From tokens and sentences to Quotes: direct, indirect, reported and continued speech, with speakers.

Why "units" and not sentences: a sentencizer splits inside quotations ("„Das ist gut. Wir kommen.“, |
sagte er.") but a quote and its frame belong together. So sentences bridged by a quotation, or followed
by a sentence that starts lowercase ("sagte er."), are merged into one unit first; every rule then
works on units.

Why a carried-over speaker: German news reports long statements as a cue sentence followed by
sentences in Konjunktiv I with no cue at all ("Pjöngjang erwarte aber Sicherheitsgarantien."); their
speaker is the last one named. A continuation is only accepted within ``carry`` units of the last
quote, and consecutive continuations are merged into one quote, as the annotators did.

Why the sentence before matters: a sentence with no quote of its own whose subject speaks ("Die Armee
hingegen sprach von einem Unfall.") introduces the Konjunktiv or the quotation that follows it, so its
subject, not an older speaker, is carried on. And the subject of a passive cue ("X wurde aufgefordert,
…", "Ihm wird vorgeworfen, …") is who was spoken to, never the speaker.

Why a trained ranker on top (``ranker.py``): where a speaker must be chosen among several phrases (a
direct quote without a cue; the speaker of a cue frame, where the rules' phrase is one candidate
among the unit's other phrases), a small linear model trained on the train split picks it; the rules
decide the rest (continuations and "soll" hearsay, where the ranker did not beat them) and all of it
when the model file is missing or ``quotes.speaker_ranker`` is off.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Mention, Quote, QuoteKind, Span
from . import frames as fr
from . import lexicon as lx
from . import ranker as rk
from .direct import Quoted, find_quoted
from .speakers import Resolved, Resolver, Tok, lowercase_words, noun_phrase, trim
from .subjects import PASSIVE, clause_end, first_phrase, skip_adverbial, speaker_after

# possessive word runs ("*+"): nested quantifiers over the same characters backtracked without
# end on a long run such as "Wort-Wort-Wort-…" (50,000 characters took minutes)
_INTERVIEW = re.compile(r"(?::+\s*)?((?:[A-ZÄÖÜ][\w.\-]{0,60}+\s?){1,4}):\s")


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
class _Last:
    speaker: tuple[Span, ...]
    resolved: Resolved
    unit: int


class Extractor:
    """Callable: ``extractor(text, tokens, sentences, paragraphs, mentions, language) -> [Quote]``."""

    def __init__(self, options: Options | None = None):
        self.o = options or Options()
        self.ranker = rk.load() if self.o.speaker_ranker else None
        self.via: dict[int, str] | None = None  # diagnostics: id(quote) → how its speaker was chosen
        # training (training/quotes/train_ranker.py): the ranker's decisions as (quote, features,
        # candidates) while the rules choose; None when not collecting
        self.collect: list[tuple[Quote, list[list[float]], list[rk.Candidate]]] | None = None
        self._pending: tuple[list[list[float]], list[rk.Candidate]] | None = None

    def _tag(self, q: Quote, via: str) -> Quote:
        if self.via is not None:
            self.via[id(q)] = via
        if self.collect is not None and self._pending is not None:
            self.collect.append((q, *self._pending))
            self._pending = None
        return q

    def _rank(
        self,
        kind: str,
        text: str,
        toks: Sequence[Tok],
        lo: int,
        hi: int,
        mask: Sequence[bool],
        u: int,
        unmasked_words: int,
        last: _Last | None,
        resolver: Resolver,
        frame: fr.Frame | None = None,
        rule: tuple[Span, ...] = (),
    ) -> tuple[tuple[Span, ...], Resolved] | None:
        """The ranker's speaker for a quote without a cue; None leaves the choice to the rules."""
        if self.collect is None and (self.ranker is None or kind not in self.ranker.kinds):
            return None
        unit_start = toks[lo].start
        cands: list[rk.Candidate] = []
        seen: set[tuple[int, int] | None] = set()

        def add(source: str, span: tuple[int, int] | None, back: int = 0) -> None:
            if span not in seen:
                seen.add(span)
                cands.append(rk.Candidate(source, span, back))

        last_text = None
        if frame is not None and rule:
            add("rule", (rule[0].start, rule[0].end))
        if frame is None and last is not None and u - last.unit <= 4:
            sp = _latest(text, last.speaker, unit_start, last.resolved.name)
            if len(sp) == 1:
                add("last", (sp[0].start, sp[0].end), u - last.unit)
                last_text = sp[0].text(text)
        subs = [s for s in resolver.subjects[-3:] if s[1] <= unit_start][-2:] if frame is None else []
        for name, sub in zip(("subj1", "subj2"), reversed(subs), strict=False):
            if unit_start - sub[1] < 1500:
                add(name, sub, 1 if name == "subj1" else 2)
        end = next((k for k in range(lo, hi) if mask[k]), hi)
        found = first_phrase(toks, lo, end)
        if found is not None:
            a, b = trim(toks, *found)
            if b > a:
                add("first", (toks[a].start, toks[b - 1].end))
        sub_sp = self._sentence_subject(toks, lo, hi, mask)
        if sub_sp is not None:
            add("sent", (sub_sp.start, sub_sp.end))
        pron = next((k for k in range(lo, hi) if not mask[k] and toks[k].lower in lx.PERSON_PRONOUNS), None)
        if pron is not None:
            add("pron", (toks[pron].start, toks[pron].end))
        # every other phrase of the unit outside quotation marks ("sprach der Präsident von „…“")
        k, n_np = lo, 0
        while k < hi and n_np < (6 if frame is None else 8):
            if (
                mask[k]
                or toks[k].lower in lx.PRONOUNS
                or (toks[k].text in lx.NON_NAMES and toks[k].lower not in lx.DETERMINERS)
            ):
                k += 1
                continue
            e = noun_phrase(toks, k, hi)
            if e > k and not any(mask[k:e]):
                add("np", (toks[k].start, toks[e - 1].end))
                n_np += 1
                k = e
            else:
                k += 1
        add("none", None)
        speakers = resolver.surnames
        lower = lowercase_words()
        quote_start = toks[end].start if end < hi else toks[hi - 1].end
        cue = msg = None
        if frame is not None:
            cue = [(toks[a].start, toks[b - 1].end) for a, b in frame.cue if b > a]
            msg = [(toks[a].start, toks[b - 1].end) for a, b in frame.message if b > a]
        passive = any(not mask[k] and toks[k].lower in PASSIVE for k in range(lo, hi))
        rule_empty = frame is not None and not rule
        xs = [
            rk.features(
                c,
                kind,
                text,
                unit_start,
                quote_start,
                unmasked_words,
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
        if self.collect is not None:
            self._pending = (xs, cands)
            return None
        assert self.ranker is not None
        best = cands[self.ranker.best(kind, xs)]
        if best.span is None:
            return (), Resolved(None, None)
        span = Span(*best.span)
        if best.source == "last" and last is not None:
            return (span,), last.resolved
        if best.source == "rule":
            return rule, resolver.history[-1][1] if resolver.history else Resolved(None, None)
        return (span,), resolver.resolve(span.start, span.end, unit_start)

    # ---------------------------------------------------------------- units
    @staticmethod
    def units(
        toks: Sequence[Tok], sentences: Sequence[Span], quoted: Sequence[Quoted]
    ) -> list[tuple[int, int]]:
        starts = [t.start for t in toks]
        ranges = []
        for s in sentences:
            lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            if hi > lo:
                ranges.append((lo, hi))
        q_bounds = [(bisect_left(starts, q.start), bisect_left(starts, q.end)) for q in quoted]
        # the sentencizer glues an opening quotation mark to the sentence before it: cut there
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
        ranges = resplit
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

    # ---------------------------------------------------------------- main
    def __call__(
        self,
        text: str,
        toks: Sequence[Tok],
        sentences: Sequence[Span],
        paragraphs: Sequence[Span],
        mentions: Sequence[Mention] = (),
        language: str | None = None,
    ) -> list[Quote]:
        if not toks or not text.strip():
            return []
        english = (language or "").startswith("en")
        paras = [(p.start, p.end) for p in paragraphs] or [(0, len(text))]
        quoted = find_quoted(text, paras)
        starts = [t.start for t in toks]
        mask = [False] * len(toks)
        for q in quoted:
            for a, b in q.parts:
                for k in range(bisect_left(starts, a), bisect_left(starts, b)):
                    mask[k] = True
        resolver = Resolver(text, mentions)
        out: list[Quote] = []
        last: _Last | None = None
        cont: Quote | None = None  # the running continuation quote (extended while it goes on)
        interview_paras = self._interviews(text, paras) if self.o.interviews else {}
        skip_until = -1
        units = self.units(toks, sentences or [Span(0, len(text))], quoted)
        for u, (lo, hi) in enumerate(units):
            unit_start = toks[lo].start
            if unit_start < skip_until:
                continue
            if unit_start in interview_paras:
                speaker_span, msg_span = interview_paras[unit_start]
                res = resolver.resolve(speaker_span.start, speaker_span.end)
                out.append(
                    self._tag(
                        Quote("direct", (msg_span,), (), (speaker_span,), res.entity_id, res.name),
                        "interview",
                    )
                )
                last, cont = _Last((speaker_span,), res, u), None
                skip_until = msg_span.end
                continue
            in_unit = [q for q in quoted if unit_start <= q.start < toks[hi - 1].end]
            if u > 0:
                self._note_subject(resolver, toks, *units[u - 1], mask)
            frame = fr.find_frame(toks, lo, hi, mask, english)
            if frame is None and u > 0 and not english and not in_unit:
                anaphor = self._anaphoric(toks, units[u - 1], lo, hi, mask, resolver, out)
                if anaphor is not None:
                    out.append(self._tag(anaphor, "anaphor"))
                    if anaphor.speaker:
                        last = _Last(
                            anaphor.speaker, Resolved(anaphor.speaker_name, anaphor.speaker_entity_id), u
                        )
                    cont = None
                    continue
            emitted: list[Quote] = []
            speaker_sp: tuple[Span, ...] = ()
            resolved = Resolved(None, None)
            if frame is not None and frame.speaker is not None:
                a, b = trim(toks, *frame.speaker)
                # never a speaker opening with a conjunction or a verb
                if b > a and _speaker_start(toks[a]):
                    speaker_sp = (Span(toks[a].start, toks[b - 1].end),)
                    resolved = resolver.resolve(speaker_sp[0].start, speaker_sp[0].end, unit_start)
            cue_sp = tuple(
                Span(toks[a].start, toks[b - 1].end) for a, b in (frame.cue if frame else []) if b > a
            )
            unmasked_words = sum(1 for k in range(lo, hi) if not mask[k] and toks[k].text[:1].isalnum())
            self._pending = None
            if (
                frame is not None
                and (
                    ranked := self._rank(
                        "frame_" + frame.shape,
                        text,
                        toks,
                        lo,
                        hi,
                        mask,
                        u,
                        unmasked_words,
                        last,
                        resolver,
                        frame,
                        speaker_sp,
                    )
                )
                is not None
                and ranked[0] != speaker_sp
            ):
                speaker_sp, resolved = ranked
            if (
                self.o.passive_frames
                and frame is not None
                and speaker_sp
                and _passive_cue(toks, lo, frame, mask)
                and text[speaker_sp[0].start : speaker_sp[0].end].split()[0].lower() not in _AGENT_PREPS
            ):
                # "X wurde aufgefordert, …", "Ihm wird vorgeworfen, …": the subject of a passive cue
                # is who was spoken to; the speaker is unnamed (or a "von" phrase)
                speaker_sp, resolved = (), Resolved(None, None)
            # --- direct quotes
            direct_parts: list[Span] = []
            for q in in_unit:
                words = len(re.findall(r"\w+", text[q.start : q.end]))
                # the quote fills its unit, or is all of its frame's message ("X sagte: „…“")
                covers_unit = unmasked_words <= 3 or words >= unmasked_words
                framed = frame is not None and any(
                    toks[a].start >= q.start - 2 and toks[a].start <= q.start and toks[b - 1].end <= q.end + 2
                    for a, b in frame.message
                    if b > a
                )
                # a quoted fragment inside a frame's message is the speaker's own words ("erklärte, ein
                # solcher Dialog sei eine „innere Angelegenheit“ Chinas"), unless it looks like a name
                inside = frame is not None and any(
                    toks[a].start <= q.start and q.end <= toks[b - 1].end + 2
                    for a, b in frame.message
                    if b > a
                )
                labelled = False
                if words < self.o.min_direct_words and not covers_unit and not framed and not inside:
                    labelled = frame is None and self._labelling(toks, lo, hi, mask, bisect_left(starts, q.start))
                    if not labelled:
                        continue
                if not covers_unit and not labelled and _looks_like_title(
                    text[q.start : q.end], strict=frame is not None or inside
                ):
                    continue
                direct_parts.extend(Span(a, b) for a, b in q.parts)
            if direct_parts:
                if speaker_sp or frame is not None:
                    emitted.append(
                        self._tag(
                            Quote(
                                "direct",
                                tuple(direct_parts),
                                cue_sp,
                                speaker_sp,
                                resolved.entity_id,
                                resolved.name,
                            ),
                            "d_frame",
                        )
                    )
                elif (
                    self.o.speech_subject
                    and unmasked_words <= 3
                    and mask[lo]
                    and u > 0
                    and (said := self._said_before(toks, units[u - 1], mask, out, True)) is not None
                ):
                    # "Der Minister kritisierte die Entscheidung. „…“": the quote goes on with the
                    # sentence before it, whose subject speaks
                    res = resolver.resolve(said.start, said.end, unit_start)
                    emitted.append(
                        self._tag(
                            Quote("direct", tuple(direct_parts), (), (said,), res.entity_id, res.name),
                            "d_said",
                        )
                    )
                elif (label := self._label(toks, lo, hi, mask)) is not None:
                    # "Ein Hauptkommissar nach der Festnahme: „…“"
                    res = resolver.resolve(label.start, label.end)
                    emitted.append(
                        self._tag(
                            Quote("direct", tuple(direct_parts), (), (label,), res.entity_id, res.name),
                            "d_label",
                        )
                    )
                elif (
                    ranked := self._rank(
                        "direct", text, toks, lo, hi, mask, u, unmasked_words, last, resolver
                    )
                ) is not None:
                    emitted.append(
                        self._tag(
                            Quote(
                                "direct",
                                tuple(direct_parts),
                                (),
                                ranked[0],
                                ranked[1].entity_id,
                                ranked[1].name,
                            ),
                            "d_rank",
                        )
                    )
                elif unmasked_words <= 6 and last is not None and u - last.unit <= self.o.carry:
                    last.speaker = _latest(text, last.speaker, unit_start, last.resolved.name)
                    emitted.append(
                        self._tag(
                            Quote(
                                "direct",
                                tuple(direct_parts),
                                (),
                                last.speaker,
                                last.resolved.entity_id,
                                last.resolved.name,
                            ),
                            "d_last",
                        )
                    )
                elif (
                    unmasked_words <= 6
                    and (subj := resolver.last_subject(unit_start)) is not None
                    and unit_start - subj[1] < 400
                ):
                    res = resolver.resolve(*subj)
                    emitted.append(
                        self._tag(
                            Quote("direct", tuple(direct_parts), (), (Span(*subj),), res.entity_id, res.name),
                            "d_subj",
                        )
                    )
                else:
                    sub = self._sentence_subject(toks, lo, hi, mask)
                    if sub is not None:
                        speaker_sp = (sub,)
                        resolved = resolver.resolve(sub.start, sub.end)
                    emitted.append(
                        self._tag(
                            Quote(
                                "direct",
                                tuple(direct_parts),
                                (),
                                speaker_sp,
                                resolved.entity_id,
                                resolved.name,
                            ),
                            "d_sent" if speaker_sp else "d_none",
                        )
                    )
            # --- indirect speech in the frame's message (may contain the direct quote)
            if frame is not None and frame.message:
                msg = self._message_spans(toks, frame.message, mask)
                msg_words = sum(
                    1
                    for k in range(lo, hi)
                    if any(a <= k < b for a, b in frame.message)
                    and not mask[k]
                    and toks[k].text[:1].isalnum()
                )
                if msg and msg_words >= 3:
                    kind: QuoteKind = "indirect"
                    if direct_parts and not self.o.nested_direct:
                        emitted = []
                    emitted.append(
                        self._tag(
                            Quote(kind, tuple(msg), cue_sp, speaker_sp, resolved.entity_id, resolved.name),
                            "i_frame_" + frame.shape,
                        )
                    )
            if emitted:
                out.extend(emitted)
                best = next((q for q in emitted if q.speaker), None)
                if best is not None and best.speaker[0].text(text).lower() == "demnach":
                    best = None  # "Demnach" names no one a later sentence could go on quoting
                if best is not None:
                    last = _Last(best.speaker, Resolved(best.speaker_name, best.speaker_entity_id), u)
                elif last is not None:
                    last.unit = u
                cont = None
                continue
            # --- continuation and hearsay (no frame of its own)
            if frame is None and unmasked_words >= 3:
                whole = Span(toks[lo].start, toks[hi - 1].end)
                recent = last is not None and u - last.unit <= self.o.carry
                if recent and last is not None:
                    last.speaker = _latest(text, last.speaker, unit_start, last.resolved.name)
                konj = fr.has_konjunktiv(toks, lo, hi, mask)
                implicit = self._implicit(toks, lo, hi, mask) if konj and self.o.implicit_frames else None
                if implicit is not None:
                    # "Die Schweiz hatte ihre Aufgabe damit begründet, dass … keine Chance habe": any
                    # verb whose clause in Konjunktiv follows frames it, its subject is the speaker
                    sp_span, m_start = implicit
                    rs = resolver.resolve(sp_span.start, sp_span.end, unit_start)
                    out.append(
                        self._tag(
                            Quote(
                                "indirect",
                                (Span(toks[m_start].start, toks[hi - 1].end),),
                                (),
                                (sp_span,),
                                rs.entity_id,
                                rs.name,
                            ),
                            "i_implicit",
                        )
                    )
                    last, cont = _Last((sp_span,), rs, u), None
                    continue
                own = self._own_subject(toks, lo, hi, mask) if konj and self.o.implicit_frames else None
                if own is not None:
                    # "Ein Augenzeuge erzählte Reuters, Anhänger … hätten …": the main clause is the
                    # narrator's (indicative), so the Konjunktiv below it reports its own subject
                    rs = resolver.resolve(own.start, own.end, unit_start)
                    out.append(
                        self._tag(Quote("indirect", (whole,), (), (own,), rs.entity_id, rs.name), "own")
                    )
                    last, cont = _Last((own,), rs, u), None
                    continue
                if konj and self.o.speech_subject and u > 0:
                    # "Die Armee sprach von einem Unfall. Der Hubschrauber sei abgestürzt.": a sentence
                    # without a quote of its own whose subject speaks (a verb of saying or claiming)
                    # introduces the Konjunktiv that follows; its subject, not an older speaker, goes on
                    said = self._said_before(toks, units[u - 1], mask, out)
                    if said is not None:
                        if last is None or last.speaker[0] != said:
                            rs = resolver.resolve(said.start, said.end, toks[units[u - 1][0]].start)
                            last, cont = _Last((said,), rs, u - 1), None
                        recent = True
                if konj and recent and last is not None:
                    ranked = self._rank("cont", text, toks, lo, hi, mask, u, unmasked_words, last, resolver)
                    if ranked is not None and ranked[0] != last.speaker and ranked[0]:
                        last = _Last(ranked[0], ranked[1], u)
                    c_speaker, c_res = ranked if ranked is not None else (last.speaker, last.resolved)
                    if cont is not None and cont.speaker == c_speaker:
                        merged = Quote(
                            cont.kind,
                            (*cont.message, whole),
                            (),
                            cont.speaker,
                            cont.speaker_entity_id,
                            cont.speaker_name,
                        )
                        out[out.index(cont)] = self._tag(merged, "cont")
                        if self.collect is not None:
                            self.collect[:] = [(merged if q is cont else q, x, c) for q, x, c in self.collect]
                        cont = merged
                    else:
                        cont = Quote("indirect", (whole,), (), c_speaker, c_res.entity_id, c_res.name)
                        out.append(self._tag(cont, "cont"))
                    last.unit = u
                    continue
                rep = self._reported(toks, lo, hi, mask) if self.o.reported else None
                if rep is not None:
                    sp_span = Span(toks[rep[0]].start, toks[rep[1] - 1].end)
                    rs = resolver.resolve(sp_span.start, sp_span.end)
                    out.append(
                        self._tag(Quote("reported", (whole,), (), (sp_span,), rs.entity_id, rs.name), "rep")
                    )
                    last, cont = _Last((sp_span,), rs, u), None
                    continue
                near = last is not None and u - last.unit <= self.o.hearsay_carry
                if (
                    self.o.hearsay
                    and fr.has_hearsay(toks, lo, hi, mask)
                    and (near or not self.o.hearsay_needs_speaker)
                ):
                    sp = last.speaker if near and last is not None else ()
                    rs = last.resolved if near and last is not None else Resolved(None, None)
                    if near and (
                        ranked := self._rank(
                            "hearsay", text, toks, lo, hi, mask, u, unmasked_words, last, resolver
                        )
                    ):
                        sp, rs = ranked
                    out.append(
                        self._tag(Quote("reported", (whole,), (), sp, rs.entity_id, rs.name), "hearsay")
                    )
            cont = None
        return [q for q in out if _valid(q, len(text))]

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _anaphoric(
        toks: Sequence[Tok],
        prev: tuple[int, int],
        lo: int,
        hi: int,
        mask: Sequence[bool],
        resolver: Resolver,
        out: list[Quote],
    ) -> Quote | None:
        """ "… Dies teilte der Ministerpräsident mit.": the sentence before is the message. A quote
        already found there with a cue of its own is kept; one without a cue (a continuation or
        hearsay guess) gives way to the explicit attribution."""
        frame = fr.anaphoric_frame(toks, lo, hi, mask)
        if frame is None or frame.speaker is None:
            return None
        plo, phi = prev
        if phi - plo < 4 or any(mask[plo:phi]):
            return None
        message = Span(toks[plo].start, toks[phi - 1].end)
        for q in list(out):
            if any(m.start < message.end and message.start < m.end for m in q.message):
                if q.cue:
                    return None
                out.remove(q)
        a, b = trim(toks, *frame.speaker)
        if b <= a:
            return None
        speaker = Span(toks[a].start, toks[b - 1].end)
        res = resolver.resolve(speaker.start, speaker.end, toks[lo].start)
        cue = tuple(Span(toks[x].start, toks[y - 1].end) for x, y in frame.cue if y > x)
        return Quote("indirect", (message,), cue, (speaker,), res.entity_id, res.name)

    @staticmethod
    def _message_spans(
        toks: Sequence[Tok], ranges: Sequence[tuple[int, int]], mask: Sequence[bool]
    ) -> list[Span]:
        spans = []
        for a, b in ranges:
            a, b = trim(toks, a, b)
            # a quotation mark at one end without its partner is not part of the message
            if (
                b > a
                and toks[a].text in "„“\"»«”'‚‘"
                and not any(toks[k].text in "“”\"«»'‘’" for k in range(a + 1, b))
            ):
                a += 1
            if (
                b > a
                and toks[b - 1].text in "“”\"«»'‘’"
                and not any(toks[k].text in "„“\"»«'‚" for k in range(a, b - 1))
            ):
                b -= 1
            if b > a:
                spans.append(Span(toks[a].start, toks[b - 1].end))
        return spans

    @staticmethod
    def _reported(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> tuple[int, int] | None:
        """ "Die SPD fordert …", "Kritiker befürchten …": a subject, then a verb of claiming: the whole
        sentence is reported speech of the subject (annotated "Reported")."""
        j = lo
        if toks[j].lower in ("auch", "zudem", "dagegen", "außerdem", "ebenso"):
            j += 1
        # "Insgesamt spricht die Polizei von …": adverbial, verb, then the subject
        k = skip_adverbial(toks, j, hi, lo)
        if (
            lo < k < hi - 1
            and toks[k].lower in lx.REPORT_VERBS
            and not mask[k]
            and toks[j].lower not in _SUBJECT_PRONOUNS  # "Er will die Quelltexte …": not an adverbial
        ):
            end = noun_phrase(toks, k + 1, hi)
            if end > k + 1 and toks[k + 1].lower not in lx.PRONOUNS and toks[k + 1].lower not in _OBLIQUE:
                return (k + 1, end)  # never a dative: "Im Falle … droht dem 66-Jährigen die Todesstrafe"
        end = noun_phrase(toks, j, hi)
        if end <= j or end >= hi or mask[j] or toks[j].lower in lx.PRONOUNS:
            return None
        if toks[j].text in lx.NON_NAMES and toks[j].lower not in lx.DETERMINERS:
            return None
        verb = toks[end].lower
        if verb in lx.REPORT_VERBS:
            if toks[j].lower in _OBLIQUE:
                # an object in front: "Den Schaden schätzt die Polizei auf …": the subject follows
                after = noun_phrase(toks, end + 1, hi)
                ok = after > end + 1 and toks[end + 1].lower not in _OBLIQUE and toks[end + 1].lower not in lx.PRONOUNS
                return (end + 1, after) if ok else None
            return (j, end)
        if verb in lx.AUXILIARIES and verb.startswith("ha"):
            last = next((t for t in reversed(toks[end:hi]) if t.text[:1].isalpha()), None)
            if last is not None and (last.lower in lx.PARTICIPLES or last.lower in _REPORT_PARTICIPLES):
                return (j, end)
        return None

    @staticmethod
    def _labelling(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], first: int) -> bool:
        """Whether a short quotation is someone's words in "X bezeichnete den Plan als „Wortbruch“",
        "X sprach von einer „vollständigen Zerstörung“": a verb of saying or judging in the unit, and
        the quotation right after "als", "von" or "einen/eine/einer" (its own adjective allowed)."""
        if mask[lo] or not any(not mask[k] and toks[k].lower in _SAYING for k in range(lo, hi)):
            return False
        k = first - 1  # the token before the quotation (``first`` is its first token)
        while k > lo and toks[k].text in "„“\"»«‚'":
            k -= 1
        if k <= lo:
            return False
        if toks[k].lower in _LABEL_BEFORE:
            return True
        return k - 1 > lo and toks[k - 1].lower in _LABEL_BEFORE and not toks[k].cap

    @staticmethod
    def _note_subject(
        resolver: Resolver, toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]
    ) -> None:
        if mask[lo] or toks[lo].text in lx.NON_NAMES or toks[lo].lower in lowercase_words():
            return
        end = noun_phrase(toks, lo, hi, appositions=False)
        if end < hi - 1 and toks[end].text == ":":  # "Europapolitik: Die SPD will …"
            lo = end + 1
            end = noun_phrase(toks, lo, hi, appositions=False)
        if end > lo and toks[lo].lower not in lx.PRONOUNS:
            resolver.note_subject(toks[lo].start, toks[end - 1].end)

    def _implicit(
        self, toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]
    ) -> tuple[Span, int] | None:
        """A main clause "Subject verb …," followed by a clause in Konjunktiv I: (speaker, message start)."""
        if toks[lo].lower in _SUBORDINATORS:
            return None  # a fronted subordinate clause ("Da ihre Mandantin Angst hatte, habe …")
        subject = self._unit_subject(toks, lo, hi, mask)
        if subject is None:
            return None
        first_konj = next((k for k in range(lo, hi) if not mask[k] and toks[k].text in _KONJ_ONE), None)
        if first_konj is None:
            return None
        start = bisect_left([t.start for t in toks[lo:hi]], subject.end) + lo
        for k in range(first_konj - 1, start, -1):
            if toks[k].text in (";", ":", ".") or mask[k]:
                return None
            if toks[k].text == ",":
                nxt = toks[k + 1].lower if k + 1 < hi else ""
                if nxt in _RELATIVE_OR_SUB:
                    continue  # a relative or adverbial clause inside the message
                if any(toks[j].text == "," or toks[j].text in lx.KONJUNKTIV for j in range(start, k)):
                    return None  # more than one main clause before it, or itself reported speech
                m = k + 1
                return (subject, m) if hi - m >= 3 else None
        return None

    def _own_subject(self, toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
        """The subject of "Subject verb …, dass/Konjunktiv …" whose finite verb is plainly indicative
        ("Ein Augenzeuge erzählte Reuters, Anhänger … hätten …", "X ist der Meinung, dass … sei"): the
        main clause is the narrator's, so the complement clause in Konjunktiv reports its subject.
        None when the finite verb may itself be Konjunktiv ("Sein Programm diene …": a continuation of
        the last speaker), for passives, or when no subject opens the unit."""
        subject = self._unit_subject(toks, lo, hi, mask)
        if subject is None or subject.start != toks[lo].start or toks[lo].lower in _NOT_SPEAKERS:
            return None
        finite = bisect_left([t.start for t in toks[lo:hi]], subject.end) + lo
        if finite >= hi - 2 or mask[finite]:
            return None
        verb = toks[finite].lower
        if verb in PASSIVE or verb in lx.KONJUNKTIV or verb in lx.HEARSAY or not _indicative(verb):
            return None
        comma = next((k for k in range(finite + 1, hi) if toks[k].text in (",", ":", ";")), None)
        if comma is None or toks[comma].text != "," or comma + 1 >= hi or mask[comma + 1]:
            return None
        if toks[comma + 1].lower in ("dass", "daß", "ob"):
            if not fr.has_konjunktiv(toks, comma + 1, hi, mask, strong=False):
                return None
        else:
            nxt = clause_end(toks, comma + 1, hi)
            # "…, der …" opens a relative clause, but "…, die Anhänger seien …" a clause of its own
            relative = toks[comma + 1].lower in _RELATIVE_OR_SUB and not (
                toks[comma + 1].lower in lx.DETERMINERS and comma + 2 < hi and toks[comma + 2].cap
            )
            if relative or not fr.has_konjunktiv(toks, comma + 1, nxt, mask):
                return None
        return subject

    def _said_before(
        self,
        toks: Sequence[Tok],
        prev: tuple[int, int],
        mask: Sequence[bool],
        out: Sequence[Quote],
        any_verb: bool = False,
    ) -> Span | None:
        """The speaking subject of the unit ``prev`` when that unit holds no quote of its own."""
        plo, phi = prev
        said = self._speech_subject(toks, plo, phi, mask, any_verb)
        if said is None or _quoted_in(out, toks[plo].start, toks[phi - 1].end):
            return None
        return said

    def _speech_subject(
        self, toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], any_verb: bool = False
    ) -> Span | None:
        """The subject of a main clause whose finite verb is one of saying or claiming ("Die Armee
        hingegen sprach von …", "Gegner des Gesetzes verweisen auf …", "Am Montag warnte X vor …")."""
        if any(mask[lo:hi]) or toks[lo].lower in _SUBORDINATORS:
            return None
        subject = self._unit_subject(toks, lo, hi, mask)
        if subject is None:
            return None
        starts = [t.start for t in toks[lo:hi]]
        if subject.start == toks[lo].start:
            verb = bisect_left(starts, subject.end) + lo
            while verb < hi - 1 and toks[verb].lower in _MID_ADVERBS:
                verb += 1
        else:
            verb = bisect_left(starts, subject.start) + lo - 1
            while verb > lo and toks[verb].lower in _MID_ADVERBS:
                verb -= 1
        if not lo <= verb < hi or (toks[verb].lower not in _SAYING and not any_verb):
            return None
        a = bisect_left(starts, subject.start) + lo
        if toks[a].lower in _NOT_SPEAKERS:
            return None
        return subject

    @staticmethod
    def _unit_subject(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
        """The subject of a plain main clause: its first phrase ("Wowereit bedauerte …"), or after a
        fronted adverbial and the finite verb, the phrase after the verb ("Am Montag bedauerte X …")."""
        if hi - lo < 3 or mask[lo]:
            return None
        first = toks[lo]
        if first.lower in lx.PERSON_PRONOUNS:
            return Span(first.start, first.end)
        if first.lower in lx.DETERMINERS or (
            first.text not in lx.NON_NAMES and first.lower not in lowercase_words()
        ):
            end = noun_phrase(toks, lo, hi)
            if end > lo and end < hi and not any(mask[lo:end]):
                nxt = toks[end]
                if nxt.text[:1].islower() and nxt.alpha and nxt.lower not in lx.PREPOSITIONS:
                    return Span(first.start, toks[end - 1].end)
            return None
        k = skip_adverbial(toks, lo, hi, lo)
        if (
            lo < k < hi - 1
            and toks[k].text[:1].islower()
            and toks[k].alpha
            and not mask[k]
            and toks[k].lower not in lx.DETERMINERS
            and toks[k].lower not in lx.PREPOSITIONS
            and first.lower not in _SUBORDINATORS
        ):
            found = speaker_after(toks, k + 1, hi)
            if found is not None and not any(mask[found[0] : found[1]]):
                a, b = trim(toks, *found)
                if b > a and toks[a].lower not in ("es", "man"):
                    return Span(toks[a].start, toks[b - 1].end)
        return None

    @staticmethod
    def _label(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
        """The speaker of "Name (…): „quote“": a phrase, then a colon right before the quotation."""
        colon = next((k for k in range(lo, hi) if mask[k]), hi) - 1
        if colon <= lo or toks[colon].text != ":" or mask[lo] or colon - lo > 12:
            return None
        end = noun_phrase(toks, lo, colon)
        first = toks[lo]
        if (
            end <= lo
            or first.lower in lx.PRONOUNS
            or (first.text in lx.NON_NAMES and first.lower not in lx.DETERMINERS)
        ):
            return None
        return Span(first.start, toks[end - 1].end)

    @staticmethod
    def _sentence_subject(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
        """A direct quote embedded without a cue ("Trump nannte es „…“"): the unit's first phrase."""
        if mask[lo]:
            return None
        end = noun_phrase(toks, lo, hi)
        first = toks[lo]
        if first.lower in lowercase_words() and first.lower not in lx.DETERMINERS:
            return None  # "Zu …", "Dabei …": a capitalised function word, not a name
        if end > lo and not any(mask[lo:end]) and first.text not in lx.NON_NAMES:
            return Span(first.start, toks[end - 1].end)
        return None

    @staticmethod
    def _interviews(text: str, paras: Sequence[tuple[int, int]]) -> dict[int, tuple[Span, Span]]:
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


_NOT_SPEAKERS = lx.words("es das dies dieses man")
_MID_ADVERBS = lx.words("hingegen dagegen jedoch allerdings aber auch ebenfalls wiederum indes zudem nun")
#: Finite verbs of saying, claiming, warning (a clause in Konjunktiv after such a sentence is its speech).
_SAYING = (
    lx.SPEECH_VERBS
    | lx.REPORT_VERBS
    | lx.STRONG_CUES
    | lx.words(
        "verweisen verwiesen bestreitet bestritt bestreiten streitet stritt wies wiesen weist klagt "
        "klagte klagten klagen mahnt mahnte mahnten appellierte appellierten appelliert plädierte "
        "plädiert plädieren glaubt glaubte glauben glaubten hofft hoffte hoffen hofften fürchtet "
        "fürchtete fürchten befürchtete bezweifelt bezweifelte bezweifeln"
    )
) - lx.words("will wollen sieht sehen erwartet erwarten")
_AGENT_PREPS = lx.words("von vom durch")
_LABEL_BEFORE = lx.words("als von vom einen eine einer einem ein")


def _passive_cue(toks: Sequence[Tok], lo: int, frame: fr.Frame, mask: Sequence[bool]) -> bool:
    """Whether the frame's cue is a participle in a passive clause ("wurde … aufgefordert",
    "wird … vorgeworfen"): a passive auxiliary before it in the same clause, no clause mark between."""
    cues = [(a, b) for a, b in frame.cue if b > a]
    if frame.shape == "prep" or len(cues) != 1 or cues[0][1] - cues[0][0] != 1:
        return False
    c = cues[0][0]
    word = toks[c].lower
    if not word.endswith(("t", "en")) or (not word.startswith("ge") and "ge" not in word[2:5]):
        return False  # not a participle ("gefordert", "vorgeworfen", "aufgefordert")
    for k in range(c - 1, max(lo, c - 12) - 1, -1):
        if mask[k] or toks[k].text in (",", ";", ":", ".") or toks[k].lower in lx.RELATIVE_PRONOUNS:
            return False
        if toks[k].lower in PASSIVE:
            return True
    return False


def _quoted_in(out: Sequence[Quote], start: int, end: int) -> bool:
    """Whether one of the latest quotes has a message inside ``start``–``end``."""
    return any(m.start < end and start < m.end for q in out[-4:] for m in q.message)


_INDICATIVE_AUX = lx.words("ist sind war waren hat haben hatte hatten")


def _indicative(verb: str) -> bool:
    """A finite verb form that cannot be Konjunktiv I: present "-t" ("erklärt", "hält"), weak past
    "-te(n)" ("erzählte"), or an indicative auxiliary; not "erfolge", "diene" (Konjunktiv I)."""
    if verb in _INDICATIVE_AUX:
        return True
    return verb.endswith(("t", "te", "ten")) and verb not in lx.KONJUNKTIV and len(verb) > 3


_RELATIVE_OR_SUB = lx.RELATIVE_PRONOUNS | lx.words("wenn weil da als obwohl wo was")
_SUBORDINATORS = lx.words(
    "was wenn weil da als obwohl nachdem bevor sobald seit seitdem während dass daß ob wie falls indem"
)
_KONJ_ONE = lx.words("sei seien habe werde könne müsse solle wolle dürfe möge gebe")
#: Determiners that cannot open a subject (dative, genitive, masculine accusative).
_OBLIQUE = lx.words("den dem einem einen des eines")
_SUBJECT_PRONOUNS = lx.words("er sie es wir ich ihr man")

_REPORT_PARTICIPLES = lx.words(
    "gefordert kritisiert angekündigt bezeichnet gewarnt verlangt beschuldigt begrüßt abgelehnt zurückgewiesen"
)


def _speaker_start(tok: Tok) -> bool:
    return tok.lower not in ("und", "oder", "aber", "sowie", "sondern", "denn", "weil", "dass")


def _latest(text: str, speaker: tuple[Span, ...], before: int, name: str | None = None) -> tuple[Span, ...]:
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


def _looks_like_title(quoted: str, strict: bool = False) -> bool:
    """Names of works, organisations, events: short, no sentence punctuation, mostly capitalised
    (``strict``, next to a cue: only the mostly capitalised ones, since a cue makes a short quote
    likelier to be speech)."""
    words = re.findall(r"[^\W\d_][\w\-']*", quoted)
    if len(words) > 10 or re.search(r"[.!?,:;]\W*$", quoted[:-1].rstrip()):
        return False
    caps = sum(1 for w in words if w[0].isupper())
    if strict:
        return caps * 3 >= len(words) * 2
    return caps * 2 >= len(words) or len(words) <= 5


def _valid(q: Quote, n: int) -> bool:
    """Never a quote larger than its text or with an empty message."""
    return bool(q.message) and all(0 <= s.start < s.end <= n for s in (*q.message, *q.cue, *q.speaker))
