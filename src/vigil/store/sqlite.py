"""The embedded store: one SQLite file, written one batch per transaction.

A batch of documents is written with all its extractions in a single
transaction, so a run stopped at any moment (Ctrl-C, kill -9) leaves the
database as it was after the last whole batch; the next run skips the
documents already stored and goes on from there.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from vigil.errors import DatabaseError
from vigil.records import Actor, Document, Extraction
from vigil.store.migrations import MIGRATIONS

def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__}")


class SQLiteStore:
    """Vigil's record in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._columns: dict[str, tuple[str, ...]] = {}
        self.migrate()

    # -- schema -----------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded; returns the versions applied."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def columns(self, table: str) -> tuple[str, ...]:
        if table not in self._columns:
            self._columns[table] = tuple(row[1] for row in self.conn.execute(f'PRAGMA table_info("{table}")'))
        return self._columns[table]

    # -- transactions -----------------------------------------------------------

    def transaction(self):
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()

    # -- writing ------------------------------------------------------------------

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(doc_ids)
        found: set[str] = set()
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def write_batch(
        self,
        items: Sequence[tuple[Document, Extraction, bytes | None]],
        actors: Iterable[Actor] = (),
    ) -> None:
        """Write documents with their extractions and signatures in one transaction."""
        with self.transaction():
            for actor in actors:
                self._upsert_actor(actor)
            for document, extraction, signature in items:
                if self.known_ids([document.id]):
                    continue
                self._insert_document(document)
                if signature is not None:
                    self.conn.execute("INSERT INTO doc_signatures VALUES (?, ?)", (document.id, signature))
                self._insert_extraction(extraction)

    def record_failure(self, origin: str, reason: str) -> None:
        now = _now()
        with self.transaction():
            self.conn.execute(
                """INSERT INTO failures (origin, reason, first_seen, last_seen) VALUES (?, ?, ?, ?)
                   ON CONFLICT (origin, reason) DO UPDATE SET last_seen = excluded.last_seen, attempts = attempts + 1""",
                (origin, reason, now, now),
            )

    def clear_failures(self, origin: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM failures WHERE origin = ?", (origin,))

    def _insert_document(self, d: Document) -> None:
        self.conn.execute(
            """INSERT INTO documents (id, content_hash, origin, source, title, published, published_how, author,
               language, url, text, original, segments, cleaning_steps, duplicate_of, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                d.id, d.content_hash, d.origin, d.source, d.title, d.published, d.published_how, d.author,
                d.language, d.url, d.text, d.original,
                _json([[s.clean_start, s.original_start, s.length] for s in d.segments]),
                _json(list(d.cleaning_steps)), d.duplicate_of, _now(),
            ),
        )

    def _insert_extraction(self, x: Extraction) -> None:
        doc_id = x.doc_id
        self._insert_many("entities", doc_id, x.entities)
        self._insert_many("dates", doc_id, x.dates)
        self._insert_many("places", doc_id, x.places, encode={"candidates": _json})
        self._insert_many("actor_mentions", doc_id, x.actors)
        self._insert_many("quotes", doc_id, x.quotes, ids=f"{doc_id}-q")
        self._insert_many("events", doc_id, x.events, ids=f"{doc_id}-e")

    def _insert_many(self, table: str, doc_id: str, records: Sequence[Any], encode=None, ids: str | None = None) -> None:
        if not records:
            return
        columns = self.columns(table)
        rows = []
        for number, record in enumerate(records, start=1):
            values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
            values["doc_id"] = doc_id
            if ids is not None:
                values["id"] = f"{ids}{number}"
            for name, fn in (encode or {}).items():
                values[name] = fn(values[name])
            rows.append(tuple(values.get(c) for c in columns))
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)

    def _upsert_actor(self, a: Actor) -> None:
        self.conn.execute(
            """INSERT INTO actors (id, name, aliases, type, country, wikidata, parent) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, type = excluded.type,
               country = excluded.country, wikidata = excluded.wikidata, parent = excluded.parent""",
            (a.id, a.name, _json(list(a.aliases)), a.type, a.country, a.wikidata, a.parent),
        )

    # -- reading --------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute(sql, params):
            yield dict(row)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for row in self.conn.execute("SELECT doc_id, signature FROM doc_signatures"):
            yield row[0], row[1]


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
        return False


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in sql.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current).strip())
    return statements
