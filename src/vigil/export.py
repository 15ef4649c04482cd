"""Writing the record out in the formats other tools load: JSON Lines, CSV, GeoJSON, ACLED CSV, Parquet."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

import pycountry

from vigil.errors import UnknownFormat, VigilError
from vigil.knowledge import read_tsv
from vigil.store import queries

FORMATS = ("jsonl", "csv", "geojson", "acled", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def export(store, table: str, fmt: str = "jsonl", output: str | Path | None = None, **filters) -> int:
    """Write a table in a format to a file (or standard output); returns the number of rows."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt, list(FORMATS))
    if fmt == "acled" and table != "events":
        raise VigilError("the acled format exports events: use 'vigil export events --format acled'")
    rows = queries.rows(store, table, **filters)
    if fmt == "acled":
        rows = acled_rows(store, rows)
    if fmt == "parquet":
        if output is None:
            raise VigilError("parquet is binary: name a file with -o FILE.parquet")
        return write_parquet(rows, Path(output))
    with _opened(output) as handle:
        if fmt in ("csv", "acled"):
            return write_csv(rows, handle, ACLED_COLUMNS if fmt == "acled" else queries.fields(table))
        return {"jsonl": write_jsonl, "geojson": write_geojson}[fmt](rows, handle)


@contextmanager
def _opened(output: str | Path | None) -> Iterator[IO[str]]:
    if output is None or str(output) == "-":
        yield sys.stdout
    else:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            yield handle


def write_jsonl(rows: Iterable[dict], handle: IO[str]) -> int:
    count = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value) -> str:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def write_csv(rows: Iterable[dict], handle: IO[str], columns: Iterable[str] | None = None) -> int:
    writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore") if columns else None
    if writer:
        writer.writeheader()
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(handle, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        count += 1
    return count


def write_geojson(rows: Iterable[dict], handle: IO[str]) -> int:
    """A FeatureCollection of the rows that have coordinates, written as a stream."""
    handle.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in rows:
        lat, lon = row.get("lat", row.get("latitude")), row.get("lon", row.get("longitude"))
        if lat is None or lon is None:
            continue
        properties = {k: v for k, v in row.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}
        handle.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    handle.write("\n]}\n")
    return count


def write_parquet(rows: Iterable[dict], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table_rows = [{k: (_cell(v) if isinstance(v, (list, dict)) else v) for k, v in r.items()} for r in rows]
    table = pa.Table.from_pylist(table_rows) if table_rows else pa.table({})
    pq.write_table(table, path)
    return len(table_rows)


@functools.lru_cache(maxsize=1)
def acled_regions() -> dict[str, str]:
    """ISO alpha-2 country code -> ACLED region, from data/export/acled_regions.tsv."""
    return {row["iso2"]: row["region"] for row in read_tsv("export/acled_regions.tsv")}


def acled_rows(store, events: Iterable[dict]) -> Iterator[dict]:
    """Events as rows with ACLED's export columns."""
    actor_types = {r["id"]: r["type"] for r in store.query("SELECT id, type FROM actors")}
    sources = {r["id"]: r["source"] or "" for r in store.query("SELECT id, source FROM documents")}
    now = int(time.time())
    for e in events:
        if not e.get("acled_event_type"):
            continue
        inter1 = actor_types.get(e["actor1_id"]) or ""
        inter2 = actor_types.get(e["actor2_id"]) or ""
        country = pycountry.countries.get(alpha_2=e["country"]) if e.get("country") else None
        date = e.get("date") or ""
        yield {
            "event_id_cnty": e["id"],
            "event_date": date,
            "year": date[:4],
            "time_precision": e.get("time_precision") or "",
            "disorder_type": DISORDER_TYPES.get(e["acled_event_type"], ""),
            "event_type": e["acled_event_type"],
            "sub_event_type": e.get("acled_sub_event_type") or "",
            "actor1": e.get("actor1") or "",
            "assoc_actor_1": "",
            "inter1": inter1,
            "actor2": e.get("actor2") or "",
            "assoc_actor_2": "",
            "inter2": inter2,
            "interaction": "-".join(t for t in (inter1, inter2) if t),
            "civilian_targeting": "Civilian targeting" if inter2 == "Civilians" else "",
            "iso": int(country.numeric) if country else "",
            "region": acled_regions().get(e.get("country") or "", ""),
            "country": country.name if country else "",
            "admin1": e.get("admin1") or "",
            "admin2": "",
            "admin3": "",
            "location": e.get("location") or "",
            "latitude": e.get("lat") if e.get("lat") is not None else "",
            "longitude": e.get("lon") if e.get("lon") is not None else "",
            "geo_precision": e.get("geo_precision") or "",
            "source": "; ".join(sorted({sources.get(d, "") for d in e["doc_ids"]} - {""})),
            "source_scale": "",
            "notes": e.get("sentence") or "",
            "fatalities": e.get("fatalities") or 0,
            "tags": f"status: {e.get('status')}",
            "timestamp": now,
        }


def to_text(rows: Iterable[dict], fmt: str) -> str:
    """Render rows in a text format into a string (for the REST API)."""
    buffer = io.StringIO()
    {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}[fmt](rows, buffer)
    return buffer.getvalue()
