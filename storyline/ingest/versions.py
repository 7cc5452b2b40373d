"""Versions of one article: the same URL (or feed guid) arriving with changed text.

What counts as the same article: the same id (canonical URL, else a feed item's guid, else the
normalised text). Arriving again with the same normalised text it is a duplicate and changes
nothing. Arriving with other text it is a new version: stored as an article of its own, with id
``hash(first id, text)`` and ``meta.version_of`` (the first version's id) and ``meta.version``
(1 is the first), so nothing already stored is overwritten and the linker sees both. Before, an
updated page was dropped as a "duplicate" of its first version.

The texts each id was stored with are kept as keyed state rows (``ingest.versions``: id -> JSON
list of text hashes, in arrival order), written in the same transaction as the articles, so a
crash never records a version that was not stored. Articles stored before versions were tracked
are compared with their stored text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from ..ids import article_id, stable_hash
from ..model import Article, Document
from ..store.base import Store

NAMESPACE = "ingest.versions"


def text_key(article: Article) -> str:
    """The hash identity uses for text: equal for texts that differ only in white space."""
    return article_id(None, article.text)


class Versions:
    """Which texts each id has (known: stored or on their way), and which are stored."""

    def __init__(self, store: Store):
        self.store = store
        self.known: dict[str, list[str]] = {}
        self.stored: dict[str, list[str]] = {}

    def load(self, ids: Iterable[str]) -> None:
        """Fetch the text hashes of stored ids not yet known (one query; old stores: the text)."""
        missing = [i for i in dict.fromkeys(ids) if i not in self.known]
        if not missing:
            return
        rows = self.store.state_items(NAMESPACE, missing)
        for ident in missing:
            if ident in rows:
                hashes = [str(h) for h in json.loads(rows[ident])]
            else:
                doc = self.store.get(ident)
                hashes = [text_key(doc.article)] if doc is not None else []
            self.known[ident], self.stored[ident] = hashes, list(hashes)

    def refresh(self, ids: Iterable[str]) -> None:
        """Read again what the store records for ``ids`` (another writer may have stored them)."""
        ids = list(ids)
        for ident in ids:
            self.known.pop(ident, None)
            self.stored.pop(ident, None)
        self.load(ids)

    def first(self, article: Article) -> None:
        """A new article: its text is the first version of its id."""
        key = text_key(article)
        if key != article.id:  # an id made from the text needs no record: other text, other id
            self.known[article.id] = [key]

    def version(self, article: Article) -> Article | None:
        """``article`` re-identified as a new version of the stored article with its id, or None
        when it is a duplicate (the same text as a version already known)."""
        base, key = article.id, text_key(article)
        hashes = self.known.setdefault(base, [])
        if key == base or key in hashes:
            return None
        hashes.append(key)
        article.meta["version_of"] = base
        article.meta["version"] = len(hashes)
        article.id = stable_hash("version", base, key)
        return article

    def record(self, docs: Sequence[Document]) -> None:
        """Inside the transaction that stores ``docs``: remember their texts under their ids."""
        touched: dict[str, list[str]] = {}
        for doc in docs:
            art = doc.article
            base = str(art.meta.get("version_of") or art.id)
            key = text_key(art)
            if key == base:
                continue
            hashes = self.stored.setdefault(base, [])
            if key not in hashes:
                hashes.append(key)
                touched[base] = hashes
        if touched:
            self.store.put_state_items(NAMESPACE, {k: json.dumps(v) for k, v in touched.items()})
