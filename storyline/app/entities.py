"""Use-case: cross-article entity identity (the same person, place or organisation in many
articles becomes one stored entity)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document, Entity
    from ..settings import Settings
    from ..store.base import Store


class EntityMerger:
    """Merges each new document's entities into the entities already stored (same person, place or
    organisation across articles → one id), loading the known entities once per ingest."""

    def __init__(self, store: Store, settings: Settings):
        from ..nlp.entity_index import EntityIndex

        self.index = EntityIndex(store.entities(), short_names=bool(settings["entities.merge_short_names"]))

    def __call__(self, docs: list[Document]) -> list[Entity]:
        """Relink the documents' mentions to the merged entities; the entities that changed, by id.
        Whether an article is sports reporting decides whether a city's name alone is its club."""
        from ..nlp.entity_index import sports_context

        changed: dict[str, Entity] = {}
        for doc in docs:
            local = doc.extras.get("entities")
            if not local:
                continue
            sports = sports_context(f"{doc.article.title or ''}\n{doc.text}")
            result = self.index.merge(local, sports=sports)
            doc.mentions = result.relink(doc.mentions)
            doc.title_mentions = result.relink(doc.title_mentions)
            for e in result.entities:
                changed[e.id] = e
        return [changed[k] for k in sorted(changed)]
