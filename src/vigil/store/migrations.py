"""Schema changes as named, recorded migrations, safe to re-run.

Each migration runs once, inside a transaction, and is recorded in
schema_migrations. Never edit a released migration: add a new one.
The same migrations serve SQLite and PostgreSQL: `for_dialect` maps the few
column types that differ, and full-text search has one variant per backend.
"""

from __future__ import annotations

import re

FULL_TEXT = {
    "sqlite": """
        CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """,
    "postgresql": """
        ALTER TABLE documents ADD COLUMN fts tsvector
            GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
        CREATE INDEX documents_fts ON documents USING GIN (fts);
        """,
}


def for_dialect(sql: str, dialect: str) -> str:
    """A migration's SQL for a backend: full text inserted, column types mapped."""
    sql = sql.replace("{full_text}", FULL_TEXT[dialect])
    if dialect == "postgresql":
        sql = re.sub(r"\bBLOB\b", "BYTEA", sql)
        sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    return sql


MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "documents, failures and full-text search",
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            source TEXT,
            title TEXT,
            published TEXT,
            published_how TEXT,
            author TEXT,
            language TEXT,
            url TEXT,
            text TEXT NOT NULL,
            original TEXT NOT NULL,
            segments TEXT NOT NULL,
            cleaning_steps TEXT NOT NULL,
            duplicate_of TEXT REFERENCES documents(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
        CREATE TABLE failures (
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (origin, reason)
        );
        CREATE TABLE doc_signatures (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id),
            signature BLOB NOT NULL
        );
        {full_text}
        """,
    ),
    (
        2,
        "extractions: entities, dates, places, actors, quotes, events",
        """
        CREATE TABLE entities (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, label TEXT NOT NULL
        );
        CREATE INDEX entities_doc ON entities(doc_id);
        CREATE TABLE dates (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, type TEXT NOT NULL, value TEXT,
            range_start TEXT, range_end TEXT, time_precision INTEGER, resolved INTEGER NOT NULL
        );
        CREATE INDEX dates_doc ON dates(doc_id);
        CREATE TABLE places (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            mention TEXT NOT NULL, name TEXT, geonameid INTEGER,
            lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT,
            precision INTEGER, score REAL NOT NULL, role TEXT NOT NULL, candidates TEXT NOT NULL
        );
        CREATE INDEX places_doc ON places(doc_id);
        CREATE INDEX places_country ON places(country);
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL, aliases TEXT NOT NULL, type TEXT, country TEXT,
            wikidata TEXT, parent TEXT
        );
        CREATE TABLE actor_mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT NOT NULL,
            type TEXT, country TEXT, person TEXT, role TEXT
        );
        CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id);
        CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
        CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, kind TEXT NOT NULL,
            speaker TEXT, speaker_start INTEGER, speaker_end INTEGER,
            speaker_role TEXT, speaker_org TEXT, speaker_actor_id TEXT,
            cue TEXT, cue_start INTEGER, cue_end INTEGER, date TEXT
        );
        CREATE INDEX quotes_doc ON quotes(doc_id);
        CREATE INDEX quotes_speaker ON quotes(speaker);
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            sentence TEXT NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
            event_type TEXT NOT NULL, mode TEXT, context TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT,
            actor1 TEXT, actor1_id TEXT, actor2 TEXT, actor2_id TEXT,
            location TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT,
            geo_precision INTEGER, date TEXT, date_end TEXT, time_precision INTEGER,
            status TEXT NOT NULL, fatalities INTEGER, confidence REAL NOT NULL
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_type ON events(event_type);
        CREATE INDEX events_country ON events(country);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_actor1 ON events(actor1_id);
        CREATE INDEX events_actor2 ON events(actor2_id);
        """,
    ),
    (
        3,
        "event groups: reports of one real event merged",
        """
        CREATE TABLE event_groups (
            event_id TEXT PRIMARY KEY REFERENCES events(id),
            group_id TEXT NOT NULL
        );
        CREATE INDEX event_groups_group ON event_groups(group_id);
        """,
    ),
]
