"""The embedded store: one SQLite file (WAL mode), full-text search with FTS5."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vigil.errors import DatabaseError
from vigil.store.base import Store


class SQLiteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot open database {self.path}: {exc}") from exc
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._columns: dict[str, tuple[str, ...]] = {}
        self.migrate()

    def columns(self, table: str) -> tuple[str, ...]:
        if table not in self._columns:
            self._columns[table] = tuple(row[1] for row in self.conn.execute(f'PRAGMA table_info("{table}")'))
        return self._columns[table]

    def transaction(self):
        return _Transaction(self.conn)

    def statements(self, sql: str) -> list[str]:
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

    # Full-text ranking reads every match; a word in most documents of a large record has too many.
    # Matches are ranked among the RANKED_MATCHES most recently stored ones.
    RANKED_MATCHES = 2000

    def search(self, query: str, limit: int) -> list[dict]:
        match = fts_query(query)
        floor = self.scalar("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                            (match, self.RANKED_MATCHES - 1)) or 0
        best = list(self.query("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid >= ? "
                               "ORDER BY rank LIMIT ?", (match, floor, int(limit))))
        rows = []
        for hit in best:  # a snippet per hit: one indexed look-up each
            rows += self.query("""SELECT d.id, d.title, d.published, d.source, d.origin,
                                         snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet
                                  FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                                  WHERE documents_fts MATCH ? AND documents_fts.rowid = ?""", (match, hit["rowid"]))
        return rows


def fts_query(query: str) -> str:
    """Quote each word so that user text (hyphens, dots) is never read as FTS syntax; keep OR."""
    import re

    words = re.findall(r"[\w'’.-]+", query)
    return " ".join(w if w == "OR" else '"' + w.replace('"', '""') + '"' for w in words) or '""'


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
