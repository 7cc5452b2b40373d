"""The ``ner`` stage: entity mentions for German (own models) and English (``english.py``) documents.

Setting ``ner.profile`` picks the German model: ``accurate`` (e5-small tagger on onnxruntime) or
``fast`` (spaCy CNN). Sentences are tagged one by one (long ones in overlapping windows), batched across
documents; mentions carry character offsets into the article text. The spaCy Doc from the
``sentences`` stage, when present, gets the same entities in ``Doc.ents``. Other languages get no
mentions and a note in ``doc.extras["notes"]``.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from ...model import Mention, Span
from ...pipeline import Stage, register
from .tagger import PROFILES, load_tagger

if TYPE_CHECKING:
    from ...model import Document
    from ...settings import Settings

GERMAN = ("de",)


def _english() -> Any:
    try:
        return importlib.import_module("storyline.nlp.ner.english")
    except ImportError:
        return None


def set_spacy_ents(sdoc: Any, spans: list[tuple[int, int, str]]) -> None:
    """Put character spans on a spaCy Doc as ``Doc.ents`` (expanded to token bounds, no overlaps)."""
    from spacy.util import filter_spans

    ents = []
    for s, e, lab in spans:
        sp = sdoc.char_span(s, e, label=lab, alignment_mode="expand")
        if sp is not None and len(sp):
            ents.append(sp)
    sdoc.ents = filter_spans(ents)


#: lower-case words that belong inside names ("Ursula von der Leyen", "Bundesagentur für Arbeit",
#: "Tour de Ski", "Battle of the Sexes"); any other lower-case word inside a name is a headline's verb
#: or noun that the tagger ran into ("Kiel holt Tohumcu", "Dynamo Dresden holt")
NAME_PARTICLES = frozenset(
    {
        "von", "vom", "van", "de", "der", "den", "des", "dem", "du", "di", "da", "la", "le", "del", "della",
        "dos", "das", "zu", "zum", "zur", "y", "bin", "ibn", "al", "el", "ten", "ter", "op", "af", "of", "the",
        "and", "für", "am", "an", "im", "in", "auf", "aus", "bei", "und", "&"
    }
)


def _trimmed(spans: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Person and organisation names cleaned of what the tagger ran into in headlines: trailing
    lower-case words and particles are cut ("Selenskyj holt" → "Selenskyj", "Im Duell der" → "Im
    Duell"), and a name broken by a lower-case word that is no particle is split into its runs of
    capitalised words ("Schalke 04 holt Lüftl" → "Schalke 04", "Lüftl")."""
    out: list[tuple[int, int, str]] = []
    for s, e, lab in spans:
        surface = text[s:e]
        if lab not in ("PER", "ORG") or " " not in surface or not surface[:1].isupper():
            out.append((s, e, lab))  # one word, or a brand written lower-case ("dpa", "heise online")
            continue
        run: list[tuple[int, int]] = []  # words of the current run: (start, end)
        pos = s
        for word in surface.split(" "):
            ws, we = pos, pos + len(word)
            pos = we + 1
            if word and (word[:1].isupper() or word[:1].isdigit() or (run and word in NAME_PARTICLES)):
                run.append((ws, we))
                continue
            out.extend(_run_span(run, text, lab))
            run = []
        out.extend(_run_span(run, text, lab))
    return out


def _run_span(run: list[tuple[int, int]], text: str, lab: str) -> list[tuple[int, int, str]]:
    while run and not (text[run[-1][0]].isupper() or text[run[-1][0]].isdigit()):
        run = run[:-1]  # a run ends in a capitalised word or a number, never in a particle
    return [(run[0][0], run[-1][1], lab)] if run else []


@register("ner")
class NerStage(Stage):
    version = 1
    requires = ("sentences", "tokens", "article.language")
    assigns = ("mentions", "title_mentions")

    def __init__(self, settings: Settings):
        profile = str(settings.get("ner.profile", "accurate"))
        if profile not in PROFILES:
            from ...errors import ConfigError

            raise ConfigError(f"ner.profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        self.profile = profile

    @staticmethod
    def _language(doc: Document) -> str:
        return (doc.article.language or "").split("-")[0].lower()

    def _german(self, docs: list[Document]) -> None:
        """Every sentence of every text, and each headline that is not the text itself, tagged in one
        batch; a headline is one more 'sentence' whose mentions keep offsets into the title."""
        jobs: list[tuple[int, int]] = []  # (doc index, sentence start; -1 = the title)
        texts: list[str] = []
        for di, doc in enumerate(docs):
            sents = doc.sentences or ([Span(0, len(doc.text))] if doc.text.strip() else [])
            for sent in sents:
                chunk = doc.text[sent.start : sent.end]
                if chunk.strip():
                    jobs.append((di, sent.start))
                    texts.append(chunk)
            if title := doc.separate_title:
                jobs.append((di, -1))
                texts.append(title)
        results = load_tagger(self.profile).tag(texts) if texts else []
        found: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        in_title: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (di, off), spans in zip(jobs, results, strict=True):
            if off < 0:
                in_title[di].extend(spans)
            else:
                found[di].extend((s + off, e + off, lab) for s, e, lab in spans)
        for doc, spans, heads in zip(docs, found, in_title, strict=True):
            spans = sorted(_trimmed(spans, doc.text))
            heads = _trimmed(heads, doc.separate_title or "")
            doc.mentions = [Mention(Span(s, e), lab) for s, e, lab in spans]  # type: ignore[arg-type]
            doc.title_mentions = [Mention(Span(s, e), lab) for s, e, lab in sorted(heads)]  # type: ignore[arg-type]
            sdoc = doc.extras.get("spacy")
            if sdoc is not None:
                with contextlib.suppress(ValueError, AttributeError):
                    set_spacy_ents(sdoc, spans)

    def _other(self, doc: Document, lang: str) -> None:
        if lang == "en":
            mod = _english()
            if mod is not None and hasattr(mod, "english_mentions"):
                doc.mentions = list(mod.english_mentions(doc))
                return
            note = "ner: no English NER model available (storyline.nlp.ner.english missing)"
        else:
            note = f"ner: no NER model fits language {lang or 'unknown'!r}; no mentions"
            doc.mentions = []
        doc.extras.setdefault("notes", []).append(note)

    def _run(self, docs: list[Document]) -> None:
        german = [d for d in docs if self._language(d) in GERMAN]
        if german:
            self._german(german)
        for d in docs:
            lang = self._language(d)
            if lang not in GERMAN:
                self._other(d, lang)

    def __call__(self, doc: Document) -> Document:
        self._run([doc])
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        it = iter(docs)
        while batch := list(islice(it, max(batch_size, 1))):
            self._run(batch)
            yield from batch
