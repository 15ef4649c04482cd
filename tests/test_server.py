"""REST API, called in-process (no server needed)."""

import pytest
from fastapi.testclient import TestClient

from tests.test_store import make_document, make_extraction
from vigil.records import Actor
from vigil.server import create_app
from vigil.store import SQLiteStore


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "v.db"
    store = SQLiteStore(path)
    store.write_batch([(make_document(), make_extraction(), None)],
                      [Actor("state-forces-ly", "Military Forces of Libya", ("Libyan forces",), "State forces", "LY")])
    store.close()
    return path


def test_server_lists_events_with_filters_and_pagination(db):
    client = TestClient(create_app(str(db)))
    body = client.get("/api/events", params={"country": "LY", "limit": 10}).json()
    assert body["count"] == 1 and body["rows"][0]["location"] == "Sirte"
    assert client.get("/api/events", params={"country": "IQ"}).json()["count"] == 0
    assert client.get("/api/events", params={"limit": 5000}).status_code == 422


def test_server_answers_csv_and_geojson(db):
    client = TestClient(create_app(str(db)))
    csv_text = client.get("/api/events", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("id,doc_ids,start,end,sentence,event_type")
    geo = client.get("/api/events", params={"format": "geojson"}).json()
    assert geo["features"][0]["geometry"]["coordinates"] == [16.6, 31.2]


def test_server_document_and_missing_document(db):
    client = TestClient(create_app(str(db)))
    assert client.get("/api/documents/d1").json()["places"][0]["mention"] == "Sirte"
    missing = client.get("/api/documents/zzz")
    assert missing.status_code == 404 and "no document" in missing.json()["error"]


def test_server_ingest_needs_token(db, tmp_path):
    closed = TestClient(create_app(str(db)))
    assert closed.post("/api/ingest", json={"inputs": []}).status_code == 403
    guarded = TestClient(create_app(str(db), token="s3cret"))
    assert guarded.post("/api/ingest", json={"inputs": []}).status_code == 401
    assert guarded.post("/api/ingest", json={"inputs": []}, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_server_openapi_schema_lists_routes(db):
    schema = TestClient(create_app(str(db))).get("/openapi.json").json()
    assert {"/api/events", "/api/quotes", "/api/spread", "/api/search"} <= set(schema["paths"])


def test_spread_answer_keeps_the_areas_with_most_events_and_says_how_many_there_are(tmp_path):
    from tests.test_analysis_spread import IS, ISWAP, doc, event
    from vigil.analysis import spread
    from vigil.records import Extraction

    store = SQLiteStore(tmp_path / "s.db")
    rows = [("a", "SY", "Deir ez-Zor"), ("b", "SY", "Deir ez-Zor"), ("c", "SY", "Raqqa"), ("d", "IQ", "Nineveh"),
            ("e", "IQ", "Nineveh"), ("f", "IQ", "Nineveh")]
    store.write_batch([(doc(d, f"2024-05-{20 + n}"), Extraction(d, events=(event(IS, c, a, f"2024-05-{10 + n}", a),)), None)
                       for n, (d, c, a) in enumerate(rows)], [IS, ISWAP])
    full = spread(store, "Islamic State").as_dict()
    store.close()
    client = TestClient(create_app(str(tmp_path / "s.db")))
    body = client.get("/api/spread", params={"actor": "Islamic State", "limit": 2}).json()
    assert [(a["admin1"], a["events"]) for a in body["areas"]] == [("Deir ez-Zor", 2), ("Nineveh", 3)]  # by first seen
    assert body["areas_total"] == len(full["areas"]) == 3 and body["truncated"] is True
    whole = client.get("/api/spread", params={"actor": "Islamic State"}).json()
    assert whole["areas"] == full["areas"] and whole["truncated"] is False and whole["changes"] == full["changes"]
