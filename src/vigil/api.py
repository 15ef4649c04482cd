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
               max_bytes: int = 20_000_000, on_progress=None):
        """Read articles from paths, folders, files of records, feeds or URLs into the record."""
        from vigil.pipeline import ingest

        return ingest(self.store, inputs, self.pipeline, fields=fields, batch_size=batch_size,
                      max_bytes=max_bytes, on_progress=on_progress)

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

    def events(self, **filters) -> Iterator[dict]:
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

    def export(self, table: str, format: str = "jsonl", output: str | Path | None = None, **filters) -> int:
        return exporting.export(self.store, table, format, output, **filters)
