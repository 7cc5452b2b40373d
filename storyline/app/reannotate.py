"""Use-case: annotate stored articles again (after a user-supplied date or a model upgrade).

The article itself is kept and its annotation layers replaced; since dates and annotations feed the
linker, its picture is recomputed from scratch (same input, same ids). The store carries a mark while
the links are stale, so an interrupted re-link is completed by the next command that writes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Document
from .annotate import annotate
from .linking import LinkReport, link_pending

STALE_KEY = "links_stale"  # set while annotations changed after the links were computed

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..settings import Settings
    from ..store.base import Store


def reannotate(store: Store, pipeline: Pipeline, settings: Settings, docs: list[Document]) -> list[Document]:
    """Re-run the pipeline over ``docs`` (stored documents, possibly with a changed article), store the
    fresh layers and, when linking on ingest is on, re-link everything."""
    fresh = annotate(pipeline, [Document(d.article) for d in docs], max_chars=int(settings["pipeline.max_chars"]))
    with store.transaction():  # the links are stale from here until a full re-link has committed
        store.update(fresh)
        store.set_state(STALE_KEY, "1")
    if settings["link.on_ingest"]:
        relink_stale(store, settings)
    return fresh


def relink_stale(store: Store, settings: Settings) -> LinkReport:
    """Re-link everything and only then clear the stale mark: a kill in between leaves the mark,
    and the next command that writes re-links again (same input, same ids: harmless)."""
    report = link_pending(store, settings, full=True)
    store.set_state(STALE_KEY, "")
    return report


def links_stale(store: Store) -> bool:
    return bool(store.get_state(STALE_KEY))
