"""`vigil eval time`: TempEval-3 style scoring on TimeML (.tml) files.

Offsets are in the text content of <TEXT> with all tags stripped; the document
creation time (DCT) is read from the file, as Vigil reads a publication date.
Metrics: strict and relaxed (overlap) span P/R/F1, type accuracy and value F1
over relaxed matches (TempEval-3's attribute F1), overall and per folder.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from vigil.dates import find_dates
from vigil.errors import EvalDataError
from vigil.evaluate.scoring import prf


def read_tml(path: Path) -> tuple[str, str | None, list[dict]]:
    """The <TEXT> content, the DCT value and the gold TIMEX3s with offsets into the text."""
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value")
            break
    text_node = root.find("TEXT")
    if text_node is None:
        raise EvalDataError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    gold: list[dict] = []

    def walk(node) -> None:
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in pieces)
            content = "".join(node.itertext())
            gold.append({"start": start, "end": start + len(content), "type": node.get("type"), "value": node.get("value")})
            pieces.append(content)
        else:
            pieces.append(node.text or "")
            for child in node:
                walk(child)
                pieces.append(child.tail or "")

    walk(text_node)
    return "".join(pieces), dct, gold


def score(gold: list[dict], predicted: list[dict]) -> dict:
    strict = sum(1 for g in gold for p in predicted if g["start"] == p["start"] and g["end"] == p["end"])
    matches = _relaxed_matches(gold, predicted)
    type_ok = sum(1 for g, p in matches if g["type"] == p["type"])
    value_ok = sum(1 for g, p in matches if g["value"] == p["value"])
    return {"gold": len(gold), "predicted": len(predicted), "strict": strict, "relaxed": len(matches),
            "type_ok": type_ok, "value_ok": value_ok}


def _relaxed_matches(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    pairs, used = [], set()
    for g in gold:
        for index, p in enumerate(predicted):
            if index not in used and p["start"] < g["end"] and g["start"] < p["end"]:
                pairs.append((g, p))
                used.add(index)
                break
    return pairs


def metrics(counts: dict) -> dict:
    gold, predicted = counts["gold"], counts["predicted"]
    strict = prf(counts["strict"], predicted, gold)
    relaxed = prf(counts["relaxed"], predicted, gold)
    value = prf(counts["value_ok"], predicted, gold)
    type_f1 = prf(counts["type_ok"], predicted, gold)
    return {
        "files": counts.get("files", 0), "gold": gold, "predicted": predicted,
        "strict_precision": strict[0], "strict_recall": strict[1], "strict_f1": strict[2],
        "relaxed_precision": relaxed[0], "relaxed_recall": relaxed[1], "relaxed_f1": relaxed[2],
        "type_accuracy": round(counts["type_ok"] / counts["relaxed"], 4) if counts["relaxed"] else 0.0,
        "type_f1": type_f1[2], "value_f1": value[2], "value_precision": value[0], "value_recall": value[1],
    }


def run(path: Path, predictions: Path | None = None) -> dict:
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise EvalDataError(f"no .tml files under {path}")
    totals: dict[str, dict] = {}
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for file in files:
            text, dct, gold = read_tml(file)
            found = find_dates(text, dct)
            predicted = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in found]
            if out:
                out.write(json.dumps({"doc": file.name, "dct": dct, "timexes": predicted}) + "\n")
            counts = score(gold, predicted)
            for key in ("all", file.parent.name):
                bucket = totals.setdefault(key, {"files": 0, "gold": 0, "predicted": 0, "strict": 0, "relaxed": 0,
                                                 "type_ok": 0, "value_ok": 0})
                bucket["files"] += 1
                for name, value in counts.items():
                    bucket[name] += value
    finally:
        if out:
            out.close()
    result = metrics(totals.pop("all"))
    result["by_folder"] = {name: metrics(counts) for name, counts in sorted(totals.items())}
    return result
