"""Cost of the extractors as a share of spaCy's parse time, on the same texts.

Texts: the article texts of the geo dev sets (text only). In one process the texts are
parsed with bare spaCy (`nlp.pipe`), then the extractors run in pipeline order on the parsed
docs, each given the results of those before it; each extractor's time is printed as a
percentage of the parse time (CPU time of the process, so that other load on the machine
does not distort the ratio). Targets: dates and quotes together add at most 15 %, events at
most 25 %.

    python benchmarks/extractor_overhead.py --data /work/shared/datasets/geo --repeat 3
    python benchmarks/extractor_overhead.py --extractors dates places actors quotes events
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from vigil.nlp import load_builtin_extractors, load_pipeline, ordered_extractors
from vigil.records import ExtractionContext

EXTRACTORS = ("dates", "quotes")
from geo_corpus import geo_articles


def seconds_for(extractor, docs, contexts, repeat: int) -> tuple[float, list]:
    """Best of `repeat` runs over all docs, and the records of the last run; CPU time of this process, so
    other work on a shared machine does not count."""
    best, records = float("inf"), []
    for _ in range(repeat):
        started = time.process_time()
        records = [extractor.fn(doc, ctx) for doc, ctx in zip(docs, contexts)]
        best = min(best, time.process_time() - started)
    return best, records


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/work/shared/datasets/geo"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--extractors", nargs="+", default=list(EXTRACTORS),
                        help="extractors to time, in pipeline order (those they need run too)")
    args = parser.parse_args()
    articles = geo_articles(args.data)
    nlp = load_pipeline()
    load_builtin_extractors()
    list(nlp.pipe(text for text, _ in articles[:5]))  # warm up
    started = time.process_time()
    docs = list(nlp.pipe(text for text, _ in articles))
    parse_seconds = time.process_time() - started
    contexts = [ExtractionContext(doc_id=str(i), published=day) for i, (_, day) in enumerate(articles)]
    print(f"{len(docs)} articles, {sum(len(t) for t, _ in articles)} characters; spaCy parse {parse_seconds:.2f} s")
    total = 0.0
    for extractor in ordered_extractors(args.extractors):
        spent, records = seconds_for(extractor, docs, contexts, args.repeat)
        contexts = [ctx.with_result(extractor.name, found) for ctx, found in zip(contexts, records)]
        total += spent
        print(f"{extractor.name}: {spent:.3f} s = {100 * spent / parse_seconds:.1f} % of the parse time")
    print(f"together: {100 * total / parse_seconds:.1f} % of the parse time (dates and quotes: target <= 15 %)")


if __name__ == "__main__":
    main()
