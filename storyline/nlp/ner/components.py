"""spaCy factories ``storyline_ner_accurate`` and ``storyline_ner_fast``: they set ``Doc.ents``.

>>> import spacy, storyline.nlp.ner.components
>>> nlp = spacy.blank("de"); nlp.add_pipe("sentencizer"); nlp.add_pipe("storyline_ner_accurate")

Each sentence (or the whole text when the Doc has no sentence boundaries) is tagged by the profile's
tagger on its characters; spans are expanded to the Doc's token boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .stage import set_spacy_ents
from .tagger import load_tagger


class NerComponent:
    def __init__(self, profile: str) -> None:
        self.profile = profile

    def _pieces(self, doc: Doc) -> list[tuple[int, str]]:
        if doc.has_annotation("SENT_START"):
            return [(s.start_char, s.text) for s in doc.sents if s.text.strip()]
        return [(0, doc.text)] if doc.text.strip() else []

    def _apply(self, docs: list[Doc]) -> None:
        jobs = [(i, off, t) for i, d in enumerate(docs) for off, t in self._pieces(d)]
        res = load_tagger(self.profile).tag([t for _, _, t in jobs]) if jobs else []
        spans: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        for (i, off, _), found in zip(jobs, res, strict=True):
            spans[i].extend((s + off, e + off, lab) for s, e, lab in found)
        for d, sp in zip(docs, spans, strict=True):
            set_spacy_ents(d, sp)

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        it = iter(stream)
        while batch := list(islice(it, batch_size)):
            self._apply(batch)
            yield from batch


def _register() -> None:
    for profile in ("accurate", "fast"):
        name = f"storyline_ner_{profile}"
        if Language.has_factory(name):
            continue

        def make(nlp: Language, name: str, _profile: str = profile) -> Any:
            return NerComponent(_profile)

        Language.factory(name)(make)


_register()
