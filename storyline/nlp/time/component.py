"""The tagger as a spaCy component ("storyline_time") and as the pipeline stage "time".

The stage runs the spaCy component on the Doc that the "sentences" stage left in ``doc.extras``, so
spaCy users get the same results (``sdoc.spans["timex"]`` plus ``sdoc.user_data``) and the pipeline
gets ``TimeMention``s. The anchor-free extraction is cached on the document: ``reanchor(doc, date)``
re-resolves against a new publication date without running the patterns again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ...pipeline import Stage, register
from ..sentences import doc_text
from .tagger import Extraction, extract

if TYPE_CHECKING:
    from ...model import Document, TimeMention
    from ...settings import Settings

EXTRACTION_KEY = "time.extraction"
SPAN_KEY = "timex"
ANCHOR_KEY = "storyline.anchor"
TIMES_KEY = "storyline.times"
MODES = ("news", "narrative")


class TimeComponent:
    """spaCy component: tags ``sdoc.text``; the anchor comes from ``sdoc.user_data["storyline.anchor"]``."""

    def __init__(self, lang: str = "de", mode: str = "news"):
        self.lang = lang
        self.mode = mode if mode in MODES else "news"

    def __call__(self, sdoc: Any) -> Any:
        ex = sdoc.user_data.get(EXTRACTION_KEY)
        text = doc_text(sdoc)
        if not isinstance(ex, Extraction) or ex.text != text:
            sents = [(s.start_char, s.end_char) for s in sdoc.sents] if sdoc.has_annotation("SENT_START") else None
            ex = extract(text, sents, self.lang)
            sdoc.user_data[EXTRACTION_KEY] = ex
        times = ex.resolve(sdoc.user_data.get(ANCHOR_KEY), self.mode)
        sdoc.user_data[TIMES_KEY] = times
        spans = []
        for tm in times:
            sp = sdoc.char_span(tm.span.start, tm.span.end, label=tm.type, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        sdoc.spans[SPAN_KEY] = spans
        return sdoc


def _register_factory() -> None:
    from spacy.language import Language

    if Language.has_factory("storyline_time"):
        return

    @Language.factory("storyline_time", default_config={"lang": "de", "mode": "news"})
    def make_time(nlp: Any, name: str, lang: str, mode: str) -> TimeComponent:
        return TimeComponent(lang, mode)


_register_factory()


def _anchor(doc: Document, min_confidence: float = 0.0) -> date | None:
    """The publication date, unless it is an estimate too weak to count days from (a year guessed
    from vocabulary must not turn "gestern" into 1 July)."""
    art = doc.article
    if art.published_estimated and art.date_estimate is not None and art.date_estimate.confidence < min_confidence:
        return None
    pub = art.published
    if isinstance(pub, datetime):
        return pub.date()
    return pub


def _extraction(doc: Document, lang: str) -> Extraction:
    ex = doc.extras.get(EXTRACTION_KEY)
    if isinstance(ex, Extraction) and ex.text == doc.text:
        return ex
    sents = [(s.start, s.end) for s in doc.sentences] or None
    ex = extract(doc.text, sents, lang)
    doc.extras[EXTRACTION_KEY] = ex
    return ex


def reanchor(doc: Document, published: date | datetime | None, mode: str = "news") -> list[TimeMention]:
    """Re-resolve the document's times against a new publication date (cheap: no pattern matching)."""
    lang = (doc.article.language or "de")[:2]
    times = _extraction(doc, lang).resolve(published, mode)
    doc.times = times
    if "timeline" in doc.stages:
        from ..timeline import build_timeline

        doc.timeline = build_timeline(doc)
    return times


@register("time")
class TimeStage(Stage):
    """Fills ``doc.times``; runs as the spaCy component when a spaCy Doc is present."""

    version = 1
    requires = ("article.text", "article.published", "sentences")
    assigns = ("times",)

    def __init__(self, settings: Settings | None = None):
        self.mode = settings["time.mode"] if settings is not None else "news"
        self.default_lang = (settings["time.default_language"] if settings is not None else None) or "de"
        self.min_anchor_confidence = float(settings["time.min_anchor_confidence"]) if settings is not None else 0.3
        _register_factory()
        extract("", None, self.default_lang)  # compile the rules now, not inside the first article

    def _lang(self, doc: Document) -> str:
        lang = (doc.article.language or self.default_lang)[:2]
        return "en" if lang == "en" else "de"

    def __call__(self, doc: Document) -> Document:
        lang = self._lang(doc)
        ex = _extraction(doc, lang)
        sdoc = doc.extras.get("spacy")
        if sdoc is not None and doc_text(sdoc) == doc.text:
            sdoc.user_data[EXTRACTION_KEY] = ex
            sdoc.user_data[ANCHOR_KEY] = _anchor(doc, self.min_anchor_confidence)
            TimeComponent(lang, self.mode)(sdoc)
            doc.times = list(sdoc.user_data[TIMES_KEY])
        else:
            doc.times = ex.resolve(_anchor(doc, self.min_anchor_confidence), self.mode)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
