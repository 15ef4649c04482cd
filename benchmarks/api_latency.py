"""Latency of every REST API endpoint the CLI and the dashboard use, on a large database.

    python benchmarks/make_events_db.py --events 1000000 --db /tmp/vigil-1m.db
    python benchmarks/api_latency.py --db /tmp/vigil-1m.db

The API runs in this process (FastAPI's TestClient: the full HTTP stack, routing,
validation and JSON encoding, without a socket). The dashboard's endpoints
("dash ...") are asked with the parameters its first load and its filters send, its answer cache
emptied before each request. Each endpoint is asked several
times with parameters drawn from the database itself (its countries, actors,
event types, dates, documents, speakers), after one warm-up pass; the table gives
the median (p50), the 95th percentile (p95) and the slowest time per endpoint,
and marks the endpoints over the target (p95 < 100 ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

TARGET_MS = 100.0


def sample(store, sql: str, n: int, rng: random.Random) -> list:
    values = [next(iter(r.values())) for r in store.query(sql)]
    values = [v for v in values if v]
    return rng.sample(values, min(n, len(values))) if values else []


def requests(store, rng: random.Random, per_endpoint: int) -> dict[str, list[str]]:
    """The requests to time, by endpoint, with parameters drawn from the database."""
    from urllib.parse import quote

    # Parameter pools: small queries on the lookup tables, never full scans of the big ones.
    countries = sample(store, "SELECT country FROM events WHERE country IS NOT NULL LIMIT 5000", 200, rng)
    types = ["ASSAULT", "SUPPORT", "THREATEN", "COERCE", "REQUEST", "CONSULT", "RETREAT", "PROTEST"]
    actors = sample(store, "SELECT name FROM actors", 50, rng)
    actor_ids = sample(store, "SELECT id FROM actors", 50, rng)
    doc_ids = sample(store, "SELECT id FROM documents LIMIT 20000", 200, rng)
    event_ids = sample(store, f"SELECT id FROM events WHERE rowid % 997 = {rng.randrange(997)} LIMIT 2000", 200, rng)
    speakers = sample(store, "SELECT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 2000", 50, rng)
    words = ["Sirte", "Islamic State", "airstrike", "Baghdad", "militants", "ceasefire", "attack", "Syria", "killed", "forces"]
    years = [str(y) for y in range(2010, 2027)]
    statuses = ["happened", "ongoing", "hypothetical", "claimed"]

    def pick(values):
        return quote(str(rng.choice(values))) if values else ""

    def day():
        return f"{rng.choice(years)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def box(small: bool = False):
        """A map view (or one grid cell) around a random event place."""
        lat, lon = rng.choice(points) if points else (0.0, 0.0)
        half = rng.choice([0.05, 0.2]) if small else rng.choice([2.0, 8.0, 25.0])
        return ",".join(f"{v:.4f}" for v in (max(-180, lon - half), max(-90, lat - half / 2),
                                             min(180, lon + half), min(90, lat + half / 2)))

    points = [(r["lat"], r["lon"]) for r in store.query(
        "SELECT lat, lon FROM events WHERE lat IS NOT NULL LIMIT 5000")]
    n = per_endpoint
    plans = {
        "events (no filter)": lambda: "/api/events",
        "events ?offset= (up to 10,000)": lambda: f"/api/events?offset={rng.choice([1000, 5000, 10000])}",
        "events ?after= (keyset page)": lambda: f"/api/events?after={pick(event_ids)}",
        "events ?type=": lambda: f"/api/events?type={rng.choice(types)}",
        "events ?country=": lambda: f"/api/events?country={pick(countries)}",
        "events ?actor=": lambda: f"/api/events?actor={pick(actors + actor_ids)}",
        "events ?since=&until=": lambda: f"/api/events?since={day()}&until={day()[:4]}-12-31",
        "events ?status=": lambda: f"/api/events?status={rng.choice(statuses)}",
        "events ?type=&country=&since=": lambda: f"/api/events?type={rng.choice(types)}&country={pick(countries)}&since={day()}",
        "events ?format=geojson": lambda: f"/api/events?format=geojson&country={pick(countries)}",
        "timeline": lambda: "/api/timeline",
        "timeline ?type=&country=": lambda: f"/api/timeline?type={rng.choice(types)}&country={pick(countries)}",
        "timeline ?actor=": lambda: f"/api/timeline?actor={pick(actors)}",
        "countries": lambda: "/api/countries",
        "countries ?type=&since=&until=": lambda: f"/api/countries?type={rng.choice(types)}&since={day()}&until={day()[:4]}-12-31",
        "countries ?actor=": lambda: f"/api/countries?actor={pick(actors)}",
        "places": lambda: "/api/places",
        "places ?country=": lambda: f"/api/places?country={pick(countries)}",
        "actors": lambda: "/api/actors",
        "actors ?name=": lambda: f"/api/actors?name={pick(actors)}",
        "quotes": lambda: "/api/quotes",
        "quotes ?speaker=": lambda: f"/api/quotes?speaker={pick(speakers)}",
        "quotes ?actor=": lambda: f"/api/quotes?actor={pick(actor_ids)}",
        "quotes ?text=": lambda: f"/api/quotes?text={quote(rng.choice(words))}",
        "spread ?actor=": lambda: f"/api/spread?actor={pick(actors)}",
        "search ?q=": lambda: f"/api/search?q={quote(rng.choice(words))}",
        "document": lambda: f"/api/documents/{pick(doc_ids)}",
        "documents": lambda: f"/api/documents?since={day()}",
        "stats": lambda: "/api/stats",
        # The dashboard (src/vigil/static/js): its first load, then the same requests under each filter.
        "dash map ?zoom=2 (first load)": lambda: "/api/map?zoom=2",
        "dash map ?zoom=&bbox= (pan, zoom)": lambda: f"/api/map?zoom={rng.randint(3, 12)}&bbox={box()}",
        "dash map ?zoom=2&type=&status=": lambda: f"/api/map?zoom=2&type={rng.choice(types)}&status={rng.choice(statuses)}",
        "dash map ?zoom=2&country=&precision=": lambda: f"/api/map?zoom=2&country={pick(countries)}&precision={rng.randint(1, 3)}",
        "dash map ?zoom=2&since=&until=": lambda: f"/api/map?zoom=2&since={day()}&until={day()[:4]}-12-31",
        "dash map ?zoom=2&actor=": lambda: f"/api/map?zoom=2&actor={pick(actors)}",
        "dash histogram ?bucket=week (first load)": lambda: "/api/histogram?bucket=week",
        "dash histogram ?bucket=week&type=&country=": lambda: f"/api/histogram?bucket=week&type={rng.choice(types)}&country={pick(countries)}",
        "dash histogram ?bucket=day": lambda: f"/api/histogram?bucket=day&status={rng.choice(['', 'happened'])}",
        "dash histogram ?bucket=day&since=&until=": lambda: f"/api/histogram?bucket=day&since={day()}&until={day()[:4]}-12-31",
        "dash histogram ?actor=": lambda: f"/api/histogram?bucket=week&actor={pick(actors)}",
        "dash map/events (first load)": lambda: "/api/map/events?limit=50&offset=0",
        "dash map/events ?type=&status=&precision=": lambda: f"/api/map/events?limit=50&offset=0&type={rng.choice(types)}&status={rng.choice(statuses)}&precision={rng.randint(1, 3)}",
        "dash map/events ?country=&since=": lambda: f"/api/map/events?limit=50&offset=0&country={pick(countries)}&since={day()}",
        "dash map/events ?actor=": lambda: f"/api/map/events?limit=50&offset=0&actor={pick(actors)}",
        "dash map/events ?bbox= (a cell)": lambda: f"/api/map/events?limit=50&offset=0&bbox={box(small=True)}",
        "dash map/countries (first load)": lambda: "/api/map/countries",
        "dash map/countries ?type=&precision=": lambda: f"/api/map/countries?type={rng.choice(types)}&precision={rng.randint(1, 3)}",
        "dash map/countries ?actor=": lambda: f"/api/map/countries?actor={pick(actors)}",
        "dash facets (first load)": lambda: "/api/facets",
        "dash actors ?limit=200 (first load)": lambda: "/api/actors?limit=200",
        "dash event": lambda: f"/api/events/{pick(event_ids)}",
        "dash speakers (quotes view)": lambda: "/api/speakers?limit=60",
        "dash speakers ?actor=": lambda: f"/api/speakers?actor={pick(actor_ids)}&limit=60",
        # added with migration 10 (last, so that the requests above draw the same parameters as before)
        "dash histogram ?bucket=day&actor=&since=": lambda: f"/api/histogram?bucket=day&actor={pick(actors)}&since={day()}",
        "dash map ?zoom=&bbox=&since=&until=": lambda: f"/api/map?zoom={rng.randint(3, 12)}&bbox={box()}&since={day()}&until={day()[:4]}-12-31",
    }
    return {name: [make() for _ in range(n)] for name, make in plans.items()}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=20, help="requests per endpoint (default 20)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--only", help="time only the endpoints whose name contains this")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from vigil.server import create_app
    from vigil.store import open_store, queries

    store = open_store(args.db)
    print(f"{args.db}: {queries.counts(store)['events']:,} events", flush=True)
    plan = requests(store, random.Random(args.seed), args.requests)
    store.close()
    client = TestClient(create_app(args.db), raise_server_exceptions=False)
    cache = getattr(client.app.state, "answer_cache", None)
    rows, over = [], []
    for name, urls in plan.items():
        if args.only and args.only not in name:
            continue
        client.get(urls[0])  # warm-up: first use of the route and of the query plan
        times = []
        for url in urls:
            if cache is not None:
                cache.answers.clear()  # the dashboard's answer cache would hide the query (a repeated first load)
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                print(f"  {url}: HTTP {response.status_code} {response.text[:200]}", file=sys.stderr)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        rows.append((name, len(times), p50, p95, max(times)))
        if p95 >= TARGET_MS:
            over.append(name)
        print(f"{name:34} {len(times):4d} {p50:9.1f} {p95:9.1f} {max(times):9.1f}{'  OVER' if p95 >= TARGET_MS else ''}",
              flush=True)
    print()
    print(f"| endpoint | requests | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    for name, count, p50, p95, slowest in rows:
        print(f"| {name} | {count} | {p50:.1f} | {p95:.1f} | {slowest:.1f} |")
    print(f"\n{len(rows) - len(over)}/{len(rows)} endpoints with p95 < {TARGET_MS:.0f} ms"
          + (f"; over: {', '.join(over)}" if over else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
