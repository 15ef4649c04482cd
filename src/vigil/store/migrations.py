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


# Substring search in quote texts: a trigram index answers LIKE '%words%' (SQLite); PostgreSQL reads the rows.
QUOTE_TEXT = {
    "sqlite": """
        CREATE VIRTUAL TABLE quotes_text USING fts5(text, content='quotes', content_rowid='rowid', tokenize='trigram');
        CREATE TRIGGER quotes_text_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_text(rowid, text) VALUES (new.rowid, new.text);
        END;
        INSERT INTO quotes_text(quotes_text) VALUES ('rebuild');
        """,
    "postgresql": "",
}


def _dashboard_fill(dialect: str) -> str:
    """Migration 9's fill of the map cells at every zoom and of the weekly histogram, from the stored events."""
    from vigil.store.summaries import CELL_OFFSET, CELL_OFFSET_INT, MAP_ZOOMS, cell_degrees

    def cell(column: str, zoom: int) -> str:  # floor(value / cell + 0.5), as summaries.cell_index computes it
        shifted = f"{column} / {cell_degrees(zoom)!r} + {CELL_OFFSET!r}"
        whole = f"CAST(floor({shifted}) AS INTEGER)" if dialect == "postgresql" else f"CAST({shifted} AS INTEGER)"
        return f"{whole} - {CELL_OFFSET_INT}"

    statements = [
        f"""INSERT INTO map_cells (zoom, gy, gx, event_type, country, status, geo_precision, events, lat_sum, lon_sum,
                                   example_id, location, last_date)
            SELECT {zoom}, {cell("lat", zoom)}, {cell("lon", zoom)}, event_type, COALESCE(country, ''), status,
                   COALESCE(geo_precision, 0), count(*), sum(lat), sum(lon), min(id), min(location), max(date)
            FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY {cell("lat", zoom)}, {cell("lon", zoom)}, event_type, COALESCE(country, ''), status,
                     COALESCE(geo_precision, 0)"""
        for zoom in MAP_ZOOMS]
    if dialect == "postgresql":
        week = "to_char(date_trunc('week', substr(date, 1, 10)::date), 'YYYY-MM-DD')"
        full = r"date ~ '^\d{4}-\d{2}-\d{2}'"
    else:
        week = "date(substr(date, 1, 10), 'weekday 0', '-6 days')"
        full = "length(date) >= 10 AND date(substr(date, 1, 10)) = substr(date, 1, 10)"
    statements.append(f"""INSERT INTO week_types (week, event_type, country, status, geo_precision, events)
            SELECT {week}, event_type, COALESCE(country, ''), status, COALESCE(geo_precision, 0), count(*)
            FROM events WHERE {full}
            GROUP BY {week}, event_type, COALESCE(country, ''), status, COALESCE(geo_precision, 0)""")
    return ";\n".join(statements) + ";"


def _cell_sql(column: str, zoom: int, dialect: str) -> str:
    """floor(value / cell + 0.5) in SQL, as summaries.cell_index computes it (and as migration 9 wrote it)."""
    from vigil.store.summaries import CELL_OFFSET, CELL_OFFSET_INT, cell_degrees

    shifted = f"{column} / {cell_degrees(zoom)!r} + {CELL_OFFSET!r}"
    whole = f"CAST(floor({shifted}) AS INTEGER)" if dialect == "postgresql" else f"CAST({shifted} AS INTEGER)"
    return f"{whole} - {CELL_OFFSET_INT}"


def _week_sql(dialect: str) -> str:
    if dialect == "postgresql":
        return "to_char(date_trunc('week', substr(date, 1, 10)::date), 'YYYY-MM-DD')"
    return "date(substr(date, 1, 10), 'weekday 0', '-6 days')"


def _actor_dashboard_fill(dialect: str) -> str:
    """Migration 10's fill: map cells and days per pair of actors, map cells per month, speakers' combinations."""
    from vigil.store.summaries import MONTH_CELL_ZOOMS, PAIR_CELL_ZOOMS

    pair = "COALESCE(actor1_id, ''), COALESCE(actor2_id, '')"
    statements = []
    for zoom in PAIR_CELL_ZOOMS:
        gy, gx = _cell_sql("lat", zoom, dialect), _cell_sql("lon", zoom, dialect)
        statements.append(f"""INSERT INTO pair_cells (actor1_id, actor2_id, zoom, gy, gx, event_type, country, status,
                                         geo_precision, events, lat_sum, lon_sum, example_id, location, last_date)
            SELECT {pair}, {zoom}, {gy}, {gx}, event_type, COALESCE(country, ''), status, COALESCE(geo_precision, 0),
                   count(*), sum(lat), sum(lon), min(id), min(location), max(date)
            FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY {pair}, {gy}, {gx}, event_type, COALESCE(country, ''), status, COALESCE(geo_precision, 0)""")
    for zoom in MONTH_CELL_ZOOMS:
        gy, gx = _cell_sql("lat", zoom, dialect), _cell_sql("lon", zoom, dialect)
        statements.append(f"""INSERT INTO month_cells (zoom, month, gy, gx, events, lat_sum, lon_sum, example_id, location,
                                          last_date, event_type, event_type_max)
            SELECT {zoom}, substr(date, 1, 7), {gy}, {gx}, count(*), sum(lat), sum(lon), min(id), min(location), max(date),
                   min(event_type), max(event_type)
            FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND date IS NOT NULL
            GROUP BY substr(date, 1, 7), {gy}, {gx}""")
    week, full = _week_sql(dialect), _full_date(dialect)
    statements.append(f"""INSERT INTO pair_weeks (actor1_id, actor2_id, week, event_type, status, events)
            SELECT {pair}, {week}, event_type, status, count(*) FROM events WHERE {full}
            GROUP BY {pair}, {week}, event_type, status""")
    statements.append(f"""INSERT INTO type_months (month, event_type, status, events)
            SELECT substr(day, 1, 7), event_type, status, sum(events) FROM type_days
            GROUP BY substr(day, 1, 7), event_type, status""")
    statements.append(f"""INSERT INTO pair_days (actor1_id, actor2_id, day, event_type, status, events)
            SELECT {pair}, substr(date, 1, 10), event_type, status, count(*) FROM events WHERE {full}
            GROUP BY {pair}, substr(date, 1, 10), event_type, status""")
    combo = "COALESCE(speaker_org, ''), COALESCE(speaker_actor_id, '')"
    statements.append(f"""INSERT INTO speaker_combos (speaker, speaker_org, speaker_actor_id, quotes, documents)
            SELECT speaker, {combo}, count(*), count(DISTINCT doc_id) FROM quotes WHERE speaker IS NOT NULL
            GROUP BY speaker, {combo}""")
    statements.append(f"""INSERT INTO speaker_doc_combos (speaker, doc_id, speaker_org, speaker_actor_id)
            SELECT DISTINCT q.speaker, q.doc_id, {combo.replace("speaker_", "q.speaker_")} FROM quotes q JOIN (
                SELECT speaker, doc_id FROM (SELECT DISTINCT speaker, doc_id, {combo} FROM quotes
                                             WHERE speaker IS NOT NULL) AS combos
                GROUP BY speaker, doc_id HAVING count(*) > 1
            ) AS several ON several.speaker = q.speaker AND several.doc_id = q.doc_id""")
    return ";\n".join(statements) + ";"


def _full_date(dialect: str) -> str:
    """The condition that an event's date is a full day (YYYY-MM-DD...), as summaries.week_start accepts it."""
    if dialect == "postgresql":
        return r"date ~ '^\d{4}-\d{2}-\d{2}'"
    return "length(date) >= 10 AND date(substr(date, 1, 10)) = substr(date, 1, 10)"


def _type_days_fill(dialect: str) -> str:
    return f"""INSERT INTO type_days (day, event_type, status, events)
            SELECT substr(date, 1, 10), event_type, status, count(*) FROM events WHERE {_full_date(dialect)}
            GROUP BY substr(date, 1, 10), event_type, status;"""


def _area_examples(dialect: str) -> str:
    """Migration 9's fill of actor_areas again, with each area's example sentence and the document it is from
    taken from the same event (the smallest sentence, then document; migration 4 took each minimum apart)."""
    sep, find = ("chr(31)", "strpos") if dialect == "postgresql" else ("char(31)", "instr")
    return f"""WITH RECURSIVE family(root, member) AS (
            SELECT id, id FROM actors
            UNION
            SELECT f.root, a.id FROM family f JOIN actors a ON a.parent = f.member
        ), involved(event_id, member) AS (
            SELECT id, actor1_id FROM events WHERE actor1_id IS NOT NULL
            UNION
            SELECT id, actor2_id FROM events WHERE actor2_id IS NOT NULL
        ), rooted(actor_id, event_id) AS (
            SELECT DISTINCT COALESCE(f.root, i.member), i.event_id FROM involved i LEFT JOIN family f ON f.member = i.member
        )
        INSERT INTO actor_areas (actor_id, country, admin1, first_seen, last_seen, events, documents, places, example, example_doc)
            SELECT actor_id, country, admin1, first_seen, last_seen, events, documents, places,
                   substr(example_pair, 1, {find}(example_pair, {sep}) - 1), substr(example_pair, {find}(example_pair, {sep}) + 1)
            FROM (
                SELECT r.actor_id, e.country, COALESCE(e.admin1, '') AS admin1, min(e.day) AS first_seen, max(e.day) AS last_seen,
                       count(*) AS events, count(DISTINCT e.doc_id) AS documents, group_concat(DISTINCT e.location) AS places,
                       min(e.sentence || {sep} || e.doc_id) AS example_pair
                FROM rooted r JOIN events e ON e.id = r.event_id
                WHERE e.country IS NOT NULL AND e.status IN ('happened', 'ongoing', 'claimed')
                GROUP BY r.actor_id, e.country, COALESCE(e.admin1, '')
            ) AS areas;"""


def for_dialect(sql: str, dialect: str) -> str:
    """A migration's SQL for a backend: full text inserted, column types mapped."""
    sql = sql.replace("{full_text}", FULL_TEXT[dialect]).replace("{quote_text}", QUOTE_TEXT[dialect])
    if "{actor_dashboard_fill}" in sql:
        sql = sql.replace("{actor_dashboard_fill}", _actor_dashboard_fill(dialect))
    if "{dashboard_fill}" in sql:
        sql = sql.replace("{type_days_fill}", _type_days_fill(dialect))
        sql = sql.replace("{dashboard_fill}", _dashboard_fill(dialect)).replace("{area_examples}", _area_examples(dialect))
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
    (
        4,
        "fast reads: event day and quote publication columns, ordered indexes, summary tables",
        """
        ALTER TABLE events ADD COLUMN day TEXT;
        UPDATE events SET day = COALESCE(date, (SELECT substr(d.published, 1, 10) FROM documents d WHERE d.id = events.doc_id));
        ALTER TABLE quotes ADD COLUMN published TEXT;
        UPDATE quotes SET published = (SELECT d.published FROM documents d WHERE d.id = quotes.doc_id);
        DROP INDEX events_type;
        DROP INDEX events_country;
        DROP INDEX events_actor1;
        DROP INDEX events_actor2;
        DROP INDEX actor_mentions_actor;
        CREATE INDEX events_by_date ON events ((COALESCE(date, '')), id);
        CREATE INDEX events_type_by_date ON events (event_type, (COALESCE(date, '')), id);
        CREATE INDEX events_country_by_date ON events (country, (COALESCE(date, '')), id);
        CREATE INDEX events_status_by_date ON events (status, (COALESCE(date, '')), id);
        CREATE INDEX events_actor1_day ON events (actor1_id, day);
        CREATE INDEX events_actor2_day ON events (actor2_id, day);
        CREATE INDEX quotes_by_published ON quotes ((COALESCE(published, '')), id);
        CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor_id);
        CREATE INDEX actor_mentions_actor_doc ON actor_mentions (actor_id, doc_id);
        CREATE INDEX actor_mentions_text ON actor_mentions ((lower(text)));
        CREATE INDEX documents_by_published ON documents ((COALESCE(published, '')), id);
        CREATE INDEX documents_source_by_published ON documents (source, (COALESCE(published, '')), id);
        CREATE TABLE place_summary (
            geonameid INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, feature TEXT,
            lat REAL, lon REAL, precision INTEGER, mentions INTEGER NOT NULL, documents INTEGER NOT NULL
        );
        CREATE INDEX place_summary_mentions ON place_summary (mentions);
        CREATE INDEX place_summary_country ON place_summary (country, mentions);
        CREATE TABLE actor_summary (
            actor_id TEXT PRIMARY KEY, name TEXT, mentions INTEGER NOT NULL, documents INTEGER NOT NULL,
            events INTEGER NOT NULL
        );
        CREATE TABLE actor_areas (
            actor_id TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
            first_seen TEXT, last_seen TEXT, events INTEGER NOT NULL, documents INTEGER NOT NULL,
            places TEXT, example TEXT, example_doc TEXT,
            PRIMARY KEY (actor_id, country, admin1)
        );
        CREATE TABLE pair_months (
            actor1_id TEXT NOT NULL, actor2_id TEXT NOT NULL, month TEXT NOT NULL, dated INTEGER NOT NULL,
            event_type TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (actor1_id, actor2_id, month, dated, event_type)
        );
        CREATE INDEX pair_months_actor2 ON pair_months (actor2_id);
        CREATE TABLE pair_countries (
            actor1_id TEXT NOT NULL, actor2_id TEXT NOT NULL, country TEXT NOT NULL, event_type TEXT NOT NULL,
            status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (actor1_id, actor2_id, country, event_type, status)
        );
        CREATE INDEX pair_countries_actor2 ON pair_countries (actor2_id);
        CREATE TABLE quote_actors (
            quote_id TEXT NOT NULL, actor_id TEXT NOT NULL,
            PRIMARY KEY (quote_id, actor_id)
        );
        CREATE INDEX quote_actors_actor ON quote_actors (actor_id);
        CREATE TABLE actor_speakers (
            actor_id TEXT NOT NULL, speaker TEXT NOT NULL, speaker_role TEXT, speaker_org TEXT,
            quotes INTEGER NOT NULL, example TEXT,
            PRIMARY KEY (actor_id, speaker)
        );
        CREATE TABLE speakers (speaker TEXT PRIMARY KEY, quotes INTEGER NOT NULL);
        CREATE TABLE event_months (
            month TEXT NOT NULL, event_type TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,
            events INTEGER NOT NULL,
            PRIMARY KEY (month, event_type, country, status)
        );
        CREATE TABLE table_counts (name TEXT PRIMARY KEY, rows INTEGER NOT NULL);
        INSERT INTO table_counts (name, rows)
            SELECT 'documents', count(*) FROM documents
            UNION ALL SELECT 'duplicates', count(*) FROM documents WHERE duplicate_of IS NOT NULL
            UNION ALL SELECT 'entities', count(*) FROM entities
            UNION ALL SELECT 'dates', count(*) FROM dates
            UNION ALL SELECT 'places', count(*) FROM places
            UNION ALL SELECT 'actor_mentions', count(*) FROM actor_mentions
            UNION ALL SELECT 'quotes', count(*) FROM quotes
            UNION ALL SELECT 'events', count(*) FROM events;
        INSERT INTO place_summary (geonameid, name, country, admin1, feature, lat, lon, precision, mentions, documents)
            SELECT geonameid, min(name), min(country), min(admin1), min(feature), min(lat), min(lon), min(precision),
                   count(*), count(DISTINCT doc_id)
            FROM places WHERE geonameid IS NOT NULL GROUP BY geonameid;
        INSERT INTO actor_summary (actor_id, name, mentions, documents, events)
            SELECT a.actor_id, min(a.name), sum(a.mentions), sum(a.documents), sum(a.events) FROM (
                SELECT actor_id, min(name) AS name, count(*) AS mentions, count(DISTINCT doc_id) AS documents, 0 AS events
                FROM actor_mentions GROUP BY actor_id
                UNION ALL
                SELECT x.actor_id, min(x.name), 0, 0, count(*) FROM (
                    SELECT actor1_id AS actor_id, actor1 AS name FROM events WHERE actor1_id IS NOT NULL
                    UNION ALL
                    SELECT actor2_id, actor2 FROM events WHERE actor2_id IS NOT NULL AND actor2_id <> COALESCE(actor1_id, '')
                ) x GROUP BY x.actor_id
            ) a GROUP BY a.actor_id;
        WITH RECURSIVE family(root, member) AS (
            SELECT id, id FROM actors
            UNION
            SELECT f.root, a.id FROM family f JOIN actors a ON a.parent = f.member
        ), involved(event_id, member) AS (
            SELECT id, actor1_id FROM events WHERE actor1_id IS NOT NULL
            UNION
            SELECT id, actor2_id FROM events WHERE actor2_id IS NOT NULL
        ), rooted(actor_id, event_id) AS (
            SELECT DISTINCT COALESCE(f.root, i.member), i.event_id FROM involved i LEFT JOIN family f ON f.member = i.member
        )
        INSERT INTO actor_areas (actor_id, country, admin1, first_seen, last_seen, events, documents, places, example, example_doc)
            SELECT r.actor_id, e.country, COALESCE(e.admin1, ''), min(e.day), max(e.day), count(*), count(DISTINCT e.doc_id),
                   group_concat(DISTINCT e.location), min(e.sentence), min(e.doc_id)
            FROM rooted r JOIN events e ON e.id = r.event_id
            WHERE e.country IS NOT NULL AND e.status IN ('happened', 'ongoing', 'claimed')
            GROUP BY r.actor_id, e.country, COALESCE(e.admin1, '');
        INSERT INTO pair_months (actor1_id, actor2_id, month, dated, event_type, events)
            SELECT COALESCE(actor1_id, ''), COALESCE(actor2_id, ''), COALESCE(substr(day, 1, 7), ''),
                   CASE WHEN date IS NULL THEN 0 ELSE 1 END, event_type, count(*)
            FROM events GROUP BY COALESCE(actor1_id, ''), COALESCE(actor2_id, ''), COALESCE(substr(day, 1, 7), ''),
                                 CASE WHEN date IS NULL THEN 0 ELSE 1 END, event_type;
        INSERT INTO pair_countries (actor1_id, actor2_id, country, event_type, status, events)
            SELECT COALESCE(actor1_id, ''), COALESCE(actor2_id, ''), COALESCE(country, ''), event_type, status, count(*)
            FROM events GROUP BY COALESCE(actor1_id, ''), COALESCE(actor2_id, ''), COALESCE(country, ''), event_type, status;
        INSERT INTO quote_actors (quote_id, actor_id)
            SELECT id, speaker_actor_id FROM quotes WHERE speaker_actor_id IS NOT NULL
            UNION
            SELECT q.id, m.actor_id FROM quotes q JOIN actor_mentions m
                ON m.doc_id = q.doc_id AND m.start >= q.start AND m."end" <= q."end";
        WITH RECURSIVE family(root, member) AS (
            SELECT id, id FROM actors
            UNION
            SELECT f.root, a.id FROM family f JOIN actors a ON a.parent = f.member
        ), rooted(actor_id, quote_id) AS (
            SELECT DISTINCT COALESCE(f.root, qa.actor_id), qa.quote_id FROM quote_actors qa
            LEFT JOIN family f ON f.member = qa.actor_id
        )
        INSERT INTO actor_speakers (actor_id, speaker, speaker_role, speaker_org, quotes, example)
            SELECT r.actor_id, q.speaker, min(q.speaker_role), min(q.speaker_org), count(*), min(q.text)
            FROM rooted r JOIN quotes q ON q.id = r.quote_id
            WHERE q.speaker IS NOT NULL GROUP BY r.actor_id, q.speaker;
        INSERT INTO speakers (speaker, quotes)
            SELECT speaker, count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker;
        INSERT INTO event_months (month, event_type, country, status, events)
            SELECT COALESCE(substr(date, 1, 7), ''), event_type, COALESCE(country, ''), status, count(*)
            FROM events GROUP BY COALESCE(substr(date, 1, 7), ''), event_type, COALESCE(country, ''), status;
        """,
    ),
    (
        5,
        "fast reads: per-actor and per-speaker date-ordered indexes, quote links in date order, small timeline and map summaries",
        """
        CREATE INDEX events_actor1_by_date ON events (actor1_id, (COALESCE(date, '')), id);
        CREATE INDEX events_actor2_by_date ON events (actor2_id, (COALESCE(date, '')), id);
        DROP INDEX quotes_speaker;
        CREATE INDEX quotes_speaker_by_published ON quotes (speaker, (COALESCE(published, '')), id);
        ALTER TABLE quote_actors ADD COLUMN published TEXT;
        UPDATE quote_actors SET published = (SELECT q.published FROM quotes q WHERE q.id = quote_actors.quote_id);
        DROP INDEX quote_actors_actor;
        CREATE INDEX quote_actors_by_published ON quote_actors (actor_id, (COALESCE(published, '')), quote_id);
        CREATE TABLE month_types (
            month TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (month, event_type, status)
        );
        CREATE TABLE country_types (
            country TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (country, event_type, status)
        );
        INSERT INTO month_types (month, event_type, status, events)
            SELECT month, event_type, status, sum(events) FROM event_months GROUP BY month, event_type, status;
        INSERT INTO country_types (country, event_type, status, events)
            SELECT country, event_type, status, sum(events) FROM event_months GROUP BY country, event_type, status;
        """,
    ),
    (
        6,
        "fast reads: the actors a mention text names, without reading every such mention",
        """
        DROP INDEX actor_mentions_text;
        CREATE INDEX actor_mentions_text_actor ON actor_mentions ((lower(text)), actor_id);
        """,
    ),
    (
        7,
        "fast reads: per-country counts of a date range read from one covering index",
        """
        CREATE INDEX events_by_date_counts ON events ((COALESCE(date, '')), event_type, status, country);
        """,
    ),
    (
        8,
        "fast reads: substring search in quote texts through a trigram index (SQLite)",
        """
        {quote_text}
        """,
    ),
    (
        9,
        "fast dashboard: map cells per zoom, weekly histogram and filter counts; example documents of the areas",
        """
        CREATE TABLE map_cells (
            zoom INTEGER NOT NULL, gy INTEGER NOT NULL, gx INTEGER NOT NULL, event_type TEXT NOT NULL,
            country TEXT NOT NULL, status TEXT NOT NULL, geo_precision INTEGER NOT NULL,
            events INTEGER NOT NULL, lat_sum REAL NOT NULL, lon_sum REAL NOT NULL, example_id TEXT, location TEXT,
            last_date TEXT,
            PRIMARY KEY (zoom, gy, gx, event_type, country, status, geo_precision)
        );
        CREATE TABLE week_types (
            week TEXT NOT NULL, event_type TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,
            geo_precision INTEGER NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (week, event_type, country, status, geo_precision)
        );
        CREATE TABLE country_precisions (
            country TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, geo_precision INTEGER NOT NULL,
            events INTEGER NOT NULL,
            PRIMARY KEY (country, event_type, status, geo_precision)
        );
        INSERT INTO country_precisions (country, event_type, status, geo_precision, events)
            SELECT COALESCE(country, ''), event_type, status, COALESCE(geo_precision, 0), count(*)
            FROM events GROUP BY COALESCE(country, ''), event_type, status, COALESCE(geo_precision, 0);
        {dashboard_fill}
        CREATE TABLE type_weeks (
            week TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (week, event_type, status)
        );
        INSERT INTO type_weeks (week, event_type, status, events)
            SELECT week, event_type, status, sum(events) FROM week_types GROUP BY week, event_type, status;
        CREATE TABLE type_days (
            day TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (day, event_type, status)
        );
        {type_days_fill}
        DELETE FROM actor_areas;
        {area_examples}
        ALTER TABLE speakers ADD COLUMN speaker_org TEXT;
        ALTER TABLE speakers ADD COLUMN speaker_actor_id TEXT;
        ALTER TABLE speakers ADD COLUMN documents INTEGER;
        UPDATE speakers SET speaker_org = (SELECT min(q.speaker_org) FROM quotes q WHERE q.speaker = speakers.speaker),
            speaker_actor_id = (SELECT min(q.speaker_actor_id) FROM quotes q WHERE q.speaker = speakers.speaker),
            documents = (SELECT count(DISTINCT q.doc_id) FROM quotes q WHERE q.speaker = speakers.speaker);
        CREATE INDEX events_by_place ON events (lat, lon);
        CREATE INDEX events_dashboard ON events (date, event_type, status, country, geo_precision, lat, lon, id, location);
        """,
    ),
    (
        10,
        "fast dashboard filters: map cells and days per pair of actors, map cells per month, speakers' organisations",
        """
        CREATE TABLE pair_cells (
            actor1_id TEXT NOT NULL, actor2_id TEXT NOT NULL, zoom INTEGER NOT NULL, gy INTEGER NOT NULL,
            gx INTEGER NOT NULL, event_type TEXT NOT NULL, country TEXT NOT NULL, status TEXT NOT NULL,
            geo_precision INTEGER NOT NULL, events INTEGER NOT NULL, lat_sum REAL NOT NULL, lon_sum REAL NOT NULL,
            example_id TEXT, location TEXT, last_date TEXT,
            PRIMARY KEY (actor1_id, actor2_id, zoom, gy, gx, event_type, country, status, geo_precision)
        );
        CREATE TABLE month_cells (
            zoom INTEGER NOT NULL, month TEXT NOT NULL, gy INTEGER NOT NULL, gx INTEGER NOT NULL,
            events INTEGER NOT NULL, lat_sum REAL NOT NULL, lon_sum REAL NOT NULL, example_id TEXT, location TEXT,
            last_date TEXT, event_type TEXT, event_type_max TEXT,
            PRIMARY KEY (zoom, month, gy, gx)
        );
        CREATE TABLE pair_weeks (
            actor1_id TEXT NOT NULL, actor2_id TEXT NOT NULL, week TEXT NOT NULL, event_type TEXT NOT NULL,
            status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (actor1_id, actor2_id, week, event_type, status)
        );
        CREATE TABLE pair_days (
            actor1_id TEXT NOT NULL, actor2_id TEXT NOT NULL, day TEXT NOT NULL, event_type TEXT NOT NULL,
            status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (actor1_id, actor2_id, day, event_type, status)
        );
        CREATE TABLE type_months (
            month TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,
            PRIMARY KEY (month, event_type, status)
        );
        CREATE TABLE speaker_combos (
            speaker TEXT NOT NULL, speaker_org TEXT NOT NULL, speaker_actor_id TEXT NOT NULL,
            quotes INTEGER NOT NULL, documents INTEGER NOT NULL,
            PRIMARY KEY (speaker, speaker_org, speaker_actor_id)
        );
        CREATE TABLE speaker_doc_combos (
            speaker TEXT NOT NULL, doc_id TEXT NOT NULL, speaker_org TEXT NOT NULL, speaker_actor_id TEXT NOT NULL,
            PRIMARY KEY (speaker, doc_id, speaker_org, speaker_actor_id)
        );
        {actor_dashboard_fill}
        CREATE INDEX pair_cells_actor2 ON pair_cells (actor2_id, zoom);
        CREATE INDEX pair_weeks_actor2 ON pair_weeks (actor2_id);
        CREATE INDEX pair_days_actor2 ON pair_days (actor2_id, day);
        CREATE INDEX speaker_combos_actor ON speaker_combos (speaker_actor_id);
        CREATE INDEX events_kind_by_date ON events (geo_precision, event_type, status, (COALESCE(date, '')), id);
        CREATE INDEX events_type_by_date_counts ON events (event_type, (COALESCE(date, '')), id, status, country, date);
        DROP INDEX events_type_by_date;
        CREATE INDEX event_months_by_type ON event_months (event_type, month, status, country, events);
        """,
    ),
]
