"""Tokens and sentences with spaCy's rule-based tokenizer and sentencizer (MIT, no model needed).

The spaCy ``Doc`` is kept in ``doc.extras["spacy"]`` for later stages (entities, time, quotes), which
are spaCy components too. Sentences never cross a paragraph or subheading boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..model import Span
from ..pipeline import Stage, register

if TYPE_CHECKING:
    from ..model import Document
    from ..settings import Settings

SPACY_KEY = "spacy"
#: ``Doc.user_data`` key of the text the spaCy Doc was made from: ``Doc.text`` rebuilds the string
#: from every token on each access, which cost the later stages more than their own work
SOURCE_KEY = "storyline.text"


def doc_text(sdoc: Any) -> str:
    """The text of a spaCy Doc, without rebuilding it when the sentences stage recorded it."""
    text = sdoc.user_data.get(SOURCE_KEY)
    return text if isinstance(text, str) else sdoc.text

_PUNCT_RUN = re.compile(r"[^\w\s]{33,}")


def tokenizer_safe(text: str) -> str:
    """``text`` with the inside of long runs of punctuation replaced by hyphens, same length.

    spaCy's tokenizer peels prefix and suffix characters off a token one at a time and searches the
    rest again, which is quadratic in a run of them: 5,000 "!" or "„" without a space take 4 s, 20,000
    a minute. Such runs are never words; offsets stay valid because the length does not change, so
    every offset the tokenizer reports still points into the original text."""
    if len(text) < 33 or not _PUNCT_RUN.search(text):
        return text
    return _PUNCT_RUN.sub(lambda m: m.group()[0] + "-" * (len(m.group()) - 2) + m.group()[-1], text)


#: Languages whose own spaCy tokenizer we load. The later stages annotate only these; for any other
#: language the multilingual tokenizer splits sentences just as well, and some language classes cost
#: seconds to load (French compiles its tokenizer exceptions: 2.4 s), paid again by every CLI process
#: that meets one such article.
OWN_TOKENIZERS = frozenset({"de", "en"})


def blank(lang: str) -> Any:
    """A blank spaCy pipeline with a sentencizer: ``lang``'s own for the languages in
    ``OWN_TOKENIZERS``, else (and when spaCy lacks it) the multilingual one, built once per process
    (not once per language that falls back to it: each build costs ~0.1 s)."""
    return _blank(lang if lang in OWN_TOKENIZERS else "xx")


@lru_cache(maxsize=len(OWN_TOKENIZERS) + 1)
def _blank(lang: str) -> Any:
    import spacy

    try:
        nlp = spacy.blank(lang)
    except (ImportError, KeyError, ValueError, OSError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


def _sent_starts(sdoc: Any) -> Any:
    """Every token's sentence-start flag (1 starts, -1 does not, 0 unknown) as an int64 array.

    Setting ``Token.is_sent_start`` one token at a time re-checks the whole Doc for a parse on every
    assignment (``Doc.has_annotation("DEP")``), which is quadratic: 200 KB of text took 4 s. The flags
    are read and written in one go instead (``to_array``/``from_array``), with the same result."""
    return sdoc.to_array("SENT_START").view("int64").copy()


def _store_sent_starts(sdoc: Any, starts: Any) -> None:
    sdoc.from_array(["SENT_START"], starts.view("uint64"))


def force_paragraph_starts(sdoc: Any, starts: list[int]) -> None:
    """Make every paragraph start a sentence start (and nothing span two paragraphs)."""
    wanted = {s for s in starts if s > 0}  # the first token starts a sentence anyway
    if not wanted or len(sdoc) < 2:
        return
    flags = _sent_starts(sdoc)
    changed = False
    for token in sdoc:
        if token.idx in wanted and token.i > 0 and flags[token.i] != 1:
            flags[token.i] = 1
            changed = True
    if changed:
        _store_sent_starts(sdoc, flags)


_OPENING = frozenset('„"“«»‚\'')


def opening_quotes_start_sentences(sdoc: Any) -> None:
    """The sentencizer hangs an opening quotation mark on the sentence before it ('… election. "',
    'Ruhe. „'): a quotation mark that ends a sentence after a space and is glued to the next word
    opens the next sentence instead."""
    if not any(q in doc_text(sdoc) for q in _OPENING):
        return
    flags = None
    for token in sdoc[:-1]:
        if token.text not in _OPENING:
            continue
        i = token.i
        if flags is None:
            flags = _sent_starts(sdoc)
        if flags[i + 1] > 0 and not token.whitespace_ and i > 0 and sdoc[i - 1].whitespace_ and flags[i] <= 0:
            flags[i] = 1
            flags[i + 1] = -1
    if flags is not None:
        _store_sent_starts(sdoc, flags)


def spacy_doc(doc: Document) -> Any:
    """The spaCy Doc of an annotated document (requires the 'sentences' stage to have run)."""
    return doc.extras[SPACY_KEY]


@register("sentences")
class SentencesStage(Stage):
    version = 1
    requires = ("article.text", "article.language", "paragraphs")
    assigns = ("tokens", "sentences")

    def __init__(self, settings: Settings):
        pass

    def _finish(self, doc: Document, sdoc: Any) -> Document:
        force_paragraph_starts(sdoc, [p.span.start for p in doc.paragraphs])
        opening_quotes_start_sentences(sdoc)
        doc.extras[SPACY_KEY] = sdoc
        text = doc.text
        doc.sentences = []
        for sent in sdoc.sents:
            chunk = text[sent.start_char : sent.end_char]
            stripped = chunk.strip()
            if stripped:
                start = sent.start_char + len(chunk) - len(chunk.lstrip())
                doc.sentences.append(Span(start, start + len(stripped)))
        return doc

    def __call__(self, doc: Document) -> Document:
        nlp = blank(doc.article.language or "xx")
        text = tokenizer_safe(doc.text)
        sdoc = nlp(text)
        sdoc.user_data[SOURCE_KEY] = text
        return self._finish(doc, sdoc)

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        it = iter(docs)
        while batch := list(islice(it, max(batch_size, 1))):
            for doc in batch:
                yield self(doc)
