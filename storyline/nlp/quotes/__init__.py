"""Quotes: who said what, direct and reported speech with speakers (German first, English direct).

Importing this package registers the ``quotes`` pipeline stage and the ``storyline_quotes`` spaCy
factory. See ``strategies.py`` for how a unit's quotes and their speakers are chosen (an ordered table
of named strategies), ``extract.py`` for the walk around it, and ``storyline/eval/quotes.py`` for how
they are scored.
"""

from __future__ import annotations

from .component import QuotesStage, SpacyQuotes, extract_from_spacy
from .extract import Extractor, Options
from .trace import Tracer

__all__ = ["Extractor", "Options", "QuotesStage", "SpacyQuotes", "Tracer", "extract_from_spacy"]
