"""The `vigil` command. Each command calls one method of `vigil.Vigil` with the same options."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from vigil.api import Vigil
from vigil.errors import VigilError
from vigil.records import FieldMap

app = typer.Typer(
    help="Read conflict news and keep a sourced, geocoded record of events, actors, places, dates and statements.",
    no_args_is_help=True,
    add_completion=False,
)
# Piped to a file or a pager (no terminal, no COLUMNS), a table keeps its columns whole instead of folding at 80.
PIPED_WIDTH = 200


def _stdout_console() -> Console:
    console = Console()
    if not console.is_terminal and "COLUMNS" not in os.environ:
        return Console(width=PIPED_WIDTH)
    return console


console = _stdout_console()
err = Console(stderr=True)

DB_OPTION = typer.Option(None, "--db", envvar="VIGIL_DB", help="Database file (default ./vigil.db).")


def _open(db: Optional[str]) -> Vigil:
    return Vigil(db)


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def _table(rows: list[dict], columns: list[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if row.get(c) is None else str(row.get(c)) for c in columns])
    console.print(table)


def _emit(rows: list[dict], columns: list[str], as_json: bool, title: str | None = None) -> None:
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        _table(rows, columns, title)


@app.command()
def ingest(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive), feeds or http(s) URLs."),
    db: Optional[str] = DB_OPTION,
    text_field: str = typer.Option("text", help="JSONL/CSV field holding the article text."),
    title_field: str = typer.Option("title", help="JSONL/CSV field holding the title."),
    date_field: str = typer.Option("published", help="JSONL/CSV field holding the publication date."),
    url_field: str = typer.Option("url", help="JSONL/CSV field holding the URL."),
    source_field: str = typer.Option("source", help="JSONL/CSV field holding the outlet."),
    batch_size: int = typer.Option(32, help="Documents parsed and written per transaction."),
    max_mb: float = typer.Option(20.0, help="Refuse input files larger than this many megabytes."),
    workers: int = typer.Option(1, "--workers", "-w", help="Extract in this many local processes (or Dask workers)."),
    engine: str = typer.Option("local", help="local, or dask to extract on a Dask cluster."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (default: start a local cluster)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read articles into the record; already stored articles are skipped, failures recorded."""
    fields = FieldMap(text=text_field, title=title_field, published=date_field, url=url_field, source=source_field)
    with _open(db) as vigil:
        progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(bar_width=None),
            TextColumn("{task.fields[stored]} stored, {task.fields[skipped]} skipped, {task.fields[failed]} failed"),
            TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(),
            console=err, disable=quiet, transient=False,
        )
        with progress:
            task = progress.add_task("ingest", total=None, stored=0, skipped=0, failed=0, rate=0.0)

            def show(report) -> None:
                progress.update(task, stored=report.stored, skipped=report.skipped,
                                failed=len(report.failures), rate=report.docs_per_second)

            report = vigil.ingest(inputs, fields=fields, batch_size=batch_size, max_bytes=int(max_mb * 1_000_000),
                                  workers=workers, engine=engine, scheduler=scheduler, on_progress=show)
        summary = report.as_dict()
        err.print(
            f"read {summary['read']}, stored {summary['stored']} ({summary['duplicates']} near-duplicates linked), "
            f"skipped {summary['skipped']} already stored, failed {summary['failed']} "
            f"in {summary['seconds']} s ({summary['docs_per_second']} docs/s)"
        )
        for failure in report.failures:
            err.print(f"  [red]failed[/] {failure.origin}: {failure.reason}")
    if report.failures:
        raise typer.Exit(1)


@app.command()
def search(query: str, db: Optional[str] = DB_OPTION, limit: int = 20, json_out: bool = typer.Option(False, "--json")) -> None:
    """Full-text search over the stored articles."""
    with _open(db) as vigil:
        _emit(vigil.search(query, limit), ["id", "published", "source", "title", "snippet"], json_out)


@app.command()
def show(doc_id: str, db: Optional[str] = DB_OPTION, json_out: bool = typer.Option(False, "--json")) -> None:
    """An article's clean text with its extractions marked, then the extractions."""
    with _open(db) as vigil:
        doc = vigil.show(doc_id)
    if json_out:
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, default=str) + "\n")
        return
    console.print(f"[bold]{doc['title'] or '(no title)'}[/]  {doc['id']}")
    console.print(f"{doc['source'] or ''} · published {doc['published'] or 'unknown'} ({doc['published_how'] or '-'}) · {doc['origin']}")
    if doc["duplicate_of"]:
        console.print(f"near-duplicate of {doc['duplicate_of']}")
    console.print(Text("places ", style="bold green") + Text("actors ", style="bold cyan")
                  + Text("dates ", style="bold yellow") + Text("quotes ", style="italic magenta")
                  + Text("event triggers", style="bold reverse red"))
    console.print(marked_text(doc))
    _table(doc["events"], ["event_type", "mode", "acled_sub_event_type", "actor1", "actor2", "location", "date", "status"], "events")
    _table(doc["quotes"], ["speaker", "speaker_role", "speaker_org", "kind", "text"], "quotes")
    _table(doc["places"], ["mention", "name", "country", "feature", "precision", "score"], "places")


def marked_text(doc: dict) -> Text:
    text = Text(doc["text"])
    styles = (("quotes", "italic magenta"), ("places", "bold green"), ("actors", "bold cyan"),
              ("dates", "bold yellow"), ("events", "bold reverse red"))
    for key, style in styles:
        for row in doc[key]:
            text.stylize(style, row["start"], row["end"])
    return text


@app.command()
def export(
    table: str = typer.Argument(..., help="documents, events, quotes, places, actors, dates or failures"),
    db: Optional[str] = DB_OPTION,
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, geojson, acled (events) or parquet"),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="File to write (default: standard output)."),
) -> None:
    """Export a table for other tools (ACLED's columns with --format acled)."""
    with _open(db) as vigil:
        count = vigil.export(table, format, output)
    if output:
        err.print(f"wrote {count} {table} rows to {output}")


@app.command()
def events(
    db: Optional[str] = DB_OPTION,
    actor: Optional[str] = typer.Option(None, help="Actor name, alias or id (either side)."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT."),
    country: Optional[str] = typer.Option(None, help="ISO 3166-1 alpha-2 code."),
    since: Optional[str] = typer.Option(None, help="Earliest date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest date (YYYY-MM-DD)."),
    status: Optional[str] = typer.Option(None, help="happened, ongoing, claimed, threatened, conditional, ..."),
    merged: bool = typer.Option(False, "--merged", help="One row per real event, with every source."),
    limit: int = 50,
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Events, filtered."""
    with _open(db) as vigil:
        rows = list(vigil.events(merged=merged, actor=actor, event_type=type, country=country, since=since,
                                 until=until, status=status, limit=limit))
    columns = ["date", "event_type", "mode", "acled_sub_event_type", "actor1", "actor2", "location", "country", "status"]
    _emit(rows, columns + (["reports", "independent_outlets"] if merged else []), json_out)


@app.command()
def actors(
    db: Optional[str] = DB_OPTION,
    name: Optional[str] = typer.Option(None, help="Part of a name or alias."),
    type: Optional[str] = typer.Option(None, "--type"),
    country: Optional[str] = typer.Option(None),
    limit: int = 50,
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Actors named in the record, most mentioned first."""
    with _open(db) as vigil:
        rows = list(vigil.actors(name=name, type=type, country=country, limit=limit))
    _emit(rows, ["id", "name", "type", "country", "mentions", "documents"], json_out)


@app.command()
def places(
    db: Optional[str] = DB_OPTION,
    country: Optional[str] = typer.Option(None, help="ISO 3166-1 alpha-2 code."),
    limit: int = 50,
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Resolved places with mention counts."""
    with _open(db) as vigil:
        rows = vigil.places(country=country, limit=limit)
    _emit(rows, ["name", "geonameid", "country", "admin1", "feature", "precision", "mentions", "documents"], json_out)


@app.command()
def quotes(
    db: Optional[str] = DB_OPTION,
    speaker: Optional[str] = None,
    org: Optional[str] = None,
    actor: Optional[str] = typer.Option(None, help="Quotes that mention this actor (or whose speaker belongs to it)."),
    text: Optional[str] = typer.Option(None, help="Words in the quote."),
    since: Optional[str] = None,
    until: Optional[str] = None,
    limit: int = 50,
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Attributed statements, filtered."""
    with _open(db) as vigil:
        rows = list(vigil.quotes(speaker=speaker, org=org, actor=actor, text=text, since=since, until=until, limit=limit))
    _emit(rows, ["speaker", "speaker_role", "speaker_org", "kind", "text"], json_out)


@app.command()
def failures(db: Optional[str] = DB_OPTION, json_out: bool = typer.Option(False, "--json")) -> None:
    """Inputs that could not be read or processed, with the reason."""
    with _open(db) as vigil:
        _emit(vigil.failures(), ["origin", "reason", "attempts", "last_seen"], json_out)


@app.command()
def stats(db: Optional[str] = DB_OPTION) -> None:
    """How many documents, events, quotes, places and actors the record holds."""
    with _open(db) as vigil:
        counts = vigil.stats()
    _table([{"table": k, "rows": v} for k, v in counts.items()], ["table", "rows"])


@app.command()
def spread(
    actor: str = typer.Argument(..., help="Actor name, alias or id; affiliates are included."),
    db: Optional[str] = DB_OPTION,
    since: Optional[str] = typer.Option(None, help="Start of the window for new areas (default: last --window days)."),
    window: int = typer.Option(30, help="Window length in days (compared with the --baseline windows before it)."),
    baseline: int = typer.Option(4, help="How many earlier windows make the baseline."),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Where an actor is active, where it is new, and how its activity changed."""
    with _open(db) as vigil:
        result = vigil.spread(actor, since=since, window=window, baseline=baseline)
    if json_out:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
        return
    _print_spread(result)


def _print_spread(result) -> None:
    if not result.actor_ids:
        console.print(f"no actor matches {result.actor!r}")
        return
    console.print(f"[bold]{result.actor}[/] ({', '.join(result.actor_ids[:6])})")
    areas = [a.__dict__ for a in result.areas]
    _table(areas, ["country", "admin1", "places", "first_seen", "last_seen", "events", "documents", "example"], "areas")
    _table([a.__dict__ for a in result.new_areas], ["country", "admin1", "places", "first_seen", "events"],
           f"new areas since {result.since}")
    _table([c.__dict__ for c in result.changes], ["country", "admin1", "recent", "baseline", "ratio"],
           f"last {result.window_days} days against the baseline")
    _table(result.speakers, ["speaker", "speaker_role", "speaker_org", "quotes", "example"], "who speaks about it")


@app.command()
def watch(
    inputs: List[str] = typer.Argument(..., help="Folders, files or feed URLs to re-read."),
    actor: List[str] = typer.Option(..., "--actor", "-a", help="Actor to watch (repeatable)."),
    db: Optional[str] = DB_OPTION,
    every: float = typer.Option(600.0, help="Seconds between rounds."),
    rounds: Optional[int] = typer.Option(None, help="Stop after this many rounds (default: run until Ctrl-C)."),
) -> None:
    """Re-ingest sources on an interval and report new areas and spikes as they appear."""

    def report_round(report, findings) -> None:
        err.print(f"stored {report.stored} new articles ({len(report.failures)} failed)")
        for name, result in findings.items():
            for area in result.new_areas:
                console.print(f"[bold]new area[/] {name}: {area.country} {area.admin1 or ''} ({area.places}) "
                              f"first seen {area.first_seen}: {area.example}")
            for change in result.changes:
                if change.ratio is not None and change.ratio >= 2 and change.recent >= 3:
                    console.print(f"[bold]spike[/] {name}: {change.country} {change.admin1 or ''} "
                                  f"{change.recent} events against a baseline of {change.baseline}")

    with _open(db) as vigil:
        try:
            vigil.watch(inputs, actor, every=every, rounds=rounds, on_round=report_round)
        except KeyboardInterrupt:
            err.print("stopped")


@app.command()
def serve(
    db: Optional[str] = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to bind (localhost unless told otherwise)."),
    port: int = typer.Option(8765),
    token: Optional[str] = typer.Option(None, envvar="VIGIL_TOKEN", help="Allow POST /api/ingest with this bearer token."),
) -> None:
    """Serve the REST API and the dashboard."""
    import uvicorn

    from vigil.server import create_app, dashboard_missing

    missing = dashboard_missing()
    if missing is not None:
        err.print(f"[bold red]error:[/] {missing}")
    err.print(f"Vigil on http://{host}:{port}/  (API docs at /docs)")
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")


@app.command(name="eval")
def evaluate(
    task: str = typer.Argument(..., help="geo, events, plover, quotes, time or eventloc"),
    path: Path = typer.Argument(..., help="The gold data (file or folder) as described in the datasets README."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Write one JSON line per item here."),
) -> None:
    """Score Vigil on a gold data set; prints the metrics as JSON."""
    from vigil.evaluate import run

    metrics = run(task, path, predictions)
    sys.stdout.write(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    try:
        app()
    except VigilError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)


if __name__ == "__main__":
    main()
