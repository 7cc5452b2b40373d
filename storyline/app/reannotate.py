"""Use-case: annotate stored articles again (after a user-supplied date or a model upgrade).

The article itself is kept and its annotation layers replaced; since dates and annotations feed the
linker, its picture is recomputed from scratch (same input, same ids).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Document
from .annotate import annotate
from .linking import link_pending

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..settings import Settings
    from ..store.base import Store


def reannotate(store: Store, pipeline: Pipeline, settings: Settings, docs: list[Document]) -> list[Document]:
    """Re-run the pipeline over ``docs`` (stored documents, possibly with a changed article), store the
    fresh layers and, when linking on ingest is on, re-link everything."""
    fresh = annotate(pipeline, [Document(d.article) for d in docs], max_chars=int(settings["pipeline.max_chars"]))
    store.update(fresh)
    if settings["link.on_ingest"]:
        link_pending(store, settings, full=True)
    return fresh
