"""Language identification with lingua's packaged models (no downloads).

Only the first ``language.max_chars`` characters are read: a news article's opening is as telling as
its whole text and the cost grows with length. ``pipe`` uses lingua's parallel batch API. In the
default ``hybrid`` mode lingua's fast trigram model decides first and only the texts it is unsure of
(mostly short headlines) go to the full model: about four times faster, and on 20,000 German
headlines 98.9 % identical to the full model alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..pipeline import Stage, register

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

UNDETERMINED = "und"

#: Function words only German uses (not "der", "den", "dem", "er", "mit", "als", "wie", "vor": Danish,
#: Swedish or Dutch words are spelled so), and English ones. lingua, reading a short headline full of
#: English names and loanwords, calls "Littler lockt Kane und Karl zu Manchester United" English and
#: "Magdeburg und Berlin weiter im Rennen um Handball-Pokal" Danish, and German articles named so got
#: no German entities at all.
_GERMAN_WORDS = frozenset({
    "das", "und", "für", "fürs", "über", "auf", "im", "ist", "nicht", "ein", "eine", "einen", "einem",
    "einer", "vom", "zum", "zur", "bei", "beim", "nach", "aus", "von", "wird", "werden", "sind", "sich",
    "auch", "noch", "nur", "gegen", "unter", "ins", "zu", "oder", "aber", "dass", "seit", "durch",
    "ohne", "wir", "ich", "sie", "seine", "ihre", "diese", "dieser", "dieses", "kein", "keine",
})
_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "is", "a", "for", "with", "on", "by", "are", "was", "were", "what", "who",
    "how", "this", "that", "from", "at", "as", "its", "it's", "be", "has", "have", "not", "no", "why",
    "when", "will", "would", "can", "could", "their", "his", "her", "they", "you", "your", "our",
})
_WORD = re.compile(r"[^\W\d_]+(?:'[st])?")


def german_evidence(text: str) -> bool:
    """Whether a text's function words say German: at least two German ones and more German than
    English ones, or one German and no English one ("Raclette-Ideen: Kreative Rezepte für Silvester")."""
    german = english = 0
    for word in _WORD.findall(text.lower()):
        german += word in _GERMAN_WORDS
        english += word in _ENGLISH_WORDS
    return (german >= 2 and german > english) or (german == 1 and english == 0)


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...], low: bool = False) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            raise ConfigError(f"language.candidates: {code!r} is not a language lingua knows") from None
    if len(languages) < 2:
        raise ConfigError("language.candidates needs at least two languages")
    builder = LanguageDetectorBuilder.from_languages(*languages)
    # the full model's n-gram tables (about 2.5 s to read) load when it is built, so ``warm_up``
    # pays for them, not the first batch that has a short headline in it
    return (builder.with_low_accuracy_mode() if low else builder.with_preloaded_language_models()).build()


@register("language")
class LanguageStage(Stage):
    """Sets ``article.language`` to an ISO 639-1 code, or 'und' when unsure or the text is too short.
    German function words overrule lingua (``german_evidence``) when German is a candidate."""

    version = 1
    requires = ("article.text",)
    assigns = ("article.language",)

    def __init__(self, settings: Settings):
        self.codes = tuple(settings["language.candidates"])
        self.max_chars = int(settings["language.max_chars"])
        self.min_conf = float(settings["language.min_confidence"])
        self.fallback = settings["ingest.default_language"]
        self.mode = str(settings["language.mode"])
        if self.mode not in {"hybrid", "accurate", "fast"}:
            raise ConfigError("language.mode must be hybrid, accurate or fast")
        self.threshold = float(settings["language.hybrid_threshold"])

    def warm_up(self) -> None:
        for low in (True, False):
            _detector(self.codes, low).compute_language_confidence_values("Ein kurzer Satz. A short one.")

    def _confidences(self, samples: list[str]) -> list[Any]:
        if self.mode == "accurate":
            return list(_detector(self.codes).compute_language_confidence_values_in_parallel(samples))
        results = list(_detector(self.codes, True).compute_language_confidence_values_in_parallel(samples))
        if self.mode == "fast":
            return results
        unsure = [i for i, r in enumerate(results) if not r or r[0].value < self.threshold]
        if unsure:
            again = _detector(self.codes).compute_language_confidence_values_in_parallel([samples[i] for i in unsure])
            for i, r in zip(unsure, again, strict=True):
                results[i] = r
        return results

    def _sample(self, doc: Document) -> str:
        title = doc.article.title or ""
        return (title + "\n" + doc.text)[: self.max_chars]

    def _decide(self, values: list[Any], sample: str = "") -> str:
        found = str(values[0].language.iso_code_639_1.name.lower()) if values and values[0].value >= self.min_conf else None
        if found != "de" and "de" in self.codes and german_evidence(sample):
            return "de"  # lingua misreads short German headlines full of English names and words
        return found or self.fallback or UNDETERMINED

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Batched: one parallel lingua call per batch. Texts with fewer than three letters, or
        nothing lingua is sure of, get ``ingest.default_language`` or 'und'."""
        it = iter(docs)
        while batch := list(islice(it, max(batch_size, 256))):
            todo = [(d, self._sample(d)) for d in batch if not d.article.language]
            todo = [(d, s) for d, s in todo if sum(c.isalpha() for c in s) >= 3]
            if todo:
                results = self._confidences([s for _, s in todo])
                for (doc, sample), values in zip(todo, results, strict=True):
                    doc.article.language = self._decide(values, sample)
            for doc in batch:
                if not doc.article.language:
                    doc.article.language = self.fallback or UNDETERMINED
            yield from batch
