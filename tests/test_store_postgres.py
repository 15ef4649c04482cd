"""The PostgreSQL store behaves as the SQLite one: same migrations, same query layer."""

import pytest

from tests.test_store import make_document, make_extraction
from vigil.errors import DatabaseError
from vigil.records import Actor
from vigil.store import open_store, queries
from vigil.store.migrations import MIGRATIONS

pytestmark = pytest.mark.slow


def test_postgres_store_migrates_once(fresh_postgres):
    store = open_store(fresh_postgres)
    assert store.schema_version() == MIGRATIONS[-1][0]
    assert store.migrate() == []
    store.close()


def test_postgres_store_writes_and_queries_like_sqlite(fresh_postgres, tmp_path):
    results = {}
    for name, target in (("sqlite", str(tmp_path / "v.db")), ("postgresql", fresh_postgres)):
        store = open_store(target)
        store.write_batch([(make_document(), make_extraction(), b"\x00\x01")],
                          [Actor("state-forces-ly", "Military Forces of Libya", ("Libyan forces",), "State forces", "LY")])
        store.write_batch([(make_document(), make_extraction(), b"\x00\x01")])  # idempotent
        store.record_failure("x.bin", "binary file")
        store.record_failure("x.bin", "binary file")
        results[name] = {
            "counts": queries.counts(store),
            "events": list(queries.events(store, event_type="assault", country="ly")),
            "places": queries.place_counts(store),
            "actors": [{k: v for k, v in a.items()} for a in queries.actors(store, name="libyan")],
            "failures": [(f["origin"], f["attempts"]) for f in queries.failures(store)],
            "search": [r["id"] for r in queries.search(store, "Sirte")],
            "signatures": list(store.signatures()),
        }
        store.close()
    assert results["postgresql"] == results["sqlite"]
    assert results["sqlite"]["events"] and results["sqlite"]["search"] == ["d1"]


def test_postgres_bad_url_is_a_clear_error():
    with pytest.raises(DatabaseError, match="cannot connect"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
