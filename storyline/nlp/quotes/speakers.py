"""Speaker noun phrases without a parser, and their resolution to what they refer to.

Why heuristics over capitalisation: German capitalises every noun, so "a run of capitalised words,
optionally after a determiner and lowercase adjectives" finds the speaker phrase of a quote frame
("Präsident Moon Jae In", "das Weiße Haus", "der Sprecher der Polizei") with no tagger at all, at
tokenizer speed. Genitive and "von" attachments and parenthesised acronyms are absorbed because the
gold annotations include them ("Patrick Kamanda von der Nationalen Umweltbehörde (NEMA)").

Resolution: the stored span stays the words in the text ("er", "der Präsident", "das Statement"),
because that is what a reader sees and what the benchmark scores, while ``speaker_name`` and
``speaker_entity_id`` name the thing referred to: the overlapping NER mention when the document has
mentions, else the last fitting speaker or capitalised phrase before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..entity_names import is_title, plain_form
from . import lexicon as lx

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ...model import Mention


_LOWERCASE_FILE = Path(__file__).resolve().parents[2] / "models" / "quotes" / "lowercase_words.txt"


@lru_cache(maxsize=1)
def lowercase_words() -> frozenset[str]:
    """Words the train corpus writes lower case inside sentences (built by training/quotes/)."""
    try:
        return frozenset(_LOWERCASE_FILE.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


@dataclass(slots=True, frozen=True)
class Tok:
    """A token as offsets plus its text (the spaCy token is not kept: plain tuples are faster)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        """Capitalised, also after a leading number ("39-Jährige")."""
        first = self.text[:1]
        if first.isdigit() and "-" in self.text:
            first = self.text.split("-", 1)[1][:1]
        return first.isupper()

    @property
    def alpha(self) -> bool:
        return any(c.isalpha() for c in self.text) and self.text.replace("-", "").replace(".", "").isalnum()


def _is_name_word(tok: Tok) -> bool:
    return tok.cap and tok.alpha and tok.text not in lx.NON_NAMES


def _is_adjective(tok: Tok) -> bool:
    """Lowercase attributive word: inflected adjective or number ("südkoreanischen", "29-jährigen")."""
    word = tok.lower
    return (
        not tok.cap
        and word not in lx.NP_STOP
        and (word.endswith(("e", "en", "er", "es", "em")) or word[:1].isdigit())
        and word not in lx.KONJUNKTIV
        and word not in lx.SPEECH_VERBS
        and word not in lx.AUXILIARIES
    )


_FIXED_ADVERBIALS = frozenset(
    {("des", "weiteren"), ("seiner", "zeit"), ("des", "öfteren"), ("des", "nachts"), ("eines", "tages")}
)


def fixed_adverbial(toks: Sequence[Tok], i: int, n: int) -> bool:
    """Whether ``toks[i:i + 2]`` is an adverb written like a noun phrase ("Des Weiteren")."""
    return i + 1 < n and (toks[i].lower, toks[i + 1].lower) in _FIXED_ADVERBIALS


_AGED = re.compile(r"\d+-jährige[nr]?")


def role_head(word: str) -> str | None:
    """The role noun a word is or ends in: "Präsident", "SPD-Politiker" → politiker,
    "Regierungssprecher" → sprecher; None for other words."""
    low = word.lower()
    tail = low.rsplit("-", 1)[-1]  # the word itself when it has no hyphen
    if tail in lx.ROLE_NOUNS:
        return tail
    return next((r for r in _COMPOUND_ROLES if low.endswith(r) and len(low) > len(r) + 2), None)


_COMPOUND_ROLES = tuple(
    sorted(lx.words("sprecher sprecherin präsident präsidentin minister ministerin politiker politikerin chef chefin kanzler kanzlerin"), key=len, reverse=True)
)


def noun_phrase(toks: Sequence[Tok], i: int, limit: int | None = None, appositions: bool = True) -> int:
    """End index (exclusive) of a speaker noun phrase starting at ``toks[i]``; ``i`` when none."""
    n = min(len(toks), limit if limit is not None else len(toks))
    if i >= n:
        return i
    if toks[i].lower in lx.PERSON_PRONOUNS:
        return i + 1
    if fixed_adverbial(toks, i, n):
        return i  # "Des Weiteren", "Seiner Zeit": adverbs written like noun phrases
    j = i
    determined = False
    if toks[j].lower in lx.DETERMINERS:
        j += 1
        determined = True
    while j < n and _is_adjective(toks[j]) and j + 1 < n and (toks[j + 1].cap or _is_adjective(toks[j + 1])):
        j += 1
    head = j
    # a quoted name: „BBC News“, "Channel 10"
    if j < n and toks[j].text in '„"»“' and j + 1 < n and toks[j + 1].cap:
        close = next((k for k in range(j + 1, min(n, j + 8)) if toks[k].text in '“"«”'), None)
        if close is not None:
            return attachments(toks, close + 1, n, appositions)
    if determined and j < n and _AGED.fullmatch(toks[j].text):
        j += 1  # "der 81-jährige"
    while j < n and (
        (toks[j].cap and toks[j].alpha and (determined or j > head or toks[j].text not in lx.NON_NAMES))
        or (j > head and toks[j].text == "-")
    ):
        j += 1
        # initials and abbreviations: "R. Kelly", "Dr. Robert Kelly"
        if j < n and toks[j].text == "." and len(toks[j - 1].text) <= 3 and j + 1 < n and toks[j + 1].cap:
            j += 1
    if j == head:
        return i
    return attachments(toks, j, n, appositions)


def attachments(toks: Sequence[Tok], j: int, n: int, appositions: bool) -> int:
    """Absorb genitives, "von"-phrases, parentheses and a name in apposition after a head."""
    for _ in range(4):
        if j >= n:
            break
        word = toks[j].lower
        if word in ("der", "des", "eines", "einer", "von", "vom", "of") and j + 1 < n:
            start = j if word in ("der", "des", "eines", "einer") else j + 1
            k = noun_phrase(toks, start, n, appositions=False)
            if k > j + 1:
                j = k
                continue
            break
        if toks[j].text == "(":
            close = next((k for k in range(j + 1, min(n, j + 14)) if toks[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
            continue
        if appositions and toks[j].text == "," and j + 1 < n:
            # ", Chung Eui Yong," or ", der Sprecher der Polizei," in apposition
            k = noun_phrase(toks, j + 1, n, appositions=False)
            # a prepositional attribute inside it: ", die Leiterin der Fachstelle für Suchtvorbeugung,"
            while k > j + 1 and k + 1 < n and toks[k].lower in _APPOSITION_PREPS:
                k2 = noun_phrase(toks, k + 1, n, appositions=False)
                if k2 <= k + 1:
                    break
                k = k2
            if k > j + 1 and (k >= n or toks[k].text in (",", ".", ":")) and k - j <= 14:
                j = k
        break
    return j


_APPOSITION_PREPS = frozenset(("für", "im", "in", "bei", "beim", "am", "an", "aus", "zur", "zum"))


def trim(toks: Sequence[Tok], a: int, b: int) -> tuple[int, int]:
    """Drop punctuation at both ends of a token range."""
    while a < b and not (toks[a].text[:1].isalnum() or toks[a].text in "„“\"»«”'‚‘"):
        a += 1
    while b > a and not (toks[b - 1].text[:1].isalnum() or toks[b - 1].text in "„“\"»«”'‚‘)"):
        b -= 1
    return a, b


def display_name(phrase: str) -> str:
    """The name in a speaker phrase with an apposition: "Südkoreas Sicherheitsberater, Chung Eui
    Yong" → "Chung Eui Yong"; a phrase without one stays as it is."""
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    if len(parts) < 2:
        return phrase
    names = [
        part
        for part in parts
        if all(w[:1].isupper() for w in part.split()) and part.split()[0].lower() not in lx.DETERMINERS
    ]
    # "Der Sprecher, Max Müller" and "Südkoreas Sicherheitsberater, Chung Eui Yong": the name comes last
    return names[-1] if names else parts[0]


@dataclass(slots=True)
class Resolved:
    """What a speaker phrase refers to; ``span`` is where that referent is named ((start, end))."""

    name: str | None
    entity_id: str | None
    span: tuple[int, int] | None = None


#: Prepositions and oblique articles: a name right after them is rarely the subject.
_OBLIQUE = frozenset(
    (
        *("mit", "zu", "von", "bei", "für", "gegen", "über", "an", "auf", "nach", "aus", "um", "ohne"),
        *("gegenüber", "dem", "den", "des", "einem", "einen", "eines", "einer", "seinem", "seinen"),
        *("ihrem", "ihren", "with", "to", "of", "by", "for", "against", "from", "about"),
    )
)


def _entity_names(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """How each entity is named in the text: its longest written name, not a role that stands for it
    ("Sicherheitsberater" for Chung Eui Yong) nor a genitive of another written form ("Südkoreas")."""
    written: dict[str, list[str]] = {}
    for m in mentions:
        if m.entity_id and not m.relation:  # "nordkoreanischen" names Nordkorea, it is not its name
            written.setdefault(m.entity_id, []).append(m.span.text(text))
    names = {}
    for entity_id, forms in written.items():
        named = [f for f in forms if not all(is_title(w) for w in f.split())] or forms
        longest = max(named, key=len)
        names[entity_id] = plain_form(longest, named)
    return names


#: "nach eigenen Angaben", "eigener Aussage zufolge": the sentence's subject speaks.
_OWN = frozenset({"eigenen", "eigener", "eigene"})


class Resolver:
    """Resolve speaker spans to names and entities, remembering the speakers seen so far."""

    def __init__(self, text: str, mentions: Sequence[Mention]):
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self._starts = [m.span.start for m in self.mentions]
        self.history: list[tuple[int, Resolved]] = []  # (position, resolution)
        self.surnames: set[str] = set()  # last word of every name in ``history``
        self.subjects: list[tuple[int, int]] = []  # sentence-initial phrases (start, end)
        self.names = _entity_names(text, self.mentions)

    def _overlapping(self, start: int, end: int) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.span.start >= end:
                break
            if (
                m.span.end > start
                and m.label in ("PER", "ORG", "LOC")
                and (best is None or len(m.span) > len(best.span))
            ):
                best = m
        return best

    def is_name(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is exactly one tagged name ("»Wall Street Journal«" quotes a
        name, not words)."""
        i = bisect_left(self._starts, start)
        return i < len(self.mentions) and self.mentions[i].span.start == start and self.mentions[i].span.end == end

    def _antecedent_mention(self, pos: int, labels: tuple[str, ...]) -> Mention | None:
        for m in reversed(self.mentions):
            if m.span.end <= pos and m.label in labels:
                return m
        return None

    def resolve(self, start: int, end: int, sentence_start: int | None = None) -> Resolved:
        """``sentence_start``: where the sentence of a speaker pronoun begins — its referent is named
        before that sentence, not inside the message ("Kim habe …, twitterte er" → not Kim)."""
        phrase = self.text[start:end]
        words = phrase.split()
        if len(words) > 1 and words[0].lower() in lx.PREPOSITIONS:
            words = words[1:]  # "im Statement", "in einer Erklärung": the source is the noun
        low = phrase.lower()
        result: Resolved
        if low in lx.PERSON_PRONOUNS:
            result = self._pronoun(start if sentence_start is None else min(start, sentence_start), low)
        elif words and words[0].lower() in _OWN and self.mentions and (m := self._sentence_subject(start)):
            # "Nordkorea kann nach eigenen Angaben …": the source is who the sentence is about
            result = Resolved(self.names.get(m.entity_id or "", m.span.text(self.text)), m.entity_id, (start, end))
        elif self.mentions and (m := self._overlapping(start, end)) is not None:
            result = Resolved(
                self.names.get(m.entity_id or "", m.span.text(self.text)), m.entity_id, (start, end)
            )
        elif (
            words
            and (len(words) == 1 or words[0].lower() in lx.DETERMINERS)
            and (head := role_head(words[-1])) is not None
        ):
            result = self._role(start, head) or Resolved(phrase, None, (start, end))
        else:
            result = Resolved(display_name(phrase), None, (start, end))
        self.history.append((start, result))
        if result.name:
            self.surnames.add(result.name.split()[-1])
        return result

    def _sentence_subject(self, pos: int) -> Mention | None:
        """The first person, organisation or place of the sentence around ``pos`` that is not in
        an oblique phrase: who "nach eigenen Angaben" refers to."""
        lo = max(self.text.rfind(c, 0, pos) for c in ".!?\n") + 1
        ends = [k for c in ".!?\n" if (k := self.text.find(c, pos)) >= 0]
        hi = min(ends) if ends else len(self.text)
        for m in self.mentions:
            if lo <= m.span.start and m.span.end <= hi and m.label in ("PER", "ORG", "LOC") and not m.relation:
                before = self.text[lo : m.span.start].lower().split()[-2:]
                if not any(w in _OBLIQUE for w in before):
                    return m
        return None

    def note_subject(self, start: int, end: int) -> None:
        """Remember a sentence-initial phrase as a possible antecedent of a later pronoun."""
        self.subjects.append((start, end))

    def _subject_mention(self, pos: int, lookback: int = 3) -> Mention | None:
        """The latest person mention before ``pos`` that is not in an oblique phrase ("mit dem
        Machthaber Kim" is not who "er" is): a pronoun speaker continues the subject, not the object."""
        seen = 0
        for m in reversed(self.mentions):
            if m.span.end > pos or m.label != "PER":
                continue
            seen += 1
            if seen > lookback:
                break
            clause_start = max(self.text.rfind(c, 0, m.span.start) for c in ".!?;,\n") + 1
            before = self.text[clause_start : m.span.start].lower().split()[-4:]
            if not any(w in _OBLIQUE for w in before):
                return m
        return None

    def _pronoun(self, pos: int, pronoun: str) -> Resolved:
        if self.mentions:
            m = (
                self._subject_mention(pos)
                or self._antecedent_mention(pos, ("PER",))
                or self._antecedent_mention(pos, ("ORG",))
            )
            if m is not None:
                name = self.names.get(m.entity_id or "", m.span.text(self.text))
                return Resolved(name, m.entity_id, (m.span.start, m.span.end))
        wrong = {"er": ("die", "das", "eine"), "sie": ("der", "das", "ein")}.get(pronoun, ())
        cands: list[tuple[int, Resolved]] = [(p, r) for p, r in self.history if r.name and r.span]
        cands += [(a, Resolved(self.text[a:b], None, (a, b))) for a, b in self.subjects]
        for p, res in sorted(cands, key=lambda c: c[0], reverse=True):
            name = res.name or ""
            if p >= pos or name.lower() in lx.PRONOUNS or name.split()[0].lower() in wrong:
                continue
            return self.latest(res, pos)
        return Resolved(None, None)

    def latest(self, res: Resolved, pos: int) -> Resolved:
        """The same referent, pointed at its latest written occurrence before ``pos``."""
        if res.span is None:
            return res
        a, b = res.span
        written = self.text[a:b]
        k = self.text.rfind(written, b, pos)
        if k > a:
            return Resolved(res.name, res.entity_id, (k, k + len(written)))
        return res

    def last_subject(self, before: int) -> tuple[int, int] | None:
        """The latest sentence-initial phrase before ``before`` (speaker of an unframed quote)."""
        for a, b in reversed(self.subjects):
            if b <= before:
                return (a, b)
        return None

    def _role(self, pos: int, head: str) -> Resolved | None:
        """ "der Präsident" → the last speaker or mention whose name holds the role word."""
        for _, prev in reversed(self.history):
            if prev.name and head in prev.name.lower():
                return prev
        if head in ("statement", "erklärung", "mitteilung", "bericht") and self.history:
            return self.history[-1][1]
        if self.mentions:
            m = self._antecedent_mention(pos, ("PER", "ORG"))
            if m is not None:
                return Resolved(self.names.get(m.entity_id or "", m.span.text(self.text)), m.entity_id)
        return None
