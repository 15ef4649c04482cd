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


def test_parallel_dask_extracts_in_separate_worker_processes(corpus, serial, tmp_path):
    import os

    from vigil.parallel import DaskExecutor
    from vigil.pipeline import ingest, shared_pipeline
    from vigil.store import open_store

    executor = DaskExecutor(workers=2)
    try:
        store = open_store(tmp_path / "v.db")
        report = ingest(store, [str(corpus)], batch_size=3, executor=executor)
        store.close()
        pids = executor.client.run(os.getpid)
        loaded = executor.client.run(lambda: shared_pipeline.cache_info().currsize)
    finally:
        executor.close()
    assert report.stored == 12
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    assert all(loaded.values())  # each worker process loaded the pipeline: it extracted batches
    with Vigil(tmp_path / "v.db") as vigil:
        vigil.merge()
    assert exported(tmp_path / "v.db", tmp_path, "dask-direct") == serial


_INGEST = "import sys; from vigil import Vigil; Vigil(sys.argv[1]).ingest(sys.argv[2:], batch_size=2)"


def test_parallel_several_ingest_processes_share_one_postgres_database(corpus, serial, fresh_postgres, tmp_path):
    import os
    import subprocess
    import sys

    files = sorted(str(p) for p in corpus.glob("*.txt"))
    first, second = files[:8], files[4:]  # four articles reach both processes at about the same time
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    runs = [subprocess.Popen([sys.executable, "-c", _INGEST, fresh_postgres, *part], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for part in (first, second)]
    outcomes = [run.communicate(timeout=900) + (run.returncode,) for run in runs]
    assert [code for _, _, code in outcomes] == [0, 0], [err[-1500:] for _, err, _ in outcomes]
    with Vigil(fresh_postgres) as vigil:
        assert vigil.stats()["documents"] == 12
        assert vigil.failures() == []
    shared = exported(fresh_postgres, tmp_path, "shared")
    for table in ("quotes", "places", "dates"):  # every article extracted and written exactly once
        assert sorted(shared[table].splitlines()) == sorted(serial[table].splitlines())
