"""The ``storyline export`` records (shared/EVAL.md); built in :mod:`storyline.views`, named here
too because notebooks and scripts import them from this module."""

from __future__ import annotations

from .views.export import WHAT, records
from .views.records import article_record

__all__ = ["WHAT", "article_record", "records"]
