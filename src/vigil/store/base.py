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
import json
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

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
        """Write documents with their extractions and signatures in one transaction."""
        from vigil.store import summaries

        with self.transaction():
            for actor in {a.id: a for a in actors}.values():
                self._upsert_actor(actor)
            written = []
            for document, extraction, signature in items:
                if self.known_ids([document.id]) or document.id in {d.id for d, _ in written}:
                    continue
                self._insert_document(document)
                if signature is not None:
                    self.execute("INSERT INTO doc_signatures VALUES (?, ?)", (document.id, signature))
                self._insert_extraction(extraction, document.published)
                written.append((document, extraction))
            summaries.add(self, written)

    def record_failure(self, origin: str, reason: str) -> None:
        stamp = now()
        with self.transaction():
            self.execute(
                """INSERT INTO failures (origin, reason, first_seen, last_seen) VALUES (?, ?, ?, ?)
                   ON CONFLICT (origin, reason) DO UPDATE SET last_seen = excluded.last_seen,
                   attempts = failures.attempts + 1""",
                (origin, reason, stamp, stamp),
            )

    def _insert_document(self, d: Document) -> None:
        self.execute(
            """INSERT INTO documents (id, content_hash, origin, source, title, published, published_how, author,
               language, url, text, original, segments, cleaning_steps, duplicate_of, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                d.id, d.content_hash, d.origin, d.source, d.title, d.published, d.published_how, d.author,
                d.language, d.url, d.text, d.original,
                to_json([[s.clean_start, s.original_start, s.length] for s in d.segments]),
                to_json(list(d.cleaning_steps)), d.duplicate_of, now(),
            ),
        )

    def _insert_extraction(self, x: Extraction, published: str | None = None) -> None:
        from vigil.store.summaries import event_day

        self._insert_many("entities", x.doc_id, x.entities)
        self._insert_many("dates", x.doc_id, x.dates)
        self._insert_many("places", x.doc_id, x.places)
        self._insert_many("actor_mentions", x.doc_id, x.actors)
        self._insert_many("quotes", x.doc_id, x.quotes, ids=f"{x.doc_id}-q", extra=lambda q: {"published": published})
        self._insert_many("events", x.doc_id, x.events, ids=f"{x.doc_id}-e",
                          extra=lambda e: {"day": event_day(e, published)})

    def _insert_many(self, table: str, doc_id: str, records: Sequence[Any], ids: str | None = None, extra=None) -> None:
        if not records:
            return
        columns = self.columns(table)
        rows = []
        for number, record in enumerate(records, start=1):
            values = {f.name: _cell(getattr(record, f.name)) for f in dataclasses.fields(record)}
            if extra is not None:
                values.update(extra(record))
            values["doc_id"] = doc_id
            if ids is not None:
                values["id"] = f"{ids}{number}"
            rows.append(tuple(values.get(c) for c in columns))
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)

    def _upsert_actor(self, a: Actor) -> None:
        self.execute(
            """INSERT INTO actors (id, name, aliases, type, country, wikidata, parent) VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, type = excluded.type,
               country = excluded.country, wikidata = excluded.wikidata, parent = excluded.parent""",
            (a.id, a.name, to_json(list(a.aliases)), a.type, a.country, a.wikidata, a.parent),
        )

    # -- reading -------------------------------------------------------------------------------

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        for row in self.query("SELECT doc_id, signature FROM doc_signatures"):
            yield row["doc_id"], bytes(row["signature"])


def _cell(value: Any) -> Any:
    """A record field as a column value: nested records as JSON, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (tuple, list, dict)) or dataclasses.is_dataclass(value):
        return to_json(value)
    return value
