"""`vigil eval quotes`: attribution contents and speakers on PolNeAR (brat standoff).

Content precision/recall/F1 count overlap matches: a predicted content matches
a gold Content span it overlaps (each matched once, greedily by overlap).
Speaker accuracy, on matched contents: the predicted speaker span overlaps the
gold Source span, or (when the gold Source is elsewhere, e.g. an earlier
sentence) the resolved speaker name shares a word with the gold Source text.
Where several annotators marked one article, the first annotation file (by
name) is the gold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from vigil.nlp import load_pipeline, ordered_extractors
from vigil.records import ExtractionContext


def read_ann(path: Path) -> list[dict]:
    """Attributions: content span(s), source span and text, from a brat .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ranges = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[parts[0]] = (label, ranges, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    attributions = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None:
            continue
        source = spans.get(event.get("Source", ""))
        attributions.append({
            "content": [(s, e) for s, e in content[1]],
            "source": [(s, e) for s, e in source[1]] if source else [],
            "source_text": source[2] if source else "",
        })
    return attributions


def _overlap(a: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in a)


def run(path: Path, predictions: Path | None = None) -> dict:
    texts = sorted((path / "text").glob("*.txt"))
    annotations = sorted((path / "attributions").glob("*.ann"))
    nlp = load_pipeline()
    extractors = ordered_extractors(["dates", "places", "actors", "quotes"])
    totals = {"gold": 0, "predicted": 0, "matched_gold": 0, "matched_predicted": 0, "speaker_ok": 0, "articles": 0}
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for text_path, doc in zip(texts, nlp.pipe(t.read_text(encoding="utf-8") for t in texts)):
            ann = next((a for a in annotations if a.stem.startswith(text_path.stem)), None)
            if ann is None:
                continue
            gold = read_ann(ann)
            ctx = ExtractionContext(text_path.stem)
            for extractor in extractors:
                ctx = ctx.with_result(extractor.name, tuple(extractor.fn(doc, ctx)))
            quotes = ctx.results["quotes"]
            _score(gold, quotes, totals)
            totals["articles"] += 1
            if out:
                out.write(json.dumps({"doc": text_path.stem, "quotes": [
                    {"content_start": q.start, "content_end": q.end, "source_start": q.speaker_start,
                     "source_end": q.speaker_end, "speaker": q.speaker, "kind": q.kind} for q in quotes]}) + "\n")
    finally:
        if out:
            out.close()
    precision = totals["matched_predicted"] / totals["predicted"] if totals["predicted"] else 0.0
    recall = totals["matched_gold"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": totals["articles"], "gold": totals["gold"], "predicted": totals["predicted"],
        "content_precision": round(precision, 4), "content_recall": round(recall, 4), "content_f1": round(f1, 4),
        "speaker_accuracy": round(totals["speaker_ok"] / totals["matched_gold"], 4) if totals["matched_gold"] else 0.0,
        "matched": totals["matched_gold"],
    }


def _score(gold: list[dict], quotes, totals: dict) -> None:
    totals["gold"] += len(gold)
    totals["predicted"] += len(quotes)
    used: set[int] = set()
    matched_predictions: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for index, q in enumerate(quotes):
            overlap = _overlap(g["content"], q.start, q.end)
            if overlap > best_overlap and index not in used:
                best, best_overlap = index, overlap
        if best is None:
            continue
        used.add(best)
        totals["matched_gold"] += 1
        q = quotes[best]
        if _speaker_ok(g, q):
            totals["speaker_ok"] += 1
    for index, q in enumerate(quotes):
        if any(_overlap(g["content"], q.start, q.end) for g in gold):
            matched_predictions.add(index)
    totals["matched_predicted"] += len(matched_predictions)


def _speaker_ok(gold: dict, q) -> bool:
    if q.speaker_start is not None and _overlap(gold["source"], q.speaker_start, q.speaker_end):
        return True
    if q.speaker and gold["source_text"]:
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", gold["source_text"])}
        return bool(words & {w.lower() for w in re.findall(r"[A-Za-z]{3,}", q.speaker)})
    return False


