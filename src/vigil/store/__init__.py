"""The store: where Vigil keeps its record (SQLite by default)."""

from __future__ import annotations

import os
from pathlib import Path

from vigil.store.sqlite import SQLiteStore

DEFAULT_DB = "vigil.db"


def default_db() -> str:
    return os.environ.get("VIGIL_DB", DEFAULT_DB)


def open_store(db: str | Path | None = None) -> SQLiteStore:
    """Open (and create or upgrade) the store named by `db`, $VIGIL_DB or ./vigil.db."""
    return SQLiteStore(db or default_db())


__all__ = ["SQLiteStore", "open_store", "default_db", "DEFAULT_DB"]
