"""Quote frames inside one sentence: the cue, the speaker phrase, and where the message lies.

Why frames: German reported speech has a few fixed shapes, and each shape says which part of the
sentence is the message:

- ``msg, sagte X …`` / ``msg, teilte X mit`` / ``msg, heißt es …`` / ``msg, wie X sagte`` — the
  message comes first, the cue right after a comma (verb-second inversion), the speaker after the cue;
- ``X sagte, msg`` / ``X teilte mit, dass msg`` / ``Am Mittwoch erklärte X: msg`` — the frame comes
  first and the message after the comma or colon;
- ``Laut X msg`` / ``Nach Angaben X msg`` / ``X zufolge msg`` / ``msg, so X`` — a prepositional frame
  anywhere in the sentence; the message is the rest of the sentence.

The functions return token indices; the extractor turns them into spans. Tokens inside quotation
marks are masked out so a cue word inside a direct quote never frames its own sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import lexicon as lx
from .cues import Frame, is_cue_verb
from .prep_frames import prep_frame
from .speakers import Tok, noun_phrase
from .subjects import (
    CLAUSE_MARKS,
    PASSIVE,
    clause_end,
    is_subject_list,
    speaker_after,
    subject_before,
)


def find_frame(
    toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], english: bool = False
) -> Frame | None:
    """The quote frame of the sentence ``toks[lo:hi]`` (``mask`` marks quoted tokens).

    Shapes are tried in order of reliability: a cue right after a comma or a closing quotation mark,
    then a prepositional frame ("laut X"), then a cue clause in front of its message."""
    before: Frame | None = None
    for i in range(lo, hi):
        if mask[i]:
            continue
        cue = is_cue_verb(toks, i, hi, english)
        if cue is None:
            continue
        prev = toks[i - 1].text if i > lo else ""
        cue_end = cue[-1][1] if toks[i].lower not in lx.PARTICLE_VERBS else i + 1
        if english and (speaker := _english_speaker_before(toks, lo, i, mask)) is not None:
            # '"We need a stable government," Merkel told reporters' / '…," a spokesman added':
            # English puts the speaker between the quotation and its verb
            return Frame(cue, speaker, [(lo, speaker[0])], "after")
        if prev.lower() == "so" and i > lo + 2 and toks[i - 2].text == ",":
            inserted = _inserted_so(toks, lo, hi, i, cue, cue_end)
            if inserted is not None:
                return inserted
        # message first, cue after a comma: "…, sagte X" / "…“ sagte X" / "…, heißt es"
        if i > lo + 1 and (prev in (",", ":") or _after_quote(toks, i, lo, mask)):
            done, before = _message_first(toks, lo, hi, mask, i, cue, cue_end, before)
            if done:
                return before
            continue
        perfect = _perfect_after(toks, lo, hi, i, cue)
        if perfect is not None:
            return perfect
        if before is None:
            before = _frame_first(toks, lo, hi, mask, i, cue, english)
    prep = prep_frame(toks, lo, hi, mask, english)
    if prep is None or before is None:
        return prep or before
    return prep if prep.cue[0][0] < before.cue[0][0] else before


def _inserted_so(
    toks: Sequence[Tok], lo: int, hi: int, i: int, cue: list[tuple[int, int]], cue_end: int
) -> Frame | None:
    """An inserted frame: "Der Grund …, so vermutet die Zeitung The Guardian, dürfte …"."""
    close = clause_end(toks, cue_end, hi)
    speaker = speaker_after(toks, cue_end, close)
    if speaker is None:
        return None
    rest = close + 1 if close < hi and toks[close].text == "," else close
    message = [(lo, i - 2), (rest, hi)]
    return Frame([(i - 1, i), *cue], speaker, [m for m in message if m[1] > m[0]], "prep")


def _message_first(
    toks: Sequence[Tok],
    lo: int,
    hi: int,
    mask: Sequence[bool],
    i: int,
    cue: list[tuple[int, int]],
    cue_end: int,
    before: Frame | None,
) -> tuple[bool, Frame | None]:
    """A cue after a comma or a quotation: (True, the frame) when the part before is its message
    ("…, sagte X"); else (False, the frame-first candidate so far), the cue being the subject's own
    verb ("Emily Lau, die Vorsitzende der Partei, sagte, …")."""
    prev = toks[i - 1].text
    cut = i - 1 if prev in (",", ":") else i
    if any(toks[k].lower == "wie" and (k == lo or toks[k - 1].text == ",") for k in range(max(lo, i - 14), i)):
        return False, before  # "…, wie X mitteilte": a prepositional-style frame, handled below
    after_cue = cue[-1][1]
    subj_end = noun_phrase(toks, lo, cut + 1)
    if after_cue < hi - 1 and toks[after_cue].text in (",", ":") and not mask[lo]:
        # "Frank Sichau, der … fungiert, erklärte, dass …": the cue opens the message
        subj_end = min(noun_phrase(toks, lo, cut + 1), cut)
        subject = (lo, subj_end) if subj_end > lo else subject_before(toks, lo, i, hi)
        return False, before or Frame(cue, subject, [(after_cue + 1, hi)], "before")
    if (subj_end >= cut or is_subject_list(toks, lo, cut)) and not mask[lo]:
        # "Emily Lau, die Vorsitzende der Partei, sagte, …": the part before is the speaker
        end = clause_end(toks, cue[-1][1], hi)
        if end < hi and end + 1 < hi:
            before = before or Frame(cue, (lo, cut), [(end + 1, hi)], "before")
        return False, before
    colon = clause_end(toks, cue[-1][1], hi)
    if colon < hi - 1 and toks[colon].text == ":" and not mask[lo]:
        # "Arni Finnsson, ein Vertreter …, kommentierte die Entscheidung: „…“"
        subj_end = min(noun_phrase(toks, lo, cut + 1), cut)
        subject = (lo, subj_end) if subj_end > lo and toks[lo].text not in lx.NON_NAMES else None
        if subject is None or subj_end < cut:
            # "…, entgegnete Suttner empört: „…“": the subject follows the verb
            subject = speaker_after(toks, cue_end, colon) or subject
        return False, before or Frame(cue, subject, [(colon + 1, hi)], "before")
    if not _fronted_message(toks, lo, cut, mask):
        return False, before
    speaker = speaker_after(toks, cue_end if toks[i].lower not in lx.IMPERSONAL else i + 1, hi)
    if (
        before is not None
        and before.speaker is not None
        and (speaker is None or toks[speaker[0]].lower in lx.PRONOUNS)
        and mask[cut - 1]
    ):
        # "X, Vorstandsmitglied der Liga, sagte: „…,“ betont sie.": the quotation after the
        # first frame is its message; the pronoun after it names the same speaker again
        return True, before
    return True, Frame(cue, speaker, [(lo, cut)], "after")


def _perfect_after(toks: Sequence[Tok], lo: int, hi: int, i: int, cue: list[tuple[int, int]]) -> Frame | None:
    """ "„…“, hatte X in einem Interview erklärt.": a perfect-tense cue clause after its message."""
    if toks[i].lower not in lx.PARTICIPLES or i <= lo + 2:
        return None
    k = next((k for k in range(i - 1, max(lo, i - 12) - 1, -1) if toks[k].text in CLAUSE_MARKS), None)
    if (
        k is not None
        and k > lo
        and k + 1 < i
        and toks[k + 1].lower in lx.AUXILIARIES
        and toks[k + 1].lower.startswith("ha")  # active perfect, not "wurde … ausgeführt"
        and clause_end(toks, i + 1, hi) >= hi - 1
        and not is_subject_list(toks, lo, k)
    ):
        return Frame(cue, speaker_after(toks, k + 2, i), [(lo, k)], "after")
    return None


def _frame_first(
    toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], i: int, cue: list[tuple[int, int]], english: bool
) -> Frame | None:
    """Frame first: "X sagte, …" / "X teilte mit, dass …" / "X sagte: …"."""
    end = clause_end(toks, cue[-1][1], hi)
    if end < hi and toks[end].text in (",", ":") and end + 1 < hi:
        if toks[i].lower in lx.PARTICIPLES and end != cue[-1][1]:
            return None
        if not _accepts(toks, i, end, hi, mask):
            return None
        clause = range(max(lo, i - 12), i)
        speaker: tuple[int, int] | None
        if toks[i].lower in lx.PARTICIPLES and any(toks[k].lower in PASSIVE for k in clause):
            speaker = None  # "Ihm wird vorgeworfen, …": no speaker unless "von X"
        else:
            speaker = subject_before(toks, lo, i, end)
        msg_start = end + 1
        if speaker is not None and speaker[1] == end and speaker[0] > i:
            # inverted subject with an apposition: "sagte General Hagee, Kommandant des …, dass"
            wider = noun_phrase(toks, speaker[0], hi)
            if wider > end and wider < hi and toks[wider].text in (",", ":"):
                speaker, msg_start = (speaker[0], wider), wider + 1
        return Frame(cue, speaker, [(msg_start, hi)], "before")
    if english and i > lo:
        return Frame(cue, subject_before(toks, lo, i, hi), [], "before")
    return None


_EN_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "one"})


def _english_speaker_before(toks: Sequence[Tok], lo: int, i: int, mask: Sequence[bool]) -> tuple[int, int] | None:
    """The phrase between a quotation and the English verb right after it ("Merkel", "a spokesman",
    "the party's leader"), or None when the verb does not follow a quotation that closely."""
    k = i - 1
    while k >= lo and not mask[k]:
        k -= 1
    if k < lo or not 0 < i - k - 1 <= 6:
        return None
    words = toks[k + 1 : i]
    if not all(t.text[:1].isalnum() or t.text in ("'s", "’s", "-") for t in words):
        return None
    if noun_phrase(toks, k + 1, i) == i or words[0].lower in _EN_DETERMINERS:
        return (k + 1, i)
    return None


_ANAPHORS = lx.words("dies das dieses")


def anaphoric_frame(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> Frame | None:
    """ "Dies bestätigte der Parteivorsitzende." / "Das hat die Polizei mitgeteilt.": a cue whose
    message is the sentence before. The frame has no message range of its own (the extractor takes
    the previous unit)."""
    if hi - lo < 4 or toks[lo].lower not in _ANAPHORS or any(mask[lo:hi]):
        return None
    cue = is_cue_verb(toks, lo + 1, hi, False)
    if cue is not None:
        return Frame(cue, speaker_after(toks, lo + 2, hi), [], "anaphor")
    if toks[lo + 1].lower in ("hat", "hatte", "haben", "hatten"):
        last = next((k for k in range(hi - 1, lo + 2, -1) if toks[k].text[:1].isalpha()), None)
        if last is None:
            return None
        first = last - 1 if toks[last - 1].lower + toks[last].lower in lx.PARTICIPLES else last
        if first < last or toks[last].lower in lx.PARTICIPLES:  # "bekannt gegeben" / "mitgeteilt"
            return Frame([(first, last + 1)], speaker_after(toks, lo + 2, first), [], "anaphor")
    return None


_FRONTED_SUBORDINATORS = lx.words("wenn falls nachdem während als weil obwohl bevor sobald warum trotz")


def _fronted_message(toks: Sequence[Tok], lo: int, cut: int, mask: Sequence[bool]) -> bool:
    """Whether the part before "…, sagte X" can be its message. Not one fronted adverbial clause
    ("Nachdem …, forderte X", "Wenn …, droht Y": the cue's clause is the main clause), nor a subject
    with its relative clause ("Zapatero, der der PSOE angehört, verwies auf …": the comma closes
    the relative clause and the cue is the subject's own verb)."""
    if mask[lo]:
        return True
    if toks[lo].lower in _FRONTED_SUBORDINATORS and not any(toks[k].text == "," for k in range(lo, cut)):
        return False  # one subordinate clause, then the cue ("Als …, töteten sie …, sagte X" is a message)
    end = noun_phrase(toks, lo, cut, appositions=False)
    return not (
        end > lo and end + 1 < cut and toks[end].text == "," and toks[end + 1].lower in lx.RELATIVE_PRONOUNS
    )


def _after_quote(toks: Sequence[Tok], i: int, lo: int, mask: Sequence[bool]) -> bool:
    """Whether ``toks[i]`` follows a real quotation ("„…“ sagte er"), not a quoted name
    ("Gegenüber der Agentur „Associated Press“ sagte Durand")."""
    if not (mask[i - 1] and toks[i - 1].text in "“”\"«»'"):
        return False
    k = i - 1
    while k >= lo and mask[k]:
        k -= 1
    return i - 1 - k >= 6


def _accepts(toks: Sequence[Tok], cue: int, end: int, hi: int, mask: Sequence[bool]) -> bool:
    """Whether the clause after a fronted cue is its message: reported-speech mood, "dass"/"ob", a
    colon, a direct quote, or a strong verb of saying."""
    if toks[end].text == ":" or starts_message(toks, end + 1) or mask[min(end + 1, hi - 1)]:
        return True
    if any(mask[k] for k in range(end + 1, min(hi, end + 5))) and toks[cue].lower in lx.SPEECH_VERBS:
        return True  # a mixed quote: "sagte X, Benedikt XVI. „ist und bleibt …“"
    if has_konjunktiv(toks, end + 1, hi, mask, strong=False):
        return True
    # an infinitive clause ("kündigte an, erneut anzutreten")
    last = next((toks[k] for k in range(hi - 1, end, -1) if toks[k].text[:1].isalpha()), None)
    if last is not None and not last.cap:
        words = {t.lower for t in toks[end + 1 : hi]}
        if "zu" in words or "zu" in last.lower[1:-2]:
            return True
    return toks[cue].lower in lx.STRONG_CUES


def has_konjunktiv(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], strong: bool = True) -> bool:
    """Whether the range holds a Konjunktiv verb form (``strong``: only forms that cannot be past
    tense or conditional narration, i.e. Konjunktiv I and the plural Konjunktiv II)."""
    weak = {"wäre", "hätte", "würde", "könnte", "müsste", "dürfte", "möchte", "käme", "gäbe"}
    for k in range(lo, hi):
        if not mask[k]:
            word = toks[k].text
            if word in lx.KONJUNKTIV and (not strong or word not in weak):
                return True
    return False


def has_hearsay(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool]) -> bool:
    return any(not mask[k] and toks[k].text in lx.HEARSAY for k in range(lo, hi))


def starts_message(toks: Sequence[Tok], i: int) -> bool:
    return i < len(toks) and toks[i].lower in lx.MESSAGE_START
