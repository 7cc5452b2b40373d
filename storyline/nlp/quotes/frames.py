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
from dataclasses import dataclass

from . import lexicon as lx
from .speakers import Tok, noun_phrase
from .subjects import (
    CLAUSE_MARKS,
    PASSIVE,
    clause_end,
    is_subject_list,
    speaker_after,
    subject_before,
    vorfeld,
)


@dataclass(slots=True)
class Frame:
    """A cue with its speaker and message token ranges (end-exclusive), in sentence token indices."""

    cue: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    message: list[tuple[int, int]]
    shape: str  # "after", "before", "prep"


def _is_cue_verb(toks: Sequence[Tok], i: int, hi: int, english: bool) -> list[tuple[int, int]] | None:
    """If ``toks[i]`` is a verb of saying, its cue token ranges (verb, and particle if separated)."""
    hi = min(hi, len(toks))
    word = toks[i].lower
    if word in lx.PARTICLE_VERBS:
        particles = lx.PARTICLE_VERBS[word]
        if i > 0 and toks[i - 1].lower in particles and (i + 1 >= hi or not toks[i + 1].text[:1].isalnum()):
            return [(i - 1, i + 1)]  # verb-final, particle written apart: "wie X bekannt gab, …"
        commas = 0
        for k in range(i + 1, min(hi, i + 16)):
            if toks[k].text == "," and k + 1 < hi:
                # an apposition: "gab der Leiter der Dienststelle, Andreas Huber, bekannt"
                nxt = toks[k + 1]
                if commas == 0 and nxt.cap and nxt.lower not in lx.DETERMINERS and nxt.text not in lx.NON_NAMES:
                    commas += 1
                    continue
                if commas == 1 and nxt.lower in particles:
                    commas += 1
                    continue
            if toks[k].text in CLAUSE_MARKS or toks[k].text == ".":
                break
            if toks[k].lower in particles and (k + 1 >= hi or not toks[k + 1].text[:1].isalnum()):
                return [(i, i + 1), (k, k + 1)]
    if word in lx.SPEECH_VERBS or word in lx.PARTICIPLES:
        return [(i, i + 1)]
    if word in lx.IMPERSONAL and i + 1 < hi and toks[i + 1].lower == "es":
        return [(i, i + 2)]
    if word in lx.IMPERSONAL and i > 0 and toks[i - 1].lower == "es":  # "Wie es hieß, …"
        return [(i - 1, i + 1)]
    if english and word in lx.EN_SPEECH_VERBS and word != "according":
        return [(i, i + 1)]
    return None


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


_NACH_SUFFIXES = (
    "angaben",
    "angabe",
    "berichten",
    "informationen",
    "erkenntnissen",
    "erkenntnisstand",
    "aussagen",
    "schätzung",
    "schätzungen",
    "meldungen",
    "einschätzung",
    "meinung",
    "erfahrungen",
    "analyse",
    "analysen",
    "stellungnahme",
    "endergebnis",
    "planungen",
    "nachricht",
    "nachrichten",
    "medien",
    "auskunft",
    "umfrage",
    "umfragen",
    "studie",
    "hochrechnung",
    "hochrechnungen",
)


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
    return word in lx.NACH_NOUNS or word.endswith(_NACH_SUFFIXES)


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


def _prep_frame(toks: Sequence[Tok], lo: int, hi: int, mask: Sequence[bool], english: bool) -> Frame | None:
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
            end = clause_end(toks, i + 1, hi)
            # appositions add commas inside the clause: "Wie die Sprecherin, Anna Schmidt, mitteilte,"
            stretch = end
            for _ in range(2):
                if (
                    stretch < hi
                    and toks[stretch].text == ","
                    and not any(_is_cue_verb(toks, k, hi, english) for k in range(i + 2, stretch))
                ):
                    stretch = clause_end(toks, stretch + 1, hi)
            end = stretch if stretch - i <= 25 else end
            for k in range(i + 2, end):
                cue = _is_cue_verb(toks, k, min(end + 1, hi), english)
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
        cue = _is_cue_verb(toks, i, hi, english)
        if cue is None:
            continue
        prev = toks[i - 1].text if i > lo else ""
        cue_end = cue[-1][1] if toks[i].lower not in lx.PARTICLE_VERBS else i + 1
        if english and (speaker := _english_speaker_before(toks, lo, i, mask)) is not None:
            # '"We need a stable government," Merkel told reporters' / '…," a spokesman added':
            # English puts the speaker between the quotation and its verb
            return Frame(cue, speaker, [(lo, speaker[0])], "after")
        if prev.lower() == "so" and i > lo + 2 and toks[i - 2].text == ",":
            # an inserted frame: "Der Grund …, so vermutet die Zeitung The Guardian, dürfte …"
            close = clause_end(toks, cue_end, hi)
            speaker = speaker_after(toks, cue_end, close)
            if speaker is not None:
                rest = close + 1 if close < hi and toks[close].text == "," else close
                message = [(lo, i - 2), (rest, hi)]
                return Frame([(i - 1, i), *cue], speaker, [m for m in message if m[1] > m[0]], "prep")
        # message first, cue after a comma: "…, sagte X" / "…“ sagte X" / "…, heißt es"
        if i > lo + 1 and (prev in (",", ":") or _after_quote(toks, i, lo, mask)):
            cut = i - 1 if prev in (",", ":") else i
            if any(
                toks[k].lower == "wie" and (k == lo or toks[k - 1].text == ",")
                for k in range(max(lo, i - 14), i)
            ):
                continue  # "…, wie X mitteilte": a prepositional-style frame, handled below
            after_cue = cue[-1][1]
            subj_end = noun_phrase(toks, lo, cut + 1)
            if after_cue < hi - 1 and toks[after_cue].text in (",", ":") and not mask[lo]:
                # "Frank Sichau, der … fungiert, erklärte, dass …": the cue opens the message
                subj_end = min(noun_phrase(toks, lo, cut + 1), cut)
                subject = (lo, subj_end) if subj_end > lo else subject_before(toks, lo, i, hi)
                before = before or Frame(cue, subject, [(after_cue + 1, hi)], "before")
                continue
            if (subj_end >= cut or is_subject_list(toks, lo, cut)) and not mask[lo]:
                # "Emily Lau, die Vorsitzende der Partei, sagte, …": the part before is the speaker
                end = clause_end(toks, cue[-1][1], hi)
                if end < hi and end + 1 < hi:
                    before = before or Frame(cue, (lo, cut), [(end + 1, hi)], "before")
                continue
            colon = clause_end(toks, cue[-1][1], hi)
            if colon < hi - 1 and toks[colon].text == ":" and not mask[lo]:
                # "Arni Finnsson, ein Vertreter …, kommentierte die Entscheidung: „…“"
                subj_end = min(noun_phrase(toks, lo, cut + 1), cut)
                subject = (lo, subj_end) if subj_end > lo and toks[lo].text not in lx.NON_NAMES else None
                if subject is None or subj_end < cut:
                    # "…, entgegnete Suttner empört: „…“": the subject follows the verb
                    subject = speaker_after(toks, cue_end, colon) or subject
                before = before or Frame(cue, subject, [(colon + 1, hi)], "before")
                continue
            if not _fronted_message(toks, lo, cut, mask):
                continue
            speaker = speaker_after(toks, cue_end if toks[i].lower not in lx.IMPERSONAL else i + 1, hi)
            if (
                before is not None
                and before.speaker is not None
                and (speaker is None or toks[speaker[0]].lower in lx.PRONOUNS)
                and mask[cut - 1]
            ):
                # "X, Vorstandsmitglied der Liga, sagte: „…,“ betont sie.": the quotation after the
                # first frame is its message; the pronoun after it names the same speaker again
                return before
            return Frame(cue, speaker, [(lo, cut)], "after")
        # "„…“, hatte X in einem Interview erklärt."
        if toks[i].lower in lx.PARTICIPLES and i > lo + 2:
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
                speaker = speaker_after(toks, k + 2, i)
                return Frame(cue, speaker, [(lo, k)], "after")
        if before is not None:
            continue
        # frame first: "X sagte, …" / "X teilte mit, dass …" / "X sagte: …"
        end = clause_end(toks, cue[-1][1], hi)
        if end < hi and toks[end].text in (",", ":") and end + 1 < hi:
            if toks[i].lower in lx.PARTICIPLES and end != cue[-1][1]:
                continue
            if _accepts(toks, i, end, hi, mask):
                clause = range(max(lo, i - 12), i)
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
                before = Frame(cue, speaker, [(msg_start, hi)], "before")
        elif english and i > lo:
            before = Frame(cue, subject_before(toks, lo, i, hi), [], "before")
    prep = _prep_frame(toks, lo, hi, mask, english)
    if prep is None or before is None:
        return prep or before
    return prep if prep.cue[0][0] < before.cue[0][0] else before


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
    cue = _is_cue_verb(toks, lo + 1, hi, False)
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
