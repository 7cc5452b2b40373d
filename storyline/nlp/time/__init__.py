"""German and English temporal tagging (TIMEX3) as a pipeline stage and a spaCy component.

``extract(text)`` finds expressions without knowing the publication date; ``Extraction.resolve(anchor)``
gives them values, so re-dating an article re-runs only the cheap half. The stage "time" lives in
``component.py`` and is imported lazily by the pipeline registry.
"""

from __future__ import annotations

from .tagger import Extraction, extract, tag

__all__ = ["Extraction", "extract", "tag"]
