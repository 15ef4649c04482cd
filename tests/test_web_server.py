"""The dashboard's routes and queries, called in-process (no browser): aggregates, event pages, headers."""

import dataclasses

import pytest
from fastapi.testclient import TestClient

from tests.test_store import make_document, make_extraction
from vigil import server
from vigil.analysis import merge_events
from vigil.records import Actor
from vigil.server import create_app
from vigil.store import SQLiteStore

MOSUL = "Islamic State fighters attacked a checkpoint in Mosul. <script>alert(1)</script>"


def _mosul_report(doc_id: str, date: str):
    """A second city: an ASSAULT in Mosul reported by the article doc_id."""
    base = make_extraction(doc_id)
    event = dataclasses.replace(base.events[0], start=23, end=31, sentence=MOSUL[:53], sentence_start=0,
                                sentence_end=53, location="Mosul", lat=36.34, lon=43.13, country="IQ",
                                geo_precision=1, date=date, actor1="Islamic State", actor1_id="islamic-state",
                                status="happened")
    return dataclasses.replace(base, events=(event,), places=(), quotes=(), actors=())


def _fill(store) -> None:
    actors = [Actor("state-forces-ly", "Military Forces of Libya", ("Libyan forces",), "State forces", "LY"),
              Actor("islamic-state", "Islamic State", ("ISIS",), "Rebel group", None)]
    store.write_batch([(make_document("d1"), make_extraction("d1"), None),
                       (make_document("d2", text=MOSUL), _mosul_report("d2", "2024-03-04"), None),
                       (make_document("d3", text=MOSUL + " "), _mosul_report("d3", "2024-03-05"), None)], actors)
    merge_events(store)
    store.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.db"
    _fill(SQLiteStore(path))
    return path


@pytest.fixture
def client(db):
    return TestClient(create_app(str(db)))


def test_map_counts_events_per_cell_and_filters_by_country(client):
    world = client.get("/api/map", params={"zoom": 2}).json()
    assert sorted(c["events"] for c in world["rows"]) == [1, 2]
    mosul = next(c for c in world["rows"] if c["events"] == 2)
    west, south, east, north = mosul["bbox"]
    assert west <= 43.13 <= east and south <= 36.34 <= north and mosul["location"] == "Mosul"
    only_iq = client.get("/api/map", params={"zoom": 2, "country": "iq"}).json()
    assert [c["events"] for c in only_iq["rows"]] == [2]


def test_map_answer_is_bounded_by_limit_and_box(client):
    assert client.get("/api/map", params={"limit": 1}).json()["truncated"] is True
    libya_box = client.get("/api/map", params={"bbox": "10,25,25,35"}).json()
    assert [c["location"] for c in libya_box["rows"]] == ["Sirte"]
    assert client.get("/api/map", params={"bbox": "not,a,box"}).status_code == 422


def test_map_countries_carry_the_numeric_code_of_the_country_shapes(client):
    rows = {r["country"]: r for r in client.get("/api/map/countries").json()["rows"]}
    assert rows["IQ"] == {"country": "IQ", "events": 2, "numeric": "368"}
    assert rows["LY"]["numeric"] == "434"


def test_event_list_pages_newest_first_with_total(client):
    body = client.get("/api/map/events", params={"limit": 1, "type": "assault"}).json()
    assert body["total"] == 3 and [r["date"] for r in body["rows"]] == ["2024-03-05"]
    assert client.get("/api/map/events", params={"precision": 1}).json()["total"] == 2


def test_histogram_sums_days_into_monday_weeks(client):
    weeks = client.get("/api/histogram", params={"bucket": "week", "since": "2020-01-01"}).json()["rows"]
    assert {"period": "2024-03-04", "event_type": "ASSAULT", "events": 2} in weeks
    days = client.get("/api/histogram", params={"bucket": "day", "country": "IQ"}).json()["rows"]
    assert [d["period"] for d in days] == ["2024-03-04", "2024-03-05"]


def test_histogram_of_days_over_more_than_two_years_is_answered_per_week(client):
    from vigil import server

    wide = client.get("/api/histogram", params={"bucket": "day", "since": "2020-01-01"}).json()  # four years
    weeks = client.get("/api/histogram", params={"bucket": "week", "since": "2020-01-01"}).json()
    assert (wide["bucket"], wide["asked"]) == ("week", "day") and wide["rows"] == weeks["rows"]
    narrow = client.get("/api/histogram", params={"bucket": "day", "since": "2024-01-01"}).json()
    assert narrow["bucket"] == "day" and [d["period"] for d in narrow["rows"]] == ["2024-03-04", "2024-03-05"]
    assert server.MAX_DAYS == 731


def test_histogram_over_more_than_five_years_is_answered_per_month(client, monkeypatch):
    from vigil import server

    monkeypatch.setattr(server, "MAX_WEEKLY_DAYS", 30)  # the fixture's events span a few years
    for bucket in ("day", "week", "month"):
        body = client.get("/api/histogram", params={"bucket": bucket}).json()
        assert body["bucket"] == "month" and body["asked"] == bucket
        assert {"period": "2024-03-01", "event_type": "ASSAULT", "events": 2} in body["rows"]
    by_country = client.get("/api/histogram", params={"bucket": "week", "country": "IQ"}).json()
    assert by_country["bucket"] == "week"  # no monthly summary per country


def test_facets_count_types_and_offer_every_status(client):
    facets = client.get("/api/facets").json()
    assert facets["event_type"] == [{"value": "ASSAULT", "events": 3}]
    assert {"ongoing", "happened", "negated"} <= {f["value"] for f in facets["status"]}


def test_event_page_lists_every_report_of_the_merged_event_with_its_document(client):
    body = client.get("/api/events/d2-e1").json()
    assert body["event"]["sentence"] == MOSUL[:53]
    assert sorted(r["id"] for r in body["reports"]) == ["d2-e1", "d3-e1"]
    assert sorted(d["id"] for d in body["documents"]) == ["d2", "d3"]
    doc = next(d for d in body["documents"] if d["id"] == "d2")
    assert doc["text"][body["event"]["sentence_start"]:body["event"]["sentence_end"]] == body["event"]["sentence"]
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and "no event" in missing.json()["error"]


def test_speakers_are_counted(client):
    assert client.get("/api/speakers").json()["rows"][0]["speaker"] == "Marie Richards"


def test_dashboard_pages_carry_a_strict_content_security_policy(client):
    for path in ("/api/stats", "/api/events/d2-e1", "/"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy
        assert "unsafe-inline" not in policy


def test_dashboard_says_how_to_build_it_when_vendor_files_are_missing(db, tmp_path, monkeypatch):
    monkeypatch.setattr(server, "VENDOR", tmp_path / "no-vendor")
    answer = TestClient(create_app(str(db))).get("/")
    assert answer.status_code == 503 and "npm run --prefix web build" in answer.text
    assert "make install" in str(server.dashboard_missing())


def test_dashboard_answers_follow_an_ingest_by_another_connection(db, client):
    assert client.get("/api/map/countries").json()["rows"][0]["events"] == 2  # cached from here on
    store = SQLiteStore(db)
    store.write_batch([(make_document("d4", text=MOSUL + "  "), _mosul_report("d4", "2024-03-06"), None)], [])
    store.close()
    assert {r["country"]: r["events"] for r in client.get("/api/map/countries").json()["rows"]}["IQ"] == 3


DASHBOARD_REQUESTS = ("/api/map?zoom=3", "/api/map?zoom=3&bbox=10,25,25,35&type=assault", "/api/map/countries",
                      "/api/map/events?limit=2&offset=1", "/api/map/events?actor=Islamic%20State&precision=1",
                      "/api/histogram?bucket=week", "/api/histogram?bucket=day&since=2024-03-05", "/api/facets",
                      "/api/events/d2-e1", "/api/speakers")


@pytest.mark.slow
def test_dashboard_answers_the_same_on_postgresql(db, fresh_postgres):
    from vigil.store import open_store

    _fill(open_store(fresh_postgres))
    on_sqlite, on_postgres = TestClient(create_app(str(db))), TestClient(create_app(fresh_postgres))
    for path in DASHBOARD_REQUESTS:
        expected = on_sqlite.get(path)
        assert expected.status_code == 200, path
        assert on_postgres.get(path).json() == expected.json(), path


def test_serve_prints_how_to_build_the_dashboard_when_it_is_missing(db, tmp_path, monkeypatch, capsys):
    import uvicorn

    from vigil.cli import serve

    monkeypatch.setattr(server, "VENDOR", tmp_path / "no-vendor")
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(kw["port"]))
    serve(db=str(db), host="127.0.0.1", port=9, token=None)
    printed = " ".join(capsys.readouterr().err.split())  # the console may wrap long lines
    assert started == [9] and "dashboard's browser files are not built" in printed and "make install" in printed
