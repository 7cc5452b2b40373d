"""Use-case: remove articles (a wrong item, a takedown) and everything that stood on them.

The articles go with their annotations, memberships and search entries; the entities they named
lose those mentions (an entity no article names any more goes); events and stories are recomputed
by a full re-link of what remains, so they are what linking the remaining articles gives (same
input, same ids). The links are marked stale in the same transaction as the deletion, so a kill
before the re-link has committed is completed by the next command that writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .reannotate import STALE_KEY, relink_stale

if TYPE_CHECKING:
    from ..model import Entity
    from ..settings import Settings
    from ..store.base import Store


@dataclass(slots=True)
class DeleteReport:
    deleted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # ids (or prefixes) no stored article has
    entities_removed: list[str] = field(default_factory=list)
    entities_updated: list[str] = field(default_factory=list)


def delete_articles(store: Store, settings: Settings, ids: list[str]) -> DeleteReport:
    report = DeleteReport()
    full: list[str] = []
    for given in ids:
        doc = store.get(given)  # a full id or a unique prefix
        if doc is not None:
            full.append(doc.id)
        else:
            report.missing.append(given)
    docs = store.documents(sorted(set(full)))
    counts: Counter[str] = Counter(
        m.entity_id for d in docs for m in [*d.mentions, *d.title_mentions] if m.entity_id
    )
    with store.transaction():
        store.delete_articles([d.id for d in docs])
        keep: list[Entity] = []
        gone: list[Entity] = []
        for eid, n in sorted(counts.items()):
            entity = store.entity(eid)
            if entity is None:
                continue
            entity.mentions -= n
            (keep if entity.mentions > 0 else gone).append(entity)
        store.put_entities(keep)
        store.delete_entities([e.id for e in gone])
        store.set_state(STALE_KEY, "1")
    report.deleted = [d.id for d in docs]
    report.entities_updated = [e.id for e in keep]
    report.entities_removed = [e.id for e in gone]
    if docs:
        relink_stale(store, settings)
    else:
        store.set_state(STALE_KEY, "")
    return report
