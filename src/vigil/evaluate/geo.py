"""`vigil eval geo`: toponym recognition and resolution on GeoWebNews, LGL and TR-News XML.

Two tables, as the datasets README asks: `resolved` scores Vigil's resolution of
the gold toponyms (given their names, as Mordecai 3 reports), `found` scores
end to end (Vigil finds the toponyms itself, exact spans, as EUPEG reports).
Gold toponyms are those with coordinates; other annotated spans (GeoWebNews'
non-locational uses) count as neither hit nor miss.
"""

from __future__ import annotations

import json
import math
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

from vigil.evaluate.scoring import prf
from vigil.nlp import load_pipeline
from vigil.places import gazetteer, resolve
from vigil.places.confidence import reliability
from vigil.places.resolve import document_context, given_mentions, resolve_span

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
ACCURACY_KM = 161.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _float(node, *paths) -> float | None:
    for path in paths:
        found = node.find(path)
        if found is not None and (found.text or "").strip():
            return float(found.text)
    return None


def read_articles(path: Path) -> list[dict]:
    """Articles with their text and toponyms: start, end, name, lat, lon, geonameid (None when not coded)."""
    articles = []
    for index, article in enumerate(ET.parse(path).getroot().iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            gaztag = t.find("gaztag")
            lat = _float(t, "latitude", "gaztag/lat")
            lon = _float(t, "longitude", "gaztag/lon")
            geonameid = (gaztag.get("geonameid") if gaztag is not None else None) or (t.findtext("geonamesID") or "").strip()
            name = t.findtext("phrase") or t.findtext("extractedName") or ""
            toponyms.append({"start": int(t.findtext("start")), "end": int(t.findtext("end")), "name": name.strip(),
                             "lat": lat, "lon": lon, "geonameid": int(geonameid) if geonameid else None})
        articles.append({"doc": article.get("docid") or str(index), "text": text, "toponyms": toponyms})
    return articles


def run(path: Path, predictions: Path | None = None) -> dict:
    nlp = load_pipeline()
    gaz = gazetteer()
    articles = read_articles(path)
    found_counts = {"correct": 0, "predicted": 0, "gold": 0}
    found_errors: list[float] = []
    found_scores: list[tuple[float, bool]] = []  # each resolved found toponym's score, and whether it is right
    resolved_errors: list[float] = []
    exact_ids = 0
    coded_ids = 0
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
            gold = [t for t in article["toponyms"] if t["lat"] is not None]
            ignored = [(t["start"], t["end"]) for t in article["toponyms"] if t["lat"] is None]
            found = [p for p in resolve(doc, gaz) if p.role in ("place", "demonym")]
            # the other toponyms are context, as when resolving given toponyms (Mordecai 3's table)
            spans = [(t["start"], t["end"], t["name"]) for t in gold]
            context = document_context(doc, gaz, given_mentions(doc, spans, gaz))
            resolved = [_resolve_gold(doc, t, gaz, context) for t in gold]
            _score_found(found, gold, ignored, found_counts, found_errors, found_scores)
            for g, r in zip(gold, resolved):
                error = EARTH_HALF_CIRCUMFERENCE_KM if r["lat"] is None else distance_km(g["lat"], g["lon"], r["lat"], r["lon"])
                resolved_errors.append(error)
                if g["geonameid"]:
                    coded_ids += 1
                    exact_ids += int(r["geonameid"] == g["geonameid"])
            if out:
                out.write(json.dumps({
                    "doc": article["doc"],
                    "found": [{"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid} for p in found],
                    "resolved": resolved,
                }) + "\n")
    finally:
        if out:
            out.close()
    precision, recall, f1 = prf(found_counts["correct"], found_counts["predicted"], found_counts["gold"])
    return {
        "articles": len(articles),
        "resolved": {"toponyms": len(resolved_errors), **_error_metrics(resolved_errors),
                     "exact_geonameid": round(exact_ids / coded_ids, 4) if coded_ids else None},
        "found": {"gold": found_counts["gold"], "predicted": found_counts["predicted"], "correct": found_counts["correct"],
                  "precision": precision, "recall": recall, "f1": f1, **_error_metrics(found_errors),
                  "score_calibration": reliability(found_scores)},
    }


def _resolve_gold(doc, toponym: dict, gaz, context) -> dict:
    ranked = resolve_span(doc, toponym["start"], toponym["end"], toponym["name"], context, gaz)
    place = ranked[0][0] if ranked else None
    return {"start": toponym["start"], "end": toponym["end"], "lat": place.lat if place else None,
            "lon": place.lon if place else None, "geonameid": place.geonameid if place else None}


def _score_found(found, gold, ignored, counts: dict, errors: list[float], scores: list[tuple[float, bool]]) -> None:
    spans = {(g["start"], g["end"]): g for g in gold}
    counts["gold"] += len(gold)
    for p in found:
        if (p.start, p.end) in spans:
            counts["correct"] += 1
            counts["predicted"] += 1
            g = spans[(p.start, p.end)]
            errors.append(EARTH_HALF_CIRCUMFERENCE_KM if p.lat is None else distance_km(g["lat"], g["lon"], p.lat, p.lon))
            if p.lat is not None:
                scores.append((p.score, errors[-1] <= ACCURACY_KM))
        elif not any(p.start < e and s < p.end for s, e in ignored):
            counts["predicted"] += 1


def _error_metrics(errors: list[float]) -> dict:
    if not errors:
        return {"accuracy_161km": None, "mean_km": None, "median_km": None, "auc": None}
    scaled = sorted(math.log(1 + e) / math.log(1 + EARTH_HALF_CIRCUMFERENCE_KM) for e in errors)
    if len(scaled) > 1:
        step = 1 / (len(scaled) - 1)
        auc = sum((a + b) / 2 * step for a, b in zip(scaled, scaled[1:]))
    else:
        auc = scaled[0]
    return {
        "accuracy_161km": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(auc, 4),
    }
