"""One event per real event: reports of the same event, from many articles, merged into a group.

Two event reports are the same event when their types are compatible, their
actors do not contradict each other (a shared actor, or one side unnamed), their
places agree within the coarser place's precision (same place for towns, same
admin1 or country for regions), and their dates lie within the coarser date's
precision (a day, a week, a month). Groups are connected components of that
relation, built inside blocks of one event type and country so the work stays
near-linear. A group counts its independent outlets: syndicated copies
(near-duplicate articles) count once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

# Days two dates may differ by, for ACLED time precision 1 (day), 2 (week), 3 (month), unknown.
DATE_SLACK = {1: 1, 2: 7, 3: 31, None: 3}


@dataclass(frozen=True)
class MergeReport:
    events: int
    groups: int
    merged_reports: int  # events that joined another report's group


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def same_event(a: dict, b: dict) -> bool:
    if a["doc_id"] == b["doc_id"] or a["event_type"] != b["event_type"]:
        return False
    if a["acled_sub_event_type"] and b["acled_sub_event_type"] and a["acled_sub_event_type"] != b["acled_sub_event_type"]:
        return False
    if a["status"] in ("negated", "denied", "hypothetical", "conditional") or b["status"] in ("negated", "denied", "hypothetical", "conditional"):
        return False
    return _actors_agree(a, b) and _places_agree(a, b) and _dates_agree(a, b)


def _actors_agree(a: dict, b: dict) -> bool:
    for side in ("actor1_id", "actor2_id"):
        if a[side] and b[side] and a[side] != b[side]:
            return False
    return bool({a["actor1_id"], a["actor2_id"]} & {b["actor1_id"], b["actor2_id"]} - {None}) or not (
        a["actor1_id"] and b["actor1_id"])


def _places_agree(a: dict, b: dict) -> bool:
    if not a["country"] or a["country"] != b["country"]:
        return False
    precision = max(a["geo_precision"] or 3, b["geo_precision"] or 3)
    if precision == 1:
        return a["geonameid"] == b["geonameid"] and a["geonameid"] is not None or a["location"] == b["location"]
    if precision == 2:
        return a["admin1"] == b["admin1"]
    return True


def _dates_agree(a: dict, b: dict) -> bool:
    day_a, day_b = _day(a["date"] or a["published"]), _day(b["date"] or b["published"])
    if day_a is None or day_b is None:
        return day_a is None and day_b is None
    slack = max(DATE_SLACK.get(a["time_precision"], 3), DATE_SLACK.get(b["time_precision"], 3))
    return abs((day_a - day_b).days) <= slack


def _events(store) -> list[dict]:
    return list(store.query(
        """SELECT e.id, e.doc_id, e.event_type, e.acled_sub_event_type, e.actor1_id, e.actor2_id, e.location,
                  e.geonameid, e.country, e.admin1, e.geo_precision, e.date, e.time_precision, e.status,
                  d.published, d.source, d.duplicate_of
           FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY COALESCE(d.published, ''), e.id"""))


def merge_events(store) -> MergeReport:
    """Group the stored event reports; rewrites the event_groups table."""
    events = _events(store)
    parent = {e["id"]: e["id"] for e in events}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    blocks: dict[tuple, list[dict]] = {}
    for event in events:
        blocks.setdefault((event["event_type"], event["country"]), []).append(event)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if same_event(a, b):
                    parent[find(b["id"])] = find(a["id"])  # the earlier report names the group
    groups = {e["id"]: find(e["id"]) for e in events}
    with store.transaction():
        store.execute("DELETE FROM event_groups")
        store.executemany("INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)", list(groups.items()))
    merged = sum(1 for event_id, group in groups.items() if event_id != group)
    return MergeReport(len(events), len(set(groups.values())), merged)


def merged_events(store, **filters) -> list[dict]:
    """One row per real event: the earliest report's fields, every source, independent outlets, agreement."""
    from vigil.store import queries

    reports = list(queries.events(store, **filters))
    if not reports:
        return []
    group_of = {r["event_id"]: r["group_id"] for r in store.query("SELECT event_id, group_id FROM event_groups")}
    documents = {r["id"]: r for r in store.query("SELECT id, source, published, duplicate_of FROM documents")}
    grouped: dict[str, list[dict]] = {}
    for report in reports:
        grouped.setdefault(group_of.get(report["id"], report["id"]), []).append(report)
    rows = []
    for group_id, members in grouped.items():
        first = members[0]
        doc_ids = sorted({d for m in members for d in m["doc_ids"]})
        outlets = {documents[d]["duplicate_of"] or d for d in doc_ids}
        agreement = {field: round(Counter(m[field] for m in members).most_common(1)[0][1] / len(members), 2)
                     for field in ("actor1", "actor2", "location", "date", "fatalities")}
        rows.append({**first, "id": group_id, "doc_ids": doc_ids, "reports": len(members),
                     "independent_outlets": len(outlets), "earliest_report": min(
                         (documents[d]["published"] or "" for d in doc_ids), default=None) or None,
                     "fatalities": min((m["fatalities"] for m in members if m["fatalities"] is not None), default=None),
                     "agreement": agreement})
    return rows
