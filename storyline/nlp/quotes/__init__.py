"""Quotes: who said what, direct and reported speech with speakers (German first, English direct).

Importing this package registers the ``quotes`` pipeline stage and the ``storyline_quotes`` spaCy
factory. See ``extract.py`` for how the rules fit together and ``storyline/eval/quotes.py`` for how
they are scored.
"""

from __future__ import annotations

from .component import QuotesStage, SpacyQuotes, extract_from_spacy
from .extract import Extractor, Options

__all__ = ["Extractor", "Options", "QuotesStage", "SpacyQuotes", "extract_from_spacy"]
