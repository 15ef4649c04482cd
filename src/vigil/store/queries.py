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
    f = Filters().add("source = ?", source).add("COALESCE(published, '') >= ?", since).add("COALESCE(published, '') <= ? AND COALESCE(published, '') > ''", until)
    sql = f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents{f.sql()} ORDER BY COALESCE(published, ''), id{_limit(limit, offset)}"
    yield from store.query(sql, f.params)


def search(store, query: str, limit: int = 20) -> list[dict]:
    """Full-text search over titles and texts, best matches first."""
    return store.search(query, limit)


def document(store, doc_id: str) -> dict:
    """A document with every extraction, for `vigil show`."""
    # An id or a prefix of one, as a range on the primary key (LIKE would read every row).
    rows = list(store.query("SELECT * FROM documents WHERE id >= ? AND id < ? LIMIT 2", (doc_id, doc_id + "\uffff")))
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


# Up to this many actors or speakers, a filtered listing reads each one's rows in date order and
# unites them (fast for frequent and rare ones alike); more, and one filtered read serves them all.
MAX_SEPARATE_READS = 40


def matching_actor_ids(store, actor: str) -> list[str]:
    """The ids of the actors an `actor` filter means: that id, or a name containing the text."""
    rows = store.query("SELECT actor_id FROM actor_summary WHERE actor_id = ? OR name LIKE ? ORDER BY actor_id",
                       (actor, f"%{actor}%"))
    return [r["actor_id"] for r in rows]


def _actor_clause(ids: list[str]) -> tuple[str, list]:
    if not ids:
        return "1 = 0", []
    marks = ",".join("?" * len(ids))
    return f"(actor1_id IN ({marks}) OR actor2_id IN ({marks}))", ids + ids


def _lead_with_actor(store, f: Filters, actor: str) -> Filters:
    """The filters of a per-pair summary: the actor's pairs first (the order the pair tables' keys start with)."""
    clause, params = _actor_clause(matching_actor_ids(store, actor))
    f.clauses.insert(0, clause)
    f.params[:0] = params
    return f


def _event_filters(store, actor=None, event_type=None, country=None, since=None, until=None, status=None) -> Filters:
    f = Filters()
    if actor:
        clause, params = _actor_clause(matching_actor_ids(store, actor))
        f.clauses.append(clause)
        f.params.extend(params)
    f.add("event_type = ?", event_type.upper() if event_type else None)
    f.add("country = ?", country.upper() if country else None)
    f.add("COALESCE(date, '') >= ?", since).add("COALESCE(date, '') <= ? AND COALESCE(date, '') > ''", until)
    f.add("status = ?", status)
    return f


def _summary_filters(event_type=None, country=None, status=None) -> Filters:
    f = Filters()
    f.add("event_type = ?", event_type.upper() if event_type else None)
    f.add("country = ?", country.upper() if country else None)
    return f.add("status = ?", status)


def event_timeline(store, actor=None, event_type=None, country=None, since=None, until=None, status=None) -> list[dict]:
    """Events per month and PLOVER type (from the monthly summaries when the filters allow)."""
    if since or until or (actor and (country or status)):
        f = _event_filters(store, actor, event_type, country, since, until, status)
        sql = f"""SELECT substr(date, 1, 7) AS month, event_type, count(*) AS events FROM events{f.sql()}
                  GROUP BY substr(date, 1, 7), event_type"""
        return _by_month(store.query(sql, f.params))
    if actor:
        clause, params = _actor_clause(matching_actor_ids(store, actor))
        f = Filters().add("event_type = ?", event_type.upper() if event_type else None)
        sql = f"""SELECT CASE WHEN dated = 1 THEN month END AS month, event_type, sum(events) AS events
                  FROM pair_months WHERE {clause}{f.sql().replace(" WHERE ", " AND ")}
                  GROUP BY CASE WHEN dated = 1 THEN month END, event_type"""
        return _by_month(store.query(sql, params + f.params))
    f = _summary_filters(event_type, country, status)
    table = "event_months" if country else "month_types"
    sql = f"""SELECT month, event_type, sum(events) AS events FROM {table}{f.sql()}
              GROUP BY month, event_type"""
    return _by_month(store.query(sql, f.params))


def _by_month(rows) -> list[dict]:
    """Timeline rows in month order, undated first (as SQLite orders NULL), on every backend."""
    rows = [dict(r, month=r["month"] or None, events=int(r["events"])) for r in rows]
    return sorted(rows, key=lambda r: (r["month"] is not None, r["month"] or "", r["event_type"]))


def event_countries(store, actor=None, event_type=None, country=None, since=None, until=None, status=None) -> list[dict]:
    """Events per country (ISO alpha-2), for shading a map (from the summaries when the filters allow)."""
    if since or until:
        return _countries_in_range(store, actor, event_type, country, since, until, status)
    f = _summary_filters(event_type, country, status).add("country <> '' AND 1 = ?", 1)
    if actor:
        _lead_with_actor(store, f, actor)
    table = "pair_countries" if actor else "country_types"
    sql = f"SELECT country, sum(events) AS events FROM {table}{f.sql()} GROUP BY country ORDER BY events DESC, country"
    return [dict(r, events=int(r["events"])) for r in store.query(sql, f.params)]


def _countries_in_range(store, actor, event_type, country, since, until, status) -> list[dict]:
    """Per country between two dates: whole months from the monthly summary, the months at the ends from events."""
    bounds = None if actor else _whole_months(since, until)
    if bounds is None or (bounds[0] and bounds[1] and bounds[0] > bounds[1]):
        f = _event_filters(store, actor, event_type, country, since, until, status).add("country IS NOT NULL AND 1 = ?", 1)
        return _by_events_desc(store.query(f"SELECT country, count(*) AS events FROM events{f.sql()} GROUP BY country",
                                           f.params))
    first, last = bounds
    counts: dict[str, int] = {}
    f = _summary_filters(event_type, country, status).add("country <> '' AND 1 = ?", 1).add("month <> '' AND 1 = ?", 1)
    f.add("month >= ?", first).add("month <= ?", last)
    for r in store.query(f"SELECT country, sum(events) AS events FROM event_months{f.sql()} GROUP BY country", f.params):
        counts[r["country"]] = counts.get(r["country"], 0) + int(r["events"])
    ends = []
    if since:
        ends.append(_event_filters(store, None, event_type, country, since, None, status).add("COALESCE(date, '') < ?", first))
    if until:
        ends.append(_event_filters(store, None, event_type, country, None, until, status)
                    .add("COALESCE(date, '') >= ?", _next_month(last)))
    for g in ends:
        g.add("country IS NOT NULL AND 1 = ?", 1)
        for r in store.query(f"SELECT country, count(*) AS events FROM events{g.sql()} GROUP BY country", g.params):
            counts[r["country"]] = counts.get(r["country"], 0) + int(r["events"])
    return _by_events_desc({"country": c, "events": n} for c, n in counts.items())


def _by_events_desc(rows) -> list[dict]:
    return sorted((dict(r, events=int(r["events"])) for r in rows), key=lambda r: (-r["events"], r["country"]))


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - (number == 1):04d}-{(number - 2) % 12 + 1:02d}"


def _whole_months(since: str | None, until: str | None) -> tuple[str | None, str | None] | None:
    """The first and last months (YYYY-MM) whose every date lies in [since, until]; None for dates not ISO-like."""
    try:
        first = last = None
        if since:
            month = since[:7] if len(since) >= 7 else since[:4] + "-01"
            first = month if month >= since else _next_month(month)
        if until:
            last = _previous_month(until[:7]) if len(until) >= 7 else f"{int(until[:4]) - 1:04d}-12"
        return first, last
    except ValueError:
        return None


def events(store, actor: str | None = None, event_type: str | None = None, country: str | None = None,
           since: str | None = None, until: str | None = None, status: str | None = None,
           limit: int | None = None, offset: int = 0, after: str | None = None) -> Iterator[dict]:
    """Event reports in date order; `after` (an event id) continues a listing after that event (keyset paging).

    A filtered or continued page is a union of date-ordered reads, each cut at the rows the page needs: one
    per actor and side (indexes events_actor1_by_date, events_actor2_by_date) and, after a cursor, one for
    the rest of the cursor's day and one for the days after it, so every read is one index range.
    """
    f = _event_filters(store, None, event_type, country, since, until, status)
    ids = matching_actor_ids(store, actor) if actor else []
    if actor and not ids:
        return
    if len(ids) > MAX_SEPARATE_READS:
        clause, values = _actor_clause(ids)
        f.clauses.insert(0, clause)
        f.params[:0] = values
        ids = []
    sides = [(f"{side} = ?", [i]) for side in ("actor1_id", "actor2_id") for i in ids] or [(None, [])]
    cursors = _cursor_reads(store, after) if after else [(None, [], " ORDER BY COALESCE(date, ''), id")]
    order = " ORDER BY COALESCE(date, ''), id"
    if len(sides) == 1 and len(cursors) == 1 and not after:
        sql, params = f"SELECT * FROM events{f.sql()}{order}{_limit(limit, offset)}", f.params
    else:
        first = None if limit is None else offset + limit
        parts, params = [], []
        for side, side_values in sides:
            for cursor, cursor_values, read_order in cursors:
                clauses = [c for c in (side, cursor) if c] + f.clauses
                parts.append(f"SELECT * FROM (SELECT * FROM events WHERE {' AND '.join(clauses)}{read_order}{_limit(first)}) "
                             f"AS read_{len(parts)}")
                params += side_values + cursor_values + f.params
        sql = f"SELECT * FROM ({' UNION '.join(parts)}) AS matched{order}{_limit(limit, offset)}"
    for row in store.query(sql, params):
        yield _event(row)


def _cursor_reads(store, after: str) -> list[tuple[str | None, list, str]]:
    """The two index ranges after an event, each with its order: later ids on its day, then the later days."""
    order = " ORDER BY COALESCE(date, ''), id"
    key = list(store.query("SELECT COALESCE(date, '') AS day, id FROM events WHERE id = ?", (after,)))
    if not key:
        return [(None, [], order)]
    day, event_id = key[0]["day"], key[0]["id"]
    return [("COALESCE(date, '') = ? AND id > ?", [day, event_id], " ORDER BY id"), ("COALESCE(date, '') > ?", [day], order)]


def places(store, country: str | None = None, limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = Filters().add("country = ?", country.upper() if country else None)
    sql = f"SELECT * FROM places{f.sql()} ORDER BY doc_id, start{_limit(limit, offset)}"
    for row in store.query(sql, f.params):
        yield _place(row)


def place_counts(store, country: str | None = None, limit: int | None = None) -> list[dict]:
    """Resolved places with how many mentions and documents name them (from the place summary)."""
    f = Filters().add("country = ?", country.upper() if country else None)
    sql = f"""SELECT name, geonameid, country, admin1, feature, lat, lon, precision, mentions, documents
              FROM place_summary{f.sql()} ORDER BY mentions DESC, name, geonameid{_limit(limit)}"""
    return list(store.query(sql, f.params))


def actors(store, name: str | None = None, type: str | None = None, country: str | None = None,
           limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    """Actors with the number of mentions and documents that name them."""
    f = Filters()
    if name:
        f.add("(a.name LIKE ? OR a.aliases LIKE ? OR a.id = ?)", f"%{name}%", f"%{name}%", name)
    f.add("a.type = ?", type).add("a.country = ?", country.upper() if country else None)
    sql = f"""SELECT a.id, a.name, a.aliases, a.type, a.country, a.wikidata, a.parent,
                     COALESCE(s.mentions, 0) AS mentions, COALESCE(s.documents, 0) AS documents
              FROM actors a LEFT JOIN actor_summary s ON s.actor_id = a.id{f.sql()}
              ORDER BY COALESCE(s.mentions, 0) DESC, a.name{_limit(limit, offset)}"""
    for row in store.query(sql, f.params):
        row["aliases"] = json.loads(row["aliases"])
        yield row


def quotes(store, speaker: str | None = None, org: str | None = None, actor: str | None = None,
           text: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = None, offset: int = 0) -> Iterator[dict]:
    f = Filters()
    f.add("q.speaker_org LIKE ?", f"%{org}%" if org else None)
    f.add("q.text LIKE ?", f"%{text}%" if text else None)
    f.add("COALESCE(q.date, q.published) >= ?", since).add("COALESCE(q.date, q.published) <= ?", until)
    first = None if limit is None else offset + limit
    reads: list[tuple[str, str, list]] = []  # (FROM, WHERE, values): date-ordered reads, one per speaker or actor
    if speaker:
        names = [r["speaker"] for r in store.query("SELECT speaker FROM speakers WHERE speaker LIKE ? ORDER BY speaker",
                                                   (f"%{speaker}%",))]
        if not names:
            return
        if len(names) <= MAX_SEPARATE_READS:
            reads = [("quotes q", "q.speaker = ?", [name]) for name in names]
        else:
            f.clauses.append("q.speaker IN (SELECT speaker FROM speakers WHERE speaker LIKE ?)")
            f.params.append(f"%{speaker}%")
    if actor:
        ids = matching_actor_ids(store, actor) or [actor]
        if reads or len(ids) > MAX_SEPARATE_READS:
            marks = ",".join("?" * len(ids))
            f.clauses.append(f"q.id IN (SELECT quote_id FROM quote_actors WHERE actor_id IN ({marks}))")
            f.params.extend(ids)
        else:  # through the quote links, which are kept in the quotes' date order
            reads = [("quote_actors qa JOIN quotes q ON q.id = qa.quote_id", "qa.actor_id = ?", [i]) for i in ids]
    if text and not reads and limit is not None and store.dialect == "sqlite":
        yield from _quotes_with_text(store, f, text, limit, offset)
        return
    if reads:
        parts, params = [], []
        for n, (source, clause, values) in enumerate(reads):
            key = "COALESCE(qa.published, ''), qa.quote_id" if source.startswith("quote_actors") else \
                "COALESCE(q.published, ''), q.id"
            where = " AND ".join([clause] + f.clauses)
            parts.append(f"SELECT * FROM (SELECT q.* FROM {source} WHERE {where} ORDER BY {key}{_limit(first)}) AS read_{n}")
            params += values + f.params
        sql = f"SELECT * FROM ({' UNION '.join(parts)}) AS q ORDER BY COALESCE(q.published, ''), q.id{_limit(limit, offset)}"
    else:
        sql, params = f"SELECT q.* FROM quotes q{f.sql()} ORDER BY COALESCE(q.published, ''), q.id{_limit(limit, offset)}", f.params
    for row in store.query(sql, params):
        yield {k: row.get(k) for k in QUOTE_FIELDS}


# Quotes read in date order first; when they hold some matches but too few, the density of those tells how far a
# date-ordered read must go: up to COMMON_SCAN quotes, it goes on. Else the trigram index counts the matches, up to
# RARE_MATCHES: a rare text's matches are sorted by date; a common one's (clustered late) are read in date order.
TEXT_PROBE = 5000
COMMON_SCAN = 50_000
RARE_MATCHES = 1500


def _quotes_with_text(store, f: Filters, text: str, limit: int, offset: int) -> Iterator[dict]:
    """A page of quotes containing `text`, in date order (the same page as filtering every quote)."""
    order = " ORDER BY COALESCE(q.published, ''), q.id"
    needed = offset + limit
    probe = list(store.query(f"SELECT q.* FROM (SELECT * FROM quotes ORDER BY COALESCE(published, ''), id "
                             f"LIMIT {TEXT_PROBE}) AS q{f.sql()}{order}{_limit(needed)}", f.params))
    if len(probe) < needed:
        g = Filters()
        g.clauses, g.params = f.clauses, f.params
        if not probe or TEXT_PROBE * needed / len(probe) > COMMON_SCAN:
            found = [r["rowid"] for r in store.query(
                f"SELECT rowid FROM quotes_text WHERE text LIKE ? LIMIT {RARE_MATCHES + 1}", (f"%{text}%",))]
            if len(found) <= RARE_MATCHES:
                g.clauses, g.params = f.clauses + ["q.rowid IN (SELECT value FROM json_each(?))"], f.params + [json.dumps(found)]
        probe = list(store.query(f"SELECT q.* FROM quotes q{g.sql()}{order}{_limit(needed)}", g.params))
    for row in probe[offset:]:
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
    """Rows per table, from the counts kept at write time (counting millions of rows takes too long)."""
    kept = {r["name"]: r["rows"] for r in store.query("SELECT name, rows FROM table_counts")}
    tables = ("documents", "failures", "entities", "dates", "places", "actor_mentions", "quotes", "events")
    out = {t: int(kept.get(t, 0)) for t in tables}
    out["failures"] = store.scalar("SELECT count(*) FROM failures")
    out["duplicates"] = int(kept.get("duplicates", 0))
    out["actors"] = store.scalar("SELECT count(*) FROM actor_summary WHERE mentions > 0")
    return out


# -- the dashboard's queries: aggregates and pages, never every event ---------------------

MAP_CELLS = 3000  # at most this many grid cells per map answer
EVENT_PAGE_FIELDS = ("id", "doc_id", "event_type", "acled_event_type", "actor1", "actor2", "location", "country",
                     "admin1", "geo_precision", "date", "status", "fatalities", "sentence")


def _dashboard_filters(store, actor=None, event_type=None, country=None, since=None, until=None, status=None,
                       geo_precision=None, bbox=None) -> Filters:
    """The event filters, plus the dashboard's geo precision and bounding box (west, south, east, north)."""
    f = _event_filters(store, actor, event_type, country, None, None, status)
    # on the plain column (an undated event is outside any range), so that the index events_dashboard covers a range
    f.add("date >= ?", since).add("date <= ?", until)
    f.add("geo_precision = ?", int(geo_precision) if geo_precision not in (None, "") else None)
    _add_bbox(f, bbox, "lat", "lon")
    return f


def _add_bbox(f: Filters, bbox, lat: str, lon: str) -> None:
    if not bbox:
        return
    west, south, east, north = bbox
    f.add(f"{lat} BETWEEN ? AND ?", south, north)
    if west <= east:
        f.add(f"{lon} BETWEEN ? AND ?", west, east)
    else:  # the box crosses the antimeridian
        f.add(f"({lon} >= ? OR {lon} <= ?)", west, east)


def _summarised(actor=None, since=None, until=None, **_) -> bool:
    """Whether the dashboard's summaries can answer these filters (they have no actor and no date range)."""
    return not (actor or since or until)


def _dashboard_summary_filters(event_type=None, country=None, status=None, geo_precision=None, **_) -> Filters:
    f = _summary_filters(event_type, country, status)
    return f.add("geo_precision = ?", int(geo_precision) if geo_precision not in (None, "") else None)


def event_cells(store, cell: float, limit: int = MAP_CELLS, **filters) -> list[dict]:
    """Located events counted per grid cell of `cell` degrees: a map's points at any zoom, bounded in number
    (from the summaries at the map's zooms when the filters allow: map_cells, pair_cells for an actor,
    month_cells for a date range alone)."""
    from vigil.store.summaries import MAP_ZOOMS, MONTH_CELL_ZOOMS, PAIR_CELL_ZOOMS, cell_degrees

    zoom = next((z for z in MAP_ZOOMS if cell_degrees(z) == cell), None)
    rows = None
    if zoom is not None and _summarised(**filters):
        rows = _summary_cells(store, zoom, limit, filters)
    elif zoom in PAIR_CELL_ZOOMS and filters.get("actor") and not (filters.get("since") or filters.get("until")):
        rows = _pair_cells(store, zoom, limit, filters)
    elif zoom in MONTH_CELL_ZOOMS and _only_dates(filters):
        rows = _month_cells(store, zoom, cell, limit, filters)
    if rows is None:
        rows = _event_cells(store, cell, limit, filters)
    out = []
    for row in rows:
        mixed = row.pop("event_type_max") != row["event_type"]
        west, south = (row["gx"] - 0.5) * cell, (row["gy"] - 0.5) * cell
        out.append({"lat": row["lat"], "lon": row["lon"], "events": int(row["events"]), "example_id": row["example_id"],
                    "event_type": None if mixed else row["event_type"], "location": row["location"],
                    "last_date": row["last_date"], "bbox": [west, south, west + cell, south + cell]})
    return out


def _only_dates(filters: dict) -> bool:
    """Whether the filters are a date range (and perhaps a box) and nothing else."""
    return bool(filters.get("since") or filters.get("until")) and not any(
        filters.get(k) not in (None, "") for k in ("actor", "event_type", "country", "status", "geo_precision"))


CELL_COLUMNS = """gy, gx, sum(events) AS events, sum(lat_sum) AS lat_sum, sum(lon_sum) AS lon_sum,
                  min(example_id) AS example_id, min(event_type) AS event_type, max({type_max}) AS event_type_max,
                  min(location) AS location, max(last_date) AS last_date"""


def _pair_cells(store, zoom: int, limit: int, filters: dict) -> list[dict]:
    """The map of an actor filter from the per-pair cells (a set of actors counts each event once)."""
    clause, params = _actor_clause(matching_actor_ids(store, filters["actor"]))
    f = _dashboard_summary_filters(**filters).add("zoom = ?", zoom)
    _add_cell_box(f, filters.get("bbox"), zoom)
    sql = f"""SELECT {CELL_COLUMNS.format(type_max="event_type")} FROM pair_cells WHERE {clause} AND {" AND ".join(f.clauses)}
              GROUP BY gy, gx"""
    return _cells_by_size(store.query(sql, params + f.params), limit)


def _month_cells(store, zoom: int, cell: float, limit: int, filters: dict) -> list[dict] | None:
    """The map between two dates: the whole months from month_cells, the days at both ends from the events
    (None when the range holds no whole month)."""
    since, until = filters.get("since"), filters.get("until")
    bounds = _whole_months(since, until)
    if bounds is None or (bounds[0] and bounds[1] and bounds[0] > bounds[1]):
        return None
    first, last = bounds
    f = Filters().add("zoom = ?", zoom).add("month >= ?", first).add("month < ?", _next_month(last) if last else None)
    _add_cell_box(f, filters.get("bbox"), zoom)
    parts = [list(store.query(f"SELECT {CELL_COLUMNS.format(type_max='event_type_max')} FROM month_cells{f.sql()} "
                              f"GROUP BY gy, gx", f.params))]
    # the days before the first whole month and after the last one, as `date >= since AND date <= until` reads them
    ends = []
    if since:
        ends.append({**filters, "until": None, "before": first})
    if until:
        ends.append({**filters, "since": None, "from": _next_month(last)})
    for end in ends:
        g = _dashboard_filters(store, **{k: v for k, v in end.items() if k not in ("before", "from")})
        g.add("date < ?", end.get("before")).add("date >= ?", end.get("from"))
        parts.append(_event_cell_sums(store, cell, g))
    return _cells_by_size(_merge_cells(parts), limit)


def _event_cell_sums(store, cell: float, f: Filters, limit: int | None = None) -> list[dict]:
    """Grid cells of `cell` degrees counted from the events the filters keep, with coordinate sums (the largest
    `limit` cells when a limit is given)."""
    from vigil.store.summaries import CELL_OFFSET, CELL_OFFSET_INT

    f.add("lat IS NOT NULL AND lon IS NOT NULL AND 1 = ?", 1)
    floor = "floor" if store.dialect == "postgresql" else ""
    gy, gx = (f"CAST({floor}({c} / ? + {CELL_OFFSET!r}) AS INTEGER) - {CELL_OFFSET_INT}" for c in ("lat", "lon"))
    sql = f"""SELECT {gy} AS gy, {gx} AS gx, count(*) AS events, sum(lat) AS lat_sum, sum(lon) AS lon_sum,
                     min(id) AS example_id, min(event_type) AS event_type, max(event_type) AS event_type_max,
                     min(location) AS location, max(date) AS last_date
              FROM events{f.sql()} GROUP BY 1, 2"""
    if limit is not None:
        sql += f" ORDER BY events DESC, gy, gx{_limit(limit)}"
    return list(store.query(sql, [float(cell)] * 2 + f.params))


CELL_RULES = {"events": "sum", "lat_sum": "sum", "lon_sum": "sum", "example_id": "min", "event_type": "min",
              "event_type_max": "max", "location": "min", "last_date": "max"}


def _merge_cells(parts: list[list[dict]]) -> list[dict]:
    """Cell rows of several reads (the same cells counted over disjoint sets of events) as one row per cell."""
    from vigil.store.summaries import combine

    merged: dict[tuple, dict] = {}
    for rows in parts:
        for row in rows:
            key = (row["gy"], row["gx"])
            merged[key] = combine(CELL_RULES, merged[key], row) if key in merged else dict(row)
    return list(merged.values())


def _cells_by_size(rows, limit: int) -> list[dict]:
    """Cells with their mean point, largest first (then by row and column), at most `limit`."""
    out = []
    for row in rows:
        events = int(row["events"])
        out.append(dict(row, events=events, lat=row["lat_sum"] / events, lon=row["lon_sum"] / events))
    out.sort(key=lambda r: (-r["events"], r["gy"], r["gx"]))
    return out[:limit]


def _summary_cells(store, zoom: int, limit: int, filters: dict) -> list[dict]:
    f = _dashboard_summary_filters(**filters).add("zoom = ?", zoom)
    _add_cell_box(f, filters.get("bbox"), zoom)
    sql = f"""SELECT gy, gx, sum(events) AS events, sum(lat_sum) / sum(events) AS lat, sum(lon_sum) / sum(events) AS lon,
                     min(example_id) AS example_id, min(event_type) AS event_type, max(event_type) AS event_type_max,
                     min(location) AS location, max(last_date) AS last_date
              FROM map_cells{f.sql()} GROUP BY gy, gx ORDER BY events DESC, gy, gx"""
    return list(store.query(sql + _limit(limit), f.params))


def _add_cell_box(f: Filters, bbox, zoom: int) -> None:
    """Keep the grid cells that touch the box (west, south, east, north): whole cells, counted in full."""
    from vigil.store.summaries import cell_index

    if bbox:
        west, south, east, north = bbox
        _add_bbox(f, (cell_index(west, zoom), cell_index(south, zoom), cell_index(east, zoom), cell_index(north, zoom)),
                  "gy", "gx")


def _event_cells(store, cell: float, limit: int, filters: dict) -> list[dict]:
    """Grid cells counted from the events themselves (an actor or a date range, or a zoom without summary)."""
    return _cells_by_size(_event_cell_sums(store, cell, _dashboard_filters(store, **filters), limit), limit)


def event_page(store, limit: int = 50, offset: int = 0, **filters) -> list[dict]:
    """A page of events, newest first (undated last), with the fields a list shows; read along the date indexes
    (an actor filter: one newest-first read per matching actor and side, united, as `events` does)."""
    newest = " ORDER BY COALESCE(date, '') DESC, id DESC"  # = date DESC NULLS LAST, id DESC, as the indexes hold it
    ids = matching_actor_ids(store, filters["actor"]) if filters.get("actor") else []
    if filters.get("actor") and not ids:
        return []
    kinds = None if ids else _event_kinds(store, filters)
    if (not ids or len(ids) > MAX_SEPARATE_READS) and kinds is None:
        f = _dashboard_filters(store, **filters)
        sql = f"SELECT {_cols(EVENT_PAGE_FIELDS)} FROM events{f.sql()}{newest}{_limit(limit, offset)}"
        return list(store.query(sql, f.params))
    if kinds is not None:  # one read per kind (type, status, precision), along index events_kind_by_date
        if not kinds:
            return []
        f = _dashboard_filters(store, **{**filters, "event_type": None, "status": None, "geo_precision": None})
        reads = [("event_type = ? AND status = ? AND " + ("geo_precision = ?" if p else "geo_precision IS NULL"),
                  [t, s] + ([p] if p else [])) for t, s, p in kinds]
    else:
        f = _dashboard_filters(store, **{**filters, "actor": None})
        reads = [(f"{side} = ?", [actor_id]) for side in ("actor1_id", "actor2_id") for actor_id in ids]
    parts, params = [], []
    for clause, values in reads:
        where = " AND ".join([clause] + f.clauses)
        parts.append(f"SELECT * FROM (SELECT {_cols(EVENT_PAGE_FIELDS)} FROM events WHERE {where}{newest}"
                     f"{_limit(offset + limit)}) AS read_{len(parts)}")
        params += values + f.params
    sql = f"SELECT * FROM ({' UNION '.join(parts)}) AS matched{newest}{_limit(limit, offset)}"
    return list(store.query(sql, params))


def _event_kinds(store, filters: dict) -> list[tuple] | None:
    """The (type, status, precision) triples an event list under a type, status or precision filter reads, one
    date-ordered read each (a rare combination is never looked for along the events of a frequent type); None
    without those filters or when they leave more than MAX_SEPARATE_READS triples (frequent enough to read in
    one pass)."""
    if all(filters.get(k) in (None, "") for k in ("event_type", "status", "geo_precision")):
        return None
    f = _dashboard_summary_filters(**{k: filters.get(k) for k in ("event_type", "country", "status", "geo_precision")})
    kinds = [(r["event_type"], r["status"], int(r["geo_precision"])) for r in store.query(
        f"SELECT DISTINCT event_type, status, geo_precision FROM country_precisions{f.sql()} "
        f"ORDER BY event_type, status, geo_precision", f.params)]
    return kinds if len(kinds) <= MAX_SEPARATE_READS else None


def event_count(store, **filters) -> int:
    if _summarised(**filters) and not filters.get("bbox"):
        f = _dashboard_summary_filters(**filters)
        return int(store.scalar(f"SELECT COALESCE(sum(events), 0) FROM country_precisions{f.sql()}", f.params) or 0)
    if _pair_summarised(filters) and not filters.get("geo_precision"):  # the per-pair counts hold no precision
        clause, params = _actor_clause(matching_actor_ids(store, filters["actor"]))
        f = _summary_filters(filters.get("event_type"), filters.get("country"), filters.get("status"))
        sql = f"SELECT COALESCE(sum(events), 0) FROM pair_countries WHERE {clause}{f.sql().replace(' WHERE ', ' AND ')}"
        return int(store.scalar(sql, params + f.params) or 0)
    f = _dashboard_filters(store, **filters)
    return int(store.scalar(f"SELECT count(*) FROM events{f.sql()}", f.params))


def _pair_summarised(filters: dict) -> bool:
    """Whether the per-pair summaries answer these filters: an actor, without a date range or a box."""
    return bool(filters.get("actor")) and not (filters.get("since") or filters.get("until") or filters.get("bbox"))


def event_day_counts(store, **filters) -> list[dict]:
    """Dated events per day and PLOVER type (the dashboard sums days into weeks). From the daily summaries (full
    dates only: the dashboard drops partial ones) when no filter but an actor, the type, the status and a date
    range is set: type_days, or pair_days for an actor (the last day of a range is counted from the events)."""
    if not (filters.get("bbox") or filters.get("country") or filters.get("geo_precision")):
        rows = _summary_days(store, filters)
        if rows is not None:
            return rows
    f = _dashboard_filters(store, **filters).add("date IS NOT NULL AND 1 = ?", 1)
    sql = f"""SELECT substr(date, 1, 10) AS day, event_type, count(*) AS events FROM events{f.sql()}
              GROUP BY substr(date, 1, 10), event_type ORDER BY day, event_type"""
    return list(store.query(sql, f.params))


def _summary_days(store, filters: dict) -> list[dict] | None:
    since, until = filters.get("since"), filters.get("until")
    if len(since or "") > 10 or len(until or "") > 10 or (since and until and since > until):
        return None
    f = _dashboard_summary_filters(**filters)
    # date >= since <=> day >= since (since has at most 10 characters); date <= until <=> day < until or date = until
    f.add("day >= ?", since).add("day < ?", until)
    if filters.get("actor"):
        _lead_with_actor(store, f, filters["actor"])
    table = "pair_days" if filters.get("actor") else "type_days"
    sql = f"SELECT day, event_type, sum(events) AS events FROM {table}{f.sql()} GROUP BY day, event_type"
    counts = {(r["day"], r["event_type"]): int(r["events"]) for r in store.query(sql, f.params)}
    if until:
        g = _dashboard_filters(store, **{**filters, "since": until, "until": until})
        g.add("date IS NOT NULL AND 1 = ?", 1)
        for r in store.query(f"SELECT date, event_type, count(*) AS events FROM events{g.sql()} GROUP BY date, event_type",
                             g.params):
            if r["date"] == r["date"][:10] and _full_day(r["date"]):
                key = (r["date"], r["event_type"])
                counts[key] = counts.get(key, 0) + int(r["events"])
    return [{"day": d, "event_type": t, "events": n} for (d, t), n in sorted(counts.items())]


def _full_day(value: str) -> bool:
    from vigil.store.summaries import week_start

    return week_start(value) is not None


def event_week_counts(store, **filters) -> list[dict] | None:
    """Events with a full date per week (its Monday) and PLOVER type, from the weekly summaries (type_weeks,
    week_types, pair_weeks for an actor); between two days, the weeks wholly inside the range from them and the
    days at both ends from the daily summaries. None when the filters need the events (a box; an actor with a
    country or a precision; a date range with one; a range not given as days)."""
    since, until = filters.get("since"), filters.get("until")
    ranged = bool(since or until)
    if filters.get("bbox") or (ranged and (filters.get("country") or filters.get("geo_precision"))):
        return None
    if filters.get("actor") and (filters.get("country") or filters.get("geo_precision")):
        return None
    if ranged and not (_is_day(since) and _is_day(until)):
        return None
    f = _dashboard_summary_filters(**filters)
    if filters.get("actor"):
        _lead_with_actor(store, f, filters["actor"])
        table = "pair_weeks"
    else:
        table = "week_types" if filters.get("country") or filters.get("geo_precision") else "type_weeks"
    ends: list[tuple[str | None, str | None]] = []
    if ranged:
        # whole weeks: from the first Monday on or after `since` to the last one whose Sunday is before `until`
        # (the day of `until` itself is always counted from the daily summary and the events, as dates are compared)
        first = _monday_on_or_after(since) if since else None
        last = _days_after(_monday(until), -7) if until else None
        if first and last and first > last:
            return _days_into_weeks(_summary_days(store, filters) or [])
        f.add("week >= ?", first).add("week <= ?", last)
        if since:
            ends.append((since, _days_after(first, -1)))
        if until:
            ends.append((_monday(until), until))
    sql = f"SELECT week, event_type, sum(events) AS events FROM {table}{f.sql()} GROUP BY week, event_type"
    counts = {(r["week"], r["event_type"]): int(r["events"]) for r in store.query(sql, f.params)}
    for start, end in ends:
        for row in _summary_days(store, {**filters, "since": start, "until": end}) or []:
            key = (_monday(row["day"]), row["event_type"])
            counts[key] = counts.get(key, 0) + row["events"]
    return [{"week": w, "event_type": t, "events": n} for (w, t), n in sorted(counts.items())]


def _is_day(value: str | None) -> bool:
    from vigil.store.summaries import week_start

    return value is None or (len(value) == 10 and week_start(value) is not None)


def _monday(day: str) -> str:
    from vigil.store.summaries import week_start

    return week_start(day)


def _monday_on_or_after(day: str) -> str:
    monday = _monday(day)
    return monday if monday == day else _days_after(monday, 7)


def _days_after(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _days_into_weeks(days: list[dict]) -> list[dict]:
    counts: dict[tuple[str, str], int] = {}
    for row in days:
        monday = _monday(row["day"]) if len(row["day"]) >= 10 else None
        if monday:
            counts[(monday, row["event_type"])] = counts.get((monday, row["event_type"]), 0) + int(row["events"])
    return [{"week": w, "event_type": t, "events": n} for (w, t), n in sorted(counts.items())]


def event_month_counts(store, **filters) -> list[dict] | None:
    """Events with a full date per month and PLOVER type (a long histogram), from type_months; between two days,
    the whole months from it and the days at both ends from the daily summaries. None when the filters need
    more than the type and the status (an actor, a country, a precision, a box) or a range is not given as days."""
    if any(filters.get(k) for k in ("actor", "country", "geo_precision", "bbox")):
        return None
    since, until = filters.get("since"), filters.get("until")
    if not (_is_day(since) and _is_day(until)):
        return None
    f = _dashboard_summary_filters(**filters)
    ends: list[tuple[str | None, str | None]] = []
    counts: dict[tuple[str, str], int] = {}
    # whole months: from the first month starting on or after `since` to the month before that of `until`
    first = (since[:7] if since.endswith("-01") else _next_month(since[:7])) if since else None
    last = _previous_month(until[:7]) if until else None
    if first and last and first > last:  # no whole month: the days
        ends.append((since, until))
    else:
        if since and not since.endswith("-01"):
            ends.append((since, _days_after(f"{first}-01", -1)))
        if until:
            ends.append((f"{until[:7]}-01", until))
        f.add("month >= ?", first).add("month <= ?", last)
        sql = f"SELECT month, event_type, sum(events) AS events FROM type_months{f.sql()} GROUP BY month, event_type"
        counts = {(r["month"], r["event_type"]): int(r["events"]) for r in store.query(sql, f.params)}
    for start, end in ends:
        for row in _summary_days(store, {**filters, "since": start, "until": end}) or []:
            key = (row["day"][:7], row["event_type"])
            counts[key] = counts.get(key, 0) + row["events"]
    return [{"month": m, "event_type": t, "events": n} for (m, t), n in sorted(counts.items())]


def day_span(store, **filters) -> int | None:
    """How many days a daily histogram under these filters covers, from the daily summaries: from the later of
    `since` and the first day with an event to the earlier of `until` and the last one (None when the filters
    need the events: a country, a precision, a box; 0 when nothing matches)."""
    from datetime import date

    if filters.get("bbox") or filters.get("country") or filters.get("geo_precision"):
        return None
    f = _dashboard_summary_filters(**filters)
    if filters.get("actor"):
        _lead_with_actor(store, f, filters["actor"])
    table = "pair_days" if filters.get("actor") else "type_days"
    bounds = next(store.query(f"SELECT min(day) AS first, max(day) AS last FROM {table}{f.sql()}", f.params))
    first, last = bounds["first"], bounds["last"]
    if not first or not last:
        return 0
    since, until = (filters.get("since") or "")[:10], (filters.get("until") or "")[:10]
    start = max(first, since) if _is_day(since or None) and since else first
    end = min(last, until) if _is_day(until or None) and until else last
    return max(0, (date.fromisoformat(end) - date.fromisoformat(start)).days + 1)


def event_countries_filtered(store, **filters) -> list[dict]:
    """Events per country (ISO alpha-2) under the dashboard's filters."""
    if filters.get("actor") and not (filters.get("since") or filters.get("until") or filters.get("bbox")
                                     or filters.get("geo_precision")):  # the per-pair summary counts each event once
        return event_countries(store, filters["actor"], filters.get("event_type"), filters.get("country"),
                               status=filters.get("status"))
    if _summarised(**filters) and not filters.get("bbox"):
        f = _dashboard_summary_filters(**filters).add("country <> '' AND 1 = ?", 1)
        sql = f"SELECT country, sum(events) AS events FROM country_precisions{f.sql()} GROUP BY country"
    else:
        f = _dashboard_filters(store, **filters).add("country IS NOT NULL AND 1 = ?", 1)
        sql = f"SELECT country, count(*) AS events FROM events{f.sql()} GROUP BY country"
    return _by_events_desc(store.query(sql, f.params))


# The values of events.status and events.geo_precision (see records.Event), offered without a scan.
EVENT_STATUSES = ("happened", "ongoing", "claimed", "threatened", "conditional", "planned", "hypothetical", "denied",
                  "negated")
GEO_PRECISIONS = (1, 2, 3)


def event_facets(store) -> dict[str, list[dict]]:
    """The values the dashboard's filters offer: event types with counts (from the kept type counts),
    the statuses and geo precisions of the schema."""
    types = store.query("SELECT event_type AS value, sum(events) AS events FROM country_types GROUP BY event_type")
    types = sorted((dict(r, events=int(r["events"])) for r in types), key=lambda r: (-r["events"], r["value"]))
    return {"event_type": types, "status": [{"value": v} for v in EVENT_STATUSES],
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
    """Who is quoted, how often, with their organisation and actor: the dashboard's quotes by speaker
    (an actor: the quotes whose speaker is that actor id or has an organisation containing the text)."""
    if not actor:  # from the per-speaker summary
        return [dict(r, quotes=int(r["quotes"]), documents=int(r["documents"] or 0)) for r in store.query(
            f"""SELECT speaker, speaker_org, speaker_actor_id, quotes, documents FROM speakers
                ORDER BY quotes DESC, speaker{_limit(limit)}""")]
    # from the per-speaker, organisation and actor id summary; a document that quotes a speaker under several
    # matching combinations is counted once (speaker_doc_combos lists them)
    where, params = "(speaker_actor_id = ? OR speaker_org LIKE ?)", [actor, f"%{actor}%"]
    rows = [dict(r, quotes=int(r["quotes"]), documents=int(r["documents"])) for r in store.query(
        f"""SELECT speaker, min(NULLIF(speaker_org, '')) AS speaker_org, min(NULLIF(speaker_actor_id, '')) AS speaker_actor_id,
                   sum(quotes) AS quotes, sum(documents) AS documents
            FROM speaker_combos WHERE {where} GROUP BY speaker ORDER BY quotes DESC, speaker{_limit(limit)}""", params)]
    repeated = {r["speaker"]: int(r["extra"]) for r in store.query(
        f"""SELECT speaker, sum(n - 1) AS extra FROM (SELECT speaker, doc_id, count(*) AS n FROM speaker_doc_combos
            WHERE {where} GROUP BY speaker, doc_id) AS per_doc WHERE n > 1 GROUP BY speaker""", params)}
    for row in rows:
        row["documents"] -= repeated.get(row["speaker"], 0)
    return rows
