"""Extraction on several local processes or a Dask cluster writes exactly what a serial run writes."""

import pytest

from tests.conftest import SEEDS
from vigil import Vigil

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for n in range(12):
        lead = f"Update {n}: the report below was filed again with new details on day {n}.\n"
        (folder / f"{n:02}.txt").write_text(lead + texts[n % len(texts)], encoding="utf-8")
    return folder


def exported(db, tmp_path, name):
    with Vigil(db) as vigil:
        out = {}
        for table in ("documents", "events", "quotes", "places", "dates"):
            path = tmp_path / f"{name}-{table}.jsonl"
            vigil.export(table, "jsonl", path)
            out[table] = path.read_text(encoding="utf-8")
        return out


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serial")
    with Vigil(tmp / "v.db") as vigil:
        report = vigil.ingest([str(corpus)], batch_size=3)
    assert report.stored == 12
    return exported(tmp / "v.db", tmp, "serial")


def test_parallel_local_pool_matches_serial(corpus, serial, tmp_path):
    with Vigil(tmp_path / "v.db") as vigil:
        report = vigil.ingest([str(corpus)], batch_size=3, workers=2)
    assert report.stored == 12
    assert exported(tmp_path / "v.db", tmp_path, "pool") == serial


def test_parallel_dask_local_cluster_matches_serial(corpus, serial, tmp_path):
    with Vigil(tmp_path / "v.db") as vigil:
        report = vigil.ingest([str(corpus)], batch_size=3, workers=2, engine="dask")
    assert report.stored == 12
    assert exported(tmp_path / "v.db", tmp_path, "dask") == serial


def test_parallel_ingest_into_postgres_matches_sqlite(corpus, serial, fresh_postgres, tmp_path):
    with Vigil(fresh_postgres) as vigil:
        vigil.ingest([str(corpus)], batch_size=3)
    assert exported(fresh_postgres, tmp_path, "pg") == serial
