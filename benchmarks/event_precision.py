"""Precision of the event rows Vigil stores from whole real articles, against judgements made by hand.

    python benchmarks/event_precision.py                    # ingest examples/ into a temporary database, score dev
    python benchmarks/event_precision.py --split check      # the held-back half of the demo corpus
    python benchmarks/event_precision.py --split all --db /tmp/p.db   # keep (or reuse) the ingested database
    python benchmarks/event_precision.py --errors           # list the dev rows still wrong
    python benchmarks/event_precision.py --dump rows.tsv    # every row of this run, for judging

The articles are `examples/` (the Reuters Sirte report and the Baghdad Post page, identical to the two
seed articles, the CENTCOM page, and the 34 texts of `examples/corpus/`). `event_precision/judgements.tsv`
(see its README) holds, for event rows of the code before this benchmark existed, a verdict on each field:
is the trigger an event of that PLOVER type in that sentence (else the right type, or NONE when it is no
new event), is its status right (else the right one), is the place where it happened (else the right
place, or nothing when the sentence does not say). A row is matched by article and trigger offsets.

Scores over the judged rows the run still produces: type precision (rows whose type is the judged right
type; a row judged NONE is wrong whatever its type), status precision and place precision (over rows that
are real events, judged against the right value). Rows the run no longer produces are `removed`; those of
them that were real events are the recall cost (`lost_true`). Rows of the run that were never judged are
counted as `unjudged`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = Path(__file__).resolve().parent / "event_precision" / "judgements.tsv"
COLUMNS = ["split", "doc", "start", "end", "trigger", "event_type", "acled_sub_event_type", "status", "location",
           "type_ok", "true_type", "status_ok", "true_status", "place_ok", "true_place", "reason", "sentence"]


def split_of(doc: str) -> str:
    """The seeds' copies and the top-level examples are dev; the corpus files alternate dev / check in name order."""
    if not doc.startswith("corpus/"):
        return "dev"
    names = sorted(p.name for p in (ROOT / "examples" / "corpus").iterdir() if p.is_file())
    return "dev" if names.index(doc.split("/", 1)[1]) % 2 == 0 else "check"


def run_rows(db: str) -> list[dict]:
    from vigil import Vigil

    with Vigil(db) as v:
        if not any(True for _ in v.documents(limit=1)):
            v.ingest([str(ROOT / "examples")])
        docs = {d["id"]: d for d in v.documents(limit=100_000)}
        rows = []
        for e in v.events(limit=1_000_000):
            doc = docs[e["doc_ids"][0]]
            origin = doc["origin"].split("examples/", 1)[-1]
            rows.append({"split": split_of(origin), "doc": origin, "start": str(e["start"]), "end": str(e["end"]),
                         "trigger": doc["text"][e["start"]:e["end"]], "event_type": e["event_type"],
                         "acled_sub_event_type": e["acled_sub_event_type"] or "", "status": e["status"],
                         "location": e["location"] or "", "sentence": " ".join(e["sentence"].split())})
    rows.sort(key=lambda r: (r["split"], r["doc"], int(r["start"])))
    return rows


def read_judgements(path: Path = JUDGEMENTS) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def right_value(judged: dict, field: str, ok_column: str, true_column: str) -> str:
    return judged[field] if judged[ok_column] == "y" else judged[true_column]


SHIFT = 8  # characters a later cleaning fix (a glue repair inserting a space) may move a judged trigger by


def matching_row(rows_by_doc: dict[str, list[dict]], judged: dict) -> dict | None:
    """The run's row for a judged row: the same article and trigger, at the judged offsets or the nearest within
    SHIFT characters (so that a cleaning fix earlier in the article does not unjudge the rows after it)."""
    start = int(judged["start"])
    near = [r for r in rows_by_doc.get(judged["doc"], ()) if r["trigger"] == judged["trigger"]
            and abs(int(r["start"]) - start) <= SHIFT]
    return min(near, key=lambda r: abs(int(r["start"]) - start), default=None)


def score(rows: list[dict], judgements: list[dict], split: str) -> tuple[dict, list[tuple[dict, dict | None, str]]]:
    rows_by_doc: dict[str, list[dict]] = {}
    for r in rows:
        rows_by_doc.setdefault(r["doc"], []).append(r)
    judged = [j for j in judgements if split == "all" or j["split"] == split]
    matched = {j["doc"] + "\t" + j["start"]: matching_row(rows_by_doc, j) for j in judged}
    judged_keys = {(r["doc"], r["start"], r["end"]) for r in matched.values() if r is not None}
    counts = {"judged": len(judged), "present": 0, "type_ok": 0, "real_events_present": 0, "status_ok": 0,
              "place_ok": 0, "removed": 0, "removed_false": 0, "lost_true": 0,
              "judged_true_events": sum(j["true_type"] != "NONE" for j in judged)}
    errors = []
    for j in judged:
        row = matched[j["doc"] + "\t" + j["start"]]
        true_type = right_value(j, "event_type", "type_ok", "true_type")
        if row is None:
            counts["removed"] += 1
            if true_type == "NONE":
                counts["removed_false"] += 1
            else:
                counts["lost_true"] += 1
                errors.append((j, None, "lost"))
            continue
        counts["present"] += 1
        if row["event_type"] == true_type:
            counts["type_ok"] += 1
        else:
            errors.append((j, row, "type"))
        if true_type == "NONE":
            continue
        counts["real_events_present"] += 1
        if row["status"] == right_value(j, "status", "status_ok", "true_status"):
            counts["status_ok"] += 1
        else:
            errors.append((j, row, "status"))
        if row["location"] == right_value(j, "location", "place_ok", "true_place"):
            counts["place_ok"] += 1
        else:
            errors.append((j, row, "place"))
    docs = {j["doc"] for j in judged}
    counts["unjudged"] = sum(1 for r in rows if r["doc"] in docs and (r["doc"], r["start"], r["end"]) not in judged_keys)
    present, real = counts["present"], counts["real_events_present"]
    counts["type_precision"] = round(counts["type_ok"] / present, 3) if present else None
    counts["status_precision"] = round(counts["status_ok"] / real, 3) if real else None
    counts["place_precision"] = round(counts["place_ok"] / real, 3) if real else None
    return counts, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="database to ingest into or reuse (default: a temporary file)")
    parser.add_argument("--split", default="dev", choices=("dev", "check", "all"))
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--dump", type=Path, help="write every row of this run as TSV (for judging) and stop")
    parser.add_argument("--errors", action="store_true", help="list the rows still wrong (never for the check split)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = run_rows(args.db or str(Path(tmp) / "precision.db"))
    if args.dump:
        with args.dump.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, COLUMNS, delimiter="\t", extrasaction="ignore", restval="")
            writer.writeheader()
            writer.writerows(rows)
        print(f"{len(rows)} rows written to {args.dump}")
        return 0
    counts, errors = score(rows, read_judgements(args.judgements), args.split)
    print(json.dumps({"split": args.split, **counts}, indent=1))
    if args.errors and args.split == "dev":
        for j, row, what in errors:
            found = row[{"type": "event_type", "status": "status", "place": "location"}[what]] if row else ""
            print(f"{what}\t{j['doc']}\t{j['trigger']}\t{j['event_type']}\tnow={found}\t{j['reason']}\t{j['sentence'][:160]}",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
