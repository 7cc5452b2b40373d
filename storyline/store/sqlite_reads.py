"""The SQLite answers to the paged reads pages and the API ask (``Store.story_rows`` and friends).

Kept apart from ``sqlite.py`` (writes, migrations) because these queries exist for one reason: a
page must cost the same on a store of 100 articles and of 100,000. Each uses an index or a LIMIT;
none reads every article.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from ..model import Article, Document, Entity
from .base import SearchHit
from .rows import article_from_row

_COLUMNS = (
    "a.id, a.url, a.source, a.title, a.text, a.language, a.published, a.published_estimated, "
    "a.date_confidence, a.date_evidence, a.ingested, a.origin, a.meta"
)
SEARCH_COUNT_CAP = 10_000  # counting every hit of a common word costs a scan: "more than 10,000"
_STORY_ORDER = {
    "recent": "json_extract(data, '$.end') DESC, id DESC",  # NULLs sort last; index stories_end
    "size": "json_array_length(data, '$.article_ids') DESC, id",
}
_ID = re.compile(r"[A-Za-z0-9_]{1,64}")


class SQLiteReads:
    """Mixed into :class:`~storyline.store.sqlite.SQLiteStore`, which provides the connection."""

    db: sqlite3.Connection

    def _documents(self, rows: list[sqlite3.Row]) -> list[Document]:  # provided by SQLiteStore
        raise NotImplementedError

    @staticmethod
    def _rows(cursor: sqlite3.Cursor, json_cols: tuple[str, ...] = ("data", "explanation")) -> list[dict[str, Any]]:
        raise NotImplementedError

    def documents(self, ids: Sequence[str]) -> list[Document]:
        found: dict[str, Document] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.db.execute(
                f"SELECT {_COLUMNS}, a.stages FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            found.update((d.id, d) for d in self._documents(rows))
        return [found[i] for i in ids if i in found]

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        found: dict[str, Article] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self.db.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.id IN ({','.join('?' * len(chunk))})", chunk)
            found.update((a.id, a) for a in map(article_from_row, rows))
        return [found[i] for i in ids if i in found]

    def story_rows(self, limit: int | None = 50, offset: int = 0, order: str = "recent") -> list[dict[str, Any]]:
        by = _STORY_ORDER.get(order)
        if by is None:
            raise StoreError(f"unknown story order {order!r}; choose one of {', '.join(_STORY_ORDER)}")
        q = f"SELECT * FROM stories ORDER BY {by} LIMIT ? OFFSET ?"
        return self._rows(self.db.execute(q, (-1 if limit is None else limit, offset)))

    def _by_prefix(self, table: str, key: str) -> dict[str, Any] | None:
        if not _ID.fullmatch(key):
            return None
        rows = self._rows(self.db.execute(f"SELECT * FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\U0010ffff")))
        exact = [r for r in rows if r["id"] == key]
        if exact:
            return exact[0]
        if len(rows) > 1:
            raise StoreError(f"id prefix {key!r} is ambiguous; give more characters")
        return rows[0] if rows else None

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        return self._by_prefix("stories", story_id)

    def event_row(self, event_id: str) -> dict[str, Any] | None:
        return self._by_prefix("events", event_id)

    def events_page(self, story_id: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        where, args = ("WHERE story_id = ?", [story_id]) if story_id else ("", [])
        return self._rows(
            self.db.execute(f"SELECT * FROM events {where} ORDER BY start IS NULL, start, id LIMIT ? OFFSET ?", [*args, limit, offset])
        )

    def memberships_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        ids = list(article_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT * FROM memberships WHERE article_id IN ({','.join('?' * len(chunk))})"
            out.update((r["article_id"], r) for r in self._rows(self.db.execute(q, chunk)))
        return out

    def members_of_event(self, event_id: str) -> list[dict[str, Any]]:
        return self._rows(self.db.execute("SELECT * FROM memberships WHERE event_id = ? ORDER BY article_id", (event_id,)))

    def entity(self, entity_id: str) -> Entity | None:
        r = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if r is None:
            return None
        return Entity(r["id"], r["name"], r["label"], json.loads(r["aliases"]), r["mentions"], r["relation"])

    def entity_ids_from(self, prefix: str, limit: int = 2) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM entities WHERE id >= ? AND id < ? ORDER BY id LIMIT ?", (prefix, prefix + "\uffff", limit)
        )
        return [r["id"] for r in rows]

    def recent_stories(self, since: str, limit: int = 20) -> list[tuple[str, int]]:
        rows = self.db.execute(
            # CROSS JOIN keeps the join order: the few articles since `since` (by index), then their
            # memberships; the planner's own choice walked every membership
            "SELECT m.story_id, count(*) AS n FROM articles a CROSS JOIN memberships m ON m.article_id = a.id "
            "WHERE a.published >= ? AND m.story_id IS NOT NULL GROUP BY m.story_id ORDER BY n DESC, m.story_id LIMIT ?",
            (since, limit),
        )
        return [(r[0], int(r[1])) for r in rows]

    def stats(self) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM stories), "
            "(SELECT count(*) FROM entities), (SELECT max(published) FROM articles), "
            "(SELECT ingested FROM articles ORDER BY rowid DESC LIMIT 1)"
        ).fetchone()
        keys = ("articles", "events", "stories", "entities", "latest_published", "last_ingested")
        return dict(zip(keys, tuple(row), strict=True))

    def search_page(
        self,
        query: str,
        *,
        language: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> tuple[list[SearchHit], int]:
        from .sqlite import fts_query

        match = fts_query(query)
        if not match:
            return [], 0
        where, args = ["articles_fts MATCH ?"], [match]
        for clause, value in (("a.language = ?", language), ("a.source = ?", source), ("a.published >= ?", since), ("a.published < ?", until)):
            if value:
                where.append(clause)
                args.append(value)
        base = f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE {' AND '.join(where)}"
        q = (
            f"SELECT {_COLUMNS}, snippet(articles_fts, 1, '[', ']', '…', 12) AS snip, "
            f"bm25(articles_fts, 4.0, 1.0) AS score {base} ORDER BY score, a.id LIMIT ? OFFSET ?"
        )
        try:
            rows = self.db.execute(q, [*args, limit, offset]).fetchall()
            total = self.db.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {SEARCH_COUNT_CAP + 1})", args).fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from None
        return [SearchHit(article_from_row(r), r["snip"], -float(r["score"])) for r in rows], int(total)

    def ids_with_page(self, layer: str, limit: int = 50, offset: int = 0, newest_first: bool = True) -> list[str]:
        # walk the publication index and test each article for the layer: stops after one page
        order = "a.published DESC, a.id DESC" if newest_first else "a.published IS NULL, a.published, a.id"
        q = (
            "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM layers n WHERE n.article_id = a.id AND n.layer = ?) "
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return [r[0] for r in self.db.execute(q, (layer, limit, offset))]

    def sources(self, limit: int = 100) -> list[tuple[str, int]]:
        q = "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY n DESC, source LIMIT ?"
        return [(r[0], int(r[1])) for r in self.db.execute(q, (limit,))]
