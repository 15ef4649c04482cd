"""Build a large Vigil database by replicating real extractions, for the API latency benchmark.

    python benchmarks/make_events_db.py --events 1000000 --db /tmp/vigil-1m.db

How the data is made:

1. The real articles of `examples/` and `tests/fixtures/seeds/` are ingested with the
   normal pipeline into a base database (kept at `--base`, reused when it exists).
2. The base's documents are copied again and again with all their events, places,
   actor mentions, quotes and dates until `--events` events exist. Each copy:
   - shifts every date (publication, event dates, quote dates, resolved date values)
     by one random number of days within the ten years before the base's dates;
   - moves every resolved place (in the places table and in the events) to another
     real gazetteer place of the same GeoNames feature code (a town to a town, a
     capital to a capital, a country to a country, a region to a region), drawn at
     random, with its own name, coordinates, country and admin1 region;
   - keeps the texts, the actors and the extraction offsets as they were (so the
     mention text of a moved place no longer names it: the benchmark reads rows, it
     does not re-read texts).
   Document ids are new (16 hex characters), content hashes unique.
3. Rows are written with executemany in large transactions, the secondary indexes
   dropped during the load and rebuilt after it, and the summary tables that
   migrations maintain rebuilt from the loaded rows (`vigil.store.summaries`).

The random draws are seeded (`--seed`), so the same command builds the same database.
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [ROOT / "examples", ROOT / "tests" / "fixtures" / "seeds"]
COPIED = ("documents", "events", "places", "actor_mentions", "quotes", "dates")
YEARS_BACK = 10


def build_base(base: Path) -> None:
    from vigil.api import Vigil

    with Vigil(str(base)) as vigil:
        vigil.ingest([str(p) for p in INPUTS])


def shift_day(value, days: int):
    """An ISO date (or the date part of an ISO datetime) moved by `days`; other values unchanged."""
    if not value or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + timedelta(days=days)).isoformat() + value[10:]


def place_pools(rng: random.Random) -> dict[str, list]:
    from vigil.places.gazetteer import gazetteer

    gaz = gazetteer()
    pools: dict[str, list] = {}
    for place in gaz.places:
        if place.geonameid is not None:
            pools.setdefault(place.feature, []).append((place, gaz.admin1_of(place) if place.feature == "PPLC" else None))
    return pools


class Mover:
    """Maps each resolved place of the base to a random gazetteer place of the same feature code, per copy."""

    def __init__(self, pools: dict[str, list], rng: random.Random):
        from vigil.places.gazetteer import gazetteer

        self.gaz = gazetteer()
        self.pools = pools
        self.rng = rng

    def mapping(self, base_places: dict[int, str]) -> dict[int, dict]:
        moved = {}
        for geonameid, feature in base_places.items():
            pool = self.pools.get(feature)
            if not pool:
                continue
            place, _ = pool[self.rng.randrange(len(pool))]
            moved[geonameid] = {"name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
                                "country": place.country, "admin1": self.gaz.admin1_of(place)}
        return moved


def load_base(base: sqlite3.Connection) -> dict[str, list[dict]]:
    base.row_factory = sqlite3.Row
    return {table: [dict(r) for r in base.execute(f"SELECT * FROM {table}")] for table in COPIED}


def copy_rows(base: dict[str, list[dict]], copy: int, days: int, moved: dict[int, dict]) -> dict[str, list[dict]]:
    ids = {d["id"]: f"{copy:08x}{d['id'][:8]}" for d in base["documents"]}
    published = {}
    out: dict[str, list[dict]] = {t: [] for t in COPIED}
    for d in base["documents"]:
        row = dict(d, id=ids[d["id"]], content_hash=f"{d['content_hash'][:48]}{copy:016x}",
                   published=shift_day(d["published"], days), origin=f"{d['origin']}#copy{copy}", duplicate_of=None)
        published[row["id"]] = row["published"]
        out["documents"].append(row)
    for e in base["events"]:
        doc_id = ids[e["doc_id"]]
        row = dict(e, doc_id=doc_id, id=doc_id + e["id"][len(e["doc_id"]):], date=shift_day(e["date"], days),
                   date_end=shift_day(e["date_end"], days))
        place = moved.get(e["geonameid"])
        if place:
            row.update(location=place["name"], geonameid=place["geonameid"], lat=place["lat"], lon=place["lon"],
                       country=place["country"], admin1=place["admin1"])
        row["day"] = row["date"] or (published[doc_id] or "")[:10] or None  # written when the schema has it
        out["events"].append(row)
    for p in base["places"]:
        row = dict(p, doc_id=ids[p["doc_id"]])
        place = moved.get(p["geonameid"])
        if place:
            row.update(place)
        out["places"].append(row)
    for m in base["actor_mentions"]:
        out["actor_mentions"].append(dict(m, doc_id=ids[m["doc_id"]]))
    for q in base["quotes"]:
        doc_id = ids[q["doc_id"]]
        out["quotes"].append(dict(q, doc_id=doc_id, id=doc_id + q["id"][len(q["doc_id"]):], date=shift_day(q["date"], days),
                                  published=published[doc_id]))
    for t in base["dates"]:
        out["dates"].append(dict(t, doc_id=ids[t["doc_id"]], value=shift_day(t["value"], days),
                                 range_start=shift_day(t["range_start"], days), range_end=shift_day(t["range_end"], days)))
    return out


def secondary_indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(name, sql) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (%s)"
        % ",".join("?" * len(COPIED)), COPIED)]


def write(conn: sqlite3.Connection, columns: dict[str, tuple], rows: dict[str, list[dict]]) -> None:
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        cols = columns[table]
        quoted = ", ".join(f'"{c}"' for c in cols)
        conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))})",
                         [tuple(r.get(c) for c in cols) for r in table_rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", required=True, help="the SQLite file to create (must not exist)")
    parser.add_argument("--base", help="base database of the real extractions (built when missing)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from vigil.store import open_store

    target = Path(args.db)
    if target.exists():
        parser.error(f"{target} exists; give a new file")
    base_path = Path(args.base) if args.base else Path(tempfile.gettempdir()) / "vigil-latency-base.db"
    started = time.perf_counter()
    if not base_path.exists():
        print(f"ingesting {', '.join(str(p.relative_to(ROOT)) for p in INPUTS)} into {base_path} ...", flush=True)
        build_base(base_path)
    base = load_base(sqlite3.connect(base_path))
    per_copy = len(base["events"])
    if not per_copy:
        parser.error("the base database has no events")
    copies = math.ceil(args.events / per_copy)

    store = open_store(target)  # creates the schema with every migration
    actors = list(sqlite3.connect(base_path).execute("SELECT id, name, aliases, type, country, wikidata, parent FROM actors"))
    store.close()
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)", actors)
    columns = {t: tuple(r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')) for t in COPIED}
    indexes = secondary_indexes(conn)
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')

    rng = random.Random(args.seed)
    mover = Mover(place_pools(rng), rng)
    base_places = {p["geonameid"]: p["feature"] for p in base["places"] if p["geonameid"] is not None}
    base_places.update({e["geonameid"]: base_places.get(e["geonameid"]) for e in base["events"] if e["geonameid"]})
    base_places = {g: f for g, f in base_places.items() if f}
    written = 0
    conn.execute("BEGIN")
    for copy in range(1, copies + 1):
        rows = copy_rows(base, copy, -rng.randrange(0, 365 * YEARS_BACK), mover.mapping(base_places))
        excess = written + len(rows["events"]) - args.events
        if excess > 0:
            rows["events"] = rows["events"][: len(rows["events"]) - excess]
        write(conn, columns, rows)
        written += len(rows["events"])
        if copy % 2000 == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"  {written:,} events ({time.perf_counter() - started:.0f} s)", flush=True)
    conn.execute("COMMIT")
    print(f"rebuilding {len(indexes)} indexes ...", flush=True)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.close()
    store = open_store(target)
    try:
        from vigil.store import summaries
    except ImportError:
        summaries = None
    if summaries is not None:
        print("rebuilding summary tables ...", flush=True)
        summaries.rebuild(store)
    store.execute("ANALYZE")
    store.close()
    print(f"{target}: {written:,} events in {copies:,} copies of {len(base['documents'])} documents, "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
