"""Write and query rates of the SQLite and PostgreSQL stores on the same extracted records.

Records: `--articles` real article texts of the geo gold dev sets, cleaned and
extracted once by Vigil's pipeline (spaCy and every extractor), then written
`--docs` times in all (each copy a new document id and content hash, with all
its entities, dates, places, actor mentions, quotes and events) in batches of
`--batch` documents, one transaction per batch (`Store.write_batch`, what
`vigil ingest` calls). Write rate = documents (with their extractions) per second.

Query rate: a fixed mix of the record's everyday queries (one document with
all its extractions, events filtered by type and by country, place counts,
actors by name, quotes by speaker, full-text search, table counts), run
`--queries` times round-robin; queries per second.

PostgreSQL: `--postgres URL`, or else a throwaway server started on loopback
(127.0.0.1, trust auth, in a temporary folder; like the test suite does) when
PostgreSQL's binaries are installed (`apt-get install -y postgresql`).

    python benchmarks/store_rates.py --data ../shared/datasets/geo --articles 40 --docs 2000
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import hashlib
import os
import platform
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from vigil.nlp import DEFAULT_MODEL
from vigil.pipeline import actors_of, prepare, shared_pipeline
from vigil.records import RawDocument
from vigil.store import open_store, queries

from geo_corpus import emit
from throughput import texts


def extracted(data: Path, count: int) -> list[tuple]:
    pipeline = shared_pipeline(DEFAULT_MODEL, None)
    documents = [prepare(RawDocument(origin=f"geo-{i}.txt", content=t)) for i, t in enumerate(texts(data, count))]
    return [(d, x) for d, (x, _) in zip(documents, pipeline.extract_many(documents))]


def copies(records: list[tuple], total: int):
    """`total` documents: the extracted ones again and again, each copy a new document."""
    for n in range(total):
        document, extraction = records[n % len(records)]
        digest = hashlib.sha256(f"{n}:{document.content_hash}".encode()).hexdigest()
        yield (dataclasses.replace(document, id=digest[:16], content_hash=digest, origin=f"{document.origin}#{n}"),
               dataclasses.replace(extraction, doc_id=digest[:16]), bytes(512))


def write_rate(target: str, records: list[tuple], total: int, batch: int) -> tuple[float, list[str]]:
    store = open_store(target)
    try:
        items = list(copies(records, total))
        start = time.perf_counter()
        for i in range(0, total, batch):
            chunk = items[i : i + batch]
            store.write_batch(chunk, [a for _, x, _ in chunk for a in actors_of(x.actors)])
        seconds = time.perf_counter() - start
        return total / seconds, [d.id for d, _, _ in items]
    finally:
        store.close()


def query_mix(records: list[tuple], ids: list[str]) -> list:
    speaker = next((q.speaker for _, x in records for q in x.quotes if q.speaker), "spokesman")
    country = next((p.country for _, x in records for p in x.places if p.country), "US")
    kinds = [e.event_type for _, x in records for e in x.events]
    event_type = max(set(kinds), key=kinds.count) if kinds else "attack"
    actor = next((a.name.split()[0] for _, x in records for a in x.actors), "army")
    return [
        ("document", lambda s, n: queries.document(s, ids[(n * 7919) % len(ids)])),
        ("events by type", lambda s, n: list(queries.events(s, event_type=event_type, limit=50))),
        ("events by country", lambda s, n: list(queries.events(s, country=country, limit=50))),
        ("place counts", lambda s, n: queries.place_counts(s, limit=20)),
        ("actors by name", lambda s, n: list(queries.actors(s, name=actor))),
        ("quotes by speaker", lambda s, n: list(queries.quotes(s, speaker=speaker, limit=50))),
        ("full-text search", lambda s, n: queries.search(s, "police", 20)),
        ("counts", lambda s, n: queries.counts(s)),
    ]


def query_rate(target: str, mix: list, count: int) -> tuple[float, dict[str, float]]:
    store = open_store(target)
    per_kind: dict[str, float] = {}
    try:
        start = time.perf_counter()
        for n in range(count):
            name, run = mix[n % len(mix)]
            began = time.perf_counter()
            run(store, n)
            per_kind[name] = per_kind.get(name, 0.0) + time.perf_counter() - began
        seconds = time.perf_counter() - start
    finally:
        store.close()
    each = count / len(mix)
    return count / seconds, {k: round(each / v, 1) for k, v in per_kind.items()}


@contextlib.contextmanager
def loopback_postgres():
    """A throwaway PostgreSQL server on 127.0.0.1; yields its URL."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not bins:
        raise SystemExit("PostgreSQL is not installed (apt-get install -y postgresql) and no --postgres URL was given")
    bindir = Path(bins[-1]).parent
    home = Path(tempfile.mkdtemp(prefix="vigil-pg-bench-"))
    data = home / "data"
    data.mkdir()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(as_postgres + [str(bindir / "initdb"), "-D", str(data), "-U", "vigil", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run(as_postgres + [str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"),
                                  "-o", f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://vigil@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_postgres + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    import psycopg

    name = "bench" + uuid.uuid4().hex[:10]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--articles", type=int, default=40, help="distinct articles extracted")
    parser.add_argument("--docs", type=int, default=2000, help="documents written in all")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--postgres", help="postgresql:// URL of a server to use (a fresh database is created on it)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    records = extracted(args.data, args.articles)
    per_doc = sum(len(x.entities) + len(x.dates) + len(x.places) + len(x.actors) + len(x.quotes) + len(x.events)
                  for _, x in records) / len(records)
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "documents": args.docs, "distinct_articles": args.articles, "batch": args.batch,
               "extracted_rows_per_document": round(per_doc, 1), "queries": args.queries,
               "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as tmp, (
            contextlib.nullcontext(args.postgres) if args.postgres else loopback_postgres()) as server:
        targets = {"sqlite": str(Path(tmp) / "bench.db"), "postgresql": fresh_database(server)}
        for name, target in targets.items():
            docs_per_s, ids = write_rate(target, records, args.docs, args.batch)
            queries_per_s, per_kind = query_rate(target, query_mix(records, ids), args.queries)
            results[name] = {"write_docs_per_s": round(docs_per_s, 1), "queries_per_s": round(queries_per_s, 1),
                             "queries_per_s_by_kind": per_kind}
    results["postgresql_over_sqlite_write"] = round(results["postgresql"]["write_docs_per_s"] / results["sqlite"]["write_docs_per_s"], 2)
    results["postgresql_over_sqlite_query"] = round(results["postgresql"]["queries_per_s"] / results["sqlite"]["queries_per_s"], 2)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    emit(results, args.output)


if __name__ == "__main__":
    main()
