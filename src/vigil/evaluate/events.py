"""`vigil eval events`: CASE 2021 task 2 snippets, one label each (ACLED sub-event types and five extras).

Vigil is not trained on CASE: each snippet goes through the event extractor and
`classify_snippet`, whose lexicons are general. Metrics: micro, macro and
weighted F1, and per-label precision/recall.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from vigil.evaluate.scoring import prf
from vigil.events import classify_snippet, extract_events
from vigil.nlp import load_pipeline, ordered_extractors, run_extractors
from vigil.records import ExtractionContext


def read_snippets(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row.get("EventSnippet")]


def run(path: Path, predictions: Path | None = None) -> dict:
    rows = read_snippets(path)
    nlp = load_pipeline()
    extractors = [e for e in ordered_extractors(["dates", "places", "actors"])]
    gold, predicted = [], []
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for row, doc in zip(rows, nlp.pipe(r["EventSnippet"] for r in rows)):
            ctx = run_extractors(doc, ExtractionContext(row["id"]), extractors)
            events = extract_events(doc, ctx.results["actors"], ctx.results["places"], ctx.results["dates"])
            label = classify_snippet(doc, events)
            gold.append(row["SubType"])
            predicted.append(label)
            if out:
                out.write(json.dumps({"id": row["id"], "label": label}) + "\n")
    finally:
        if out:
            out.close()
    return scores(gold, predicted)


def scores(gold: list[str], predicted: list[str]) -> dict:
    labels = sorted(set(gold) | set(predicted))
    support = Counter(gold)
    per_label = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == label)
        precision, recall, f1 = prf(tp, sum(1 for p in predicted if p == label), support[label])
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support[label]}
    gold_labels = [l for l in labels if support[l]]
    macro = sum(per_label[l]["f1"] for l in gold_labels) / len(gold_labels)
    weighted = sum(per_label[l]["f1"] * support[l] for l in gold_labels) / len(gold)
    micro = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold)
    return {"snippets": len(gold), "micro_f1": round(micro, 4), "macro_f1": round(macro, 4),
            "weighted_f1": round(weighted, 4), "per_label": per_label}
