"""The query layer: the one place where the CLI, the Python API and the REST API read the store.

Every function returns plain dicts shaped as Vigil's documented export fields.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from vigil.errors import DocumentNotFound, UnknownTable

EXPORT_TABLES = ("documents", "events", "quotes", "places", "actors", "dates", "failures")

DOCUMENT_FIELDS = ("id", "origin", "source", "title", "published", "published_how", "author", "url", "language", "duplicate_of", "text")
PLACE_FIELDS = ("doc_id", "start", "end", "mention", "name", "geonameid", "lat", "lon", "country", "admin1", "feature", "precision", "score", "role")
EVENT_FIELDS = (
    "id", "doc_ids", "start", "end", "sentence", "event_type", "mode", "context", "acled_event_type", "acled_sub_event_type",
    "actor1", "actor1_id", "actor2", "actor2_id", "location", "geonameid", "lat", "lon", "country", "admin1", "geo_precision",
    "date", "date_end", "time_precision", "status", "fatalities", "confidence",
)
QUOTE_FIELDS = ("id", "doc_id", "start", "end", "text", "kind", "speaker", "speaker_role", "speaker_org", "speaker_actor_id", "cue", "date")
ACTOR_FIELDS = ("id", "name", "aliases", "type", "country", "wikidata", "parent", "mentions", "documents")
FAILURE_FIELDS = ("origin", "reason", "first_seen", "last_seen", "attempts")
DATE_FIELDS = ("doc_id", "start", "end", "text", "type", "value", "range_start", "range_end", "time_precision", "resolved")


class Filters:
    """Builds a WHERE clause from optional filters, each a (sql, value) pair."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *values: Any) -> "Filters":
        if all(v is not None and v != "" for v in values):
            self.clauses.append(clause)
            self.params.extend(values)
        return self

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _limit(limit: int | None, offset: int = 0) -> str:
    if limit is None:
        return f" LIMIT -1 OFFSET {int(offset)}" if offset else ""
    return f" LIMIT {int(limit)} OFFSET {int(offset)}"


# -- documents ------------------------------------------------------------------------


def documents(store, source: str | None = None, since: str | None = None, until: str | None = None,
              limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = Filters().add("source = ?", source).add("published >= ?", since).add("published <= ?", until)
    sql = f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents{f.sql()} ORDER BY COALESCE(published, ''), id{_limit(limit, offset)}"
    yield from store.query(sql, f.params)


def search(store, query: str, limit: int = 20) -> list[dict]:
    """Full-text search over titles and texts, best matches first."""
    return store.search(query, limit)


def document(store, doc_id: str) -> dict:
    """A document with every extraction, for `vigil show`."""
    rows = list(store.query("SELECT * FROM documents WHERE id = ? OR id LIKE ?", (doc_id, doc_id + "%")))
    if len(rows) != 1:
        raise DocumentNotFound(doc_id)
    doc = rows[0]
    doc["segments"] = json.loads(doc["segments"])
    doc["cleaning_steps"] = json.loads(doc["cleaning_steps"])
    key = (doc["id"],)
    doc["entities"] = list(store.query('SELECT start, "end", text, label FROM entities WHERE doc_id = ? ORDER BY start', key))
    doc["dates"] = list(store.query(f"SELECT {_cols(DATE_FIELDS)} FROM dates WHERE doc_id = ? ORDER BY start", key))
    doc["places"] = [_place(r) for r in store.query("SELECT * FROM places WHERE doc_id = ? ORDER BY start", key)]
    doc["actors"] = list(store.query("SELECT * FROM actor_mentions WHERE doc_id = ? ORDER BY start", key))
    doc["quotes"] = list(store.query("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start", key))
    doc["events"] = [_event(r) for r in store.query("SELECT * FROM events WHERE doc_id = ? ORDER BY start", key)]
    return doc


def _cols(fields) -> str:
    return ", ".join(f'"{f}"' for f in fields)


# -- extractions -------------------------------------------------------------------------


def _place(row: dict) -> dict:
    out = {k: row.get(k) for k in PLACE_FIELDS}
    out["candidates"] = json.loads(row["candidates"]) if row.get("candidates") else []
    return out


def _event(row: dict) -> dict:
    out = {k: row.get(k) for k in EVENT_FIELDS if k != "doc_ids"}
    out["doc_ids"] = [row["doc_id"]]
    return {k: out[k] for k in EVENT_FIELDS}


def _event_filters(actor=None, event_type=None, country=None, since=None, until=None, status=None) -> Filters:
    f = Filters()
    if actor:
        pattern = f"%{actor}%"
        f.add("(actor1 LIKE ? OR actor2 LIKE ? OR actor1_id = ? OR actor2_id = ?)", pattern, pattern, actor, actor)
    f.add("event_type = ?", event_type.upper() if event_type else None)
    f.add("country = ?", country.upper() if country else None)
    f.add("date >= ?", since).add("date <= ?", until).add("status = ?", status)
    return f


def event_timeline(store, **filters) -> list[dict]:
    """Events per month and PLOVER type."""
    f = _event_filters(**filters)
    sql = f"""SELECT substr(date, 1, 7) AS month, event_type, count(*) AS events FROM events{f.sql()}
              GROUP BY month, event_type ORDER BY month, event_type"""
    return list(store.query(sql, f.params))


def event_countries(store, **filters) -> list[dict]:
    """Events per country (ISO alpha-2), for shading a map."""
    f = _event_filters(**filters).add("country IS NOT NULL AND 1 = ?", 1)
    sql = f"SELECT country, count(*) AS events FROM events{f.sql()} GROUP BY country ORDER BY events DESC"
    return list(store.query(sql, f.params))


def events(store, actor: str | None = None, event_type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None, status: str | None = None,
           limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = _event_filters(actor, event_type, country, since, until, status)
    sql = f"SELECT * FROM events{f.sql()} ORDER BY COALESCE(date, ''), id{_limit(limit, offset)}"
    for row in store.query(sql, f.params):
        yield _event(row)


def places(store, country: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = Filters().add("country = ?", country.upper() if country else None)
    sql = f"SELECT * FROM places{f.sql()} ORDER BY doc_id, start{_limit(limit, offset)}"
    for row in store.query(sql, f.params):
        yield _place(row)


def place_counts(store, country: str | None = None, limit: int | None = None) -> list[dict]:
    """Resolved places with how many mentions and documents name them."""
    f = Filters().add("country = ?", country.upper() if country else None).add("geonameid IS NOT NULL AND 1 = ?", 1)
    sql = f"""SELECT min(name) AS name, geonameid, min(country) AS country, min(admin1) AS admin1,
                     min(feature) AS feature, min(lat) AS lat, min(lon) AS lon, min(precision) AS precision,
                     count(*) AS mentions, count(DISTINCT doc_id) AS documents
              FROM places{f.sql()} GROUP BY geonameid ORDER BY mentions DESC, name{_limit(limit)}"""
    return list(store.query(sql, f.params))


def actors(store, name: str | None = None, type: str | None = None, country: str | None = None,
           limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    """Actors with the number of mentions and documents that name them."""
    f = Filters()
    if name:
        f.add("(a.name LIKE ? OR a.aliases LIKE ? OR a.id = ?)", f"%{name}%", f"%{name}%", name)
    f.add("a.type = ?", type).add("a.country = ?", country.upper() if country else None)
    sql = f"""SELECT a.id, a.name, a.aliases, a.type, a.country, a.wikidata, a.parent,
                     count(m.doc_id) AS mentions, count(DISTINCT m.doc_id) AS documents
              FROM actors a LEFT JOIN actor_mentions m ON m.actor_id = a.id{f.sql()}
              GROUP BY a.id ORDER BY mentions DESC, a.name{_limit(limit, offset)}"""
    for row in store.query(sql, f.params):
        row["aliases"] = json.loads(row["aliases"])
        yield row


def quotes(store, speaker: str | None = None, org: str | None = None, actor: str | None = None,
           text: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = Filters()
    f.add("q.speaker LIKE ?", f"%{speaker}%" if speaker else None)
    f.add("q.speaker_org LIKE ?", f"%{org}%" if org else None)
    f.add("q.text LIKE ?", f"%{text}%" if text else None)
    if actor:
        f.add(
            """(q.speaker_actor_id = ? OR EXISTS (SELECT 1 FROM actor_mentions m WHERE m.doc_id = q.doc_id
                AND m.start >= q.start AND m."end" <= q."end" AND (m.actor_id = ? OR m.name LIKE ?)))""",
            actor, actor, f"%{actor}%",
        )
    f.add("COALESCE(q.date, d.published) >= ?", since).add("COALESCE(q.date, d.published) <= ?", until)
    sql = f"""SELECT q.*, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id{f.sql()}
              ORDER BY COALESCE(d.published, ''), q.id{_limit(limit, offset)}"""
    for row in store.query(sql, f.params):
        yield {k: row.get(k) for k in QUOTE_FIELDS}


def dates(store, limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    yield from store.query(f"SELECT {_cols(DATE_FIELDS)} FROM dates ORDER BY doc_id, start{_limit(limit, offset)}")


def failures(store) -> list[dict]:
    return list(store.query("SELECT origin, reason, first_seen, last_seen, attempts FROM failures ORDER BY last_seen DESC"))


def fields(table: str) -> tuple[str, ...]:
    """The columns of an export table, in order (so that an empty export still has its header)."""
    return {
        "documents": DOCUMENT_FIELDS, "events": EVENT_FIELDS, "quotes": QUOTE_FIELDS, "places": PLACE_FIELDS + ("candidates",),
        "actors": ACTOR_FIELDS, "dates": DATE_FIELDS, "failures": FAILURE_FIELDS,
    }[table]


def rows(store, table: str, **filters: Any) -> Iterator[dict]:
    """The rows of an export table, shaped as documented."""
    readers = {
        "documents": documents, "events": events, "quotes": quotes, "places": places,
        "actors": actors, "dates": dates, "failures": lambda s, **_: iter(failures(s)),
    }
    if table not in readers:
        raise UnknownTable(table, list(EXPORT_TABLES))
    yield from readers[table](store, **filters)


def counts(store) -> dict[str, int]:
    tables = ("documents", "failures", "entities", "dates", "places", "actor_mentions", "quotes", "events")
    out = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in tables}
    out["duplicates"] = store.scalar("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")
    out["actors"] = store.scalar("SELECT count(DISTINCT actor_id) FROM actor_mentions")
    return out


# -- the dashboard's queries: aggregates and pages, never every event ---------------------

MAP_CELLS = 3000  # at most this many grid cells per map answer
EVENT_PAGE_FIELDS = ("id", "doc_id", "event_type", "acled_event_type", "actor1", "actor2", "location", "country",
                     "admin1", "geo_precision", "date", "status", "fatalities", "sentence")


def _dashboard_filters(actor=None, event_type=None, country=None, since=None, until=None, status=None,
                       geo_precision=None, bbox=None) -> Filters:
    """The event filters, plus the dashboard's geo precision and bounding box (west, south, east, north)."""
    f = _event_filters(actor, event_type, country, since, until, status)
    f.add("geo_precision = ?", int(geo_precision) if geo_precision not in (None, "") else None)
    if bbox:
        west, south, east, north = bbox
        f.add("lat BETWEEN ? AND ?", south, north)
        if west <= east:
            f.add("lon BETWEEN ? AND ?", west, east)
        else:  # the box crosses the antimeridian
            f.add("(lon >= ? OR lon <= ?)", west, east)
    return f


def event_cells(store, cell: float, limit: int = MAP_CELLS, **filters) -> list[dict]:
    """Located events counted per grid cell of `cell` degrees: a map's points at any zoom, bounded in number."""
    f = _dashboard_filters(**filters).add("lat IS NOT NULL AND lon IS NOT NULL AND 1 = ?", 1)
    sql = f"""SELECT round(lat / ?) AS gy, round(lon / ?) AS gx, count(*) AS events,
                     avg(lat) AS lat, avg(lon) AS lon, min(id) AS example_id, min(event_type) AS event_type,
                     max(event_type) AS event_type_max, min(location) AS location, max(date) AS last_date
              FROM events{f.sql()} GROUP BY gy, gx ORDER BY events DESC{_limit(limit)}"""
    out = []
    for row in store.query(sql, [float(cell), float(cell)] + f.params):
        mixed = row.pop("event_type_max") != row["event_type"]
        west, south = (row["gx"] - 0.5) * cell, (row["gy"] - 0.5) * cell
        out.append({"lat": row["lat"], "lon": row["lon"], "events": row["events"], "example_id": row["example_id"],
                    "event_type": None if mixed else row["event_type"], "location": row["location"],
                    "last_date": row["last_date"], "bbox": [west, south, west + cell, south + cell]})
    return out


def event_page(store, limit: int = 50, offset: int = 0, **filters) -> list[dict]:
    """A page of events, newest first (undated last), with the fields a list shows; read along the date index."""
    f = _dashboard_filters(**filters)
    sql = f"""SELECT {_cols(EVENT_PAGE_FIELDS)} FROM events{f.sql()}
              ORDER BY date DESC NULLS LAST, id DESC{_limit(limit, offset)}"""
    return list(store.query(sql, f.params))


def event_count(store, **filters) -> int:
    f = _dashboard_filters(**filters)
    return int(store.scalar(f"SELECT count(*) FROM events{f.sql()}", f.params))


def event_day_counts(store, **filters) -> list[dict]:
    """Dated events per day and PLOVER type (the dashboard sums days into weeks)."""
    f = _dashboard_filters(**filters).add("date IS NOT NULL AND 1 = ?", 1)
    sql = f"""SELECT substr(date, 1, 10) AS day, event_type, count(*) AS events FROM events{f.sql()}
              GROUP BY day, event_type ORDER BY day, event_type"""
    return list(store.query(sql, f.params))


def event_countries_filtered(store, **filters) -> list[dict]:
    """Events per country (ISO alpha-2) under the dashboard's filters."""
    f = _dashboard_filters(**filters).add("country IS NOT NULL AND 1 = ?", 1)
    sql = f"SELECT country, count(*) AS events FROM events{f.sql()} GROUP BY country ORDER BY events DESC"
    return list(store.query(sql, f.params))


# The values of events.status and events.geo_precision (see records.Event), offered without a scan.
EVENT_STATUSES = ("happened", "ongoing", "claimed", "threatened", "conditional", "planned", "hypothetical", "denied",
                  "negated")
GEO_PRECISIONS = (1, 2, 3)


def event_facets(store) -> dict[str, list[dict]]:
    """The values the dashboard's filters offer: event types with counts (read from the type index),
    the statuses and geo precisions of the schema."""
    types = store.query("SELECT event_type AS value, count(*) AS events FROM events GROUP BY event_type "
                        "ORDER BY events DESC")
    return {"event_type": list(types), "status": [{"value": v} for v in EVENT_STATUSES],
            "geo_precision": [{"value": v} for v in GEO_PRECISIONS]}


def event_detail(store, event_id: str) -> dict:
    """An event report with every report of the same real event and the source documents' texts."""
    from vigil.errors import EventNotFound

    rows = list(store.query("SELECT * FROM events WHERE id = ?", (event_id,)))
    if not rows:
        raise EventNotFound(event_id)
    group = store.scalar("SELECT group_id FROM event_groups WHERE event_id = ?", (event_id,))
    reports = rows
    if group is not None:
        reports = list(store.query(
            """SELECT e.* FROM events e JOIN event_groups g ON g.event_id = e.id
               WHERE g.group_id = ? ORDER BY e.doc_id, e.start""", (group,)))
    doc_ids = list(dict.fromkeys(r["doc_id"] for r in reports))
    marks = ",".join("?" * len(doc_ids))
    documents = list(store.query(
        f"SELECT id, title, published, source, url, origin, text FROM documents WHERE id IN ({marks})", doc_ids))
    return {
        "event": {**_event(rows[0]), "sentence_start": rows[0]["sentence_start"], "sentence_end": rows[0]["sentence_end"]},
        "group_id": group,
        "reports": [{**_event(r), "sentence_start": r["sentence_start"], "sentence_end": r["sentence_end"]} for r in reports],
        "documents": documents,
    }


def quote_speakers(store, actor: str | None = None, limit: int = 100) -> list[dict]:
    """Who is quoted, how often, with their organisation and actor: the dashboard's quotes by speaker."""
    f = Filters().add("speaker IS NOT NULL AND 1 = ?", 1)
    if actor:
        f.add("(speaker_actor_id = ? OR speaker_org LIKE ?)", actor, f"%{actor}%")
    sql = f"""SELECT speaker, min(speaker_org) AS speaker_org, min(speaker_actor_id) AS speaker_actor_id,
                     count(*) AS quotes, count(DISTINCT doc_id) AS documents
              FROM quotes{f.sql()} GROUP BY speaker ORDER BY quotes DESC, speaker{_limit(limit)}"""
    return list(store.query(sql, f.params))
