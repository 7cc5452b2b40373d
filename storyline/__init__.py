"""Storyline: turn news articles into a structured, searchable record of what happened.

    >>> import storyline
    >>> db = storyline.open("news.db")
    >>> db.ingest(["articles/"])
    >>> db.search("Nordkorea")

Importing the package is cheap: heavy modules (spaCy, lingua, trafilatura) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .library import Storyline


def open(path: str = "storyline.db", settings: Any = None) -> Storyline:
    """Open (or create) a Storyline database and return the library object over it."""
    from .library import Storyline

    return Storyline(path, settings=settings)


__all__ = ["__version__", "open"]
