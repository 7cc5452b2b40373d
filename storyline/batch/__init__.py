"""Whole corpora on Apache Spark (``storyline batch``): read and annotate in parallel partitions, then
merge entities, store and link on the driver in the order a one-process ``ingest`` uses, so the
result (article ids, annotations, entity ids, event and story ids) is the same. See DESIGN.md here.

Nothing in this package imports PySpark at import time: ``storyline`` without the ``spark`` extra
never loads it, and the worker code (``worker``) needs no Spark at all.
"""

from __future__ import annotations

from .plan import ReadUnit, plan_units

__all__ = ["ReadUnit", "plan_units"]
