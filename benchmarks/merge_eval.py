"""Score the merging of event reports (vigil.analysis.merge) against the merge evaluation set.

    python benchmarks/merge_eval.py                      # ingest the set into a temporary database
    python benchmarks/merge_eval.py --db /tmp/mset.db    # keep (or reuse) the ingested database
    python benchmarks/merge_eval.py --splits dev,test    # only the first set (14 articles)

The set (`benchmarks/merge_set/`, see its PROVENANCE.md) holds real reports of a few real events,
rewrites and syndicated copies of them, and look-alike events (same type and country on another
day or in another town; the same actors in another country). `gold.tsv` names, for each event
report, the event of its article (found by a phrase of its sentence and its type) and the real
event it reports.

The articles are ingested with the normal pipeline, merge_events groups the events, and each
gold report takes its event's group. Scores: pairwise precision, recall and F1 over pairs of
reports (a pair is right when both gold and prediction put them in one event), B-cubed precision,
recall and F1, the gold reports whose event was extracted at all, and the real events whose
merged row counts the right number of independent outlets. Reports whose event was not
extracted are left out of the pairwise and B-cubed scores (they are counted under `found`).
Splits: dev, test (the first set), dev2, heldout, fresh, dev3 (the extensions); `--errors` never lists
the errors of heldout and fresh, which are looked at only as totals.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import tempfile
from pathlib import Path

SET = Path(__file__).resolve().parent / "merge_set"


def read_gold(path: Path) -> list[dict]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def ingest(db: str, articles: Path, names: set[str] | None = None) -> None:
    """Ingest the set's articles (only those in `names`, when given)."""
    import shutil

    from vigil.api import Vigil

    folder = articles
    if names is not None:
        folder = Path(tempfile.mkdtemp(prefix="vigil-merge-articles-"))
        for name in sorted(names):
            shutil.copy(articles / name, folder / name)
    with Vigil(db) as vigil:
        vigil.ingest([str(folder)])


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def find_events(store, gold: list[dict]) -> list[dict]:
    """Each gold report with the id of its extracted event (None when it was not extracted)."""
    docs = {Path(r["origin"]).name: r["id"] for r in store.query("SELECT id, origin FROM documents")}
    found = []
    for row in gold:
        doc_id = docs.get(row["article"])
        events = [] if doc_id is None else list(store.query(
            "SELECT id, sentence, event_type FROM events WHERE doc_id = ? ORDER BY start", (doc_id,)))
        match = next((e["id"] for e in events if e["event_type"] == row["event_type"]
                      and _normal(row["anchor"]) in _normal(e["sentence"])), None)
        found.append({**row, "doc_id": doc_id, "event_id": match})
    return found


def pairwise(items: list[dict]) -> dict:
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        same_gold, same_pred = a["cluster"] == b["cluster"], a["group"] == b["group"]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return _prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0) | {"tp": tp, "fp": fp, "fn": fn}


def bcubed(items: list[dict]) -> dict:
    if not items:
        return _prf(0.0, 0.0)
    precision = recall = 0.0
    for item in items:
        pred = [o for o in items if o["group"] == item["group"]]
        gold = [o for o in items if o["cluster"] == item["cluster"]]
        both = [o for o in pred if o["cluster"] == item["cluster"]]
        precision += len(both) / len(pred)
        recall += len(both) / len(gold)
    return _prf(precision / len(items), recall / len(items))


def _prf(p: float, r: float) -> dict:
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def outlet_counts(store, items: list[dict]) -> tuple[int, int, list[str]]:
    """Real events (with two or more found reports merged into one group) whose merged row counts its outlets right."""
    from vigil.analysis import merged_events

    rows = {r["id"]: r for r in merged_events(store)}
    right, checked, wrong = 0, 0, []
    for cluster, members in itertools.groupby(sorted(items, key=lambda i: i["cluster"]), key=lambda i: i["cluster"]):
        members = list(members)
        groups = {m["group"] for m in members}
        if len(members) < 2 or len(groups) != 1:
            continue
        checked += 1
        expected = len({m["outlet"] for m in members})
        got = rows[groups.pop()]["independent_outlets"]
        right += got == expected
        if got != expected:
            wrong.append(f"{cluster}: {got} outlets counted, {expected} expected")
    return right, checked, wrong


# Rows of the report: a name and the gold splits it scores. "old" is the first set, "new" its extensions;
# "all-but-dev3" is the set as it stood before dev3 was added (2026-12-04), so its floors still compare.
SPLIT_ROWS = {"all": ("dev", "test", "dev2", "heldout", "fresh", "dev3"),
              "all-but-dev3": ("dev", "test", "dev2", "heldout", "fresh"), "old": ("dev", "test"),
              "new": ("dev2", "heldout", "fresh", "dev3"), "dev": ("dev",), "test": ("test",), "dev2": ("dev2",),
              "heldout": ("heldout",), "fresh": ("fresh",), "dev3": ("dev3",)}
# Splits whose errors are never listed: they are looked at only as totals.
HIDDEN = ("heldout", "fresh")


def evaluate(store, gold: list[dict]) -> dict:
    from vigil.analysis import merge_events

    merge_events(store)
    group_of = {r["event_id"]: r["group_id"] for r in store.query("SELECT event_id, group_id FROM event_groups")}
    reports = find_events(store, gold)
    present = {r["split"] for r in reports}
    results = {}
    for split, members in SPLIT_ROWS.items():
        if not present & set(members) or (split != "all" and set(members) == present and len(members) > 1):
            continue
        chosen = [r for r in reports if r["split"] in members]
        items = [dict(r, group=group_of[r["event_id"]]) for r in chosen if r["event_id"]]
        right, checked, wrong = outlet_counts(store, items)
        hidden_clusters = {i["cluster"] for i in items if i["split"] in HIDDEN}
        wrong = [line for line in wrong if line.split(":")[0] not in hidden_clusters]
        results[split] = {"reports": len(chosen), "found": len(items), "pairwise": pairwise(items),
                          "bcubed": bcubed(items), "outlets_right": f"{right}/{checked}", "outlet_errors": wrong,
                          "errors": _errors([i for i in items if i["split"] not in HIDDEN], store)}
    return results


def _errors(items: list[dict], store=None) -> list[str]:
    """The missed merges (with the checks the two reports fail) and the wrong ones."""
    reports = _reports(store, {i["event_id"] for i in items}) if store is not None else {}
    out = []
    for a, b in itertools.combinations(items, 2):
        if a["cluster"] == b["cluster"] and a["group"] != b["group"]:
            why = _why(reports, a["event_id"], b["event_id"])
            out.append(f"missed: {a['article']} ~ {b['article']} ({a['cluster']})" + (f": {why}" if why else ""))
        elif a["cluster"] != b["cluster"] and a["group"] == b["group"]:
            out.append(f"wrong merge: {a['article']} ({a['cluster']}) ~ {b['article']} ({b['cluster']})")
    return out


def _reports(store, ids: set[str]) -> dict:
    from vigil.analysis.merge import _catalogue, _events

    return {"catalogue": _catalogue(store), "events": {e["id"]: e for e in _events(store) if e["id"] in ids}}


def _why(reports: dict, x: str, y: str) -> str:
    """The checks of merge.py two reports fail ("joinable": none, they are apart only because no chain joins them)."""
    try:
        from vigil.analysis.merge import kept_apart
    except ImportError:  # a merge.py older than kept_apart (scoring an earlier version for comparison)
        return ""
    events = reports.get("events", {})
    if x not in events or y not in events:
        return ""
    return "; ".join(kept_apart(events[x], events[y], reports["catalogue"])) or "joinable, but not joined"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default=str(SET), help="folder with articles/ and gold.tsv")
    parser.add_argument("--db", help="database to ingest into, or to reuse when it already holds the set")
    parser.add_argument("--errors", action="store_true", help="list the missed and wrong merges (never of heldout, fresh)")
    parser.add_argument("--splits", default="dev,test,dev2,heldout,fresh,dev3",
                        help="the gold splits to ingest and score (dev,test is the first set of 14 articles)")
    args = parser.parse_args(argv)

    from vigil.store import open_store

    folder = Path(args.set)
    db = args.db or str(Path(tempfile.mkdtemp(prefix="vigil-merge-")) / "merge.db")
    splits = set(args.splits.split(","))
    gold = [row for row in read_gold(folder / "gold.tsv") if row["split"] in splits]
    if not (Path(db).exists() and open_store(db).scalar("SELECT count(*) FROM documents")):
        ingest(db, folder / "articles", {row["article"] for row in gold})
    store = open_store(db)
    results = evaluate(store, gold)
    print("| split | reports | found | pairwise P | R | F1 | B-cubed P | R | F1 | outlets right |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for split, r in results.items():
        pw, b3 = r["pairwise"], r["bcubed"]
        print(f"| {split} | {r['reports']} | {r['found']} | {pw['precision']:.3f} | {pw['recall']:.3f} | {pw['f1']:.3f} "
              f"| {b3['precision']:.3f} | {b3['recall']:.3f} | {b3['f1']:.3f} | {r['outlets_right']} |")
    if args.errors:
        for line in results["all"]["errors"] + results["all"]["outlet_errors"]:
            print("  " + line)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
