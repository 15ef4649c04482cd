"""The server store: PostgreSQL, for a team sharing one record and for several ingest processes.

Same migrations and the same query layer as SQLite; `translate` maps the few
SQL differences (placeholders, LIKE's case rule, group_concat, LIMIT -1).
"""

from __future__ import annotations

import functools
import re

from vigil.errors import DatabaseError
from vigil.store.base import Store

_TRANSLATIONS = (
    (re.compile(r"\?"), "%s"),
    (re.compile(r"\bLIKE\b"), "ILIKE"),
    (re.compile(r"group_concat\(DISTINCT ([^)]+)\)"), r"string_agg(DISTINCT \1, ',')"),
    (re.compile(r"LIMIT -1"), "LIMIT ALL"),
)


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:
            raise DatabaseError("PostgreSQL needs psycopg: pip install 'vigil[scale]'") from exc
        self.path = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise DatabaseError(f"cannot connect to {_redacted(url)}: {exc}".strip()) from exc
        self._columns: dict[str, tuple[str, ...]] = {}
        self.migrate()

    def migrate(self) -> list[int]:
        with self.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(7432001)")  # one migrating process at a time
            return super().migrate()

    def translate(self, sql: str) -> str:
        return _translated(sql)

    def lock_writers(self) -> None:
        """Several ingest processes may share the database: their batches are written one at a time,
        so that each sees what the others stored (no duplicate key, no deadlock between batches)."""
        self.conn.execute("SELECT pg_advisory_xact_lock(7432002)")

    def stream(self, sql: str, params=(), size: int = 2000):
        """Rows from a server-side cursor, `size` at a time (a client cursor would hold them all)."""
        with self.conn.transaction(), self.conn.cursor(name="vigil_stream") as cursor:
            cursor.itersize = size
            cursor.execute(self.translate(sql), tuple(params))
            yield from cursor

    def columns(self, table: str) -> tuple[str, ...]:
        if table not in self._columns:
            rows = self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'fts' "
                "ORDER BY ordinal_position", (table,)).fetchall()
            self._columns[table] = tuple(r["column_name"] for r in rows)
        return self._columns[table]

    def transaction(self):
        return self.conn.transaction()

    def search(self, query: str, limit: int) -> list[dict]:
        sql = """SELECT id, title, published, source, origin,
                        ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=20') AS snippet
                 FROM documents, websearch_to_tsquery('english', %s) AS q
                 WHERE fts @@ q ORDER BY ts_rank(fts, q) DESC LIMIT %s"""
        return [dict(r) for r in self.conn.execute(sql, (query, int(limit))).fetchall()]


@functools.lru_cache(maxsize=512)
def _translated(sql: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        sql = pattern.sub(replacement, sql)
    return sql


def _redacted(url: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
