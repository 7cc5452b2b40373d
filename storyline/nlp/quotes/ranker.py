"""A small trained ranker for the speaker of a quote that has no cue of its own.

Why a ranker here and rules elsewhere: a cue frame ("sagte X", "laut X") names its speaker in a fixed
place, but a direct quote standing alone, a Konjunktiv continuation or a "soll" sentence does not, and
the rules ("the last speaker", "the previous sentence's subject") were often wrong there (direct quotes
without a cue: joint 0.55 against message 0.87). Which of a handful of candidate phrases is the
speaker depends on many weak signals at once (how far back, subject or not, a name or a pronoun, a
speaker before or not), which is what a linear model weighs well. The candidates and their features
are cheap (no tagger), the weights are a small JSON file built by ``training/quotes/train_ranker.py``
on the train split; without the file the extractor keeps its rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import lexicon as lx

MODEL_FILE = Path(__file__).resolve().parents[2] / "models" / "quotes" / "speaker_ranker.json"

SOURCES = ("rule", "last", "subj1", "subj2", "first", "sent", "pron", "np", "none")
KINDS = ("direct", "cont", "hearsay", "frame_before", "frame_after", "frame_prep")

_SOURCE_WORDS = lx.words(
    "angaben berichten informationen erkenntnissen aussagen meldungen einschätzung erklärung "
    "mitteilung bericht statement stellungnahme meinung ansicht"
)


#: Endings of abstract nouns, which rarely speak ("die Feststellung", "Seine Zuversicht", "Kritik").
_ABSTRACT = tuple(
    lx.words(
        "ung heit keit ion tät nis nisse ismus sicht kritik zuversicht daten pläne vorwurf vorwürfe "
        "bekunden kampf ziel frage lage zahl"
    )
)


def _head(words: list[str]) -> str:
    """The head noun of a phrase: its last capitalised word before a genitive or an apposition."""
    head = ""
    for w in words:
        w = w.strip(',.;:()„“"')
        if w.lower() in ("der", "des", "von", "vom", "eines", "einer") and head:
            break
        if w[:1].isupper():
            head = w
    return head


_OBLIQUE_DET = lx.words("dem den des einem einen eines seinem seinen ihrem ihren")


@dataclass(slots=True)
class Candidate:
    """A possible speaker: ``span`` (start, end) in the text, or None for "no speaker"."""

    source: str
    span: tuple[int, int] | None
    units_back: int = 0  # how many units before the quote's unit it was named


def feature_names() -> list[str]:
    names = [f"{k}*{s}" for k in KINDS for s in SOURCES]
    names += [
        "units_back",
        "chars_back",
        "pronoun",
        "cap_share",
        "n_words",
        "determiner",
        "role_noun",
        "source_word",
        "is_last_speaker",
        "was_speaker",
        "oblique",
        "short_unit*none",
        "short_unit*sent",
        "short_unit*last",
        "lowercase_first",
        "at_unit_start",
        "after_verb",
        "before_verb",
        "after_comma",
        "oblique_det",
        "after_quote",
        "in_unit",
        "before_cue",
        "after_cue",
        "in_message",
        "near_cue",
        "passive*none",
        "passive*cand",
        "rule_empty*cand",
        "after_und",
        "abstract_head",
        "name_head",
    ]
    return names


FEATURES = feature_names()
_INDEX = {n: i for i, n in enumerate(FEATURES)}


def features(
    cand: Candidate,
    kind: str,
    text: str,
    unit_start: int,
    quote_start: int,
    unmasked_words: int,
    last_text: str | None,
    speakers: AbstractSet[str],
    lowercase: frozenset[str],
    cue: list[tuple[int, int]] | None = None,
    message: list[tuple[int, int]] | None = None,
    passive: bool = False,
    rule_empty: bool = False,
) -> list[float]:
    """The feature vector of one candidate (names in ``FEATURES``)."""
    x = [0.0] * len(FEATURES)
    x[_INDEX[f"{kind}*{cand.source}"]] = 1.0
    short = 1.0 if unmasked_words <= 6 else 0.0
    if cand.span is None:
        x[_INDEX["short_unit*none"]] = short
        x[_INDEX["passive*none"]] = 1.0 if passive else 0.0
        return x
    x[_INDEX["passive*cand"]] = 1.0 if passive else 0.0
    x[_INDEX["rule_empty*cand"]] = 1.0 if rule_empty else 0.0
    a, b = cand.span
    phrase = text[a:b]
    words = phrase.split()
    low = [w.lower() for w in words]
    x[_INDEX["units_back"]] = min(cand.units_back, 5) / 5
    x[_INDEX["chars_back"]] = min(max(unit_start - b, 0), 1500) / 1500
    x[_INDEX["pronoun"]] = 1.0 if phrase.lower() in lx.PERSON_PRONOUNS else 0.0
    x[_INDEX["cap_share"]] = sum(1 for w in words if w[:1].isupper()) / max(len(words), 1)
    x[_INDEX["n_words"]] = min(len(words), 10) / 10
    x[_INDEX["determiner"]] = 1.0 if low and low[0] in lx.DETERMINERS else 0.0
    x[_INDEX["role_noun"]] = 1.0 if any(w in lx.ROLE_NOUNS for w in low) else 0.0
    x[_INDEX["source_word"]] = 1.0 if any(w in _SOURCE_WORDS for w in low) else 0.0
    head = _head(words)
    if head:
        x[_INDEX["abstract_head"]] = 1.0 if head.lower().endswith(_ABSTRACT) else 0.0
        x[_INDEX["name_head"]] = (
            1.0 if head.lower() not in lowercase and head.lower() not in lx.ROLE_NOUNS else 0.0
        )
    if last_text:
        x[_INDEX["is_last_speaker"]] = (
            1.0 if phrase == last_text or phrase.endswith(last_text.split()[-1]) else 0.0
        )
    x[_INDEX["was_speaker"]] = 1.0 if words and words[-1] in speakers else 0.0
    before = text[max(0, a - 20) : a].lower().split()[-1:]
    x[_INDEX["oblique"]] = 1.0 if before and before[0] in lx.PREPOSITIONS else 0.0
    if cand.source == "sent":
        x[_INDEX["short_unit*sent"]] = short
    if cand.source == "last":
        x[_INDEX["short_unit*last"]] = short
    x[_INDEX["lowercase_first"]] = (
        1.0 if low and low[0] in lowercase and low[0] not in lx.DETERMINERS else 0.0
    )
    _place(x, text, a, b, low, unit_start, quote_start, cue, message)
    return x


def _place(
    x: list[float],
    text: str,
    a: int,
    b: int,
    low: list[str],
    unit_start: int,
    quote_start: int,
    cue: list[tuple[int, int]] | None,
    message: list[tuple[int, int]] | None,
) -> None:
    """The features of where a candidate stands: around a verb, a comma, the quotation, the cue."""
    x[_INDEX["at_unit_start"]] = 1.0 if a == unit_start else 0.0
    prev = text[max(0, a - 30) : a].split()[-1:]
    prev_word = prev[0] if prev else ""
    if (
        prev_word[:1].islower()
        and prev_word.lower() not in lx.DETERMINERS
        and prev_word.lower() not in lx.PREPOSITIONS
    ):
        x[_INDEX["after_verb"]] = 1.0
    nxt = text[b : b + 30].split()[:1]
    if nxt and nxt[0][:1].islower() and nxt[0].lower() not in lx.PREPOSITIONS:
        x[_INDEX["before_verb"]] = 1.0
    x[_INDEX["after_comma"]] = 1.0 if prev_word.endswith(",") else 0.0
    x[_INDEX["after_und"]] = 1.0 if prev_word.lower() in ("und", "aber", "sowie", "während") else 0.0
    x[_INDEX["oblique_det"]] = 1.0 if low and low[0] in _OBLIQUE_DET else 0.0
    x[_INDEX["after_quote"]] = 1.0 if a >= quote_start and a >= unit_start else 0.0
    x[_INDEX["in_unit"]] = 1.0 if a >= unit_start else 0.0
    if cue:
        c0, c1 = cue[0]
        gap_before = text[b:c0]
        x[_INDEX["before_cue"]] = 1.0 if 0 <= c0 - b <= 2 and not gap_before.strip(" ,") else 0.0
        x[_INDEX["after_cue"]] = 1.0 if 0 <= a - c1 <= 2 else 0.0
        x[_INDEX["near_cue"]] = 1.0 - min(min(abs(c0 - b), abs(a - c1)), 200) / 200
    if message:
        x[_INDEX["in_message"]] = 1.0 if any(m0 <= a < m1 for m0, m1 in message) else 0.0


@dataclass(slots=True)
class Ranker:
    """Linear scores, one weight vector per group of decision kinds (direct quotes; cue frames)."""

    weights: dict[str, list[float]]  # kind → weights; kinds not here are left to the rules

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.weights)

    def best(self, kind: str, xs: list[list[float]]) -> int:
        w = self.weights[kind]
        scores = [math.fsum(a * b for a, b in zip(w, x, strict=True)) for x in xs]
        return max(range(len(xs)), key=scores.__getitem__)


@lru_cache(maxsize=1)
def load(path: str | None = None) -> Ranker | None:
    """The shipped ranker, or None when its file is missing or does not fit these features."""
    try:
        data = json.loads(Path(path or MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("features") != FEATURES:
        return None
    weights: dict[str, list[float]] = {}
    for model in data.get("models", []):
        if len(model["weights"]) != len(FEATURES):
            return None
        for kind in model["kinds"]:
            weights[kind] = [float(w) for w in model["weights"]]
    return Ranker(weights)
