"""Throughput of Vigil's full pipeline against bare spaCy on the same texts, in the same process.

Texts: the article texts of the geo gold sets (real news), repeated to --docs.
Reports documents per second for (1) spaCy's `nlp.pipe` alone, (2) Vigil's
extractors on top of that parse (dates, places, actors, quotes, events), (3) a
full `vigil ingest` into a fresh SQLite file (reading, cleaning, parsing,
extracting, storing), and the ratios against (1). Optionally (4) ingest with
--workers N local processes.

    python benchmarks/throughput.py --data ../shared/datasets/geo --docs 300 [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from vigil import Vigil
from vigil.nlp import load_pipeline, ordered_extractors
from vigil.records import ExtractionContext


def texts(folder: Path, count: int) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.xml")):
        found += [a.findtext("text") or "" for a in ET.parse(path).getroot().iter("article")]
    found = [t for t in found if t.strip()]
    return [found[i % len(found)] + ("" if i < len(found) else f"\n(copy {i // len(found)})") for i in range(count)]


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 2) if seconds else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, default=0, help="also time ingest with this many local processes")
    args = parser.parse_args()
    corpus = texts(args.data, args.docs)
    nlp = load_pipeline()
    extractors = ordered_extractors()
    list(nlp.pipe(corpus[:5]))  # warm up the model
    for extractor in extractors:  # and the lexicons, gazetteer and matchers
        extractor.fn(nlp(corpus[0]), ExtractionContext())

    start = time.perf_counter()
    parsed = list(nlp.pipe(corpus, batch_size=32))
    spacy_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for doc in parsed:
        ctx = ExtractionContext(published="2019-08-02")
        for extractor in extractors:
            ctx = ctx.with_result(extractor.name, tuple(extractor.fn(doc, ctx)))
    extract_seconds = time.perf_counter() - start

    results = {
        "machine": f"{platform.processor() or platform.machine()}, {platform.python_version()}",
        "documents": len(corpus), "characters": sum(map(len, corpus)),
        "spacy_docs_per_s": rate(len(corpus), spacy_seconds),
        "extractors_seconds": round(extract_seconds, 2),
        "extraction_over_parse": round(extract_seconds / spacy_seconds, 3),
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, text in enumerate(corpus):
            (folder / f"{i:06}.txt").write_text(text, encoding="utf-8")
        for workers in [1] + ([args.workers] if args.workers > 1 else []):
            with Vigil(Path(tmp) / f"v{workers}.db") as vigil:
                start = time.perf_counter()
                report = vigil.ingest([str(folder)], workers=workers)
                seconds = time.perf_counter() - start
            results[f"ingest_{workers}_worker_docs_per_s"] = rate(report.stored, seconds)
            results[f"ingest_{workers}_worker_over_spacy"] = round(rate(report.stored, seconds) / results["spacy_docs_per_s"], 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
