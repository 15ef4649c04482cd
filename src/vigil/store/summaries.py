"""Small summary tables, kept up to date at write time, so the API reads aggregates without scanning millions of rows.

Migration 4 creates them and fills them from the rows already stored; every
`write_batch` then adds its documents' contributions in the same transaction
(documents are only ever added, never changed, so the sums stay exact).

- place_summary: per resolved place (geonameid), mentions and documents (`vigil places`, /api/places)
- actor_summary: per actor id, its name, mentions, documents and events (/api/actors, actor filters)
- actor_areas: per actor id (the actor with its affiliates, by the actors' parent links), country and
  admin1, the first and last day, events, documents, place names and an example sentence of its real
  events (happened, ongoing, claimed) (spread)
- pair_months: per pair of actor ids (actor1, actor2), month of the event's day, whether the event
  has its own date, and event type: events (spread timeline, /api/timeline?actor=)
- pair_countries: per pair of actor ids, country, event type and status: events (/api/countries?actor=)
  (keyed by pair, so that a set of actors counts each event once)
- quote_actors: which actors a quote is about (its speaker's actor, actors named inside it)
- actor_speakers: per actor id (with its affiliates) and speaker, quotes about them (spread speakers)
- speakers: per speaker, quotes, documents, the smallest organisation and actor id (speaker filters,
  /api/speakers; the last three since migration 9)
- table_counts: rows per table (documents, duplicates, entities, dates, places, actor_mentions,
  quotes, events) (/api/stats)
- month_types, country_types: event_months without the country, or without the month
  (/api/timeline and /api/countries without those filters)
- map_cells: per map zoom (MAP_ZOOMS), grid cell (floor(lat / cell + 0.5), same for lon), event type, country,
  status and geo precision: events, sums of latitudes and longitudes, an example event, a place name, the
  latest date (/api/map)
- week_types: per week (its Monday) of the events with a full date, event type, country, status, geo precision:
  events (/api/histogram)
- type_weeks: week_types without the country and the precision (/api/histogram without those filters)
- type_days: per day of the events with a full date, event type and status: events (/api/histogram?bucket=day
  without the other filters)
- country_precisions: per country, event type, status and geo precision: events (/api/map/countries,
  /api/facets, the count of /api/map/events)
- event_months: per month, event type, country and status, events (/api/timeline, /api/countries)
- pair_cells: map_cells per pair of actor ids (actor1, actor2) as well (/api/map?actor=; a set of actors counts each
  event once)
- pair_weeks, pair_days: per pair of actor ids, week (its Monday) or day of the events with a full date, event type
  and status: events (/api/histogram?actor=)
- month_cells: per map zoom, month (the first 7 characters of the event's date) and grid cell: events, sums of
  latitudes and longitudes, an example event, a place name, the latest date, the smallest and largest event type
  (/api/map between two dates: whole months from here, the days at both ends from the events)
- type_months: type_days per month (/api/histogram over more than five years)
- speaker_combos: per speaker, organisation and actor id as quotes give them: quotes, documents
  (/api/speakers?actor=); speaker_doc_combos lists the (speaker, document) pairs quoted with more than one
  organisation or actor id, so that a document is counted once (not a sum: a set, like quote_actors)

A NULL key column is stored as '' (primary keys cannot hold NULL in PostgreSQL);
readers turn '' back into None.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable, Sequence

REAL_STATUSES = ("happened", "ongoing", "claimed")

# table -> (key columns, {column: how the value of a new batch combines with the stored one})
SUMMARIES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "place_summary": (("geonameid",), {"name": "min", "country": "min", "admin1": "min", "feature": "min", "lat": "min",
                                       "lon": "min", "precision": "min", "mentions": "sum", "documents": "sum"}),
    "actor_summary": (("actor_id",), {"name": "min", "mentions": "sum", "documents": "sum", "events": "sum"}),
    "actor_areas": (("actor_id", "country", "admin1"), {"first_seen": "min", "last_seen": "max", "events": "sum",
                                                        "documents": "sum", "places": "set", "example": "min",
                                                        "example_doc": "with example"}),
    "pair_months": (("actor1_id", "actor2_id", "month", "dated", "event_type"), {"events": "sum"}),
    "pair_countries": (("actor1_id", "actor2_id", "country", "event_type", "status"), {"events": "sum"}),
    "actor_speakers": (("actor_id", "speaker"), {"speaker_role": "min", "speaker_org": "min", "quotes": "sum",
                                                 "example": "min"}),
    "speakers": (("speaker",), {"quotes": "sum", "speaker_org": "min", "speaker_actor_id": "min", "documents": "sum"}),
    "event_months": (("month", "event_type", "country", "status"), {"events": "sum"}),
    "table_counts": (("name",), {"rows": "sum"}),
    "month_types": (("month", "event_type", "status"), {"events": "sum"}),
    "country_types": (("country", "event_type", "status"), {"events": "sum"}),
    "map_cells": (("zoom", "gy", "gx", "event_type", "country", "status", "geo_precision"),
                  {"events": "sum", "lat_sum": "sum", "lon_sum": "sum", "example_id": "min", "location": "min",
                   "last_date": "max"}),
    "week_types": (("week", "event_type", "country", "status", "geo_precision"), {"events": "sum"}),
    "type_weeks": (("week", "event_type", "status"), {"events": "sum"}),
    "type_days": (("day", "event_type", "status"), {"events": "sum"}),
    "country_precisions": (("country", "event_type", "status", "geo_precision"), {"events": "sum"}),
    "pair_cells": (("actor1_id", "actor2_id", "zoom", "gy", "gx", "event_type", "country", "status", "geo_precision"),
                   {"events": "sum", "lat_sum": "sum", "lon_sum": "sum", "example_id": "min", "location": "min",
                    "last_date": "max"}),
    "pair_weeks": (("actor1_id", "actor2_id", "week", "event_type", "status"), {"events": "sum"}),
    "pair_days": (("actor1_id", "actor2_id", "day", "event_type", "status"), {"events": "sum"}),
    "month_cells": (("zoom", "month", "gy", "gx"), {"events": "sum", "lat_sum": "sum", "lon_sum": "sum",
                                                    "example_id": "min", "location": "min", "last_date": "max",
                                                    "event_type": "min", "event_type_max": "max"}),
    "speaker_combos": (("speaker", "speaker_org", "speaker_actor_id"), {"quotes": "sum", "documents": "sum"}),
    "type_months": (("month", "event_type", "status"), {"events": "sum"}),
}

# Zooms of the per-month and per-actor-pair map cells (their rows grow with the zoom; above these, the events).
MONTH_CELL_ZOOMS = range(0, 13)
PAIR_CELL_ZOOMS = range(0, 13)

# The dashboard's map asks for grid cells of 45 / 2**zoom degrees (about 45 pixels) at these zooms.
MAP_ZOOMS = range(0, 13)


def cell_degrees(zoom: int) -> float:
    """The side of a map grid cell at a zoom, in degrees (about 45 pixels on a web map)."""
    return 45.0 / (2 ** zoom)


def cell_index(value: float, zoom: int) -> int:
    """The grid cell of a latitude or longitude: floor(value / cell + 0.5), computed as in the SQL of migration 9
    (an offset keeps the sum positive, where truncation is floor, so that no math function is needed)."""
    return math.floor(value / cell_degrees(zoom) + CELL_OFFSET) - CELL_OFFSET_INT


CELL_OFFSET, CELL_OFFSET_INT = 100000.5, 100000


def week_start(day: str | None) -> str | None:
    """The Monday of a full date's week (YYYY-MM-DD), None for a partial or missing date."""
    from datetime import date, timedelta

    try:
        d = date.fromisoformat((day or "")[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def event_day(event, published: str | None) -> str | None:
    """An event's day: its resolved date, else its article's publication day."""
    return event.date or ((published or "")[:10] or None)


def _event_actors(event) -> list[tuple[str, str | None]]:
    sides = [(event.actor1_id, event.actor1), (event.actor2_id, event.actor2)]
    seen, out = set(), []
    for actor_id, name in sides:
        if actor_id and actor_id not in seen:
            seen.add(actor_id)
            out.append((actor_id, name))
    return out


class _Batch:
    """The contributions of a batch of documents, combined per summary key."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[tuple, dict]] = defaultdict(dict)
        self.quote_actors: set[tuple[str, str, str | None]] = set()
        self.speaker_docs: set[tuple[str, str]] = set()  # (speaker, document): a document counts once per speaker
        self.speaker_doc_combos: set[tuple[str, str, str, str]] = set()  # (speaker, document, org, actor id)

    def add(self, table: str, key: tuple, values: dict) -> None:
        rows = self.rows[table]
        if key not in rows:
            rows[key] = dict(values)
        else:
            rows[key] = combine(SUMMARIES[table][1], rows[key], values)


def combine(rules: dict[str, str], old: dict, new: dict) -> dict:
    """Two rows of a summary as one, column by column; a column `with X` comes from the same row as column X
    (an example sentence and the document it is from)."""
    out = dict(old)
    for column, rule in rules.items():
        a, b = old.get(column), new.get(column)
        if rule.startswith("with "):
            continue
        if a is None or b is None:
            out[column] = b if a is None else a
        elif rule == "sum":
            out[column] = a + b
        elif rule == "min":
            out[column] = min(a, b)
        elif rule == "max":
            out[column] = max(a, b)
        elif rule == "set":
            out[column] = ",".join(sorted(set(a.split(",") + b.split(",")) - {""}))
    for column, rule in rules.items():
        if rule.startswith("with "):
            leader = rule[len("with "):]
            out[column] = _follow(old, new, leader, column)
    return out


def _follow(old: dict, new: dict, leader: str, column: str):
    """The value of `column` from the row whose `leader` value was kept (the smaller column pair on a tie)."""
    a, b = old.get(leader), new.get(leader)
    if a is None or b is None:
        return new.get(column) if a is None and b is not None else old.get(column)
    if a != b:
        return old.get(column) if a < b else new.get(column)
    values = [v for v in (old.get(column), new.get(column)) if v is not None]
    return min(values) if values else None


def contributions(items: Sequence[tuple], parents: dict[str, str | None]) -> _Batch:
    """What a batch of (document, extraction) pairs adds to every summary (`parents`: actor id -> parent id)."""
    batch = _Batch()
    for document, extraction in items:
        _add_counts(batch, document, extraction)
        _add_places(batch, document.id, extraction.places)
        _add_actor_mentions(batch, document.id, extraction.actors)
        _add_events(batch, document, extraction.events, parents)
        _add_quotes(batch, document, extraction, parents)
    return batch


def families(actor_ids, parents: dict[str, str | None]) -> set[str]:
    """The actors whose family (itself and its affiliates, at any depth) includes one of `actor_ids`."""
    out: set[str] = set()
    for actor_id in actor_ids:
        while actor_id and actor_id not in out:
            out.add(actor_id)
            actor_id = parents.get(actor_id)
    return out


COUNTED = {"entities": "entities", "dates": "dates", "places": "places", "actor_mentions": "actors",
           "quotes": "quotes", "events": "events"}  # table -> Extraction field


def _add_counts(batch: _Batch, document, extraction) -> None:
    batch.add("table_counts", ("documents",), {"rows": 1})
    batch.add("table_counts", ("duplicates",), {"rows": int(document.duplicate_of is not None)})
    for table, field in COUNTED.items():
        batch.add("table_counts", (table,), {"rows": len(getattr(extraction, field))})


def _add_places(batch: _Batch, doc_id: str, places) -> None:
    seen = set()
    for p in places:
        if p.geonameid is None:
            continue
        batch.add("place_summary", (p.geonameid,), {
            "name": p.name, "country": p.country, "admin1": p.admin1, "feature": p.feature, "lat": p.lat, "lon": p.lon,
            "precision": p.precision, "mentions": 1, "documents": 0 if p.geonameid in seen else 1})
        seen.add(p.geonameid)


def _add_actor_mentions(batch: _Batch, doc_id: str, mentions) -> None:
    seen = set()
    for m in mentions:
        batch.add("actor_summary", (m.actor_id,), {"name": m.name, "mentions": 1, "documents": 0 if m.actor_id in seen else 1,
                                                    "events": 0})
        seen.add(m.actor_id)


def _add_dashboard(batch: _Batch, event_id: str, e) -> None:
    """An event's share of the dashboard's map cells, weekly histogram and filter counts."""
    precision = e.geo_precision or 0
    country = e.country or ""
    pair = (e.actor1_id or "", e.actor2_id or "")
    batch.add("country_precisions", (country, e.event_type, e.status, precision), {"events": 1})
    week = week_start(e.date) if e.date and len(e.date) >= 10 else None
    if week:
        batch.add("week_types", (week, e.event_type, country, e.status, precision), {"events": 1})
        batch.add("type_weeks", (week, e.event_type, e.status), {"events": 1})
        batch.add("type_days", (e.date[:10], e.event_type, e.status), {"events": 1})
        batch.add("type_months", (e.date[:7], e.event_type, e.status), {"events": 1})
        batch.add("pair_weeks", pair + (week, e.event_type, e.status), {"events": 1})
        batch.add("pair_days", pair + (e.date[:10], e.event_type, e.status), {"events": 1})
    if e.lat is None or e.lon is None:
        return
    cell = {"events": 1, "lat_sum": e.lat, "lon_sum": e.lon, "example_id": event_id, "location": e.location,
            "last_date": e.date}
    month_cell = dict(cell, event_type=e.event_type, event_type_max=e.event_type) if e.date else None
    for zoom in MAP_ZOOMS:
        gy, gx = cell_index(e.lat, zoom), cell_index(e.lon, zoom)
        batch.add("map_cells", (zoom, gy, gx, e.event_type, country, e.status, precision), cell)
        if zoom in PAIR_CELL_ZOOMS:
            batch.add("pair_cells", pair + (zoom, gy, gx, e.event_type, country, e.status, precision), cell)
        if zoom in MONTH_CELL_ZOOMS and month_cell is not None:
            batch.add("month_cells", (zoom, e.date[:7], gy, gx), month_cell)


def _add_events(batch: _Batch, document, events, parents) -> None:
    area_docs = set()
    for number, e in enumerate(events, start=1):
        _add_dashboard(batch, f"{document.id}-e{number}", e)  # the event's id, as the store numbers them
        day = event_day(e, document.published)
        batch.add("event_months", ((e.date or "")[:7], e.event_type, e.country or "", e.status), {"events": 1})
        batch.add("month_types", ((e.date or "")[:7], e.event_type, e.status), {"events": 1})
        batch.add("country_types", (e.country or "", e.event_type, e.status), {"events": 1})
        pair = (e.actor1_id or "", e.actor2_id or "")
        batch.add("pair_months", pair + ((day or "")[:7], int(e.date is not None), e.event_type), {"events": 1})
        batch.add("pair_countries", pair + (e.country or "", e.event_type, e.status), {"events": 1})
        for actor_id, name in _event_actors(e):
            batch.add("actor_summary", (actor_id,), {"name": name, "mentions": 0, "documents": 0, "events": 1})
        if e.country is None or e.status not in REAL_STATUSES:
            continue
        for actor_id in sorted(families((a for a, _ in _event_actors(e)), parents)):
            key = (actor_id, e.country, e.admin1 or "")
            batch.add("actor_areas", key, {
                "first_seen": day, "last_seen": day, "events": 1, "documents": 0 if key in area_docs else 1,
                "places": e.location or "", "example": e.sentence, "example_doc": document.id})
            area_docs.add(key)


def _add_quotes(batch: _Batch, document, extraction, parents) -> None:
    for number, q in enumerate(extraction.quotes, start=1):
        quote_id = f"{document.id}-q{number}"  # as the store numbers them
        about = {q.speaker_actor_id} if q.speaker_actor_id else set()
        about.update(m.actor_id for m in extraction.actors if m.start >= q.start and m.end <= q.end)
        for actor_id in about:
            batch.quote_actors.add((quote_id, actor_id, document.published))
        if q.speaker is None:
            continue
        batch.add("speakers", (q.speaker,), {"quotes": 1, "speaker_org": q.speaker_org,
                                             "speaker_actor_id": q.speaker_actor_id,
                                             "documents": int((q.speaker, document.id) not in batch.speaker_docs)})
        batch.speaker_docs.add((q.speaker, document.id))
        combo = (q.speaker_org or "", q.speaker_actor_id or "")
        batch.add("speaker_combos", (q.speaker,) + combo, {
            "quotes": 1, "documents": int((q.speaker, document.id) + combo not in batch.speaker_doc_combos)})
        batch.speaker_doc_combos.add((q.speaker, document.id) + combo)
        for actor_id in sorted(families(about, parents)):
            batch.add("actor_speakers", (actor_id, q.speaker), {
                "speaker_role": q.speaker_role, "speaker_org": q.speaker_org, "quotes": 1, "example": q.text})


def add(store, items: Sequence[tuple]) -> None:
    """Add a batch of newly written (document, extraction) pairs to the summaries (inside the caller's transaction)."""
    parents = {r["id"]: r["parent"] for r in store.query("SELECT id, parent FROM actors")}
    batch = contributions(items, parents)
    if batch.quote_actors:
        store.executemany("INSERT INTO quote_actors (quote_id, actor_id, published) VALUES (?, ?, ?) "
                          "ON CONFLICT DO NOTHING", sorted(batch.quote_actors, key=lambda t: t[:2]))
    several = several_combos(batch.speaker_doc_combos)
    if several:
        store.executemany("INSERT INTO speaker_doc_combos (speaker, doc_id, speaker_org, speaker_actor_id) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", several)
    for table, rows in batch.rows.items():
        _merge_into(store, table, rows)


def several_combos(combos: set[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """The (speaker, document, org, actor id) rows of the speakers quoted in a document with more than one
    organisation or actor id (a document is written in one batch, so the batch sees all of them)."""
    per_doc: dict[tuple[str, str], int] = defaultdict(int)
    for combo in combos:
        per_doc[combo[:2]] += 1
    return sorted(c for c in combos if per_doc[c[:2]] > 1)


MERGE_READ = 50  # summary keys looked up per query when a batch is merged into the stored rows


def _merge_into(store, table: str, rows: dict[tuple, dict]) -> None:
    keys, rules = SUMMARIES[table]
    columns = list(keys) + list(rules)
    where = "(" + " AND ".join(f'"{k}" = ?' for k in keys) + ")"
    stored: dict[tuple, dict] = {}
    items = list(rows.items())
    for start in range(0, len(items), MERGE_READ):  # the stored rows of these keys, MERGE_READ keys a query
        part = [key for key, _ in items[start:start + MERGE_READ]]
        sql = f"SELECT * FROM {table} WHERE {' OR '.join([where] * len(part))}"
        for row in store.query(sql, [v for key in part for v in key]):
            stored[tuple(row[k] for k in keys)] = row
    merged = []
    for key, values in items:
        if tuple(key) in stored:
            values = combine(rules, stored[tuple(key)], values)
        merged.append(tuple(key) + tuple(values.get(c) for c in rules))
    quoted = ", ".join(f'"{c}"' for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in rules)
    conflict = ", ".join(f'"{k}"' for k in keys)
    store.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))}) "
                      f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}", merged)


# The statements of the summary migrations that fill the tables (migration 9 fills actor_areas again).
FILL_STATEMENTS = ("INSERT", "WITH", "UPDATE QUOTE_ACTORS", "DELETE FROM ACTOR_AREAS", "UPDATE SPEAKERS")
# (migration 10 only adds tables and fills them with INSERT)


def rebuild(store) -> None:
    """Empty the summary tables and fill them again from the stored rows (after a bulk load)."""
    from vigil.store.migrations import MIGRATIONS, for_dialect

    fills = []
    for version, _, sql in MIGRATIONS:
        if version in SUMMARY_MIGRATIONS:
            fills += [s for s in store.statements(for_dialect(sql, store.dialect))
                      if s.lstrip().upper().startswith(FILL_STATEMENTS)]
    with store.transaction():
        for table in list(SUMMARIES) + ["quote_actors", "speaker_doc_combos"]:
            store.execute(f"DELETE FROM {table}")
        for statement in fills:
            store.execute(statement)


SUMMARY_MIGRATIONS = (4, 5, 9, 10)  # the migrations that create and fill the summaries


def names(rows: Iterable[dict], *columns: str) -> list[dict]:
    """Rows read from a summary with '' key columns turned back into None."""
    return [{k: (None if k in columns and v == "" else v) for k, v in row.items()} for row in rows]
