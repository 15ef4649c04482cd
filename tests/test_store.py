import sqlite3

import pytest

from vigil.errors import DocumentNotFound, UnknownTable
from vigil.records import ActorMention, Document, Event, Extraction, PlaceMention, Quote, Segment
from vigil.store import SQLiteStore, queries
from vigil.store.migrations import MIGRATIONS


def make_document(doc_id="d1", text="Libyan forces battled Islamic State in Sirte.", **kw):
    return Document(id=doc_id, origin=f"{doc_id}.txt", content_hash=doc_id * 4, text=text, original=text,
                    segments=(Segment(0, 0, len(text)),), title="Sirte", published="2016-10-19", **kw)


def make_extraction(doc_id="d1"):
    return Extraction(
        doc_id=doc_id,
        places=(PlaceMention(38, 43, "Sirte", "Sirte", 2210554, 31.2, 16.6, "LY", "Surt", "PPLA", 1, 0.9),),
        actors=(ActorMention(0, 13, "Libyan forces", "state-forces-ly", "Military Forces of Libya", "State forces", "LY"),),
        quotes=(Quote(0, 10, "We fight", "direct", speaker="Marie Richards"),),
        events=(Event(14, 21, "Libyan forces battled Islamic State in Sirte.", 0, 45, "ASSAULT",
                      acled_event_type="Battles", acled_sub_event_type="Armed clash", location="Sirte",
                      lat=31.2, lon=16.6, country="LY", date="2016-10-19", status="ongoing", confidence=0.8),),
    )


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "v.db")
    yield s
    s.close()


def test_store_migrations_are_recorded_and_safe_to_rerun(tmp_path):
    path = tmp_path / "v.db"
    first = SQLiteStore(path)
    assert first.schema_version() == MIGRATIONS[-1][0]
    first.close()
    again = SQLiteStore(path)
    assert again.migrate() == []
    assert again.scalar("SELECT count(*) FROM schema_migrations") == len(MIGRATIONS)


def test_store_writes_document_with_every_extraction_pointing_to_it(store):
    store.write_batch([(make_document(), make_extraction(), None)])
    doc = queries.document(store, "d1")
    assert doc["places"][0]["name"] == "Sirte"
    assert doc["events"][0]["doc_ids"] == ["d1"]
    assert doc["quotes"][0]["speaker"] == "Marie Richards"
    span = doc["actors"][0]
    assert doc["text"][span["start"]:span["end"]] == "Libyan forces"


def test_store_rewriting_same_document_changes_nothing(store):
    store.write_batch([(make_document(), make_extraction(), None)])
    store.write_batch([(make_document(), make_extraction(), None)])
    assert queries.counts(store)["documents"] == 1
    assert queries.counts(store)["events"] == 1


def test_store_failed_batch_leaves_database_as_before(store):
    store.write_batch([(make_document("d1"), make_extraction("d1"), None)])
    broken = Extraction(doc_id="d2", places=(PlaceMention(0, 1, None),))  # mention NOT NULL -> error
    with pytest.raises(sqlite3.IntegrityError):
        store.write_batch([(make_document("d2", "Other text."), make_extraction("d2"), None),
                           (make_document("d3", "Third."), broken, None)])
    assert queries.counts(store)["documents"] == 1


def test_store_full_text_search_finds_words_with_hyphens(store):
    store.write_batch([(make_document(text="The U.S.-backed forces took Sirte."), Extraction("d1"), None)])
    assert [r["id"] for r in queries.search(store, "U.S.-backed Sirte")] == ["d1"]
    assert queries.search(store, "Mosul") == []


def test_store_failures_recorded_once_per_origin_and_reason(store):
    store.record_failure("a.bin", "binary file")
    store.record_failure("a.bin", "binary file")
    rows = queries.failures(store)
    assert len(rows) == 1 and rows[0]["attempts"] == 2


def test_store_events_filter_by_country_and_type(store):
    store.write_batch([(make_document(), make_extraction(), None)])
    assert len(list(queries.events(store, country="ly", event_type="assault"))) == 1
    assert list(queries.events(store, country="IQ")) == []


def test_store_unknown_document_and_table_give_clear_errors(store):
    with pytest.raises(DocumentNotFound):
        queries.document(store, "nope")
    with pytest.raises(UnknownTable):
        list(queries.rows(store, "nope"))
