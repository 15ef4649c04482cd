"""One event per real event: reports of the same event, from many articles, merged into a group.

Two event reports are the same event when both give the day, or both a place finer than a country and one actor,
their types are the same and their ACLED sub-event types the same or compatible (one outlet's "drone
strike" is another's "strike": compatible pairs are listed in data/merge/sub_event_types.tsv and join
only when the reports corroborate each other), their actors do not contradict each other (a shared
actor, one side unnamed, one an unnamed "militants" of the other's kind, a bystander such as the UN of
"the UN condemned the attack" counted as unnamed), their places agree within the coarser place's
precision (same place for towns, same admin1 or country for regions; a report naming no place takes
its article's only country), and their dates lie within the coarser date's precision (a day, a week,
a month). Groups are connected components of that relation, built inside blocks of one event type and
country so the work stays near-linear: inside a block, reports are sorted by day and each is compared
only with the reports of the next month (the widest date slack). Actors agree when they are the same
actor or one belongs to the other in the actor catalogue (U.S. Central Command is part of the Military
Forces of United States; the chain is followed through the actor catalogue where no article named a link of
it). Regions are compared without the generic words of their names (data/merge/admin1_words.tsv), and a report
of a syndicated copy joins the same report of its original.

A merged event keeps the link to each of its reports (`report_ids`, `doc_ids`), takes
each field from the reports that give it (the most precise place and date, the lowest
fatality count, as ACLED does), tells how far its reports agree on each field (reports
that do not give a field are left out), and counts its independent outlets: a
syndicated copy (a near-duplicate article) counts as its original, and several
articles of one source count once.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from vigil.knowledge import read_tsv
from vigil.places.gazetteer import name_key

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


@dataclass(frozen=True)
class MergeKnowledge:
    """What merging knows beyond the reports (files under vigil/data/merge/, see docs/knowledge.md)."""

    sub_event_pairs: frozenset[frozenset[str]] = frozenset()  # sub-event types one event may be told as
    unspecific_actors: dict[str, frozenset[str]] = field(default_factory=dict)  # actor id -> types it stands for
    bystander_types: dict[str, frozenset[str]] = field(default_factory=dict)  # event type -> actor types not a side
    admin1_prefixes: tuple[str, ...] = ()  # generic words of region names ("Mintaqat `Asir" is "Asir"), as name keys
    admin1_suffixes: tuple[str, ...] = ()


def _split(value: str | None) -> frozenset[str]:
    return frozenset(v.strip() for v in (value or "").split("|") if v.strip())


@functools.lru_cache(maxsize=1)
def merge_knowledge() -> MergeKnowledge:
    pairs = frozenset(frozenset((row["sub_event_type"], other)) for row in read_tsv("merge/sub_event_types.tsv")
                      for other in _split(row["compatible_with"]))
    unspecific = {row["actor_id"]: _split(row["stands_for"]) for row in read_tsv("merge/unspecific_actors.tsv")}
    bystanders = {row["event_type"]: _split(row["actor_types"]) for row in read_tsv("merge/bystander_actor_types.tsv")}
    words = list(read_tsv("merge/admin1_words.tsv"))
    prefixes = tuple(sorted({name_key(r["word"]) for r in words if r["position"] == "prefix"}, key=len, reverse=True))
    suffixes = tuple(sorted({name_key(r["word"]) for r in words if r["position"] == "suffix"}, key=len, reverse=True))
    return MergeKnowledge(pairs, unspecific, bystanders, prefixes, suffixes)


def _admin1_key(name: str | None, knowledge: MergeKnowledge) -> str | None:
    """A region's name without accents, punctuation and generic words: "Mintaqat `Asir" and "Asir" share one."""
    if not name:
        return None
    key = name_key(name)
    for prefix in knowledge.admin1_prefixes:
        if key.startswith(prefix + " ") and key[len(prefix) + 1:]:
            key = key[len(prefix) + 1:]
            break
    for suffix in knowledge.admin1_suffixes:
        if key.endswith(" " + suffix) and key[:-len(suffix) - 1]:
            key = key[:-len(suffix) - 1]
            break
    return key


@dataclass(frozen=True)
class ActorCatalogue:
    """The actors table as merging needs it: each actor's parent and type."""

    parents: dict[str, str | None] = field(default_factory=dict)
    types: dict[str, str | None] = field(default_factory=dict)


def same_event(a: dict, b: dict, parents: dict[str, str | None] | ActorCatalogue | None = None,
               knowledge: MergeKnowledge | None = None) -> bool:
    """Whether two event reports of two articles describe one real event (`parents`: the actor catalogue, or
    actor id -> parent id)."""
    catalogue = parents if isinstance(parents, ActorCatalogue) else ActorCatalogue(parents or {})
    knowledge = knowledge or merge_knowledge()
    return (a["doc_id"] != b["doc_id"] and _precise_enough(a, b, catalogue, knowledge)
            and _compatible(a, b, catalogue, knowledge))


def kept_apart(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge | None = None) -> list[str]:
    """Why two event reports are not one event (empty when `same_event` joins them): the checks they fail, for
    reading the misses of an evaluation set by cause."""
    knowledge = knowledge or merge_knowledge()
    reasons = []
    if a["doc_id"] == b["doc_id"]:
        reasons.append("one article")
    if a["event_type"] != b["event_type"]:
        reasons.append(f"type {a['event_type']}/{b['event_type']}")
    if a["status"] in UNREAL or b["status"] in UNREAL:
        reasons.append(f"status {a['status']}/{b['status']}")
    if not _precise_enough(a, b, catalogue, knowledge):
        reasons.append("vague: neither both days nor both places finer than a country and one actor")
    a, b = _without_bystanders(a, catalogue, knowledge), _without_bystanders(b, catalogue, knowledge)
    if not _actors_agree(a, b, catalogue, knowledge):
        reasons.append(f"actors {a['actor1_id']},{a['actor2_id']}/{b['actor1_id']},{b['actor2_id']}")
    if not _places_agree(a, b, knowledge):
        reasons.append(f"places {a['location']} ({a['country']}, {a['geo_precision']})/"
                       f"{b['location']} ({b['country']}, {b['geo_precision']})")
    if not _dates_agree(a, b):
        reasons.append(f"dates {a['date'] or a['published']} ({a['time_precision']})/"
                       f"{b['date'] or b['published']} ({b['time_precision']})")
    if not _sub_events_agree(a, b, catalogue, knowledge):
        reasons.append(f"sub-events {a['acled_sub_event_type']}/{b['acled_sub_event_type']} uncorroborated")
    return reasons


def _compatible(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> bool:
    """Nothing in the two reports tells two events apart: type, status, actors, place, date, sub-event type."""
    if a["event_type"] != b["event_type"] or a["status"] in UNREAL or b["status"] in UNREAL:
        return False
    a, b = _without_bystanders(a, catalogue, knowledge), _without_bystanders(b, catalogue, knowledge)
    return (_actors_agree(a, b, catalogue, knowledge) and _places_agree(a, b, knowledge) and _dates_agree(a, b)
            and _sub_events_agree(a, b, catalogue, knowledge))


def _re_mentions(events: list[dict], catalogue: ActorCatalogue, knowledge: MergeKnowledge):
    """Pairs (re-mention, report) inside one article: a report without a day of its own (a headline; "In response,
    the U.S. conducted two strikes") joins the report of its article that gives the day and agrees with it, when
    exactly one does (a roundup telling two strikes on two days leaves its summary sentence alone)."""
    by_article: dict[str, list[dict]] = {}
    for event in events:
        by_article.setdefault(event["doc_id"], []).append(event)
    for reports in by_article.values():
        dated = [r for r in reports if r["time_precision"] == 1]
        for report in reports:
            if report["time_precision"] == 1 or not dated:
                continue
            matches = [d for d in dated if _compatible(report, d, catalogue, knowledge)]
            if len(matches) == 1:
                yield report["id"], matches[0]["id"]


def _copied_reports(store):
    """Pairs (report of a syndicated copy, the same report of its original): an article the duplicate finder linked
    to its original (`duplicate_of`) repeats its sentences, and a report of the same type on the same word of the
    same sentence is the original's report, whatever the rules above can tell of it (a strike at sea, in no
    country). Unreal reports are left alone, as everywhere; a sentence the original tells twice is left alone."""
    unreal = ",".join(f"'{status}'" for status in UNREAL)
    twins: dict[str, list[str]] = {}
    for row in store.query(
            f"""SELECT c.id AS copy_id, o.id AS original_id
                FROM documents d JOIN events c ON c.doc_id = d.id
                JOIN events o ON o.doc_id = d.duplicate_of AND o.event_type = c.event_type
                     AND o.sentence = c.sentence AND o.start - o.sentence_start = c.start - c.sentence_start
                WHERE d.duplicate_of IS NOT NULL AND d.duplicate_of <> d.id
                  AND c.status NOT IN ({unreal}) AND o.status NOT IN ({unreal})"""):
        twins.setdefault(row["copy_id"], []).append(row["original_id"])
    for copy, originals in twins.items():
        if len(originals) == 1:
            yield copy, originals[0]


def _sub_events_agree(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> bool:
    """The same ACLED sub-event type (or one unknown); or two a real event may be told as, when the reports
    corroborate each other (the same actor 1, or the same place finer than a country on the same day)."""
    x, y = a["acled_sub_event_type"], b["acled_sub_event_type"]
    if not (x and y) or x == y:
        return True
    return frozenset((x, y)) in knowledge.sub_event_pairs and _corroborated(a, b, catalogue, knowledge)


def _corroborated(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> bool:
    both_named = a["actor1_id"] and b["actor1_id"] and not any(
        x in knowledge.unspecific_actors for x in (a["actor1_id"], b["actor1_id"]))
    same_actor = both_named and _same_actor(a["actor1_id"], b["actor1_id"], catalogue, knowledge)
    both_placed = (a["geo_precision"] or 3) <= 2 and (b["geo_precision"] or 3) <= 2
    both_days = a["time_precision"] == 1 and b["time_precision"] == 1
    return bool(same_actor) or (both_placed and both_days)


def _without_bystanders(event: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> dict:
    """The report with an actor that cannot be a side of its event type (the UN of "the UN condemned the attack") unnamed."""
    bystanders = knowledge.bystander_types.get(event["event_type"], frozenset())
    sides = {side: None for side in ("actor1_id", "actor2_id")
             if event[side] and catalogue.types.get(event[side]) in bystanders}
    return {**event, **sides} if sides else event


def _precise_enough(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> bool:
    """Two reports that each give only a country and a vague date (a headline dated by its article) could be any
    of that week's events there: they join only when both give the day, or both a place finer than a region and
    both name one actor. A headline dated by its article that names nobody ("Iranian general Soleimani killed in
    Baghdad") would otherwise join any event of that town that week (the attack on the U.S. Embassy in Baghdad
    three days before); it still joins its own article's report through `_re_mentions`."""
    both_days = a["time_precision"] == 1 and b["time_precision"] == 1
    both_places = (a["geo_precision"] or 3) <= 2 and (b["geo_precision"] or 3) <= 2
    if both_days:
        return True
    if not both_places:
        return False
    a, b = _without_bystanders(a, catalogue, knowledge), _without_bystanders(b, catalogue, knowledge)
    return _share_actor(a, b, catalogue, knowledge)


def _share_actor(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge) -> bool:
    """Both reports name one actor (or one a part of the other), an unnamed "militants" not counting."""
    def named(report: dict) -> list[str]:
        return [report[side] for side in ("actor1_id", "actor2_id")
                if report[side] and report[side] not in knowledge.unspecific_actors]

    return any(_same_actor(x, y, catalogue) for x in named(a) for y in named(b))


UNREAL = ("negated", "denied", "hypothetical", "conditional")


def _lineage(actor_id: str, parents: dict[str, str | None]) -> list[str]:
    """The actor and the actors it belongs to, nearest first."""
    chain = [actor_id]
    while parents.get(chain[-1]) and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    return chain


def _same_actor(x: str, y: str, catalogue: ActorCatalogue, knowledge: MergeKnowledge | None = None) -> bool:
    """The same actor, one a part of the other, or one an unnamed member of the other's kind ("militants")."""
    parents = catalogue.parents
    if x == y or y in _lineage(x, parents) or x in _lineage(y, parents):
        return True
    unspecific = knowledge.unspecific_actors if knowledge else {}
    return (_stands_for(unspecific.get(x), y, catalogue) or _stands_for(unspecific.get(y), x, catalogue))


def _stands_for(kinds: frozenset[str] | None, actor: str, catalogue: ActorCatalogue) -> bool:
    return bool(kinds) and any(catalogue.types.get(a) in kinds for a in _lineage(actor, catalogue.parents))


def _actors_agree(a: dict, b: dict, catalogue: ActorCatalogue, knowledge: MergeKnowledge | None = None) -> bool:
    """Each side names the same actor (or one of its parts) or leaves it unnamed; if both name actor1, one actor is shared."""
    for side in ("actor1_id", "actor2_id"):
        if a[side] and b[side] and not _same_actor(a[side], b[side], catalogue, knowledge):
            return False
    if not (a["actor1_id"] and b["actor1_id"]):
        return True
    return any(_same_actor(x, y, catalogue, knowledge) for x in (a["actor1_id"], a["actor2_id"]) if x
               for y in (b["actor1_id"], b["actor2_id"]) if y)


def _places_agree(a: dict, b: dict, knowledge: MergeKnowledge | None = None) -> bool:
    if not a["country"] or a["country"] != b["country"]:
        return False
    precision = max(a["geo_precision"] or 3, b["geo_precision"] or 3)
    if precision == 1:
        return a["geonameid"] == b["geonameid"] and a["geonameid"] is not None or a["location"] == b["location"]
    if precision == 2:
        knowledge = knowledge or merge_knowledge()
        return a["admin1"] == b["admin1"] or (
            _admin1_key(a["admin1"], knowledge) is not None
            and _admin1_key(a["admin1"], knowledge) == _admin1_key(b["admin1"], knowledge))
    return True


def _dates_agree(a: dict, b: dict) -> bool:
    day_a, day_b = _day(a["date"] or a["published"]), _day(b["date"] or b["published"])
    if day_a is None or day_b is None:
        return day_a is None and day_b is None
    slack = max(DATE_SLACK.get(a["time_precision"], 3), DATE_SLACK.get(b["time_precision"], 3))
    return abs((day_a - day_b).days) <= slack


def _events(store) -> list[dict]:
    events = [dict(r) for r in store.query(
        """SELECT e.id, e.doc_id, e.event_type, e.acled_sub_event_type, e.actor1_id, e.actor2_id, e.location,
                  e.geonameid, e.country, e.admin1, e.geo_precision, e.date, e.time_precision, e.status,
                  d.published, d.source, d.duplicate_of
           FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY COALESCE(d.published, ''), e.id""")]
    return _placed_by_article(events)


def _placed_by_article(events: list[dict]) -> list[dict]:
    """A report whose sentence names no place is compared as if it said its article's country, when all the
    article's placed reports lie in one country (a release about one strike in Somalia), at country precision."""
    countries: dict[str, set[str]] = {}
    for event in events:
        if event["country"]:
            countries.setdefault(event["doc_id"], set()).add(event["country"])
    for event in events:
        only = countries.get(event["doc_id"], set())
        if not event["country"] and len(only) == 1:
            event.update(country=next(iter(only)), geo_precision=3, admin1=None)
    return events


def _catalogue(store) -> ActorCatalogue:
    """Each actor's parent and type: the stored actors, over the actor catalogue. The store holds only the actors its
    articles name, so a chain of belonging (ADF, part of Islamic State Central Africa Province, part of Islamic State)
    broke at a link no article named; the catalogue (data/actors/groups.tsv, and the user's) fills those links."""
    from vigil.actors.catalogue import catalogue

    known = catalogue()
    parents = {actor_id: actor.parent for actor_id, actor in known.items()}
    types = {actor_id: actor.type for actor_id, actor in known.items()}
    for row in store.query("SELECT id, parent, type FROM actors"):
        parents[row["id"]] = row["parent"] or parents.get(row["id"])
        types[row["id"]] = row["type"] or types.get(row["id"])
    return ActorCatalogue(parents, types)


WIDEST_SLACK = max(DATE_SLACK.values())


def _candidate_pairs(block: list[dict]):
    """Pairs of reports of one block whose days are close enough to be compared (undated ones among themselves)."""
    dated = sorted(((_day(e["date"] or e["published"]), n, e) for n, e in enumerate(block)
                    if _day(e["date"] or e["published"])), key=lambda t: (t[0], t[1]))
    for i, (day_a, _, a) in enumerate(dated):
        for day_b, _, b in dated[i + 1:]:
            if (day_b - day_a).days > WIDEST_SLACK:
                break
            yield (a, b) if a["_order"] < b["_order"] else (b, a)
    undated = [e for e in block if not _day(e["date"] or e["published"])]
    for i, a in enumerate(undated):
        for b in undated[i + 1:]:
            yield a, b


def merge_events(store) -> MergeReport:
    """Group the stored event reports; rewrites the event_groups table."""
    events = _events(store)
    catalogue = _catalogue(store)
    knowledge = merge_knowledge()
    parent = {e["id"]: e["id"] for e in events}
    order = {e["id"]: n for n, e in enumerate(events)}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:  # the earliest report names the group
            first, second = sorted((root_a, root_b), key=order.get)
            parent[second] = first

    blocks: dict[tuple, list[dict]] = {}
    for event in events:
        event["_order"] = order[event["id"]]
        blocks.setdefault((event["event_type"], event["country"]), []).append(event)
    for block in blocks.values():
        for a, b in _candidate_pairs(block):
            if same_event(a, b, catalogue, knowledge):
                join(a["id"], b["id"])
    for re_mention, report in _re_mentions(events, catalogue, knowledge):
        join(re_mention, report)
    for copy, original in _copied_reports(store):
        join(copy, original)
    groups = {e["id"]: find(e["id"]) for e in events}
    with store.transaction():
        store.execute("DELETE FROM event_groups")
        store.executemany("INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)", list(groups.items()))
    merged = sum(1 for event_id, group in groups.items() if event_id != group)
    return MergeReport(len(events), len(set(groups.values())), merged)


AGREEMENT_FIELDS = ("actor1_id", "actor2_id", "location", "date", "fatalities")


def merged_events(store, **filters) -> list[dict]:
    """One row per real event: each field from the reports that give it, every report and source, outlets, agreement."""
    from vigil.store import queries

    reports = list(queries.events(store, **filters))
    if not reports:
        return []
    ids = [r["id"] for r in reports]
    group_of = {r["event_id"]: r["group_id"] for r in _rows_for(store, "SELECT event_id, group_id FROM event_groups "
                                                                       "WHERE event_id IN ({})", ids)}
    doc_ids = sorted({d for r in reports for d in r["doc_ids"]})
    documents = {r["id"]: r for r in _rows_for(store, "SELECT id, source, published, duplicate_of FROM documents "
                                                      "WHERE id IN ({})", doc_ids)}
    originals = {d["duplicate_of"] for d in documents.values() if d["duplicate_of"] and d["duplicate_of"] not in documents}
    documents.update({r["id"]: r for r in _rows_for(store, "SELECT id, source, published, duplicate_of FROM documents "
                                                           "WHERE id IN ({})", sorted(originals))})
    grouped: dict[str, list[dict]] = {}
    for report in reports:
        grouped.setdefault(group_of.get(report["id"], report["id"]), []).append(report)
    return [_merged_row(group_id, members, documents) for group_id, members in grouped.items()]


def _rows_for(store, sql: str, values: list, chunk: int = 500):
    for start in range(0, len(values), chunk):
        part = values[start:start + chunk]
        yield from store.query(sql.format(",".join("?" * len(part))), part)


def _outlet(doc_id: str, documents: dict[str, dict]) -> str:
    """Who wrote a document: its original's source for a syndicated copy; the document itself when the source is unknown."""
    doc = documents.get(doc_id) or {}
    original = documents.get(doc.get("duplicate_of") or "") or doc
    return (original.get("source") or "").strip().lower() or original.get("id") or doc_id


def _merged_row(group_id: str, members: list[dict], documents: dict[str, dict]) -> dict:
    doc_ids = sorted({d for m in members for d in m["doc_ids"]})
    row = {**members[0], **_best_fields(members)}
    row.update({
        "id": group_id, "doc_ids": doc_ids, "report_ids": [m["id"] for m in members], "reports": len(members),
        "independent_outlets": len({_outlet(d, documents) for d in doc_ids}),
        "earliest_report": min((documents.get(d, {}).get("published") or "" for d in doc_ids), default=None) or None,
        "fatalities": min((m["fatalities"] for m in members if m["fatalities"] is not None), default=None),
        "agreement": {field.removesuffix("_id"): _agreement(members, field) for field in AGREEMENT_FIELDS},
    })
    return row


PLACE_FIELDS = ("location", "geonameid", "lat", "lon", "country", "admin1", "geo_precision")
DATE_FIELDS = ("date", "date_end", "time_precision")


def _best_fields(members: list[dict]) -> dict:
    """The most precise place and date any report gives, and each actor side as the reports name it."""
    out: dict = {}
    placed = [m for m in members if m["location"]]
    if placed:
        best = min(placed, key=lambda m: m["geo_precision"] or 9)
        out.update({k: best[k] for k in PLACE_FIELDS})
    dated = [m for m in members if m["date"]]
    if dated:
        best = min(dated, key=lambda m: m["time_precision"] or 9)
        out.update({k: best[k] for k in DATE_FIELDS})
    for side in ("actor1", "actor2"):
        named = [m for m in members if m[f"{side}_id"]]
        if named:
            common = Counter(m[f"{side}_id"] for m in named).most_common(1)[0][0]
            first = next(m for m in named if m[f"{side}_id"] == common)
            out.update({side: first[side], f"{side}_id": common})
    return out


def _agreement(members: list[dict], field: str) -> float | None:
    """The share of the reports giving a field that give its most common value (None: no report gives it)."""
    values = [m[field] for m in members if m[field] is not None]
    if not values:
        return None
    return round(Counter(values).most_common(1)[0][1] / len(values), 2)
