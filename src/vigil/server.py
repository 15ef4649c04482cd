"""The REST API (and the dashboard's static files), reading the store through the query layer.

Read-only by default; POST /api/ingest needs the token given to `vigil serve --token`.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from vigil import export as exporting
from vigil.errors import DashboardNotBuilt, DocumentNotFound, EventNotFound, VigilError
from vigil.store import open_store, queries

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"  # third-party browser files, built from web/ by `npm run --prefix web build`
MAX_PAGE = 1000
MAX_OFFSET = 10_000  # deeper pages: follow the `next` cursor (events) or narrow the filters
SPREAD_ROWS = 500  # areas, new areas and changes in an /api/spread answer (the dashboard's tables)
MAX_DAYS = 731  # a daily histogram over more days is answered per week
MAX_WEEKLY_DAYS = 1826  # and one over more than five years per month (when the monthly summary serves the filters)

# The dashboard shows article text, which is untrusted: no inline script, nothing from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs and /redoc pages load Swagger UI and ReDoc from a CDN and run an inline script.
OWN_POLICY_PAGES = ("/docs", "/redoc")


def dashboard_missing() -> DashboardNotBuilt | None:
    """The error to show when the dashboard's vendor files were not built, else None."""
    return None if (VENDOR / "BUILT").is_file() else DashboardNotBuilt(VENDOR)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox is west,south,east,north in degrees") from None
    return max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0)


def _cell_degrees(zoom: int) -> float:
    """About 45 pixels per grid cell on a web map at this zoom."""
    from vigil.store.summaries import cell_degrees

    return cell_degrees(zoom)


def _day(day: str) -> str:
    """The day itself, if it is a full date (ValueError otherwise)."""
    from datetime import date

    date.fromisoformat(day)
    return day


def _week(day: str) -> str:
    from datetime import date, timedelta

    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def _numeric_country(alpha2: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return found.numeric if found else None


class IngestRequest(BaseModel):
    inputs: list[str]


def _respond(rows: list[dict], fmt: str, total: int | None = None, next_after: str | None = None) -> Response:
    if fmt == "csv":
        return PlainTextResponse(exporting.to_text(rows, "csv"), media_type="text/csv")
    if fmt == "geojson":
        return Response(exporting.to_text(rows, "geojson"), media_type="application/geo+json")
    body = {"rows": rows, "count": len(rows)}
    if total is not None:
        body["total"] = total
    if next_after is not None:
        body["next"] = next_after
    return JSONResponse(body)


def create_app(db: str | None = None, token: str | None = None) -> FastAPI:
    # Read handlers are async: they run on the event loop's one thread, which owns the
    # SQLite connection; ingest runs in a worker thread with a connection of its own.
    app = FastAPI(title="Vigil", description="Events, actors, places, dates and statements read from the news.",
                  version="0.1.0")
    store = open_store(db)

    def page(limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict:
        return {"limit": limit, "offset": offset}

    def fmt_param(format: str = Query("json", pattern="^(json|csv|geojson)$")) -> str:
        return format

    @app.exception_handler(VigilError)
    def vigil_error(_, exc: VigilError):
        status = 404 if isinstance(exc, (DocumentNotFound, EventNotFound)) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        if not request.url.path.startswith(OWN_POLICY_PAGES):
            response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.get("/api/stats")
    async def stats() -> dict:
        return queries.counts(store)

    @app.get("/api/search")
    async def search(q: str, limit: int = Query(20, ge=1, le=MAX_PAGE)):
        return {"rows": queries.search(store, q, limit)}

    @app.get("/api/documents")
    async def documents(source: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                  p: dict = Depends(page), fmt: str = Depends(fmt_param)):
        return _respond(list(queries.documents(store, source=source, since=since, until=until, **p)), fmt)

    @app.get("/api/documents/{doc_id}")
    async def document(doc_id: str):
        return queries.document(store, doc_id)

    @app.get("/api/events")
    async def events(actor: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
               since: Optional[str] = None, until: Optional[str] = None, status: Optional[str] = None,
               after: Optional[str] = None, p: dict = Depends(page), fmt: str = Depends(fmt_param)):
        rows = list(queries.events(store, actor=actor, event_type=type, country=country, since=since,
                                   until=until, status=status, after=after, **p))
        full_page = len(rows) == p["limit"]
        return _respond(rows, fmt, next_after=rows[-1]["id"] if full_page else None)

    @app.get("/api/actors")
    async def actors(name: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
               p: dict = Depends(page), fmt: str = Depends(fmt_param)):
        return _respond(list(queries.actors(store, name=name, type=type, country=country, **p)), fmt)

    @app.get("/api/places")
    async def places(country: Optional[str] = None, limit: int = Query(100, ge=1, le=MAX_PAGE),
               fmt: str = Depends(fmt_param)):
        return _respond(queries.place_counts(store, country=country, limit=limit), fmt)

    @app.get("/api/quotes")
    async def quotes(speaker: Optional[str] = None, org: Optional[str] = None, actor: Optional[str] = None,
               text: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
               p: dict = Depends(page), fmt: str = Depends(fmt_param)):
        rows = list(queries.quotes(store, speaker=speaker, org=org, actor=actor, text=text, since=since,
                                   until=until, **p))
        return _respond(rows, fmt)

    @app.get("/api/spread")
    async def spread(actor: str, since: Optional[str] = None, window: int = Query(30, ge=1, le=3660),
                     baseline: int = Query(4, ge=1, le=52), limit: int = Query(SPREAD_ROWS, ge=1, le=100_000)):
        """Where an actor is active. Areas, new areas and changes: at most `limit` each, those with the most
        events (the largest changes), in their usual order; `*_total` gives how many there are, `truncated`
        whether some were left out (`vigil spread` lists them all)."""
        from vigil.analysis import spread as spread_of

        result = spread_of(store, actor, since=since, window_days=window, baseline_windows=baseline)
        return JSONResponse(result.as_dict(limit))  # plain JSON: large answers skip FastAPI's re-encoding

    @app.get("/api/timeline")
    async def timeline(actor: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
                       status: Optional[str] = None):
        # plain JSON: thousands of month rows skip FastAPI's slow re-encoding
        return JSONResponse({"rows": queries.event_timeline(store, actor=actor, event_type=type, country=country,
                                                            status=status)})

    @app.get("/api/countries")
    async def countries(actor: Optional[str] = None, type: Optional[str] = None, since: Optional[str] = None,
                        until: Optional[str] = None, status: Optional[str] = None):
        return {"rows": queries.event_countries(store, actor=actor, event_type=type, since=since, until=until,
                                                status=status)}

    @app.get("/api/failures")
    async def failures():
        return {"rows": queries.failures(store)}

    def require_token(authorization: Optional[str] = Header(None)) -> None:
        if token is None:
            raise HTTPException(403, "ingest through the API is off: start 'vigil serve --token TOKEN'")
        if not authorization or not secrets.compare_digest(authorization, f"Bearer {token}"):
            raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed")

    @app.post("/api/ingest", dependencies=[Depends(require_token)])
    def ingest(request: IngestRequest):
        from vigil.api import Vigil

        with Vigil(store.path) as vigil:
            return vigil.ingest(request.inputs).as_dict()

    _dashboard_routes(app, store)
    missing = dashboard_missing()
    if missing is None:
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="dashboard")
    else:
        @app.get("/", include_in_schema=False)
        async def not_built():
            return PlainTextResponse(f"Vigil's dashboard cannot be shown: {missing}\n", status_code=503)
    return app


class AnswerCache:
    """The dashboard's aggregate answers, kept until the database changes.

    A change is seen through SQLite's `PRAGMA data_version`, which moves when another connection
    (an ingest) commits. Other backends are not cached.
    """

    def __init__(self, store, size: int = 512):
        self.store = store
        self.size = size
        self.version = None
        self.answers: OrderedDict = OrderedDict()

    def _current_version(self):
        if getattr(self.store, "dialect", None) != "sqlite":
            return None
        return self.store.scalar("PRAGMA data_version")

    def get(self, key: tuple, compute):
        version = self._current_version()
        if version is None:
            return compute()
        if version != self.version:
            self.answers.clear()
            self.version = version
        if key in self.answers:
            self.answers.move_to_end(key)
            return self.answers[key]
        answer = self.answers[key] = compute()
        while len(self.answers) > self.size:
            self.answers.popitem(last=False)
        return answer


def _key(name: str, filters: dict, **more) -> tuple:
    return (name, tuple(sorted(filters.items())), tuple(sorted(more.items())))


def _dashboard_routes(app: FastAPI, store) -> None:
    """The aggregates and pages the dashboard asks for: cheap on any size of database."""
    cache = AnswerCache(store)
    app.state.answer_cache = cache  # the latency benchmark empties it to time the queries themselves

    def filters(actor: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
                since: Optional[str] = None, until: Optional[str] = None, status: Optional[str] = None,
                precision: Optional[int] = Query(None, ge=1, le=5), bbox: Optional[str] = None) -> dict:
        return {"actor": actor, "event_type": type, "country": country, "since": since, "until": until,
                "status": status, "geo_precision": precision, "bbox": _bbox(bbox)}

    @app.get("/api/map")
    async def map_cells(zoom: int = Query(2, ge=0, le=20), limit: int = Query(queries.MAP_CELLS, ge=1, le=10000),
                        f: dict = Depends(filters)):
        """Located events counted per grid cell (about 45 pixels at this zoom), largest cells first."""
        cells = cache.get(_key("map", f, zoom=zoom, limit=limit),
                          lambda: queries.event_cells(store, _cell_degrees(zoom), limit=limit, **f))
        return {"rows": cells, "count": len(cells), "events": sum(c["events"] for c in cells),
                "truncated": len(cells) == limit}

    @app.get("/api/map/countries")
    async def map_countries(f: dict = Depends(filters)):
        """Events per country, with the ISO numeric code that Natural Earth's shapes (world-atlas) use as id."""
        rows = cache.get(_key("countries", f), lambda: queries.event_countries_filtered(store, **f))
        return {"rows": [{**r, "numeric": _numeric_country(r["country"])} for r in rows]}

    @app.get("/api/map/events")
    async def map_events(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
                         f: dict = Depends(filters)):
        """A page of events under the filters, newest first."""
        total = cache.get(_key("count", f), lambda: queries.event_count(store, **f))
        rows = queries.event_page(store, limit=limit, offset=offset, **f) if offset < total else []
        return {"rows": rows, "total": total}

    @app.get("/api/histogram")
    async def histogram(bucket: str = Query("week", pattern="^(day|week|month)$"), f: dict = Depends(filters)):
        """Dated events per day, week (weeks start on Monday) or month and PLOVER type. Over more than MAX_DAYS days
        are answered as weeks, over more than MAX_WEEKLY_DAYS days and weeks as months (periods are the months'
        first days) when the filters allow; `bucket` says which, `asked` what was asked: a chart of 900 pixels
        cannot show more bars."""
        asked = bucket
        span = cache.get(_key("span", f), lambda: queries.day_span(store, **f)) or 0
        if bucket == "month" or span > MAX_WEEKLY_DAYS:
            months = cache.get(_key("months", f), lambda: queries.event_month_counts(store, **f))
            if months is not None:
                return JSONResponse({"bucket": "month", "asked": asked, "rows": [
                    {"period": f"{r['month']}-01", "event_type": r["event_type"], "events": r["events"]} for r in months]})
        if bucket == "month":  # asked for, without a monthly summary for these filters: weeks
            bucket = "week"
        if bucket == "day" and span > MAX_DAYS:
            bucket = "week"
        if bucket == "week":
            weeks = cache.get(_key("weeks", f), lambda: queries.event_week_counts(store, **f))
            if weeks is not None:
                return JSONResponse({"bucket": bucket, "asked": asked, "rows": [
                    {"period": r["week"], "event_type": r["event_type"], "events": r["events"]} for r in weeks]})
        counts: dict[tuple[str, str], int] = {}
        for row in cache.get(_key("days", f), lambda: queries.event_day_counts(store, **f)):
            try:
                key = _day(row["day"]) if bucket == "day" else _week(row["day"])
            except ValueError:
                continue  # a partial date (a month or a year) has no day
            counts[(key, row["event_type"])] = counts.get((key, row["event_type"]), 0) + row["events"]
        # plain JSON: thousands of days skip FastAPI's slow re-encoding
        return JSONResponse({"bucket": bucket, "asked": asked, "rows": [{"period": p, "event_type": t, "events": n}
                                                                        for (p, t), n in sorted(counts.items())]})

    @app.get("/api/facets")
    async def facets():
        """The event types, statuses and geo precisions in the record, with counts."""
        return cache.get(("facets",), lambda: queries.event_facets(store))

    @app.get("/api/events/{event_id}")
    async def event(event_id: str):
        """An event with all the reports of the same real event and their source documents."""
        return queries.event_detail(store, event_id)

    @app.get("/api/speakers")
    async def speakers(actor: Optional[str] = None, limit: int = Query(100, ge=1, le=MAX_PAGE)):
        """Quoted speakers with how often they are quoted."""
        return {"rows": queries.quote_speakers(store, actor=actor, limit=limit)}
