"""SQLite backend: WAL journal, numbered migrations, FTS5 search, one transaction per batch.

SQLite is the default because it needs nothing installed and survives crashes: with WAL and a
transaction per batch, a killed ingest leaves the database exactly as it was after the last
committed batch, and re-running the ingest completes the work (stored articles are duplicates).
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Article, Document, Entity
from .base import RAW_TABLES, SearchHit, Store
from .locks import file_lock
from .query import check_query
from .rows import article_from_row, article_row, document_from_rows, layer_rows
from .sqlite_reads import SQLiteReads

_ARTICLE_COLUMNS = (
    "id, url, source, title, text, language, published, published_estimated, date_confidence, "
    "date_evidence, ingested, origin, meta"
)
_ORDER = "ORDER BY published IS NULL, published, id"


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) for every packaged migration, in order."""
    found = []
    for entry in resources.files("storyline.store.migrations").iterdir():
        m = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if m:
            found.append((int(m[1]), m[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore(SQLiteReads, Store):
    def __init__(self, location: str | Path, readonly: bool = False):
        self.location = str(location)
        self._depth = 0
        self._writing = 0
        path = Path(self.location)
        if readonly and not path.exists():
            raise StoreError(f"database {path} does not exist (run 'storyline ingest' first)")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file")
        if not readonly and path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            uri = f"file:{path}?mode=ro" if readonly else str(path)
            self.db = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout=10000")
            if not readonly:
                self._wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a usable Storyline database ({exc})") from None

    def _wal(self, wait_s: float = 10.0) -> None:
        """Switch to write-ahead logging. While another process creates a new database, SQLite answers
        the switch with "database is locked" at once, without waiting for the busy timeout (two
        ingests started together into one new file); so it is retried until ``wait_s`` has passed."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    # --- schema
    def _check_version(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            raise StoreError(f"{self.location} is not a Storyline database")

    def _migrate(self) -> None:
        """Apply the missing migrations, all in one write transaction that re-reads the version:
        two processes opening a new database at once must not both create its tables."""
        pending = migrations()
        if self.db.execute("PRAGMA user_version").fetchone()[0] >= pending[-1][0]:
            return  # up to date: no write lock taken (readers and writers open the store often)
        with self.transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                tables = self.db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if tables:
                    raise StoreError(f"{self.location} is an SQLite database of another program")
            for number, _name, sql in pending:
                if number <= version:
                    continue
                for statement in _statements(sql):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit; nested uses join the outer transaction (so a batch of articles, the
        entities they update and their event memberships commit together or not at all)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.db
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    # --- articles
    def existing(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    def _insert(self, docs: Sequence[Document]) -> None:
        rows = []
        for doc in docs:
            row = article_row(doc.article)
            row["stages"] = json.dumps(doc.stages, sort_keys=True) if doc.stages else None
            rows.append(row)
        cols = [*_ARTICLE_COLUMNS.split(", "), "stages"]
        self.db.executemany(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})", rows
        )
        self.db.executemany(
            "INSERT INTO layers (article_id, layer, items) VALUES (?,?,?)",
            [r for doc in docs for r in layer_rows(doc)],
        )

    def add(self, docs: Sequence[Document]) -> list[str]:
        with self.transaction():
            known = self.existing(d.id for d in docs)
            fresh: dict[str, Document] = {}
            for doc in docs:
                if doc.id not in known and doc.id not in fresh:
                    fresh[doc.id] = doc
            self._insert(list(fresh.values()))
        return list(fresh)

    def update(self, docs: Sequence[Document]) -> None:
        with self.transaction():
            for doc in docs:
                row = article_row(doc.article)
                row["stages"] = json.dumps(doc.stages, sort_keys=True) if doc.stages else None
                sets = ", ".join(f"{c} = :{c}" for c in row if c not in {"id", "ingested"})
                self.db.execute(f"UPDATE articles SET {sets} WHERE id = :id", row)
                self.db.execute("DELETE FROM layers WHERE article_id = ?", (doc.id,))
                self.db.executemany(
                    "INSERT INTO layers (article_id, layer, items) VALUES (?,?,?)", layer_rows(doc)
                )

    def resolve_id(self, prefix: str) -> str | None:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,32}", prefix):
            return None
        rows = self.db.execute("SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (prefix, prefix + "g")).fetchall()
        if len(rows) > 1:
            raise StoreError(f"article id prefix {prefix!r} is ambiguous; give more characters")
        return rows[0][0] if rows else None

    def _documents(self, rows: list[sqlite3.Row]) -> list[Document]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        by_article: dict[str, list[sqlite3.Row]] = {i: [] for i in ids}
        q = f"SELECT article_id, layer, items FROM layers WHERE article_id IN ({','.join('?' * len(ids))})"
        for a in self.db.execute(q, ids):
            by_article[a["article_id"]].append(a)
        return [
            document_from_rows(article_from_row(r), by_article[r["id"]], json.loads(r["stages"] or "{}"))
            for r in rows
        ]

    def get(self, article_id: str) -> Document | None:
        full = article_id if self.has(article_id) else self.resolve_id(article_id)
        if full is None:
            return None
        rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id = ?", (full,)).fetchall()
        docs = self._documents(rows)
        return docs[0] if docs else None

    def articles(self, limit: int | None = 50, offset: int = 0, language: str | None = None) -> list[Article]:
        where, args = ("WHERE language = ?", [language]) if language else ("", [])
        q = f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} {_ORDER} LIMIT ? OFFSET ?"
        return [article_from_row(r) for r in self.db.execute(q, [*args, -1 if limit is None else limit, offset])]

    def iter_documents(self, batch_size: int = 500) -> Iterator[Document]:
        ids = [r[0] for r in self.db.execute(f"SELECT id FROM articles {_ORDER}")]
        for i in range(0, len(ids), batch_size):
            chunk = ids[i : i + batch_size]
            rows = self.db.execute(
                f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id IN ({','.join('?' * len(chunk))}) {_ORDER}",
                chunk,
            ).fetchall()
            yield from self._documents(rows)

    def ids_with(self, layer: str) -> list[str]:
        q = (
            "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM layers n "
            f"WHERE n.article_id = a.id AND n.layer = ?) {_ORDER.replace('published', 'a.published').replace(' id', ' a.id')}"
        )
        return [r[0] for r in self.db.execute(q, (layer,))]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        check_query(query, match)
        if not match:
            return []
        q = (
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS.split(', '))}, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) AS snip, bm25(articles_fts, 4.0, 1.0) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY score, a.id LIMIT ?"
        )
        try:
            rows = self.db.execute(q, (match, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from None
        return [SearchHit(article_from_row(r), r["snip"], -float(r["score"])) for r in rows]

    # --- entities
    def entities(self, label: str | None = None, limit: int | None = None) -> list[Entity]:
        where, args = ("WHERE label = ?", [label]) if label else ("", [])
        q = f"SELECT * FROM entities {where} ORDER BY mentions DESC, name, id LIMIT ?"
        return [
            Entity(r["id"], r["name"], r["label"], json.loads(r["aliases"]), r["mentions"], r["relation"])
            for r in self.db.execute(q, [*args, -1 if limit is None else limit])
        ]

    def delete_articles(self, ids: Sequence[str]) -> None:
        with self.transaction():  # layers, memberships and the unlinked row go by cascade and trigger
            for chunk in _chunks(list(ids)):
                marks = ",".join("?" * len(chunk))
                self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
                # a cascaded membership's trigger marks its article unlinked again: not for a deleted one
                self.db.execute(f"DELETE FROM unlinked WHERE article_id IN ({marks})", chunk)

    def delete_entities(self, ids: Sequence[str]) -> None:
        with self.transaction():
            for chunk in _chunks(list(ids)):
                marks = ",".join("?" * len(chunk))
                self.db.execute(f"DELETE FROM entities WHERE id IN ({marks})", chunk)
                # their identity history goes too: a takedown leaves no name behind
                self.db.execute(f"DELETE FROM link_log WHERE object IN ({marks}) AND action LIKE 'entity-%'", chunk)

    def put_entities(self, entities: Sequence[Entity]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO entities (id, name, label, aliases, mentions, relation) VALUES (?,?,?,?,?,?)",
                [(e.id, e.name, e.label, json.dumps(e.aliases, ensure_ascii=False), e.mentions, e.relation) for e in entities],
            )

    # --- events, stories
    def put_links(
        self,
        memberships: Sequence[dict[str, Any]],
        events: Sequence[dict[str, Any]],
        stories: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
    ) -> None:
        def enc(v: Any) -> Any:
            return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str) if isinstance(v, dict | list) else v

        with self.transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO memberships (article_id, event_id, story_id, duplicate_of, score, explanation) "
                "VALUES (:article_id, :event_id, :story_id, :duplicate_of, :score, :explanation)",
                [{k: enc(m.get(k)) for k in ("article_id", "event_id", "story_id", "duplicate_of", "score", "explanation")} for m in memberships],
            )
            self.db.executemany(
                'INSERT OR REPLACE INTO events (id, story_id, title, start, "end", data) VALUES (:id, :story_id, :title, :start, :end, :data)',
                [{k: enc(e.get(k)) for k in ("id", "story_id", "title", "start", "end", "data")} for e in events],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO stories (id, title, data) VALUES (:id, :title, :data)",
                [{k: enc(s.get(k)) for k in ("id", "title", "data")} for s in stories],
            )
            now = datetime.now().isoformat(timespec="seconds")
            self.db.executemany(
                "INSERT INTO link_log (at, action, subject, object, reason) VALUES (?,?,?,?,?)",
                [(now, e.get("action"), e.get("subject"), e.get("object"), e.get("reason")) for e in log],
            )

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
            self.db.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in gone_events])
            self.db.executemany("DELETE FROM stories WHERE id = ?", [(s,) for s in gone_stories])
            self.db.executemany(
                "UPDATE memberships SET event_id = ?, story_id = ? WHERE article_id = ?",
                [(eid, sid, aid) for aid, eid, sid in moves],
            )
            self.put_links(memberships, events, stories, log)

    def membership_ids(self, only: Iterable[str] | None = None) -> dict[str, tuple[str | None, str | None]]:
        sql = "SELECT article_id, event_id, story_id FROM memberships"
        if only is None:
            return {r[0]: (r[1], r[2]) for r in self.db.execute(sql)}
        out: dict[str, tuple[str | None, str | None]] = {}
        for chunk in _chunks(list(only)):
            rows = self.db.execute(f"{sql} WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
            out.update((r[0], (r[1], r[2])) for r in rows)
        return out

    @staticmethod
    def _rows(cursor: sqlite3.Cursor, json_cols: tuple[str, ...] = ("data", "explanation")) -> list[dict[str, Any]]:
        out = []
        for r in cursor:
            d = dict(r)
            for c in json_cols:
                if isinstance(d.get(c), str) and d[c][:1] in "[{":
                    d[c] = json.loads(d[c])
            out.append(d)
        return out

    def unlinked(self) -> list[Document]:
        rows = self.db.execute(  # the unlinked table is kept by triggers: no scan of every article
            f"SELECT {_ARTICLE_COLUMNS}, stages FROM articles WHERE id IN (SELECT article_id FROM unlinked) {_ORDER}"
        ).fetchall()
        out: list[Document] = []
        for i in range(0, len(rows), 500):
            out.extend(self._documents(rows[i : i + 500]))
        return out

    def count_unlinked(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM unlinked").fetchone()[0])

    @contextmanager
    def writer(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """An advisory lock on ``<db>-writer`` beside the database (as SQLite keeps ``-wal`` and
        ``-shm``): not on the database file itself, whose POSIX locks SQLite would lose when another
        descriptor of it is closed. Held for a whole use-case; readers never take it."""
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        with file_lock(Path(self.location + "-writer"), waiting):
            self._writing = 1
            try:
                yield
            finally:
                self._writing = 0

    def memberships(self) -> list[dict[str, Any]]:
        return self._rows(self.db.execute("SELECT * FROM memberships ORDER BY article_id"))

    def link_counts(self) -> tuple[int, int]:
        row = self.db.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM stories)").fetchone()
        return int(row[0]), int(row[1])

    def events(self, story_id: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE story_id = ?", [story_id]) if story_id else ("", [])
        return self._rows(self.db.execute(f'SELECT * FROM events {where} ORDER BY start IS NULL, start, id', args))

    def stories(self) -> list[dict[str, Any]]:
        return self._rows(self.db.execute("SELECT * FROM stories ORDER BY id"))

    def link_log(self, about: str | None = None) -> list[dict[str, Any]]:
        if about is not None:
            return self._rows(self.db.execute("SELECT * FROM link_log WHERE object = ? ORDER BY seq", (about,)), ())
        return self._rows(self.db.execute("SELECT * FROM link_log ORDER BY seq"), ())

    # --- misc
    def get_state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def state_items(self, namespace: str, keys: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(keys)):
            rows = self.db.execute(
                f"SELECT key, value FROM state_items WHERE namespace = ? AND key IN ({','.join('?' * len(chunk))})",
                [namespace, *chunk],
            )
            out.update((r[0], r[1]) for r in rows)
        return out

    def put_state_items(self, namespace: str, items: dict[str, str], dropped: Iterable[str] = ()) -> None:
        with self.transaction():
            self.db.executemany(
                "DELETE FROM state_items WHERE namespace = ? AND key = ?", [(namespace, k) for k in dropped]
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO state_items (namespace, key, value) VALUES (?, ?, ?)",
                [(namespace, k, v) for k, v in items.items()],
            )

    def clear_state_items(self, prefix: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM state_items WHERE substr(namespace, 1, ?) = ?", (len(prefix), prefix))

    def raw_rows(self, table: str, batch_size: int = 1000) -> Iterator[list[dict[str, Any]]]:
        order = ", ".join(RAW_TABLES[table])
        cursor = self.db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        while batch := cursor.fetchmany(batch_size):
            yield [dict(r) for r in batch]

    def put_raw_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        assert table in RAW_TABLES and all(c.isidentifier() for c in cols)
        with self.transaction():
            self.db.executemany(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})", rows
            )

    def check(self) -> list[str]:
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key violation in {r[0]}" for r in self.db.execute("PRAGMA foreign_key_check")]
        try:
            self.db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        orphans = self.db.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM layers n WHERE n.article_id = a.id)"
            " AND a.stages LIKE '%structure%'"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} articles lack the annotations their stages promise")
        return problems

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.db.close()


def _chunks(keys: list[str], size: int = 500) -> Iterator[list[str]]:
    """Keys in slices small enough for one ``IN (...)`` (SQLite caps the parameters of a statement)."""
    for i in range(0, len(keys), size):
        yield keys[i : i + size]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    out: list[str] = []
    buf: list[str] = []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf))
    return out


_FTS_TOKEN = re.compile(r'"[^"]*"|[\w*-]+', re.UNICODE)


def fts_query(query: str) -> str:
    """A user query as a safe FTS5 expression: words ANDed, "phrases" kept, prefix* allowed,
    OR/NOT honoured (of two operators in a row the last); punctuation that FTS5 would choke on is dropped."""
    parts = []
    for tok in _FTS_TOKEN.findall(query):
        if tok.startswith('"'):
            inner = tok.strip('"').replace('"', "").strip()
            if inner:
                parts.append(f'"{inner}"')
        elif tok in {"OR", "NOT", "AND"}:
            if parts and parts[-1] in {"OR", "NOT", "AND"}:
                parts.pop()  # 'a OR OR b', 'a OR NOT b': the last operator counts (FTS5 rejects two)
            parts.append(tok)
        else:
            word = tok.replace("-", " ").strip("* ")
            if word:
                star = "*" if tok.endswith("*") else ""
                parts.append(f'"{word}"{star}')
    while parts and parts[0] in {"OR", "NOT", "AND"}:
        parts.pop(0)
    while parts and parts[-1] in {"OR", "NOT", "AND"}:
        parts.pop()
    return " ".join(parts)
