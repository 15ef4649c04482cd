"""Share of hand-judged event rows of the demo corpus whose date is right (see event_dates/README.md).

    python benchmarks/event_dates.py                         # ingest examples/ into a temporary database
    python benchmarks/event_dates.py --db /tmp/dates/demo.db # score (or first fill) this database
    python benchmarks/event_dates.py --db ... --errors       # list the rows still wrong

A row is right when the event the pipeline extracted at that trigger has the judged first and last day
(`none` means no date can be known, so the event should have none). Rows judged `skip` are left out;
rows whose event is no longer extracted count as missing, not as wrong.
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGED = Path(__file__).resolve().parent / "event_dates" / "judged.tsv"


def read_judged(path: Path = JUDGED) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def events_by_trigger(db: str) -> dict[tuple[str, int], dict]:
    from vigil.api import Vigil

    with Vigil(db) as vigil:
        origins = {d["id"]: Path(d["origin"]).name for d in vigil.documents(limit=None)}
        return {(origins.get(e["doc_ids"][0], ""), e["start"]): e for e in vigil.events(limit=None)}


def score(judged: list[dict], events: dict[tuple[str, int], dict]) -> dict:
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    right = total = missing = 0
    errors = []
    for row in judged:
        if row["date"] == "skip":
            continue
        event = events.get((row["file"], int(row["start"])))
        if event is None:
            missing += 1
            continue
        want = (None, None) if row["date"] == "none" else (row["date"], row["date_end"] or row["date"])
        got = (event["date"], event["date_end"] or event["date"])
        ok = want == got
        right += ok
        total += 1
        kinds[row["kind"]][0] += ok
        kinds[row["kind"]][1] += 1
        if not ok:
            errors.append(f"{row['file']}:{row['start']} {row['trigger']!r} want {want} got {got} ({row['kind']}: {row['note']})")
    return {"judged": total, "right": right, "share": round(right / total, 3) if total else None, "missing": missing,
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())}, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database holding examples/ (ingested into it when empty)")
    parser.add_argument("--errors", action="store_true", help="list the rows still wrong")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "demo.db")
        from vigil.api import Vigil

        with Vigil(db) as vigil:
            if not any(True for _ in vigil.documents(limit=1)):
                vigil.ingest([str(ROOT / "examples")])
        result = score(read_judged(), events_by_trigger(db))
    errors = result.pop("errors")
    print(result)
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
