"""Fit the table that turns the place resolver's raw scores into calibrated chances, and measure it.

    python tools/fit_place_scores.py [--data ../shared/datasets/geo] [--write]

For each geo dev set, Vigil finds and resolves the toponyms itself (as in `vigil eval geo`'s "found" table);
a found toponym whose span is a gold one is right when it lies within 161 km of the gold point. Each set's
calibration is measured with a table fitted on the two other sets only (leave one set out), against the raw
scores; `--write` then fits the shipped table on all three (`src/vigil/data/places/score_calibration.tsv`).
Only `confidence.CALIBRATED_KINDS` are mapped (see `vigil/places/confidence.py` for why).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from vigil.evaluate.geo import ACCURACY_KM, distance_km, read_articles
from vigil.nlp import load_pipeline
from vigil.places import confidence, gazetteer, resolve

SETS = ("geowebnews", "lgl", "trnews")
TABLE = Path(__file__).resolve().parents[1] / "src/vigil/data/places/score_calibration.tsv"
HEADER = ("# Raw resolver scores mapped to the chance of being within 161 km of the right place, per kind of resolution\n"
          "# (places/confidence.py). Written by tools/fit_place_scores.py from the geo dev sets; do not edit by hand.\n")


def samples(path: Path, nlp, gaz) -> list[tuple[str, float, bool]]:
    """(kind, raw score, right?) of each found toponym whose span is a gold toponym's."""
    found = []
    articles = read_articles(path)
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
        gold = {(t["start"], t["end"]): t for t in article["toponyms"] if t["lat"] is not None}
        with confidence.raw_scores() as given:
            resolved = [p for p in resolve(doc, gaz) if p.name is not None]
        assert len(given) == len(resolved), "one score per resolved mention"
        for p, (kind, raw) in zip(resolved, given):
            g = gold.get((p.start, p.end))
            if g is not None and p.role in ("place", "demonym") and p.lat is not None:
                found.append((kind, raw, distance_km(g["lat"], g["lon"], p.lat, p.lon) <= ACCURACY_KM))
    return found


def fitted(pool) -> list[dict]:
    return [row for row in confidence.fit(pool) if row["kind"] in confidence.CALIBRATED_KINDS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/geo"))
    parser.add_argument("--write", action="store_true", help="write the table fitted on all three sets")
    args = parser.parse_args()
    nlp, gaz = load_pipeline(), gazetteer()
    by_set = {name: samples(args.data / f"{name}.dev.xml", nlp, gaz) for name in SETS}
    report, raw_all, calibrated_all = {}, [], []
    for name in SETS:
        rows = fitted(s for other in SETS if other != name for s in by_set[other])
        raw = [(score, right) for _, score, right in by_set[name]]
        calibrated = [(confidence.lookup(rows, kind, score), right) for kind, score, right in by_set[name]]
        raw_all += raw
        calibrated_all += calibrated
        report[name] = {"raw": confidence.reliability(raw),
                        "calibrated_on_the_other_two": confidence.reliability(calibrated)}
    report["all three"] = {"raw": confidence.reliability(raw_all),
                           "calibrated_on_the_other_two": confidence.reliability(calibrated_all)}
    print(json.dumps(report, indent=2))
    if args.write:
        rows = fitted(s for name in SETS for s in by_set[name])
        with TABLE.open("w", encoding="utf-8", newline="") as out:
            out.write(HEADER)
            writer = csv.DictWriter(out, fieldnames=("kind", "raw_up_to", "chance", "samples"), delimiter="\t",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {len(rows)} rows to {TABLE}")


if __name__ == "__main__":
    main()
