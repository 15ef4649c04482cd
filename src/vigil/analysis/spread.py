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
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from vigil.store import queries

# An event's date: the resolved event date, else its article's publication date.
EVENT_DATE = "COALESCE(e.date, substr(d.published, 1, 10))"


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

    def as_dict(self) -> dict:
        return asdict(self)


def actor_ids(store, actor: str) -> list[str]:
    """The actor's ids: names and aliases that match, and their affiliates (children)."""
    exact = json.dumps(actor, ensure_ascii=False)
    matched = [r["id"] for r in store.query(
        "SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?) OR aliases LIKE ?", (actor, actor, f"%{exact}%"))]
    matched += [r["actor_id"] for r in store.query(
        "SELECT DISTINCT actor_id FROM actor_mentions WHERE lower(name) = lower(?) OR lower(text) = lower(?)", (actor, actor))]
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


def _involving(ids: list[str]) -> tuple[str, list[str]]:
    marks = ",".join("?" * len(ids))
    return f"(e.actor1_id IN ({marks}) OR e.actor2_id IN ({marks}))", ids + ids


def _latest_event_date(store, ids: list[str]) -> date | None:
    where, params = _involving(ids)
    value = store.scalar(f"SELECT max({EVENT_DATE}) FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}", params)
    return date.fromisoformat(value[:10]) if value else None


def _areas(store, ids: list[str], extra: str = "", extra_params: tuple = ()) -> list[Area]:
    where, params = _involving(ids)
    sql = f"""SELECT e.country, e.admin1, min({EVENT_DATE}) AS first_seen, max({EVENT_DATE}) AS last_seen,
                     count(*) AS events, count(DISTINCT e.doc_id) AS documents,
                     group_concat(DISTINCT e.location) AS places,
                     min(e.sentence) AS example, min(e.doc_id) AS example_doc
              FROM events e JOIN documents d ON d.id = e.doc_id
              WHERE {where} AND e.country IS NOT NULL AND e.status IN ('happened', 'ongoing', 'claimed') {extra}
              GROUP BY e.country, e.admin1 ORDER BY first_seen"""
    return [Area(**{k: row[k] for k in Area.__dataclass_fields__}) for row in store.query(sql, params + list(extra_params))]


def _new_areas(store, ids: list[str], since: str, quiet_days: int) -> list[Area]:
    """Areas first reported on or after `since`, or reported again after `quiet_days` without reports."""
    recent = _areas(store, ids, f"AND {EVENT_DATE} >= ?", (since,))
    before = {(a.country, a.admin1): a for a in _areas(store, ids, f"AND {EVENT_DATE} < ?", (since,))}
    quiet_since = (date.fromisoformat(since[:10]) - timedelta(days=quiet_days)).isoformat()
    return [a for a in recent
            if (a.country, a.admin1) not in before or (before[(a.country, a.admin1)].last_seen or "") < quiet_since]


def _changes(store, ids: list[str], end: date, window_days: int, baseline_windows: int) -> list[Change]:
    where, params = _involving(ids)
    start = end - timedelta(days=window_days * (baseline_windows + 1))
    sql = f"""SELECT e.country, e.admin1, {EVENT_DATE} AS day FROM events e JOIN documents d ON d.id = e.doc_id
              WHERE {where} AND e.country IS NOT NULL AND {EVENT_DATE} > ? AND {EVENT_DATE} <= ?"""
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
    where, params = _involving(ids)
    sql = f"""SELECT substr({EVENT_DATE}, 1, 7) AS month, e.event_type, count(*) AS events
              FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}
              GROUP BY month, e.event_type ORDER BY month, e.event_type"""
    return list(store.query(sql, params))


def _speakers(store, ids: list[str]) -> list[dict]:
    """Who speaks about the actor: speakers of quotes that mention it or who belong to it."""
    marks = ",".join("?" * len(ids))
    sql = f"""SELECT q.speaker, min(q.speaker_role) AS speaker_role, min(q.speaker_org) AS speaker_org,
                     count(DISTINCT q.id) AS quotes, min(q.text) AS example
              FROM quotes q
              WHERE q.speaker IS NOT NULL AND (q.speaker_actor_id IN ({marks}) OR EXISTS (
                  SELECT 1 FROM actor_mentions m WHERE m.doc_id = q.doc_id AND m.start >= q.start
                  AND m."end" <= q."end" AND m.actor_id IN ({marks})))
              GROUP BY q.speaker ORDER BY quotes DESC, q.speaker"""
    return list(store.query(sql, ids + ids))
