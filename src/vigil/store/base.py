"""What every store backend shares: writing records in batches, reading rows.

A batch of documents is written with all its extractions in a single
transaction, so a run stopped at any moment (Ctrl-C, kill -9) leaves the
database as it was after the last whole batch; the next run skips the
documents already stored and goes on from there.

Backends (SQLite, PostgreSQL) supply the connection, the dialect's few
differences (`translate`), table introspection and full-text search.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Sequence

from vigil.records import Actor, Document, Extraction
from vigil.store.migrations import MIGRATIONS, for_dialect


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot store {type(value).__name__}")


class Store:
    dialect = "sqlite"
    path = ""

    # -- the backend's part ----------------------------------------------------------

    def translate(self, sql: str) -> str:
        return sql

    def columns(self, table: str) -> tuple[str, ...]:
        raise NotImplementedError

    def transaction(self):
        raise NotImplementedError

    def search(self, query: str, limit: int) -> list[dict]:
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    # -- statements ------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()):
        return self.conn.execute(self.translate(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.cursor().executemany(self.translate(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        for row in self.execute(sql, params).fetchall():
            yield dict(row)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else list(dict(row).values())[0]

    # -- schema --------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply the migrations not yet recorded; returns the versions applied."""
        with self.transaction():
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        done = {row["version"] for row in self.query("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                for statement in self.statements(for_dialect(sql, self.dialect)):
                    self.execute(statement)
                self.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))
            applied.append(version)
        return applied

    def statements(self, sql: str) -> list[str]:
        return [s.strip() for s in sql.split(";") if s.strip()]

    def schema_version(self) -> int:
        return self.scalar("SELECT max(version) AS v FROM schema_migrations") or 0

    # -- writing ---------------------------------------------------------------------------

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(doc_ids)
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(r["id"] for r in self.query(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def write_batch(self, items: Sequence[tuple[Document, Extraction, bytes | None]], actors: Iterable[Actor] = ()) -> None:
        """Write documents with their extractions and signatures in one transaction.

        One statement per table per batch (executemany), documents already stored skipped; the summary
        tables the queries read (vigil.store.summaries) are updated in the same transaction.
        """
        from vigil.store import summaries

        with self.transaction():
            self.lock_writers()
            self._upsert_actors(sorted({a.id: a for a in actors}.values(), key=lambda a: a.id))
            stored = self.known_ids(document.id for document, _, _ in items)
            fresh = []
            for item in items:
                if item[0].id not in stored:
                    stored.add(item[0].id)
                    fresh.append(item)
            if not fresh:
                return
            self.executemany(_INSERT_DOCUMENT, [_document_row(d, now()) for d, _, _ in fresh])
            signatures = [(d.id, s) for d, _, s in fresh if s is not None]
            if signatures:
                self.executemany("INSERT INTO doc_signatures VALUES (?, ?)", signatures)
            published = {d.id: d.published for d, _, _ in fresh}
            for table, attribute, ids in _EXTRACTION_TABLES:
                self._insert_rows(table, [(x.doc_id, getattr(x, attribute)) for _, x, _ in fresh], ids,
                                  _derived_columns(table, published))
            summaries.add(self, [(d, x) for d, x, _ in fresh])

    def lock_writers(self) -> None:
        """Inside a write transaction: wait for other writers (SQLite's BEGIN IMMEDIATE already does)."""

    def record_failure(self, origin: str, reason: str) -> None:
        stamp = now()
        with self.transaction():
            self.execute(
                """INSERT INTO failures (origin, reason, first_seen, last_seen) VALUES (?, ?, ?, ?)
                   ON CONFLICT (origin, reason) DO UPDATE SET last_seen = excluded.last_seen,
                   attempts = failures.attempts + 1""",
                (origin, reason, stamp, stamp),
            )

    def _insert_rows(self, table: str, records_by_doc: list[tuple[str, Sequence[Any]]], ids: str | None,
                     derived: Callable[[str, Any], dict] | None = None) -> None:
        """All rows of one extraction table for a batch, in document order, in one executemany."""
        columns = self.columns(table)
        rows = []
        for doc_id, records in records_by_doc:
            for number, record in enumerate(records, start=1):
                values = dict(zip(_field_names(type(record)), map(_cell, _field_values(record))))
                values["doc_id"] = doc_id
                if derived is not None:
                    values.update(derived(doc_id, record))
                if ids is not None:
                    values["id"] = f"{doc_id}{ids}{number}"
                rows.append(tuple(values.get(c) for c in columns))
        if rows:
            self.executemany(_insert_sql(table, columns), rows)

    def _upsert_actors(self, actors: Sequence[Actor]) -> None:
        if not actors:
            return
        self.executemany(
            """INSERT INTO actors (id, name, aliases, type, country, wikidata, parent) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, type = excluded.type,
               country = excluded.country, wikidata = excluded.wikidata, parent = excluded.parent""",
            [(a.id, a.name, to_json(list(a.aliases)), a.type, a.country, a.wikidata, a.parent) for a in actors],
        )

    # -- reading -------------------------------------------------------------------------------

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored duplicate-detection signature, in the order stored, streamed (not all in memory)."""
        for row in self.stream("SELECT doc_id, signature FROM doc_signatures"):
            yield row["doc_id"], bytes(row["signature"])

    def signature_of(self, doc_id: str) -> bytes | None:
        row = self.execute("SELECT signature FROM doc_signatures WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else bytes(row["signature"])

    def stream(self, sql: str, params: Sequence[Any] = (), size: int = 2000) -> Iterator[dict[str, Any]]:
        """Rows fetched `size` at a time."""
        cursor = self.conn.cursor()
        cursor.execute(self.translate(sql), tuple(params))
        while rows := cursor.fetchmany(size):
            yield from map(dict, rows)


def _cell(value: Any) -> Any:
    """A record field as a column value: nested records as JSON, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (tuple, list, dict)) or dataclasses.is_dataclass(value):
        return to_json(value)
    return value


_INSERT_DOCUMENT = """INSERT INTO documents (id, content_hash, origin, source, title, published, published_how, author,
   language, url, text, original, segments, cleaning_steps, duplicate_of, ingested_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""

# (table, Extraction attribute, suffix of generated row ids or None)
_EXTRACTION_TABLES = (
    ("entities", "entities", None),
    ("dates", "dates", None),
    ("places", "places", None),
    ("actor_mentions", "actors", None),
    ("quotes", "quotes", "-q"),
    ("events", "events", "-e"),
)


def _derived_columns(table: str, published: dict[str, str | None]) -> Callable[[str, Any], dict] | None:
    """Columns computed at write time that the record does not carry: a quote's publication date, an event's day."""
    from vigil.store.summaries import event_day

    if table == "quotes":
        return lambda doc_id, quote: {"published": published[doc_id]}
    if table == "events":
        return lambda doc_id, event: {"day": event_day(event, published[doc_id])}
    return None


def _document_row(d: Document, stamp: str) -> tuple:
    return (
        d.id, d.content_hash, d.origin, d.source, d.title, d.published, d.published_how, d.author,
        d.language, d.url, d.text, d.original,
        to_json([[s.clean_start, s.original_start, s.length] for s in d.segments]),
        to_json(list(d.cleaning_steps)), d.duplicate_of, stamp,
    )


@functools.lru_cache(maxsize=None)
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(record_type))


def _field_values(record: Any) -> list[Any]:
    return [getattr(record, name) for name in _field_names(type(record))]


@functools.lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})"
