"""Where an actor is active, where it is new, and how its activity changed against its own baseline.

The questions of ACLED's Trendfinder, asked of Vigil's record: for an actor
(with its aliases and affiliates), the first and last reported activity per
country and admin1 region, the areas that are new in a window (first seen, or
seen again after a quiet spell), each area's count in the last window against
the mean of the windows before it, a timeline by event type, and who speaks
about the actor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from vigil.store import queries
from vigil.store.summaries import SUMMARIES, combine

AREA_RULES = SUMMARIES["actor_areas"][1]
SPEAKER_RULES = SUMMARIES["actor_speakers"][1]

# An event's day (events.day): the resolved event date, else its article's publication date.


@dataclass(frozen=True)
class Area:
    country: str | None
    admin1: str | None
    first_seen: str | None
    last_seen: str | None
    events: int
    documents: int
    places: str  # the place names reported, comma-separated
    example: str  # a sentence behind the area
    example_doc: str


@dataclass(frozen=True)
class Change:
    country: str | None
    admin1: str | None
    recent: int  # events in the last window
    baseline: float  # mean events per window over the previous windows
    ratio: float | None  # recent / baseline (None when there is no baseline)


@dataclass
class Spread:
    actor: str
    actor_ids: list[str]
    since: str | None
    window_days: int
    areas: list[Area] = field(default_factory=list)
    new_areas: list[Area] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    speakers: list[dict] = field(default_factory=list)

    def as_dict(self, limit: int | None = None) -> dict:
        """As plain data (a shallow copy per record: asdict's deep copy is slow for thousands of areas).

        With a `limit`, at most that many areas, new areas and changes: the areas with the most events and the
        first changes (largest first), each list in the order spread gives it, with `<list>_total` and `truncated`.
        """
        out = {k: getattr(self, k) for k in ("actor", "since", "window_days")}
        out["actor_ids"] = list(self.actor_ids)
        lists = ("areas", "new_areas", "changes")
        for name in lists:
            records = getattr(self, name)
            kept = records if limit is None else _capped(records, limit, by_events=name != "changes")
            out[name] = [dict(vars(record)) for record in kept]
            if limit is not None:
                out[f"{name}_total"] = len(records)
        out["timeline"] = [dict(r) for r in self.timeline]
        out["speakers"] = [dict(r) for r in self.speakers]
        if limit is not None:
            out["truncated"] = any(len(out[name]) < out[f"{name}_total"] for name in lists)
        return out


def _capped(records: list, limit: int, by_events: bool) -> list:
    """At most `limit` records in their order: those with the most events, or the first ones."""
    if len(records) <= limit:
        return records
    if not by_events:
        return records[:limit]
    chosen = set(sorted(range(len(records)), key=lambda i: (-records[i].events, i))[:limit])
    return [r for i, r in enumerate(records) if i in chosen]


def actor_ids(store, actor: str) -> list[str]:
    """The actor's ids: names and aliases that match, and their affiliates (children)."""
    exact = json.dumps(actor, ensure_ascii=False)
    matched = [r["id"] for r in store.query(
        "SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) OR aliases LIKE ?", (actor, actor, f"%{exact}%"))]
    matched += [r["actor_id"] for r in store.query(
        "SELECT actor_id FROM actor_summary WHERE lower(name) = lower(?)", (actor,))]
    matched += _mentioned_as(store, actor)
    if not matched:  # a part of a name: "Shabaab"
        matched = [row["id"] for row in queries.actors(store, name=actor)]
    ids = list(dict.fromkeys(matched))
    frontier = list(ids)
    while frontier:
        marks = ",".join("?" * len(frontier))
        children = [r["id"] for r in store.query(f"SELECT id FROM actors WHERE parent IN ({marks})", frontier)]
        frontier = [c for c in children if c not in ids]
        ids.extend(frontier)
    return ids


def _mentioned_as(store, text: str) -> list[str]:
    """The actors some mention calls `text`: one index seek per actor (index actor_mentions_text_actor),
    never a read of every mention with that text."""
    found: list[str] = []
    while True:
        row = list(store.query("SELECT actor_id FROM actor_mentions WHERE lower(text) = lower(?) AND actor_id > ? "
                               "ORDER BY lower(text), actor_id LIMIT 1", (text, found[-1] if found else "")))
        if not row:
            return found
        found.append(row[0]["actor_id"])


def spread(store, actor: str, since: str | None = None, window_days: int = 30, baseline_windows: int = 4,
           quiet_days: int = 180, today: str | None = None) -> Spread:
    ids = actor_ids(store, actor)
    result = Spread(actor, ids, since, window_days)
    if not ids:
        return result
    end = date.fromisoformat(today) if today else _latest_event_date(store, ids) or date.today()
    window_start = (end - timedelta(days=window_days)).isoformat()
    since = since or window_start
    result.since = since
    result.areas = _areas(store, ids)
    result.new_areas = _new_areas(store, ids, since, quiet_days)
    result.changes = _changes(store, ids, end, window_days, baseline_windows)
    result.timeline = _timeline(store, ids)
    result.speakers = _speakers(store, ids)
    return result


REAL = "e.status IN ('happened', 'ongoing', 'claimed')"


def _involving(ids: list[str]) -> tuple[str, list[str]]:
    marks = ",".join("?" * len(ids))
    return f"(e.actor1_id IN ({marks}) OR e.actor2_id IN ({marks}))", ids + ids


def _latest_event_date(store, ids: list[str]) -> date | None:
    marks = ",".join("?" * len(ids))
    value = max((store.scalar(f"SELECT max(day) FROM events WHERE {side} IN ({marks})", ids) or ""
                 for side in ("actor1_id", "actor2_id")), default="")
    return date.fromisoformat(value[:10]) if value else None


def _areas(store, ids: list[str]) -> list[Area]:
    """Every area of the actors' real events, from the actor_areas summary.

    The summary counts each actor with its affiliates, so the rows of the families' heads are read: exact
    for one actor and its affiliates; when a name matched several unrelated actors, their counts are summed.
    """
    heads = _family_heads(store, ids)
    marks = ",".join("?" * len(heads))
    merged: dict[tuple, dict] = {}
    for row in store.query(f"SELECT * FROM actor_areas WHERE actor_id IN ({marks})", heads):
        key = (row["country"], row["admin1"] or None)
        merged[key] = combine(AREA_RULES, merged[key], row) if key in merged else row
    areas = [_area(dict(row, country=c, admin1=a)) for (c, a), row in merged.items()]
    return sorted(areas, key=lambda a: (a.first_seen or "", a.country or "", a.admin1 or ""))


def _family_heads(store, ids: list[str]) -> list[str]:
    """The ids whose parent is not among `ids`: each family's head (its summary rows cover its affiliates)."""
    marks = ",".join("?" * len(ids))
    parents = {r["id"]: r["parent"] for r in store.query(f"SELECT id, parent FROM actors WHERE id IN ({marks})", ids)}
    return [i for i in ids if parents.get(i) not in ids]


def _window_areas(store, ids: list[str], start: str, end: str | None = None) -> list[Area]:
    """The areas of the actors' real events with a day in [start, end), read from the events (a window is small;
    the rows are grouped here, so that no index on the grouped columns tempts the planner into a full scan)."""
    where, params = _involving(ids)
    bound = " AND e.day < ?" if end else ""
    sql = f"""SELECT e.country, e.admin1, e.day, e.doc_id, e.location, e.sentence FROM events e
              WHERE {where} AND e.day >= ?{bound} AND e.country IS NOT NULL AND {REAL}"""
    areas: dict[tuple, dict] = {}
    for row in store.query(sql, params + [start] + ([end] if end else [])):
        key = (row["country"], row["admin1"])
        values = {"first_seen": row["day"], "last_seen": row["day"], "events": 1, "documents": {row["doc_id"]},
                  "places": row["location"] or "", "example": row["sentence"], "example_doc": row["doc_id"]}
        if key in areas:
            docs = areas[key]["documents"] | values["documents"]
            areas[key] = dict(combine(AREA_RULES, {**areas[key], "documents": 0}, {**values, "documents": 0}), documents=docs)
        else:
            areas[key] = values
    rows = [dict(v, country=c, admin1=a, documents=len(v["documents"])) for (c, a), v in areas.items()]
    return sorted((_area(r) for r in rows), key=lambda a: (a.first_seen or "", a.country or "", a.admin1 or ""))


def _area(row: dict) -> Area:
    return Area(**{k: row[k] for k in AREA_FIELDS})


AREA_FIELDS = tuple(Area.__dataclass_fields__)


def _new_areas(store, ids: list[str], since: str, quiet_days: int) -> list[Area]:
    """Areas first reported on or after `since`, or reported again after `quiet_days` without reports."""
    recent = _window_areas(store, ids, since)
    quiet_since = (date.fromisoformat(since[:10]) - timedelta(days=quiet_days)).isoformat()
    active = {(a.country, a.admin1) for a in _window_areas(store, ids, quiet_since, since)}
    return [a for a in recent if (a.country, a.admin1) not in active]


def _changes(store, ids: list[str], end: date, window_days: int, baseline_windows: int) -> list[Change]:
    where, params = _involving(ids)
    start = end - timedelta(days=window_days * (baseline_windows + 1))
    sql = f"""SELECT e.country, e.admin1, e.day FROM events e
              WHERE {where} AND e.country IS NOT NULL AND e.day > ? AND e.day <= ?"""
    counts: dict[tuple, list[int]] = {}
    for row in store.query(sql, params + [start.isoformat(), end.isoformat()]):
        age = (end - date.fromisoformat(row["day"][:10])).days
        window = min(age // window_days, baseline_windows)
        counts.setdefault((row["country"], row["admin1"]), [0] * (baseline_windows + 1))[window] += 1
    changes = []
    for (country, admin1), per_window in counts.items():
        baseline = sum(per_window[1:]) / baseline_windows
        ratio = round(per_window[0] / baseline, 2) if baseline else None
        changes.append(Change(country, admin1, per_window[0], round(baseline, 2), ratio))
    return sorted(changes, key=lambda c: (-(c.recent - c.baseline), c.country or ""))


def _timeline(store, ids: list[str]) -> list[dict]:
    """Events per month and type, from the pair_months summary (each event once, whichever side the actors are on)."""
    marks = ",".join("?" * len(ids))
    sql = f"""SELECT month, event_type, sum(events) AS events FROM pair_months
              WHERE actor1_id IN ({marks}) OR actor2_id IN ({marks})
              GROUP BY month, event_type ORDER BY month, event_type"""
    return [{"month": r["month"] or None, "event_type": r["event_type"], "events": int(r["events"])}
            for r in store.query(sql, ids + ids)]


def _speakers(store, ids: list[str]) -> list[dict]:
    """Who speaks about the actor: speakers of quotes that mention it or who belong to it (actor_speakers summary)."""
    heads = _family_heads(store, ids)
    marks = ",".join("?" * len(heads))
    merged: dict[str, dict] = {}
    for row in store.query(f"SELECT * FROM actor_speakers WHERE actor_id IN ({marks})", heads):
        row = {"speaker": row["speaker"], "speaker_role": row["speaker_role"], "speaker_org": row["speaker_org"],
               "quotes": row["quotes"], "example": row["example"]}
        merged[row["speaker"]] = combine(SPEAKER_RULES, merged[row["speaker"]], row) if row["speaker"] in merged else row
    return sorted(merged.values(), key=lambda r: (-r["quotes"], r["speaker"]))
