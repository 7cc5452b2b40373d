"""What a unit's clauses say about who speaks: the finders the speaker strategies ask.

Why finders apart from strategies: a strategy (``strategies.py``) says *which* construction it handles
and in which order it is tried; a finder says *where* the words are ("the subject of a main clause
whose verb is one of saying", "a phrase before a colon right before the quotation"). Finders read
tokens only (no tagger): German word order and a few closed word lists (``lexicon.py``) place the
subject before or after the finite verb. All return token indices or spans and change nothing, except
``anaphoric``, which takes back cue-less guesses that an explicit "Dies sagte X." overrules, and
``note_subject``, which feeds the resolver.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ...model import Quote, Span
from ..common_words import is_common_word
from ..entity_names import is_title
from . import frames as fr
from . import lexicon as lx
from .speakers import Resolver, Tok, lowercase_words, noun_phrase, trim
from .subjects import PASSIVE, clause_end, skip_adverbial, speaker_after


def anaphoric(
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


def message_spans(toks: Sequence[Tok], ranges: Sequence[tuple[int, int]], mask: Sequence[bool]) -> list[Span]:
    """A frame's message ranges as spans: the annotators leave out punctuation at the ends and a
    quotation mark whose partner lies outside the message."""
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


def reported(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> tuple[int, int] | None:
    """ "Die SPD fordert …", "Kritiker befürchten …": a subject, then a verb of claiming: the whole
    sentence is reported speech of the subject (annotated "Reported")."""
    j = lo
    if toks[j].lower in lx.INTERROGATIVES or toks[hi - 1].text == "?":
        return None  # a question reports nothing
    if toks[j].lower in lx.REPORTED_LEAD:
        j += 1
    # "Insgesamt spricht die Polizei von …": adverbial, verb, then the subject
    k = skip_adverbial(toks, j, hi, lo)
    if (
        lo < k < hi - 1
        and toks[k].lower in lx.REPORT_VERBS
        and not mask[k]
        and _claims(toks, k, hi, subject_first=False)
        and toks[j].lower not in lx.SUBJECT_PRONOUNS  # "Er will die Quelltexte …": not an adverbial
    ):
        end = noun_phrase(toks, k + 1, hi)
        if (
            end > k + 1
            and toks[k + 1].lower not in lx.PRONOUNS
            and toks[k + 1].lower not in lx.OBLIQUE_DETERMINERS
        ):
            return (k + 1, end)  # never a dative: "Im Falle … droht dem 66-Jährigen die Todesstrafe"
    end = noun_phrase(toks, j, hi)
    if end <= j or end >= hi or mask[j] or toks[j].lower in lx.PRONOUNS:
        return None
    if toks[j].text in lx.NON_NAMES and toks[j].lower not in lx.DETERMINERS:
        return None
    verb = toks[end].lower
    if verb in lx.REPORT_VERBS:
        if not _claims(toks, end, hi, subject_first=True):
            return None
        if toks[j].lower in lx.OBLIQUE_DETERMINERS:
            # an object in front: "Den Schaden schätzt die Polizei auf …": the subject follows
            after = noun_phrase(toks, end + 1, hi)
            ok = (
                after > end + 1
                and toks[end + 1].lower not in lx.OBLIQUE_DETERMINERS
                and toks[end + 1].lower not in lx.PRONOUNS
            )
            return (end + 1, after) if ok else None
        return (j, end)
    if verb in lx.AUXILIARIES and verb.startswith("ha"):
        last = next((t for t in reversed(toks[end:hi]) if t.text[:1].isalpha()), None)
        if last is not None and (last.lower in lx.PARTICIPLES or last.lower in lx.REPORT_PARTICIPLES):
            return (j, end)
    return None


def _claims(toks: Sequence[Tok], verb: int, hi: int, subject_first: bool) -> bool:
    """Whether the claiming verb at ``verb`` heads a clause of claiming: it does not end its sentence
    or headline part ("Orkanartige Böen erwartet - Unwetterwarnung …" is a participle; "Die Polizei
    warnt: …" goes on), and no particle at the clause's end makes it another verb
    (``lexicon.NOT_SPEECH_PARTICLES``: "sieht … aus"); after its subject, "droht" with a nominative
    means "faces" (``_faces``)."""
    if verb + 1 >= hi or toks[verb + 1].text in ("-", "–", "—", ".", "!", "?"):
        return False
    end = clause_end(toks, verb + 1, hi)
    if subject_first and toks[verb].lower in lx.THREATEN and _faces(toks, verb, end):
        return False
    particles = lx.NOT_SPEECH_PARTICLES.get(toks[verb].lower)
    return particles is None or toks[end - 1].lower not in particles


def _faces(toks: Sequence[Tok], verb: int, end: int) -> bool:
    """Whether "droht" at ``verb`` means "faces": what follows it (past prepositional phrases) is
    in the nominative ("droht eine Haftstrafe", "droht wegen einer Verletzung dreiwöchige
    Zwangspause"), not a dative or "mit" ("droht dem Iran", "droht Iran mit Angriffen")."""
    k = verb + 1
    while k < end:
        word = toks[k].lower
        if word in lx.THREATENED:
            return False
        if word in lx.FACED or word.isdigit():
            return True
        if word in lx.PREPOSITIONS:
            k = max(noun_phrase(toks, k + 1, end), k + 1)
            continue
        if toks[k].alpha and not toks[k].cap:
            if word.endswith(("e", "en", "er", "es")) and word not in lx.ADVERBS_BEFORE_OBJECT:
                return True  # an adjective before the noun it faces
            k += 1
            continue
        return False  # a bare name or noun: the one threatened
    return False


def labelling(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], first: int) -> bool:
    """Whether a short quotation is someone's words in "X bezeichnete den Plan als „Wortbruch“",
    "X sprach von einer „vollständigen Zerstörung“": a verb of saying or judging in the unit, and
    the quotation right after "als", "von" or "einen/eine/einer" (its own adjective allowed)."""
    if mask[lo] or not any(not mask[k] and toks[k].lower in lx.SAYING for k in range(lo, hi)):
        return False
    k = first - 1  # the token before the quotation (``first`` is its first token)
    while k > lo and toks[k].text in "„“\"»«‚'":
        k -= 1
    if k <= lo:
        return False
    if toks[k].lower in lx.LABEL_BEFORE:
        return True
    return k - 1 > lo and toks[k - 1].lower in lx.LABEL_BEFORE and not toks[k].cap


def note_subject(resolver: Resolver, toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> None:
    """Remember a unit's opening phrase (after a topic label "Europapolitik:") as an antecedent of
    later pronouns and cue-less quotes; not a pronoun, nor a capitalised function word."""
    if mask[lo] or toks[lo].text in lx.NON_NAMES or toks[lo].lower in lowercase_words():
        return
    end = noun_phrase(toks, lo, hi, appositions=False)
    if end < hi - 1 and toks[end].text == ":":  # "Europapolitik: Die SPD will …"
        lo = end + 1
        end = noun_phrase(toks, lo, hi, appositions=False)
    if end > lo and toks[lo].lower not in lx.PRONOUNS:
        resolver.note_subject(toks[lo].start, toks[end - 1].end)


def implicit(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> tuple[Span, int] | None:
    """A main clause "Subject verb …," followed by a clause in Konjunktiv I: (speaker, message start)."""
    if toks[lo].lower in lx.SUBORDINATORS:
        return None  # a fronted subordinate clause ("Da ihre Mandantin Angst hatte, habe …")
    subject = unit_subject(toks, lo, hi, mask)
    if subject is None:
        return None
    first_konj = next((k for k in range(lo, hi) if not mask[k] and toks[k].text in lx.KONJUNKTIV_ONE), None)
    if first_konj is None:
        return None
    start = bisect_left([t.start for t in toks[lo:hi]], subject.end) + lo
    for k in range(first_konj - 1, start, -1):
        if toks[k].text in (";", ":", ".") or mask[k]:
            return None
        if toks[k].text == ",":
            nxt = toks[k + 1].lower if k + 1 < hi else ""
            if nxt in lx.RELATIVE_OR_SUB:
                continue  # a relative or adverbial clause inside the message
            if any(toks[j].text == "," or toks[j].text in lx.KONJUNKTIV for j in range(start, k)):
                return None  # more than one main clause before it, or itself reported speech
            m = k + 1
            return (subject, m) if hi - m >= 3 else None
    return None


def own_subject(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
    """The subject of "Subject verb …, dass/Konjunktiv …" whose finite verb is plainly indicative
    ("Ein Augenzeuge erzählte Reuters, Anhänger … hätten …", "X ist der Meinung, dass … sei"): the
    main clause is the narrator's, so the complement clause in Konjunktiv reports its subject.
    None when the finite verb may itself be Konjunktiv ("Sein Programm diene …": a continuation of
    the last speaker), for passives, or when no subject opens the unit."""
    subject = unit_subject(toks, lo, hi, mask)
    if subject is None or subject.start != toks[lo].start or toks[lo].lower in lx.NOT_SPEAKERS:
        return None
    finite = bisect_left([t.start for t in toks[lo:hi]], subject.end) + lo
    if finite >= hi - 2 or mask[finite]:
        return None
    verb = toks[finite].lower
    if verb in PASSIVE or verb in lx.KONJUNKTIV or verb in lx.HEARSAY or not indicative(verb):
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
        relative = toks[comma + 1].lower in lx.RELATIVE_OR_SUB and not (
            toks[comma + 1].lower in lx.DETERMINERS and comma + 2 < hi and toks[comma + 2].cap
        )
        if relative or not fr.has_konjunktiv(toks, comma + 1, nxt, mask):
            return None
    return subject


def said_before(
    toks: Sequence[Tok],
    prev: tuple[int, int],
    mask: Sequence[bool],
    out: Sequence[Quote],
    any_verb: bool = False,
) -> Span | None:
    """The speaking subject of the unit ``prev`` when that unit holds no quote of its own."""
    plo, phi = prev
    said = speech_subject(toks, plo, phi, mask, any_verb)
    if said is None or quoted_in(out, toks[plo].start, toks[phi - 1].end):
        return None
    return said


def speech_subject(
    toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], any_verb: bool = False
) -> Span | None:
    """The subject of a main clause whose finite verb is one of saying or claiming ("Die Armee
    hingegen sprach von …", "Gegner des Gesetzes verweisen auf …", "Am Montag warnte X vor …")."""
    if any(mask[lo:hi]) or toks[lo].lower in lx.SUBORDINATORS:
        return None
    subject = unit_subject(toks, lo, hi, mask)
    if subject is None:
        return None
    starts = [t.start for t in toks[lo:hi]]
    if subject.start == toks[lo].start:
        verb = bisect_left(starts, subject.end) + lo
        while verb < hi - 1 and toks[verb].lower in lx.MID_ADVERBS:
            verb += 1
    else:
        verb = bisect_left(starts, subject.start) + lo - 1
        while verb > lo and toks[verb].lower in lx.MID_ADVERBS:
            verb -= 1
    if not lo <= verb < hi or (toks[verb].lower not in lx.SAYING and not any_verb):
        return None
    a = bisect_left(starts, subject.start) + lo
    if toks[a].lower in lx.NOT_SPEAKERS:
        return None
    return subject


def unit_subject(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
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
        and first.lower not in lx.SUBORDINATORS
    ):
        found = speaker_after(toks, k + 1, hi)
        if found is not None and not any(mask[found[0] : found[1]]):
            a, b = trim(toks, *found)
            if b > a and toks[a].lower not in ("es", "man"):
                return Span(toks[a].start, toks[b - 1].end)
    return None


def label(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
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
        or (end == lo + 1 and _kicker_word(first.text))
    ):
        return None
    return Span(first.start, toks[end - 1].end)


def kicker(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a headline's kicker before its colon ("Tiefpunkt: „…“")."""
    return text[end : end + 1] == ":" and " " not in text[start:end] and _kicker_word(text[start:end])


def _kicker_word(word: str) -> bool:
    """A headline's kicker, not a speaker: one ordinary noun without an article, not a role
    ("Tiefpunkt: „Ich hab's überlebt“", "Matchdarts-Drama: „…“"; "Kanzler: „…“" speaks)."""
    last = word.rsplit("-", 1)[-1]
    if not last[:1].isupper() or not is_common_word(last) or is_title(last) or last.lower() in lx.ROLE_NOUNS:
        return False
    return not last.lower().endswith(_PERSON_ENDINGS)  # "Kritiker", "Expertin", "Augenzeugen" speak


_PERSON_ENDINGS = ("er", "ern", "in", "innen", "e", "en", "ist", "isten", "eur", "or", "ant", "ent", "ei")


def sentence_subject(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Span | None:
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


def passive_cue(toks: Sequence[Tok], lo: int, frame: fr.Frame, mask: Sequence[bool]) -> bool:
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


def quoted_in(out: Sequence[Quote], start: int, end: int) -> bool:
    """Whether one of the latest quotes has a message inside ``start``–``end``."""
    return any(m.start < end and start < m.end for q in out[-4:] for m in q.message)


def indicative(verb: str) -> bool:
    """A finite verb form that cannot be Konjunktiv I: present "-t" ("erklärt", "hält"), weak past
    "-te(n)" ("erzählte"), or an indicative auxiliary; not "erfolge", "diene" (Konjunktiv I)."""
    if verb in lx.INDICATIVE_AUX:
        return True
    return verb.endswith(("t", "te", "ten")) and verb not in lx.KONJUNKTIV and len(verb) > 3


def looks_like_title(quoted: str, strict: bool = False) -> bool:
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


def valid(q: Quote, n: int) -> bool:
    """Never a quote larger than its text or with an empty message."""
    return bool(q.message) and all(0 <= s.start < s.end <= n for s in (*q.message, *q.cue, *q.speaker))
