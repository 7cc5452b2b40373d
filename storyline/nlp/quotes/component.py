"""The quotes stage (``storyline.quotes.v1``) and the same extractor as a spaCy component.

Why both: the pipeline works on Documents (paragraphs, sentences, NER mentions as offsets), while
people who already have a spaCy pipeline want ``nlp.add_pipe("storyline_quotes")``. Both call one
``Extractor``, so they cannot drift apart. The stage uses ``doc.mentions`` when a NER stage ran before
it (speakers then point to entities) and falls back to capitalised-phrase heuristics when not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ...model import Span
from ...pipeline import Stage, register
from ..sentences import doc_text
from .extract import Extractor, Options
from .speakers import Tok

if TYPE_CHECKING:
    from ...model import Document, Quote
    from ...settings import Settings
    from .trace import Tracer

SPACY_KEY = "spacy"
USER_DATA_KEY = "storyline_quotes"


def tokens_of(sdoc: Any) -> list[Tok]:
    """Our plain token records from a spaCy Doc (whitespace tokens are dropped)."""
    return [Tok(t.text, t.idx, t.idx + len(t.text)) for t in sdoc if not t.is_space]


def options_from(settings: Settings | None) -> Options:
    if settings is None:
        return Options()
    return Options(
        min_direct_words=int(settings["quotes.min_direct_words"]),
        carry=int(settings["quotes.carry_sentences"]),
        hearsay=bool(settings["quotes.hearsay"]),
        interviews=bool(settings["quotes.interviews"]),
        nested_direct=bool(settings["quotes.nested_direct"]),
        reported=bool(settings["quotes.reported"]),
        speaker_ranker=bool(settings["quotes.speaker_ranker"]),
    )


@register("quotes")
class QuotesStage(Stage):
    version = 1
    requires = ("sentences", "tokens")
    assigns = ("quotes",)

    def __init__(self, settings: Settings | None = None):
        self.extractor = Extractor(options_from(settings))

    def __call__(self, doc: Document) -> Document:
        return self.annotate(doc)

    def annotate(self, doc: Document, tracer: Tracer | None = None) -> Document:
        """``stage(doc)``, with a tracer riding along (diagnostics and training, never production)."""
        sdoc = doc.extras.get(SPACY_KEY)
        if sdoc is None:
            from ..sentences import blank, tokenizer_safe

            sdoc = blank(doc.article.language or "xx")(tokenizer_safe(doc.text))
            doc.extras[SPACY_KEY] = sdoc
        sentences = doc.sentences or [Span(s.start_char, s.end_char) for s in sdoc.sents]
        paragraphs = [p.span for p in doc.paragraphs]
        doc.quotes = self.extractor(
            doc.text, tokens_of(sdoc), sentences, paragraphs, doc.mentions, doc.article.language, tracer
        )
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def extract_from_spacy(sdoc: Any, extractor: Extractor | None = None) -> list[Quote]:
    """Quotes of a spaCy Doc (sentences from its sentence boundaries, paragraphs from blank lines)."""
    from ..structure import split_blocks

    extractor = extractor or Extractor()
    text = doc_text(sdoc)
    sentences = (
        [Span(s.start_char, s.end_char) for s in sdoc.sents] if sdoc.has_annotation("SENT_START") else []
    )
    return extractor(text, tokens_of(sdoc), sentences, split_blocks(text), (), sdoc.lang_)


class SpacyQuotes:
    """spaCy component: stores the quotes of a Doc in ``doc.user_data["storyline_quotes"]``."""

    def __init__(self, options: Options | None = None):
        self.extractor = Extractor(options)

    def __call__(self, sdoc: Any) -> Any:
        sdoc.user_data[USER_DATA_KEY] = extract_from_spacy(sdoc, self.extractor)
        return sdoc


def _register_spacy() -> None:
    """Register the factory with spaCy (lazily: importing this module must stay cheap)."""
    from spacy.language import Language

    if "storyline_quotes" in Language.factories:
        return

    @Language.factory(
        "storyline_quotes",
        default_config={
            "min_direct_words": 4,
            "carry": 2,
            "hearsay": True,
            "interviews": True,
            "reported": True,
        },
    )
    def make_quotes(
        nlp: Any,
        name: str,
        min_direct_words: int,
        carry: int,
        hearsay: bool,
        interviews: bool,
        reported: bool,
    ) -> SpacyQuotes:
        return SpacyQuotes(
            Options(
                min_direct_words=min_direct_words,
                carry=carry,
                hearsay=hearsay,
                interviews=interviews,
                reported=reported,
            )
        )


_register_spacy()
