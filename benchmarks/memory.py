"""Peak memory of `vigil ingest` as the corpus grows: is it flat from 10k to 100k articles?

Articles are made from the real texts of the geo gold dev sets
(`--data`, `*.dev.xml`, text only), replicated to each size; every copy gets a
numbered last line ("Copy 123.") so that its content hash is new and it is
stored (near-copies are linked to their original by dedup, and still parsed,
extracted and written like any article). `--unit` chooses what one article
is: the whole `article`, one `paragraph` of it (lines of 80+ characters), or
its first `sentence`-sized part (the paragraph cut after its first ". ").
Shorter units make 100k articles feasible on a small machine; all stages run
(reading, cleaning, dedup, spaCy parse, every extractor, SQLite writes, event
merging) on every one.

Each size is ingested by a fresh `vigil ingest` process into a fresh SQLite
file; the peak RSS of the whole process tree (the ingest process and any
worker processes) is sampled with psutil every 0.2 s. Files are written into
folders of 1,000, as a real collection would be.

    python benchmarks/memory.py --sizes 1000 10000 100000 --unit sentence
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from geo_corpus import emit, geo_texts


def units(folder: Path, unit: str) -> list[str]:
    articles = [a.strip() for a in geo_texts(folder)]
    if unit == "article":
        return articles
    paragraphs = [p.strip() for a in articles for p in a.split("\n") if len(p.strip()) >= 80]
    if unit == "paragraph":
        return paragraphs
    return [p[: p.find(". ") + 1] if ". " in p else p for p in paragraphs]


def write_corpus(texts: list[str], count: int, target: Path) -> int:
    """`count` articles in folders of 1,000; returns the characters written."""
    characters = 0
    for i in range(count):
        folder = target / f"{i // 1000:04}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        text = f"{texts[i % len(texts)]}\nCopy {i}.\n"
        (folder / f"{i:07}.txt").write_text(text, encoding="utf-8")
        characters += len(text)
    return characters


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


_INGEST = """
import json, sys
from vigil import Vigil
inputs, db, workers, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] or None
kwargs = {"model": model} if model else {}
with Vigil(db, **kwargs) as vigil:
    report = vigil.ingest([inputs], workers=workers)
summary = report.as_dict()
summary.pop("failures")
print(json.dumps(summary))
"""


def fast_model(folder: Path) -> str:
    """Vigil's spaCy model without its neural components (tok2vec, tagger, parser, NER): tokenizer,
    rule-based sentence splitter, attribute ruler and lemmatizer, so every extractor still runs."""
    import spacy

    from vigil.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "ner"])
    nlp.add_pipe("sentencizer", first=True)
    nlp.to_disk(folder / "fast-model")
    return str(folder / "fast-model")


def measure(inputs: Path, db: Path, workers: int, model: str = "", interval: float = 0.2) -> dict:
    command = [sys.executable, "-c", _INGEST, str(inputs), str(db), str(workers), model]
    started = time.perf_counter()
    log = db.with_suffix(".log").open("w+", encoding="utf-8")
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
    process = psutil.Process(child.pid)
    peak, samples = 0, []
    while child.poll() is None:
        rss = tree_rss(process)
        peak = max(peak, rss)
        samples.append((round(time.perf_counter() - started, 1), rss))
        time.sleep(interval)
    out, _ = child.communicate()
    log.seek(0)
    if child.returncode:
        raise SystemExit(f"ingest failed ({child.returncode}): {log.read()[-2000:]}")
    log.close()
    seconds = time.perf_counter() - started
    # RSS at each tenth of the run: a growing index would show as a rising series
    tenths = [round(samples[min(len(samples) - 1, len(samples) * k // 10)][1] / 2**20) for k in range(1, 10)] if samples else []
    return {"peak_rss_mb": round(peak / 2**20, 1), "seconds": round(seconds, 1), "rss_mb_by_tenth": tenths,
            "report": json.loads(out.strip().splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--unit", choices=("article", "paragraph", "sentence"), default="sentence")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", choices=("default", "fast"), default="default",
                        help="default: Vigil's spaCy model (en_core_web_sm); fast: tokenizer and sentencizer only, "
                             "to reach large sizes quickly (extractors then find far less)")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the corpus and databases (default: system temp)")
    parser.add_argument("--output", type=Path, help="also write the results (JSON) here")
    args = parser.parse_args()
    texts = units(args.data, args.unit)
    model_dir = Path(tempfile.mkdtemp(dir=args.tmp))
    model = fast_model(model_dir) if args.model == "fast" else ""
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
               "unit": args.unit, "model": args.model, "distinct_texts": len(texts), "workers": args.workers, "runs": []}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
            corpus = Path(tmp) / "corpus"
            characters = write_corpus(texts, size, corpus)
            run = {"articles": size, "mean_chars": round(characters / size)}
            run.update(measure(corpus, Path(tmp) / "vigil.db", args.workers, model))
            run["db_mb"] = round(sum(p.stat().st_size for p in Path(tmp).glob("vigil.db*")) / 2**20, 1)
            shutil.rmtree(corpus)
        results["runs"].append(run)
        print(json.dumps(run), flush=True)
    shutil.rmtree(model_dir)
    runs = results["runs"]
    if len(runs) > 1:
        results["peak_growth_last_over_second"] = round(runs[-1]["peak_rss_mb"] / runs[min(1, len(runs) - 1)]["peak_rss_mb"], 3)
    results["load_average"] = os.getloadavg()
    emit(results, args.output)


if __name__ == "__main__":
    main()
