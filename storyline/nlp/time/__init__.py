"""German and English temporal tagging (TIMEX3) as a pipeline stage and a spaCy component.

``extract(text)`` finds expressions without knowing the publication date; ``Extraction.resolve(anchor)``
gives them values, so re-dating an article re-runs only the cheap half. The stage "time" lives in
``component.py`` and is imported lazily by the pipeline registry.

Layout (like spaCy's ``lang/de``, ``lang/en``): each language's word lists, regex pieces, builders and
rule table live in its package (``de/``, ``en/``); the machinery both use stays here: the tagger
(``tagger``), the anchor-free meaning (``expr``), rule helpers (``patterns``), resolution (``resolve``,
``normalize``) and the words those read for either language (``lexicon``).
"""

from __future__ import annotations

from .tagger import Extraction, extract, tag

__all__ = ["Extraction", "extract", "tag"]
