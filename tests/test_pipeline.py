"""End to end: readers -> cleaning -> NLP -> extractors -> store, through the Python API and the CLI."""

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vigil import Vigil
from tests.conftest import SEEDS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeded") / "vigil.db"
    with Vigil(db) as vigil:
        report = vigil.ingest([str(SEEDS)])
    return db, report


def test_pipeline_ingests_seed_articles(seeded):
    db, report = seeded
    assert report.stored == 2 and not report.failures
    with Vigil(db) as vigil:
        assert vigil.stats()["documents"] == 2


def test_pipeline_baghdad_post_has_date_no_breadcrumbs_and_repaired_words(seeded):
    db, _ = seeded
    with Vigil(db) as vigil:
        doc = next(d for d in vigil.documents() if "baghdadpost" in d["origin"])
    assert doc["published"] == "2019-08-02"
    assert "›" not in doc["text"]
    assert "ISISremains" not in doc["text"] and "ISIS remains" in doc["text"]
    assert "Syria and Iraq" in doc["text"]
    assert "President Donald Trump" in doc["text"]


def test_pipeline_every_extraction_span_is_in_the_text(seeded):
    db, _ = seeded
    with Vigil(db) as vigil:
        for found in vigil.search("Sirte OR ISIS"):
            doc = vigil.show(found["id"])
            for key in ("places", "actors", "dates", "quotes"):
                for row in doc[key]:
                    assert 0 <= row["start"] < row["end"] <= len(doc["text"])
            for place in doc["places"]:
                assert doc["text"][place["start"]:place["end"]] == place["mention"]


def test_pipeline_reingest_changes_nothing(seeded, tmp_path):
    db, _ = seeded
    before = sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()
    with Vigil(db) as vigil:
        report = vigil.ingest([str(SEEDS)])
    assert report.stored == 0 and report.skipped == 2
    assert sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone() == before


def test_pipeline_syndicated_copy_is_linked_to_original(tmp_path):
    original = (SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text("By a staff writer\n" + original.replace("told Reuters", "told reporters"), encoding="utf-8")
    with Vigil(tmp_path / "v.db", extractors=[]) as vigil:
        report = vigil.ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
        docs = {Path(d["origin"]).name: d for d in vigil.documents()}
    assert report.duplicates == 1
    assert docs["b.txt"]["duplicate_of"] == docs["a.txt"]["id"]
    assert docs["a.txt"]["duplicate_of"] is None


def run_cli(*args, db, check=True):
    env = dict(os.environ, VIGIL_DB=str(db))
    result = subprocess.run([sys.executable, "-m", "vigil.cli", *args], capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(result.stderr)
    return result


def test_cli_ingest_reports_failures_and_exits_nonzero(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    result = run_cli("ingest", "-q", str(folder), db=tmp_path / "v.db", check=False)
    assert result.returncode == 1
    assert "stored 1" in result.stderr and "failed 2" in result.stderr
    rows = sqlite3.connect(tmp_path / "v.db").execute("SELECT origin FROM failures").fetchall()
    assert {Path(r[0]).name for r in rows} == {"empty.txt", "binary.txt"}


def test_cli_exports_every_format(seeded, tmp_path):
    db, _ = seeded
    out = tmp_path / "docs.jsonl"
    run_cli("export", "documents", "-o", str(out), db=db)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"id", "origin", "source", "title", "published", "text", "language", "duplicate_of"} <= set(lines[0])
    run_cli("export", "places", "--format", "csv", "-o", str(tmp_path / "p.csv"), db=db)
    header = next(csv.reader((tmp_path / "p.csv").open(encoding="utf-8")))
    assert {"doc_id", "start", "end", "mention", "geonameid", "lat", "lon", "country", "precision", "score"} <= set(header)
    run_cli("export", "places", "--format", "geojson", "-o", str(tmp_path / "p.geojson"), db=db)
    geo = json.loads((tmp_path / "p.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    run_cli("export", "events", "--format", "acled", "-o", str(tmp_path / "e.csv"), db=db)
    header = next(csv.reader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"] and "fatalities" in header
    acled = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert {r["region"] for r in acled if r["country"] == "Libya"} == {"Northern Africa"}
    run_cli("export", "quotes", "--format", "parquet", "-o", str(tmp_path / "q.parquet"), db=db)
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "q.parquet").num_rows > 0


def test_cli_unknown_format_is_a_clear_error(seeded):
    db, _ = seeded
    result = run_cli("export", "documents", "--format", "xls", db=db, check=False)
    assert result.returncode == 2 and "no export format 'xls'" in result.stderr


@pytest.mark.slow
def test_pipeline_resumes_after_kill(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    base = (SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8")
    for n in range(40):
        (folder / f"{n:03}.txt").write_text(f"Report number {n} from the wire.\n{base}", encoding="utf-8")
    db = tmp_path / "v.db"
    env = dict(os.environ, VIGIL_DB=str(db))
    process = subprocess.Popen([sys.executable, "-m", "vigil.cli", "ingest", "-q", "--batch-size", "2", str(folder)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and stored < 4:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(db, timeout=5).execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            stored = 0
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 4 <= stored < 40, "the run should have been killed part-way"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    orphan_events = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphan_events == 0
    conn.close()
    result = run_cli("ingest", "-q", str(folder), db=db)
    assert f"skipped {partial} already stored" in result.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 40


def _near_copies(count: int, seed: int = 7) -> list[str]:
    """Texts of 120 words, each a few words away from one of a few originals."""
    import random

    rng = random.Random(seed)
    vocabulary = [f"word{i}" for i in range(2000)]
    originals = [[rng.choice(vocabulary) for _ in range(120)] for _ in range(5)]
    texts = []
    for _ in range(count):
        words = list(rng.choice(originals))
        for _ in range(rng.randrange(0, 5)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        texts.append(" ".join(words))
    return texts


def test_dedup_compact_index_names_the_same_original_as_datasketch_lsh():
    from datasketch import MinHashLSH

    from vigil import dedup

    reference, order, minhashes = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM), {}, {}
    stored: dict[str, bytes] = {}
    # most signatures come from the "store", most band keys from the sorted part (tail of 7)
    finder = dedup.DuplicateFinder(stored_signature=stored.get, recent=3, tail=7)
    expected, found = [], []
    for n, text in enumerate(_near_copies(60)):
        minhash, key = dedup.signature(text), f"doc{n}"
        matches = [k for k in reference.query(minhash) if minhashes[k].jaccard(minhash) >= dedup.THRESHOLD]
        expected.append(min(matches, key=order.__getitem__) if matches else None)
        found.append(finder.original_of(minhash))
        order[key], minhashes[key], stored[key] = len(order), minhash, dedup.to_bytes(minhash)
        reference.insert(key, minhash)
        finder.add(key, minhash)
    assert sum(e is not None for e in expected) >= 30  # the corpus does have near-copies
    assert found == expected


def test_dedup_index_keeps_only_recent_signatures_in_memory():
    from vigil import dedup

    stored: dict[str, bytes] = {}
    finder = dedup.DuplicateFinder(stored_signature=stored.get, recent=10)
    for n, text in enumerate(_near_copies(50, seed=3)):
        minhash = dedup.signature(text)
        stored[f"d{n}"] = dedup.to_bytes(minhash)
        finder.add(f"d{n}", minhash)
    assert len(finder) == 50 and len(finder.signatures) == 10


def test_cli_table_piped_to_a_file_keeps_its_columns_whole(seeded):
    """`vigil places | less`: no terminal, so the table is laid out wide, not folded at 80 columns."""
    db, _ = seeded
    env_columns = os.environ.pop("COLUMNS", None)
    try:
        out = run_cli("places", db=db).stdout
    finally:
        if env_columns is not None:
            os.environ["COLUMNS"] = env_columns
    header = next(line for line in out.splitlines() if "name" in line)
    assert "geonameid" in header and "precision" in header and "documents" in header
    assert any("Sirte" in line and "LY" in line for line in out.splitlines())


def test_pipeline_python_dash_m_vigil_runs_the_command(tmp_path):
    db = tmp_path / "m.db"
    done = subprocess.run([sys.executable, "-m", "vigil", "stats", "--db", str(db)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "documents" in done.stdout.lower()
