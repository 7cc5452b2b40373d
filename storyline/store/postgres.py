"""PostgreSQL backend (psycopg 3): the store of a team, with several writers and readers at once.

The schema mirrors the SQLite one column for column (rows travel between backends unchanged, see
``storyline copy``); full-text search is a weighted ``tsvector`` per article under its language's
text search configuration, diacritics folded with ``unaccent``, in a GIN index. A use-case that
writes holds a session-level advisory lock, so concurrent ingests queue for the linker's state
instead of overwriting each other's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from ..errors import StoreError
from ..model import Article, Document, Entity
from .base import RAW_TABLES, SearchHit, Store
from .pg_connect import connect, migrations, redacted
from .pg_search import CONFIGS, parse, tsquery_sql
from .rows import article_from_row, article_row, document_from_rows, layer_rows

_ARTICLE_COLUMNS = (
    "id, url, source, title, text, language, published, published_estimated, date_confidence, "
    "date_evidence, ingested, origin, meta"
)
_ORDER = "ORDER BY published IS NULL, published, id"
_LOCK = 0x53544C59  # "STLY": the first key of Storyline's advisory locks; the second names the lock
_WRITER, _MIGRATE = 1, 2
_RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"  # D, C, B, A: a title word counts 4x, as bm25(4.0, 1.0) in SQLite
_HEADLINE = "StartSel=[, StopSel=], MaxWords=12, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"


ANALYZE_AFTER = 2000  # state rows written at once after which their table's statistics are refreshed


class PostgresStore(Store):
    def __init__(self, location: str, readonly: bool = False):
        self.location = location
        self._depth = 0
        self._writing = 0
        self.db = connect(location, readonly)
        try:
            if readonly:
                if self.schema_version == 0:
                    raise StoreError(f"{redacted(location)} is not a Storyline database")
            else:
                self._migrate()
        except BaseException:
            self.db.close()
            raise

    # --- schema
    @property
    def schema_version(self) -> int:
        if self.db.execute("SELECT to_regclass('storyline_schema') AS t").fetchone()["t"] is None:
            return 0
        row = self.db.execute("SELECT max(version) AS v FROM storyline_schema").fetchone()
        return int(row["v"] or 0)

    def _migrate(self) -> None:
        """Apply the missing migrations in one transaction under a lock: two processes opening a new
        database at once must not both create its tables."""
        pending = migrations()
        if self.schema_version >= pending[-1][0]:
            return
        # a session lock taken before the transaction: a transaction begun before another process's
        # migration committed would still see that the tables are missing (cached catalog lookups)
        self.db.execute("SELECT pg_advisory_lock(%s, %s)", (_LOCK, _MIGRATE))
        try:
            self._apply(pending)
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s, %s)", (_LOCK, _MIGRATE))

    def _apply(self, pending: list[tuple[int, str, str]]) -> None:
        with self.transaction():
            version = self.schema_version
            if version == 0:
                tables = self.db.execute(
                    "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()"
                ).fetchone()["n"]
                if tables:
                    raise StoreError(f"{redacted(self.location)} holds the tables of another program")
                self.db.execute("CREATE TABLE storyline_schema (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
            for number, _name, sql in pending:
                if number <= version:
                    continue
                self.db.execute(sql)
                self.db.execute(
                    "INSERT INTO storyline_schema (version, applied) VALUES (%s, %s)",
                    (number, datetime.now().isoformat(timespec="seconds")),
                )

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One atomic unit; nested uses join the outer transaction (as in the SQLite backend)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.db.transaction():
                yield self.db
        finally:
            self._depth = 0

    # --- articles
    def existing(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        if not wanted:
            return set()
        return {r["id"] for r in self.db.execute("SELECT id FROM articles WHERE id = ANY(%s)", (wanted,))}

    def add(self, docs: Sequence[Document]) -> list[str]:
        """Articles already stored, by this or another process, are skipped by the insert itself
        (``ON CONFLICT DO NOTHING``), so two writers adding one article cannot both store it."""
        fresh: dict[str, Document] = {}
        for doc in docs:
            fresh.setdefault(doc.id, doc)
        if not fresh:
            return []
        cols = [*_ARTICLE_COLUMNS.split(", "), "stages"]
        rows = [tuple(p[c] for c in cols) for p in map(_article_params, fresh.values())]
        with self.transaction(), self.db.cursor() as cur:
            done = {r["id"] for r in _bulk(cur, "articles", cols, rows, "ON CONFLICT (id) DO NOTHING RETURNING id")}
            layers = [r for doc in fresh.values() if doc.id in done for r in layer_rows(doc)]
            _bulk(cur, "layers", ("article_id", "layer", "items"), layers)
        return [i for i in fresh if i in done]

    def update(self, docs: Sequence[Document]) -> None:
        with self.transaction(), self.db.cursor() as cur:
            for doc in docs:
                row = _article_params(doc)
                sets = ", ".join(f"{c} = %({c})s" for c in row if c not in {"id", "ingested"})
                cur.execute(f"UPDATE articles SET {sets} WHERE id = %(id)s", row)
                cur.execute("DELETE FROM layers WHERE article_id = %s", (doc.id,))
                cur.executemany("INSERT INTO layers (article_id, layer, items) VALUES (%s, %s, %s)", layer_rows(doc))

    def resolve_id(self, prefix: str) -> str | None:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,32}", prefix):
            return None
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id >= %s AND id < %s ORDER BY id LIMIT 2", (prefix, prefix + "g")
        ).fetchall()
        if len(rows) > 1:
            raise StoreError(f"article id prefix {prefix!r} is ambiguous; give more characters")
        return rows[0]["id"] if rows else None

    def _documents(self, rows: list[dict[str, Any]]) -> list[Document]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        by_article: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for a in self.db.execute("SELECT article_id, layer, items FROM layers WHERE article_id = ANY(%s)", (ids,)):
            by_article[a["article_id"]].append(a)
        return [
            document_from_rows(article_from_row(r), by_article[r["id"]], json.loads(r["stages"] or "{}"))
            for r in rows
        ]

    def documents(self, ids: Sequence[str]) -> list[Document]:
        """The stored documents among ``ids`` in one query (the default asks one id at a time)."""
        wanted = list(dict.fromkeys(ids))
        rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id = ANY(%s)", (wanted,)).fetchall()
        found = {d.id: d for d in self._documents(rows)}
        return [found[i] for i in wanted if i in found]

    def articles_by_id(self, ids: Sequence[str]) -> list[Article]:
        wanted = list(dict.fromkeys(ids))
        rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)", (wanted,)).fetchall()
        found = {r["id"]: article_from_row(r) for r in rows}
        return [found[i] for i in wanted if i in found]

    def get(self, article_id: str) -> Document | None:
        full = article_id if self.has(article_id) else self.resolve_id(article_id)
        if full is None:
            return None
        docs = self.documents([full])
        return docs[0] if docs else None

    def articles(self, limit: int | None = 50, offset: int = 0, language: str | None = None) -> list[Article]:
        where, args = ("WHERE language = %s", [language]) if language else ("", [])
        q = f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} {_ORDER} LIMIT %s OFFSET %s"
        return [article_from_row(r) for r in self.db.execute(q, [*args, limit, offset])]

    def iter_documents(self, batch_size: int = 500) -> Iterator[Document]:
        ids = [r["id"] for r in self.db.execute(f"SELECT id FROM articles {_ORDER}")]
        for i in range(0, len(ids), batch_size):
            rows = self.db.execute(
                f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id = ANY(%s) {_ORDER}", (ids[i : i + batch_size],)
            ).fetchall()
            yield from self._documents(rows)

    def ids_with(self, layer: str) -> list[str]:
        q = (
            "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM layers n WHERE n.article_id = a.id "
            "AND n.layer = %s) ORDER BY a.published IS NULL, a.published, a.id"
        )
        return [r["id"] for r in self.db.execute(q, (layer,))]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) AS n FROM articles").fetchone()["n"])

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The query is built once per text search configuration (German, English, other) and each
        article is matched with the one of its language, as its tsvector was built."""
        groups = parse(query)
        if not groups:
            return []
        exprs, params = [], []
        for lang, config in CONFIGS.items():
            sql, args = tsquery_sql(groups, config)
            exprs.append(f"({sql})::text AS q{lang or 'x'}")
            params.extend(args)
        made = self.db.execute(f"SELECT {', '.join(exprs)}", params).fetchone()
        qde, qen, qx = made["qde"], made["qen"], made["qx"]
        if not (qde or qen or qx):
            return []  # only stop words
        cols = ", ".join("a." + c for c in _ARTICLE_COLUMNS.split(", "))
        q = (
            f"WITH hits AS (SELECT {cols}, ts_rank(%(w)s, a.fts, q.q) AS score, q.q AS tsq FROM articles a, "
            "LATERAL (SELECT CASE a.language WHEN 'de' THEN %(de)s::tsquery WHEN 'en' THEN %(en)s::tsquery "
            "ELSE %(x)s::tsquery END AS q) q "
            "WHERE (a.language = 'de' AND a.fts @@ %(de)s::tsquery) OR (a.language = 'en' AND a.fts @@ %(en)s::tsquery) "
            "OR (a.language IS DISTINCT FROM 'de' AND a.language IS DISTINCT FROM 'en' AND a.fts @@ %(x)s::tsquery) "
            "ORDER BY score DESC, a.id LIMIT %(limit)s) "
            "SELECT *, ts_headline(storyline_ts_config(language), text, tsq, %(headline)s) AS snip "
            "FROM hits ORDER BY score DESC, id"
        )
        named = {"w": _RANK_WEIGHTS, "de": qde, "en": qen, "x": qx, "limit": limit, "headline": _HEADLINE}
        rows = self.db.execute(q, named).fetchall()
        return [SearchHit(article_from_row(r), r["snip"], float(r["score"])) for r in rows]

    # --- entities
    def entity_ids_from(self, prefix: str, limit: int = 2) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM entities WHERE left(id, %s) = %s ORDER BY id LIMIT %s", (len(prefix), prefix, limit)
        ).fetchall()
        return [r["id"] for r in rows]

    def entities(self, label: str | None = None, limit: int | None = None) -> list[Entity]:
        where, args = ("WHERE label = %s", [label]) if label else ("", [])
        q = f"SELECT * FROM entities {where} ORDER BY mentions DESC, name, id LIMIT %s"
        return [
            Entity(r["id"], r["name"], r["label"], json.loads(r["aliases"]), r["mentions"], r["relation"])
            for r in self.db.execute(q, [*args, limit])
        ]

    def delete_articles(self, ids: Sequence[str]) -> None:
        with self.transaction(), self.db.cursor() as cur:  # layers and memberships go by cascade
            cur.execute("DELETE FROM articles WHERE id = ANY(%s)", (list(ids),))
            # a cascaded membership's trigger marks its article unlinked again: not for a deleted one
            cur.execute("DELETE FROM unlinked WHERE article_id = ANY(%s)", (list(ids),))

    def delete_entities(self, ids: Sequence[str]) -> None:
        with self.transaction(), self.db.cursor() as cur:
            cur.execute("DELETE FROM entities WHERE id = ANY(%s)", (list(ids),))
            # their identity history goes too: a takedown leaves no name behind
            cur.execute("DELETE FROM link_log WHERE object = ANY(%s) AND action LIKE 'entity-%%'", (list(ids),))

    def put_entities(self, entities: Sequence[Entity]) -> None:
        with self.transaction(), self.db.cursor() as cur:
            last = {e.id: e for e in entities}  # one row per key in one statement: the last given wins
            _bulk(
                cur, "entities", ("id", "name", "label", "aliases", "mentions", "relation"),
                [(e.id, e.name, e.label, json.dumps(e.aliases, ensure_ascii=False), e.mentions, e.relation) for e in last.values()],
                "ON CONFLICT (id) DO UPDATE SET name = excluded.name, label = excluded.label, "
                "aliases = excluded.aliases, mentions = excluded.mentions, relation = excluded.relation, data = NULL",
            )

    # --- events, stories
    def put_links(
        self,
        memberships: Sequence[dict[str, Any]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        with self.transaction(), self.db.cursor() as cur:
            _upsert(cur, "memberships", ("article_id", "event_id", "story_id", "duplicate_of", "score", "explanation"), memberships)
            _upsert(cur, "events", ("id", "story_id", "title", "start", "end", "data"), events)
            _upsert(cur, "stories", ("id", "title", "data"), stories)
            now = datetime.now().isoformat(timespec="seconds")
            _bulk(cur, "link_log", ("at", "action", "subject", "object", "reason"),
                  [(now, e.get("action"), e.get("subject"), e.get("object"), e.get("reason")) for e in log])

    def delete_links(self) -> None:
        with self.transaction():
            for table in ("memberships", "events", "stories"):
                self.db.execute(f"DELETE FROM {table}")

    def update_links(
        self,
        memberships: Sequence[dict[str, Any]],
        moves: Sequence[tuple[str, str, str]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        gone_events: Sequence[str] = (),
        gone_stories: Sequence[str] = (),
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM events WHERE id = ANY(%s)", (list(gone_events),))
            self.db.execute("DELETE FROM stories WHERE id = ANY(%s)", (list(gone_stories),))
            if moves:
                last = {aid: (aid, eid, sid) for aid, eid, sid in moves}  # the last move of an article wins
                self.db.execute(
                    "UPDATE memberships m SET event_id = u.e, story_id = u.s "
                    "FROM unnest(%s::text[], %s::text[], %s::text[]) AS u(a, e, s) WHERE m.article_id = u.a",
                    [list(c) for c in zip(*last.values(), strict=True)],
                )
            self.put_links(memberships, events, stories, log)

    def membership_ids(self, only: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        sql = "SELECT article_id, event_id, story_id FROM memberships"
        rows = self.db.execute(sql) if only is None else self.db.execute(f"{sql} WHERE article_id = ANY(%s)", (list(only),))
        return {r["article_id"]: (r["event_id"], r["story_id"]) for r in rows}

    def _rows(self, sql: str, args: Sequence[Any] = (), json_cols: tuple[str, ...] = ("data", "explanation")) -> list[dict[str, Any]]:
        out = []
        for d in self.db.execute(sql, args):
            for c in json_cols:
                if isinstance(d.get(c), str) and d[c][:1] in "[{":
                    d[c] = json.loads(d[c])
            out.append(d)
        return out

    def unlinked(self) -> list[Document]:
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id IN (SELECT article_id FROM unlinked) {_ORDER}"
        ).fetchall()
        out: list[Document] = []
        for i in range(0, len(rows), 500):
            out.extend(self._documents(rows[i : i + 500]))
        return out

    def count_unlinked(self) -> int:
        return int(self.db.execute("SELECT count(*) AS n FROM unlinked").fetchone()["n"])

    @contextmanager
    def writer(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """A session-level advisory lock in the database, held for a whole use-case: writers on any
        machine queue for it; readers never take it. The server frees it if this process dies."""
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        got = self.db.execute("SELECT pg_try_advisory_lock(%s, %s) AS ok", (_LOCK, _WRITER)).fetchone()["ok"]
        if not got:
            if waiting is not None:
                waiting(self._lock_holder())
            self.db.execute("SELECT pg_advisory_lock(%s, %s)", (_LOCK, _WRITER))
        self._writing = 1
        try:
            yield
        finally:
            self._writing = 0
            with suppress(Exception):
                self.db.execute("SELECT pg_advisory_unlock(%s, %s)", (_LOCK, _WRITER))

    def _lock_holder(self) -> str:
        row = self.db.execute(
            "SELECT a.application_name AS who, a.client_addr AS addr, a.xact_start, a.backend_start AS since "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
            "AND l.classid = %s AND l.objid = %s AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            (_LOCK, _WRITER),
        ).fetchone()
        if row is None:
            return "another process"
        where = f" at {row['addr']}" if row["addr"] else ""
        return f"{row['who'] or 'a client'}{where}, connected since {row['since']:%H:%M:%S}"

    def memberships(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM memberships ORDER BY article_id")

    def link_counts(self) -> tuple[int, int]:
        row = self.db.execute("SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM stories) AS s").fetchone()
        return int(row["e"]), int(row["s"])

    def events(self, story_id: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE story_id = %s", [story_id]) if story_id else ("", [])
        return self._rows(f"SELECT * FROM events {where} ORDER BY start IS NULL, start, id", args)

    def stories(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM stories ORDER BY id")

    def link_log(self, about: str | None = None) -> list[dict[str, Any]]:
        if about is not None:
            return self._rows("SELECT * FROM link_log WHERE object = %s ORDER BY seq", (about,), ())
        return self._rows("SELECT * FROM link_log ORDER BY seq", (), ())

    # --- misc
    def get_state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = %s", (key,)).fetchone()
        return row["value"] if row else None

    def set_state(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO state (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def state_items(self, namespace: str, keys: Iterable[str]) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT key, value FROM state_items WHERE namespace = %s AND key = ANY(%s)", (namespace, list(keys))
        )
        return {r["key"]: r["value"] for r in rows}

    def put_state_items(self, namespace: str, items: dict[str, str], dropped: Iterable[str] = ()) -> None:
        with self.transaction(), self.db.cursor() as cur:
            cur.execute("DELETE FROM state_items WHERE namespace = %s AND key = ANY(%s)", (namespace, list(dropped)))
            _bulk(cur, "state_items", ("namespace", "key", "value"), [(namespace, k, v) for k, v in items.items()],
                  "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value")
            if len(items) >= ANALYZE_AFTER:
                # planned with the statistics of a small table, a look-up of a few keys reads the
                # whole namespace (index on the namespace, keys filtered: 7.7 ms a call instead of
                # 0.2 ms once the planner knows the namespace holds 50,000 rows)
                cur.execute("ANALYZE state_items")

    def clear_state_items(self, prefix: str) -> None:
        self.db.execute("DELETE FROM state_items WHERE left(namespace, %s) = %s", (len(prefix), prefix))

    def raw_rows(self, table: str, batch_size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        order = ", ".join(RAW_TABLES[table])
        with self.db.cursor() as cur:  # a client-side cursor: fine for the sizes of these tables
            cur.execute(f"SELECT * FROM {table} ORDER BY {order}")
            while batch := cur.fetchmany(batch_size):
                yield batch

    def put_raw_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        assert table in RAW_TABLES and all(c.isidentifier() for c in cols)
        overriding = table == "link_log"
        with self.transaction(), self.db.cursor() as cur:
            _bulk(cur, table, cols, [tuple(r[c] for c in cols) for r in rows], overriding=overriding)
            if overriding:  # the next logged entry continues after the copied ones
                cur.execute("SELECT setval(pg_get_serial_sequence('link_log', 'seq'), max(seq)) FROM link_log")

    def check(self) -> list[str]:
        problems = []
        orphans = self.db.execute(
            "SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM layers n WHERE n.article_id = a.id)"
            " AND a.stages LIKE '%%structure%%'"
        ).fetchone()["n"]
        if orphans:
            problems.append(f"{orphans} articles lack the annotations their stages promise")
        unindexed = self.db.execute("SELECT count(*) AS n FROM articles WHERE fts IS NULL").fetchone()["n"]
        if unindexed:
            problems.append(f"full-text index: {unindexed} articles are not indexed")
        wrong = self.db.execute(
            "SELECT count(*) AS n FROM articles a WHERE (EXISTS (SELECT 1 FROM memberships m WHERE m.article_id = a.id))"
            " = (EXISTS (SELECT 1 FROM unlinked u WHERE u.article_id = a.id))"
        ).fetchone()["n"]
        if wrong:
            problems.append(f"{wrong} articles are wrongly listed as linked or unlinked")
        return problems

    def close(self) -> None:
        with suppress(Exception):
            self.db.close()


def _article_params(doc: Document) -> dict[str, Any]:
    row = article_row(doc.article)
    row["stages"] = json.dumps(doc.stages, sort_keys=True) if doc.stages else None
    return row


def _encode(value: Any) -> Any:
    """Dicts and lists as the JSON text the SQLite backend stores, so both backends hold equal rows."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return value


def _upsert(cur: Any, table: str, cols: tuple[str, ...], rows: Sequence[dict[str, Any]]) -> None:
    """Insert or replace rows by their first column (the key), as SQLite's INSERT OR REPLACE."""
    if not rows:
        return
    last = {r.get(cols[0]): r for r in rows}  # one row per key in one statement: the last given wins
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols[1:])
    _bulk(cur, table, cols, [tuple(_encode(r.get(c)) for c in cols) for r in last.values()],
          f'ON CONFLICT ("{cols[0]}") DO UPDATE SET {sets}')


_TYPES = {"published_estimated": "int8", "mentions": "int8", "seq": "int8", "date_confidence": "float8", "score": "float8"}


def _bulk(cur: Any, table: str, cols: Sequence[str], rows: Sequence[tuple[Any, ...]], tail: str = "",
          overriding: bool = False) -> list[dict[str, Any]]:
    """Insert many rows in one statement (``unnest`` of one array per column): one round trip and
    one plan, where a statement per row made PostgreSQL several times slower than SQLite."""
    if not rows:
        return []
    arrays = []
    for c, values in zip(cols, zip(*rows, strict=True), strict=True):
        kind = _TYPES.get(c, "text")
        cast = float if kind == "float8" else int if kind == "int8" else None
        arrays.append([v if v is None or cast is None else cast(v) for v in values])
    casts = ", ".join(f"%b::{_TYPES.get(c, 'text')}[]" for c in cols)
    quoted = ", ".join(f'"{c}"' for c in cols)
    system = "OVERRIDING SYSTEM VALUE " if overriding else ""
    cur.execute(f"INSERT INTO {table} ({quoted}) {system}SELECT * FROM unnest({casts}) {tail}", arrays)
    return cur.fetchall() if "RETURNING" in tail else []
