"""The REST API (and the dashboard's static files), reading the store through the query layer.

Read-only by default; POST /api/ingest needs the token given to `vigil serve --token`.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from vigil import export as exporting
from vigil.errors import DocumentNotFound, VigilError
from vigil.store import open_store, queries

STATIC = Path(__file__).parent / "static"
MAX_PAGE = 1000
MAX_OFFSET = 10_000  # deeper pages: follow the `next` cursor (events) or narrow the filters


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
        status = 404 if isinstance(exc, DocumentNotFound) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)

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
                     baseline: int = Query(4, ge=1, le=52)):
        from vigil.analysis import spread as spread_of

        result = spread_of(store, actor, since=since, window_days=window, baseline_windows=baseline)
        return JSONResponse(result.as_dict())  # plain JSON: large answers skip FastAPI's slow re-encoding

    @app.get("/api/timeline")
    async def timeline(actor: Optional[str] = None, type: Optional[str] = None, country: Optional[str] = None,
                       status: Optional[str] = None):
        return {"rows": queries.event_timeline(store, actor=actor, event_type=type, country=country, status=status)}

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

    if STATIC.is_dir():
        app.mount("/", StaticFiles(directory=STATIC, html=True), name="dashboard")
    return app
