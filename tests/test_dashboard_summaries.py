"""The dashboard's answers read from the summaries (migration 9) equal counting the events themselves."""

import dataclasses
import itertools

import pytest

from tests.test_analysis_spread import IS, ISWAP, doc, event
from vigil.records import Extraction
from vigil.store import SQLiteStore, queries, summaries
from vigil.store.summaries import cell_degrees, cell_index, combine, week_start

# (doc, published, type, status, precision, country, lat, lon, date): places on both sides of cell edges and
# of the antimeridian, partial and missing dates, an event without coordinates.
EVENTS = [
    ("a", "2024-01-10", "ASSAULT", "happened", 1, "SY", 35.01, 40.45, "2024-01-09"),
    ("b", "2024-01-12", "ASSAULT", "claimed", 2, "SY", 34.99, 40.46, "2024-01-11"),
    ("c", "2024-02-10", "PROTEST", "happened", 1, "SY", 33.51, 36.29, "2024-02-09"),
    ("d", "2024-03-01", "ASSAULT", "happened", 3, "IQ", 33.31, 44.36, "2024-03"),
    ("e", "2024-05-25", "COERCE", "ongoing", 1, "NG", 11.85, 13.16, "2024-05-24"),
    ("f", "2024-05-26", "ASSAULT", "happened", 2, "NG", 11.84, 13.15, None),
    ("g", "2024-06-02", "ASSAULT", "hypothetical", 1, "FJ", -17.71, 178.07, "2024-06-01"),
    ("h", "2024-06-03", "PROTEST", "happened", 1, "FJ", -16.80, -179.95, "2024-06-03"),
    ("i", "2024-06-04", "ASSAULT", "happened", None, "LY", None, None, "2024-06-04"),
    ("j", "2024-06-05", "ASSAULT", "happened", 1, None, 0.0, -0.0001, "2024-06-05"),
]

FILTERS = [{}, {"event_type": "ASSAULT"}, {"country": "sy"}, {"status": "happened"}, {"geo_precision": 1},
           {"event_type": "assault", "status": "happened", "geo_precision": 2}, {"country": "NG", "status": "ongoing"}]
NONE = {"actor": None, "event_type": None, "country": None, "since": None, "until": None, "status": None,
        "geo_precision": None, "bbox": None}


def extraction(doc_id, kind, status, precision, country, lat, lon, day, actor):
    e = dataclasses.replace(event(actor, country, "Somewhere", day, f"Place {doc_id}"), event_type=kind, status=status,
                            geo_precision=precision, lat=lat, lon=lon)
    later_smaller = f"{chr(ord('z') - ord(doc_id) + ord('a'))} attacked."  # a later document holds a smaller sentence
    return Extraction(doc_id, events=(e, dataclasses.replace(e, sentence=later_smaller)))


def fill(s):
    items = [(doc(d, p), extraction(d, *rest, actor=IS if i % 2 else ISWAP), None)
             for i, (d, p, *rest) in enumerate(EVENTS)]
    s.write_batch(items[:4], [IS, ISWAP])  # two batches: the second merges into stored summary rows
    s.write_batch(items[4:], [IS, ISWAP])
    return s


@pytest.fixture
def store(tmp_path):
    s = fill(SQLiteStore(tmp_path / "v.db"))
    yield s
    s.close()


def stored_events(store) -> list[dict]:
    return list(store.query("SELECT * FROM events"))


def matches(e: dict, filters: dict) -> bool:
    wanted = {"event_type": (filters.get("event_type") or "").upper(), "country": (filters.get("country") or "").upper(),
              "status": filters.get("status"), "geo_precision": filters.get("geo_precision")}
    return all(e[k] == v for k, v in wanted.items() if v)


def counted_cells(events: list[dict], zoom: int, filters: dict) -> dict:
    """The map's cells counted here from the events (the oracle)."""
    cells: dict[tuple, list[dict]] = {}
    for e in events:
        if e["lat"] is not None and e["lon"] is not None and matches(e, filters):
            cells.setdefault((cell_index(e["lat"], zoom), cell_index(e["lon"], zoom)), []).append(e)
    out = {}
    for (gy, gx), rows in cells.items():
        types = {r["event_type"] for r in rows}
        out[(gy, gx)] = (len(rows), min(r["id"] for r in rows), types.pop() if len(types) == 1 else None,
                         max((r["date"] for r in rows if r["date"]), default=None),
                         round(sum(r["lat"] for r in rows) / len(rows), 9))
    return out


def answered_cells(store, zoom: int, filters: dict) -> dict:
    cell = cell_degrees(zoom)
    out = {}
    for c in queries.event_cells(store, cell, **{**NONE, **filters}):
        key = (round(c["bbox"][1] / cell + 0.5), round(c["bbox"][0] / cell + 0.5))
        out[key] = (c["events"], c["example_id"], c["event_type"], c["last_date"], round(c["lat"], 9))
    return out


def test_dashboard_map_cells_from_the_summary_equal_counting_the_events(store):
    events = stored_events(store)
    for zoom, filters in itertools.product((0, 2, 5, 12), FILTERS):
        assert answered_cells(store, zoom, filters) == counted_cells(events, zoom, filters), (zoom, filters)


def test_dashboard_map_cells_at_a_zoom_without_summary_counted_from_the_events(store):
    events = stored_events(store)
    for filters in FILTERS:
        assert answered_cells(store, 14, filters) == counted_cells(events, 14, filters), filters


def test_dashboard_map_cells_in_a_box_are_the_cells_touching_it(store):
    box = (40.0, 34.0, 41.0, 36.0)  # west, south, east, north: around the two events near Deir ez-Zor
    cells = queries.event_cells(store, cell_degrees(8), **{**NONE, "bbox": box})
    assert sum(c["events"] for c in cells) == 4
    across = queries.event_cells(store, cell_degrees(5), **{**NONE, "bbox": (178.0, -20.0, -179.0, -15.0)})
    assert sum(c["events"] for c in across) == 4  # both sides of the antimeridian


def test_dashboard_weekly_histogram_from_the_summary_equals_summing_the_days(store):
    for filters in FILTERS:
        weeks: dict[tuple, int] = {}
        for r in queries.event_day_counts(store, **{**NONE, **filters}):
            if week_start(r["day"]):
                key = (week_start(r["day"]), r["event_type"])
                weeks[key] = weeks.get(key, 0) + r["events"]
        answered = {(r["week"], r["event_type"]): r["events"]
                    for r in queries.event_week_counts(store, **{**NONE, **filters})}
        assert answered == weeks, filters
        assert weeks or filters, "the unfiltered histogram has weeks"


def test_dashboard_daily_histogram_from_the_summary_equals_counting_the_events(store):
    events = stored_events(store)
    for filters in FILTERS:
        days: dict[tuple, int] = {}
        for e in events:
            if matches(e, filters) and week_start(e["date"]):
                days[(e["date"][:10], e["event_type"])] = days.get((e["date"][:10], e["event_type"]), 0) + 1
        answered = {(r["day"], r["event_type"]): r["events"] for r in queries.event_day_counts(store, **{**NONE, **filters})
                    if week_start(r["day"])}
        assert answered == days, filters


def test_dashboard_counts_and_countries_from_the_summary_equal_counting_the_events(store):
    events = stored_events(store)
    for filters in FILTERS:
        wanted = [e for e in events if matches(e, filters)]
        assert queries.event_count(store, **{**NONE, **filters}) == len(wanted), filters
        per_country: dict[str, int] = {}
        for e in wanted:
            if e["country"]:
                per_country[e["country"]] = per_country.get(e["country"], 0) + 1
        answered = {r["country"]: r["events"] for r in queries.event_countries_filtered(store, **{**NONE, **filters})}
        assert answered == per_country, filters
    types = {r["value"]: r["events"] for r in queries.event_facets(store)["event_type"]}
    assert types == {"ASSAULT": 14, "PROTEST": 4, "COERCE": 2}


def test_dashboard_filters_by_actor_and_dates_read_the_events(store):
    events = stored_events(store)
    by_actor = [e for e in events if IS.id in (e["actor1_id"], e["actor2_id"])]
    assert queries.event_count(store, **{**NONE, "actor": IS.id}) == len(by_actor) > 0
    page = queries.event_page(store, **{**NONE, "since": "2024-05-01", "until": "2024-06-03"})
    assert sorted(e["id"] for e in page) == sorted(e["id"] for e in events if e["date"] and "2024-05-01" <= e["date"] <= "2024-06-03")


def answers(store) -> dict:
    return {
        "cells": {(z, i): answered_cells(store, z, f) for z in (1, 6, 12, 14) for i, f in enumerate(FILTERS)},
        "weeks": [queries.event_week_counts(store, **{**NONE, **f}) for f in FILTERS],
        "countries": [queries.event_countries_filtered(store, **{**NONE, **f}) for f in FILTERS],
        "counts": [queries.event_count(store, **{**NONE, **f}) for f in FILTERS],
        "facets": queries.event_facets(store),
        "actor and range cells": {(z, str(f)): answered_cells(store, z, f) for z in (2, 12)
                                  for f in [{"actor": "Islamic State"}, {"since": "2024-01-10", "until": "2024-06-03"}]},
        "actor and range histograms": [(queries.event_week_counts(store, **{**NONE, **f}),
                                        queries.event_month_counts(store, **{**NONE, **f}),
                                        queries.event_day_counts(store, **{**NONE, **f}), queries.day_span(store, **{**NONE, **f}))
                                       for f in [{"actor": IS.id}, {"since": "2024-01-10", "until": "2024-06-03"}]],
        "kinds page": queries.event_page(store, limit=3, **{**NONE, "event_type": "ASSAULT", "status": "happened"}),
        "summaries": {t: sorted(tuple(r.values()) for r in store.query(f"SELECT * FROM {t}"))
                      for t in ("map_cells", "week_types", "type_weeks", "type_days", "country_precisions", "actor_areas")},
    }


def test_dashboard_summaries_written_batch_by_batch_equal_the_migration_fill(store):
    kept = answers(store)
    summaries.rebuild(store)
    assert answers(store) == kept


@pytest.mark.slow
def test_dashboard_summaries_same_on_postgres(store, fresh_postgres):
    from vigil.store import open_store

    pg = fill(open_store(fresh_postgres))
    try:
        kept = answers(pg)
        summaries.rebuild(pg)
        assert answers(pg) == kept == answers(store)
    finally:
        pg.close()


def examples_found_in_their_documents(store) -> list[bool]:
    return [store.scalar("SELECT count(*) FROM events WHERE doc_id = ? AND sentence = ?",
                         (r["example_doc"], r["example"])) > 0 for r in store.query("SELECT * FROM actor_areas")]


def test_area_example_documents_hold_their_sentences_after_writing_and_after_the_migration_fill(store):
    written = examples_found_in_their_documents(store)
    summaries.rebuild(store)
    assert written and all(written) and all(examples_found_in_their_documents(store))


def test_area_example_document_comes_with_its_sentence():
    rules = summaries.SUMMARIES["actor_areas"][1]
    old = {"example": "B sentence", "example_doc": "a"}
    new = {"example": "A sentence", "example_doc": "z"}
    assert {k: combine(rules, old, new)[k] for k in old} == new
    assert {k: combine(rules, new, old)[k] for k in old} == new


def test_dashboard_event_page_is_newest_first_under_every_filter(store):
    events = stored_events(store)
    newest = sorted(events, key=lambda e: (e["date"] is not None, e["date"] or "", e["id"]), reverse=True)
    for filters in FILTERS + [{"actor": IS.id}, {"actor": IS.id, "event_type": "ASSAULT"},
                              {"bbox": (40.0, 34.0, 41.0, 36.0)}]:
        actor, box = filters.get("actor"), filters.get("bbox")
        wanted = [e["id"] for e in newest if matches(e, filters)
                  and (not actor or actor in (e["actor1_id"], e["actor2_id"]))
                  and (not box or (e["lat"] is not None and box[1] <= e["lat"] <= box[3] and box[0] <= e["lon"] <= box[2]))]
        assert [e["id"] for e in queries.event_page(store, limit=3, offset=1, **{**NONE, **filters})] == wanted[1:4], filters
        assert queries.event_count(store, **{**NONE, **filters}) == len(wanted), filters


def test_dashboard_speakers_from_the_summary_equal_counting_the_quotes(tmp_path):
    from tests.test_store_summaries import fill as fill_with_quotes

    s = fill_with_quotes(SQLiteStore(tmp_path / "q.db"))
    try:
        quotes = [q for q in s.query("SELECT * FROM quotes") if q["speaker"]]
        wanted = {}
        for speaker in {q["speaker"] for q in quotes}:
            mine = [q for q in quotes if q["speaker"] == speaker]
            wanted[speaker] = (min((q["speaker_org"] for q in mine if q["speaker_org"]), default=None),
                               min((q["speaker_actor_id"] for q in mine if q["speaker_actor_id"]), default=None),
                               len(mine), len({q["doc_id"] for q in mine}))
        for _ in range(2):  # as written, then rebuilt by the migrations' fill
            answered = {r["speaker"]: (r["speaker_org"], r["speaker_actor_id"], r["quotes"], r["documents"])
                        for r in queries.quote_speakers(s)}
            assert answered == wanted and wanted
            summaries.rebuild(s)
    finally:
        s.close()


# Migration 10: an actor or a date range on the map and the histogram, the speakers of an actor.
ACTORS = {IS.id: {IS.id}, "Islamic State": {IS.id, ISWAP.id}, ISWAP.id: {ISWAP.id}}
RANGES = [("2024-01-10", "2024-06-03"), ("2024-01", "2024-05-31"), (None, "2024-06-02"), ("2024-02-15", None),
          ("2024-03", "2024-03"), ("2024-01-11", "2024-01-11"), ("2024-02-01", "2024-05-24"), ("2023-01-01", "2025-12-31")]


def selected(events: list[dict], filters: dict) -> list[dict]:
    """The events under the filters, chosen here (the oracle): `date >= since AND date <= until` on the strings."""
    ids = ACTORS.get(filters.get("actor"))
    since, until = filters.get("since"), filters.get("until")
    return [e for e in events if matches(e, filters)
            and (ids is None or e["actor1_id"] in ids or e["actor2_id"] in ids)
            and (not since or (e["date"] is not None and e["date"] >= since))
            and (not until or (e["date"] is not None and e["date"] <= until))]


def test_dashboard_map_of_an_actor_or_a_date_range_equals_counting_the_events(store):
    events = stored_events(store)
    cases = [{"actor": a} for a in ACTORS] + [{"actor": "Islamic State", **f} for f in FILTERS[1:]]
    cases += [{"since": s, "until": u} for s, u in RANGES]
    for zoom, filters in itertools.product((0, 2, 7, 12), cases):
        assert answered_cells(store, zoom, filters) == counted_cells(selected(events, filters), zoom, {}), (zoom, filters)
    box = (40.0, 34.0, 41.0, 36.0)
    for filters in ({"actor": "Islamic State", "bbox": box}, {"since": "2024-01-10", "until": "2024-03-31", "bbox": box}):
        cells = queries.event_cells(store, cell_degrees(8), **{**NONE, **filters})
        inside = [e for e in selected(events, filters) if e["lat"] is not None and 34 <= e["lat"] <= 36 and 40 <= e["lon"] <= 41]
        assert sum(c["events"] for c in cells) == len(inside) == (2 if "since" in filters else 4), filters


def test_dashboard_histogram_of_an_actor_or_a_date_range_equals_counting_the_events(store):
    events = stored_events(store)
    cases = [{"actor": a} for a in ACTORS] + [{"actor": "Islamic State", "status": "happened"}]
    cases += [{"since": s, "until": u} for s, u in RANGES] + [{"since": s, "until": u, "event_type": "ASSAULT"}
                                                               for s, u in RANGES]
    cases += [{"actor": IS.id, "since": "2024-01-01", "until": "2024-06-01"}, {"status": "happened"}]
    cases += [{"since": s, "until": u} for s, u in [("2024-01-09", "2024-06-05"), ("2024-01-01", "2024-06-04"),
                                                     ("2024-01-12", "2024-01-31"), ("2024-05-25", "2024-06-03")]]
    for filters in cases:
        days, weeks = {}, {}
        for e in selected(events, filters):
            if week_start(e["date"]):
                days[(e["date"], e["event_type"])] = days.get((e["date"], e["event_type"]), 0) + 1
                weeks[(week_start(e["date"]), e["event_type"])] = weeks.get((week_start(e["date"]), e["event_type"]), 0) + 1
        answered = {(r["day"], r["event_type"]): r["events"] for r in queries.event_day_counts(store, **{**NONE, **filters})
                    if week_start(r["day"])}
        assert answered == days, filters
        by_week = queries.event_week_counts(store, **{**NONE, **filters})
        if by_week is not None:
            assert {(r["week"], r["event_type"]): r["events"] for r in by_week} == weeks, filters
        by_month = queries.event_month_counts(store, **{**NONE, **filters})
        if by_month is not None:
            months = {}
            for (day, kind), n in days.items():
                months[(day[:7], kind)] = months.get((day[:7], kind), 0) + n
            assert {(r["month"], r["event_type"]): r["events"] for r in by_month} == months, filters
        assert queries.event_count(store, **{**NONE, **filters}) == len(selected(events, filters)), filters
    assert queries.event_week_counts(store, **{**NONE, "actor": IS.id}), "an actor's weeks come from pair_weeks"
    assert queries.event_month_counts(store, **{**NONE, "since": "2024-01-10", "until": "2024-06-03"})


def test_dashboard_actor_and_date_summaries_written_batch_by_batch_equal_the_migration_fill(store):
    tables = ("pair_cells", "pair_weeks", "pair_days", "month_cells", "speaker_combos", "speaker_doc_combos")
    kept = {t: sorted(tuple(r.values()) for r in store.query(f"SELECT * FROM {t}")) for t in tables}
    summaries.rebuild(store)
    assert {t: sorted(tuple(r.values()) for r in store.query(f"SELECT * FROM {t}")) for t in tables} == kept
    assert all(kept[t] for t in tables[:4])


def test_dashboard_speakers_of_an_actor_equal_counting_the_quotes(tmp_path):
    from vigil.records import Quote

    # one document quotes a speaker under two organisations that both match, and once without one
    quotes = {"a": (Quote(0, 4, "ISIS", "direct", speaker="Ann Lee", speaker_org="UN OCHA"),
                    Quote(0, 4, "ISIS", "direct", speaker="Ann Lee", speaker_org="UN"),
                    Quote(0, 4, "ISIS", "direct", speaker="Ann Lee")),
              "b": (Quote(0, 4, "ISIS", "direct", speaker="Ann Lee", speaker_org="UN"),
                    Quote(0, 4, "ISIS", "direct", speaker="Bo Chan", speaker_actor_id=IS.id)),
              "c": (Quote(0, 4, "ISIS", "direct", speaker="Bo Chan", speaker_org="Unicef", speaker_actor_id=IS.id),)}
    s = SQLiteStore(tmp_path / "q.db")
    try:
        s.write_batch([(doc("a", "2024-01-01"), Extraction("a", quotes=quotes["a"]), None)], [IS, ISWAP])
        s.write_batch([(doc(d, "2024-01-02"), Extraction(d, quotes=quotes[d]), None) for d in "bc"], [IS, ISWAP])
        stored = [q for q in s.query("SELECT * FROM quotes")]
        for _ in range(2):  # as written, then rebuilt by the migrations' fill
            for actor in ("UN", IS.id, "ocha", "nobody"):
                mine = [q for q in stored if q["speaker_actor_id"] == actor or actor.lower() in (q["speaker_org"] or "").lower()]
                wanted = {}
                for speaker in {q["speaker"] for q in mine}:
                    said = [q for q in mine if q["speaker"] == speaker]
                    wanted[speaker] = (min((q["speaker_org"] for q in said if q["speaker_org"]), default=None),
                                       len(said), len({q["doc_id"] for q in said}))
                answered = {r["speaker"]: (r["speaker_org"], r["quotes"], r["documents"])
                            for r in queries.quote_speakers(s, actor=actor)}
                assert answered == wanted, actor
            assert queries.quote_speakers(s, actor="UN")[0] == {"speaker": "Ann Lee", "speaker_org": "UN",
                                                                "speaker_actor_id": None, "quotes": 3, "documents": 2}
            summaries.rebuild(s)
    finally:
        s.close()
