"""Speed of the places stage (recognition + resolution) against bare spaCy on the same texts.

Texts: the article texts of the geo gold sets, repeated to --docs. Prints documents
per second for spaCy's `nlp.pipe` alone and for `vigil.places.resolve` on the
parsed docs (spaCy time excluded), and their ratio.

    python benchmarks/places_speed.py --data /work/shared/datasets/geo --docs 200
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from vigil.nlp import load_pipeline
from vigil.places import gazetteer, resolve
from geo_corpus import geo_texts


def article_texts(folder: Path, count: int) -> list[str]:
    found = geo_texts(folder)
    return (found * (count // max(len(found), 1) + 1))[:count]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/work/shared/datasets/geo"))
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    texts = article_texts(args.data, args.docs)
    nlp = load_pipeline()
    started = time.perf_counter()
    gaz = gazetteer()
    print(f"gazetteer load: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    spacy_seconds = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in docs:
        resolve(doc, gaz)
    places_seconds = time.perf_counter() - started
    places_cpu = time.process_time() - cpu_started  # on a shared machine, CPU time is the fairer clock
    print(f"spaCy nlp.pipe: {len(docs) / spacy_seconds:.1f} docs/s")
    print(f"places (recognition+resolution, excl. spaCy): {len(docs) / places_seconds:.1f} docs/s")
    print(f"places per CPU-second (one core): {len(docs) / places_cpu:.1f} docs/s")
    print(f"ratio places/spaCy speed: {spacy_seconds / places_seconds:.2f}")


if __name__ == "__main__":
    main()
