"""The store: where Vigil keeps its record (SQLite by default)."""

from __future__ import annotations

import os
from pathlib import Path

from vigil.store.base import Store
from vigil.store.sqlite import SQLiteStore

DEFAULT_DB = "vigil.db"


def default_db() -> str:
    return os.environ.get("VIGIL_DB", DEFAULT_DB)


def open_store(db: str | Path | None = None) -> Store:
    """Open (and create or upgrade) the store named by `db`, $VIGIL_DB or ./vigil.db.

    A `postgresql://user:password@host/dbname` URL opens a PostgreSQL store; anything else is a SQLite file.
    """
    target = str(db or default_db())
    if target.startswith(("postgresql://", "postgres://")):
        from vigil.store.postgres import PostgresStore

        return PostgresStore(target)
    return SQLiteStore(target)


__all__ = ["Store", "SQLiteStore", "open_store", "default_db", "DEFAULT_DB"]
