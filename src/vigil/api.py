"""Vigil's Python API. Every CLI command is one method here, with the same options.

    >>> from vigil import Vigil
    >>> v = Vigil("vigil.db")
    >>> report = v.ingest(["examples/"])
    >>> for event in v.events(actor="Islamic State"):
    ...     print(event["event_type"], event["location"], event["sentence"])
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from vigil import export as exporting
from vigil.nlp import DEFAULT_MODEL
from vigil.records import Extraction, FieldMap
from vigil.store import open_store, queries


class Vigil:
    """A Vigil record (a database) and the pipeline that fills it."""

    def __init__(self, db: str | Path | None = None, model: str = DEFAULT_MODEL, extractors: Iterable[str] | None = None):
        self.store = open_store(db)
        self.model = model
        self.extractor_names = list(extractors) if extractors is not None else None
        self._pipeline = None

    @property
    def pipeline(self):
        if self._pipeline is None:
            from vigil.pipeline import Pipeline

            self._pipeline = Pipeline(self.model, self.extractor_names)
        return self._pipeline

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Vigil":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- filling the record --------------------------------------------------------------

    def ingest(self, inputs: Iterable[str], fields: FieldMap | None = None, batch_size: int = 32,
               max_bytes: int = 20_000_000, workers: int = 1, engine: str = "local",
               scheduler: str | None = None, on_progress=None):
        """Read articles from paths, folders, files of records, feeds or URLs into the record.

        `workers` > 1 extracts in that many local processes; `engine="dask"` extracts on a
        Dask cluster (`scheduler` address, or a local cluster of `workers` processes).
        """
        from vigil.parallel import make_executor
        from vigil.pipeline import ingest

        extractors = tuple(self.extractor_names) if self.extractor_names is not None else None
        executor = make_executor(engine, workers, scheduler, self.model, extractors)
        try:
            report = ingest(self.store, inputs, None if executor else self.pipeline, fields=fields,
                            batch_size=batch_size, max_bytes=max_bytes, on_progress=on_progress, executor=executor)
        finally:
            if executor is not None:
                executor.close()
        if report.stored:
            self.merge()
        return report

    def merge(self):
        """Group reports of the same real event (run after every ingest that stored something)."""
        from vigil.analysis import merge_events

        return merge_events(self.store)

    def parse(self, text: str, published: str | None = None, source: str | None = None) -> Extraction:
        """Extract from a text without storing it."""
        return self.pipeline.parse(text, published, source)

    # -- reading the record ---------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict]:
        return queries.search(self.store, query, limit)

    def show(self, doc_id: str) -> dict:
        return queries.document(self.store, doc_id)

    def documents(self, **filters) -> Iterator[dict]:
        return queries.documents(self.store, **filters)

    def events(self, merged: bool = False, **filters) -> Iterator[dict]:
        """Event reports, or with merged=True one row per real event with all its sources."""
        if merged:
            from vigil.analysis import merged_events

            return iter(merged_events(self.store, **filters))
        return queries.events(self.store, **filters)

    def actors(self, **filters) -> Iterator[dict]:
        return queries.actors(self.store, **filters)

    def places(self, country: str | None = None, limit: int | None = None) -> list[dict]:
        return queries.place_counts(self.store, country=country, limit=limit)

    def quotes(self, **filters) -> Iterator[dict]:
        return queries.quotes(self.store, **filters)

    def failures(self) -> list[dict]:
        return queries.failures(self.store)

    def stats(self) -> dict[str, int]:
        return queries.counts(self.store)

    def spread(self, actor: str, since: str | None = None, window: int = 30, baseline: int = 4,
               quiet_days: int = 180, today: str | None = None):
        """Where an actor is active, new areas since `since`, change against its own baseline."""
        from vigil.analysis import spread

        return spread(self.store, actor, since=since, window_days=window, baseline_windows=baseline,
                      quiet_days=quiet_days, today=today)

    def watch(self, inputs: Iterable[str], actors: Iterable[str], every: float = 600.0, rounds: int | None = None,
              on_round=None, **ingest_options):
        """Re-ingest `inputs` every `every` seconds and report, per actor, new areas and spikes."""
        import time

        done = 0
        while rounds is None or done < rounds:
            report = self.ingest(inputs, **ingest_options)
            findings = {actor: self.spread(actor) for actor in actors}
            if on_round:
                on_round(report, findings)
            done += 1
            if rounds is None or done < rounds:
                time.sleep(every)

    def export(self, table: str, format: str = "jsonl", output: str | Path | None = None, **filters) -> int:
        return exporting.export(self.store, table, format, output, **filters)
