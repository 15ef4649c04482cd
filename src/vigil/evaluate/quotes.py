"""`vigil eval quotes`: attribution contents and speakers on PolNeAR (brat standoff).

Content precision/recall/F1 count overlap matches: precision is the share of
predicted contents overlapping some gold Content span; recall the share of gold
contents paired one-to-one with an overlapping prediction (pairs taken largest
overlap first). Speaker accuracy, on paired contents whose gold attribution has
a Source: the predicted speaker span overlaps the gold Source span, or the
resolved speaker name shares a word (3+ letters) with the gold Source text.
`speaker_accuracy_incl_sourceless` also counts pairs whose gold has no Source
(always wrong for us, since there is nothing to match).
Where several annotators marked one article, the first annotation file (by
name) is the gold.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from vigil.nlp import load_pipeline, ordered_extractors, run_extractors
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
    totals = {"gold": 0, "predicted": 0, "matched_gold": 0, "matched_predicted": 0, "speaker_ok": 0,
              "speaker_ok_all": 0, "with_source": 0, "articles": 0}
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for text_path, doc in zip(texts, nlp.pipe(t.read_text(encoding="utf-8") for t in texts)):
            ann = next((a for a in annotations if a.stem.startswith(text_path.stem)), None)
            if ann is None:
                continue
            gold = read_ann(ann)
            ctx = run_extractors(doc, ExtractionContext(text_path.stem), extractors)
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
        "speaker_accuracy": round(totals["speaker_ok"] / totals["with_source"], 4) if totals["with_source"] else 0.0,
        "speaker_accuracy_incl_sourceless": round(totals["speaker_ok_all"] / totals["matched_gold"], 4)
        if totals["matched_gold"] else 0.0,
        "matched": totals["matched_gold"],
    }


def _score(gold: list[dict], quotes, totals: dict) -> None:
    totals["gold"] += len(gold)
    totals["predicted"] += len(quotes)
    for g_index, q_index in _match(gold, quotes):
        totals["matched_gold"] += 1
        ok = _speaker_ok(gold[g_index], quotes[q_index])
        totals["speaker_ok_all"] += ok
        if gold[g_index]["source"]:
            totals["with_source"] += 1
            totals["speaker_ok"] += ok
    totals["matched_predicted"] += sum(
        1 for q in quotes if any(_overlap(g["content"], q.start, q.end) for g in gold))


def _match(gold: list[dict], quotes) -> list[tuple[int, int]]:
    """One-to-one pairs, largest overlap first (global greedy), so that a long prediction does not take
    the gold content that a closer prediction fits better."""
    pairs = sorted(((_overlap(g["content"], q.start, q.end), gi, qi) for gi, g in enumerate(gold)
                    for qi, q in enumerate(quotes)), reverse=True)
    used_gold, used_quotes, matched = set(), set(), []
    for overlap, gi, qi in pairs:
        if overlap <= 0:
            break
        if gi in used_gold or qi in used_quotes:
            continue
        used_gold.add(gi)
        used_quotes.add(qi)
        matched.append((gi, qi))
    return matched


def _speaker_ok(gold: dict, q) -> bool:
    if q.speaker_start is not None and _overlap(gold["source"], q.speaker_start, q.speaker_end):
        return True
    if q.speaker and gold["source_text"]:
        words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", gold["source_text"])}
        return bool(words & {w.lower() for w in re.findall(r"[A-Za-z]{3,}", q.speaker)})
    return False


