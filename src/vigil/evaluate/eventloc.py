"""`vigil eval eventloc`: where the action of a verb happened (ahalterman/event_location's labelled text).

The set (a zip holding one JSON array, or JSON lines) gives sentences from news wires and
reports, each with one VERB span and the LOCATION spans where that verb's action happened
(none, one, or several: "arrested in Kenya and Uganda"). The same sentence comes back
once per verb, each verb with its own location or none. Vigil reads the raw text as a user's
article would be read (spaCy, then the dates, places and actors extractors; places inside an
actor's name are dropped, as the events extractor does) and, for each gold verb, predicts one
place span with `vigil.places.event_place`, or none.

Gold location spans that touch across whitespace or a hyphen are one name ("Port" + "Harcourt");
empty spans are dropped. Metrics, per verb:

- accuracy: right when the gold has no location and Vigil predicts none, or when Vigil's span
  overlaps (for `accuracy_exact`: equals) one of the gold spans;
- location precision = verbs whose predicted span matches a gold span / verbs with a prediction;
  recall = the same matches / verbs with a gold location; F1; each with exact and overlap matching.

Baselines, scored the same way: `nearest` (the resolved place of the verb's sentence nearest to
the verb, in characters) and `none` (never a place).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from vigil.errors import EvalDataError
from vigil.evaluate.scoring import prf
from vigil.nlp import load_pipeline, ordered_extractors, run_extractors
from vigil.places import event_place
from vigil.places.event_location import is_unplaced
from vigil.records import ExtractionContext


def read_examples(path: Path) -> list[dict]:
    """The labelled examples from the zip (or a plain .json/.jsonl file): text, verbs, locations."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.startswith("__MACOSX") and n.endswith((".jsonl", ".json"))]
            if not names:
                raise EvalDataError(f"no .jsonl file inside {path}")
            raw = archive.read(names[0]).decode("utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    raw = raw.strip()
    try:
        records = json.loads(raw)
        records = records if isinstance(records, list) else [records]
    except json.JSONDecodeError:
        records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    examples = []
    for number, record in enumerate(records):
        text = record.get("text")
        spans = record.get("spans") or []
        verbs = [(s["start"], s["end"]) for s in spans if s.get("label") == "VERB" and s["end"] > s["start"]]
        if not text or not verbs:
            continue
        locations = merge_spans(text, [(s["start"], s["end"]) for s in spans
                                       if s.get("label") == "LOCATION" and s["end"] > s["start"]])
        for verb in verbs:
            examples.append({"id": f"{number}:{verb[0]}", "text": text, "verb": verb, "locations": locations})
    return examples


def merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that only whitespace or a hyphen separate are one name."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and text[merged[-1][1]:start].strip(" -\u00a0") == "" and start - merged[-1][1] <= 2:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def nearest_place(doc, verb_start: int, verb_end: int, places) -> object | None:
    """Baseline: the resolved place of the verb's sentence nearest to the verb."""
    span = doc.char_span(verb_start, verb_end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent
    usable = [p for p in places if sentence.start_char <= p.start < sentence.end_char
              and p.role == "place" and p.lat is not None]
    return min(usable, key=lambda p: min(abs(p.start - verb_end), abs(verb_start - p.end)), default=None)


def _match(pred: tuple[int, int] | None, gold: list[tuple[int, int]], exact: bool) -> bool:
    if pred is None:
        return False
    if exact:
        return pred in gold
    return any(pred[0] < g[1] and g[0] < pred[1] for g in gold)


def score(pairs: list[tuple[tuple[int, int] | None, list[tuple[int, int]]]]) -> dict:
    """Metrics of (predicted span or None, gold spans) per verb."""
    n = len(pairs)
    with_gold = sum(1 for _, gold in pairs if gold)
    predicted = sum(1 for pred, _ in pairs if pred is not None)
    out: dict = {"verbs": n, "verbs_with_location": with_gold, "predicted": predicted}
    for kind, exact in (("overlap", False), ("exact", True)):
        hits = sum(1 for pred, gold in pairs if _match(pred, gold, exact))
        right = hits + sum(1 for pred, gold in pairs if pred is None and not gold)
        p, r, f1 = prf(hits, predicted, with_gold)
        suffix = "" if kind == "overlap" else "_exact"
        out[f"accuracy{suffix}"] = round(right / n, 4) if n else 0.0
        out[kind] = {"precision": p, "recall": r, "f1": f1}
    return out


def run(path: Path, predictions: Path | None = None, limit: int | None = None) -> dict:
    examples = read_examples(path)
    if limit:
        examples = examples[:limit]
    texts = list(dict.fromkeys(e["text"] for e in examples))
    nlp = load_pipeline()
    extractors = ordered_extractors(["dates", "places", "actors"])
    parsed: dict[str, tuple] = {}
    for number, (text, doc) in enumerate(zip(texts, nlp.pipe(texts, batch_size=64))):
        ctx = run_extractors(doc, ExtractionContext(f"eventloc-{number}"), extractors)
        actors = ctx.results.get("actors", ())
        places = tuple(p for p in ctx.results["places"] if not any(a.start <= p.start and p.end <= a.end for a in actors))
        parsed[text] = (doc, places)
    systems: dict[str, list] = {"vigil": [], "nearest": [], "none": []}
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for example in examples:
            doc, places = parsed[example["text"]]
            gold = example["locations"]
            start, end = example["verb"]
            chosen = event_place(doc, start, end, places)
            chosen = None if is_unplaced(chosen) else chosen  # no place, and none taken from elsewhere
            near = nearest_place(doc, start, end, places)
            for name, place in (("vigil", chosen), ("nearest", near), ("none", None)):
                systems[name].append(((place.start, place.end) if place else None, gold))
            if out:
                out.write(json.dumps({"id": example["id"], "verb_start": start, "verb_end": end,
                                      "location_start": chosen.start if chosen else None,
                                      "location_end": chosen.end if chosen else None,
                                      "location": chosen.mention if chosen else None,
                                      "geonameid": chosen.geonameid if chosen else None}, ensure_ascii=False) + "\n")
    finally:
        if out:
            out.close()
    result = score(systems["vigil"])
    result["texts"] = len(texts)
    result["baselines"] = {name: score(pairs) for name, pairs in systems.items() if name != "vigil"}
    return result
