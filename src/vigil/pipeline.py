"""The pipeline: readers -> cleaning -> NLP -> extractors -> store.

`Pipeline.ingest` streams inputs in batches: each batch is parsed with
spaCy's `nlp.pipe`, run through the registered extractors and written to the
store in one transaction, so memory stays flat and an interrupted run resumes
where it stopped.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from vigil import dedup
from vigil.cleaning import clean
from vigil.nlp import DEFAULT_MODEL, entity_mentions, load_pipeline, ordered_extractors
from vigil.records import (
    Actor,
    ActorMention,
    Document,
    Extraction,
    ExtractionContext,
    FieldMap,
    RawDocument,
    ReadFailure,
)
from vigil.sources import read_inputs

BATCH_SIZE = 32


@dataclass
class IngestReport:
    """What an ingest run did."""

    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (re-ingest changes nothing)
    duplicates: int = 0  # near-copies stored and linked to their original
    failures: list[ReadFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "read": self.read, "stored": self.stored, "skipped": self.skipped, "duplicates": self.duplicates,
            "failed": len(self.failures), "seconds": round(self.seconds, 2),
            "docs_per_second": round(self.docs_per_second, 2),
            "failures": [{"origin": f.origin, "reason": f.reason} for f in self.failures],
        }


def content_hash(raw: RawDocument) -> str:
    return hashlib.sha256(raw.content.encode("utf-8", "surrogatepass")).hexdigest()


def prepare(raw: RawDocument) -> Document:
    """Clean a raw document and merge what cleaning found with the reader's metadata."""
    cleaned = clean(raw)
    digest = content_hash(raw)
    found = cleaned.found
    published, how = raw.published, raw.published_how
    if not published and found.get("published"):
        published, how = found["published"], "header"
    return Document(
        id=digest[:16],
        origin=raw.origin,
        content_hash=digest,
        text=cleaned.text,
        original=raw.content,
        segments=cleaned.segments,
        title=raw.title or found.get("title"),
        source=raw.source or found.get("source"),
        published=published,
        published_how=how,
        author=raw.author,
        language=raw.language or guess_language(cleaned.text),
        url=raw.url,
        cleaning_steps=cleaned.steps,
    )


_ENGLISH_MARKERS = frozenset("the of and to in a is that for on was said with by as at from has have".split())


def guess_language(text: str) -> str:
    """'en' when common English function words are frequent, else 'und' (undetermined)."""
    words = text.lower().split()[:400]
    if not words:
        return "und"
    share = sum(w in _ENGLISH_MARKERS for w in words) / len(words)
    return "en" if share >= 0.08 else "und"


class Pipeline:
    """spaCy plus the chosen extractors, loaded once."""

    def __init__(self, model: str = DEFAULT_MODEL, extractors: Iterable[str] | None = None):
        self.nlp = load_pipeline(model)
        self.extractors = ordered_extractors(extractors)

    def extract_many(self, documents: list[Document]) -> list[tuple[Extraction, list[str]]]:
        """Extractions for a batch, with a list of extractor errors per document."""
        parsed = self.nlp.pipe((d.text for d in documents), batch_size=len(documents) or 1)
        return [self.extract(d, spacy_doc) for d, spacy_doc in zip(documents, parsed)]

    def extract(self, document: Document, spacy_doc) -> tuple[Extraction, list[str]]:
        ctx = ExtractionContext(document.id, document.published, document.source, document.title)
        errors = []
        for extractor in self.extractors:
            try:
                records = tuple(extractor.fn(spacy_doc, ctx))
            except Exception as exc:  # one failing extractor must not spoil the document
                errors.append(f"{extractor.name} extractor failed: {type(exc).__name__}: {exc}")
                records = ()
            ctx = ctx.with_result(extractor.name, records)
        results = ctx.results
        return (
            Extraction(
                doc_id=document.id,
                entities=entity_mentions(spacy_doc),
                dates=results.get("dates", ()),
                places=results.get("places", ()),
                actors=results.get("actors", ()),
                quotes=results.get("quotes", ()),
                events=results.get("events", ()),
            ),
            errors,
        )

    def parse(self, text: str, published: str | None = None, source: str | None = None) -> Extraction:
        """Extract from one text without storing it (used by `vigil eval` and the Python API)."""
        document = Document(id="text", origin="text", content_hash="", text=text, original=text,
                            published=published, source=source)
        extraction, _ = self.extract(document, self.nlp(text))
        return extraction


def actors_of(mentions: Iterable[ActorMention]) -> list[Actor]:
    """The catalogue entries behind the actor mentions (new actors built from the mention)."""
    try:
        from vigil.actors import catalogue

        known = catalogue()
    except ImportError:
        known = {}
    actors: dict[str, Actor] = {}
    for m in mentions:
        if m.actor_id not in actors:
            actors[m.actor_id] = known.get(m.actor_id) or Actor(m.actor_id, m.name, (m.text,), m.type, m.country)
    return list(actors.values())


ProgressFn = Callable[[IngestReport], None]


@functools.lru_cache(maxsize=2)
def shared_pipeline(model: str, extractors: tuple[str, ...] | None) -> Pipeline:
    """One pipeline per process (and per Dask or pool worker)."""
    return Pipeline(model, extractors)


def extract_batch(documents: list[Document], model: str = DEFAULT_MODEL,
                  extractors: tuple[str, ...] | None = None) -> list[tuple[Extraction, list[str]]]:
    """Parse and extract a batch; a plain function so that worker processes can run it."""
    return shared_pipeline(model, extractors).extract_many(documents)


def ingest(
    store,
    inputs: Iterable[str],
    pipeline: Pipeline | None = None,
    fields: FieldMap | None = None,
    batch_size: int = BATCH_SIZE,
    max_bytes: int = 20_000_000,
    on_progress: ProgressFn | None = None,
    executor=None,
) -> IngestReport:
    """Read, clean, extract and store; skip what is stored already; record every failure.

    Extraction runs in this process, or in the workers of `executor` (a local process
    pool or a Dask cluster: see vigil.parallel). Reading, duplicate detection and
    writing stay here, so the store sees one writer and the resume guarantee holds.
    """
    report = IngestReport()
    started = time.perf_counter()
    finder = _load_duplicate_finder(store)
    signatures: dict[str, bytes] = {}
    run = executor or SerialExecutor(pipeline)

    def written(batch: list[Document], results) -> None:
        _write(store, batch, results, report, signatures)
        report.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(report)

    batches = _batches(_prepared(store, read_inputs(inputs, fields, max_bytes=max_bytes), report), batch_size)
    run.map_batches((_mark_duplicates(batch, finder, report, signatures) for batch in batches), written)
    report.seconds = time.perf_counter() - started
    if on_progress:
        on_progress(report)
    return report


class SerialExecutor:
    """Extract batches one after another in this process."""

    def __init__(self, pipeline: Pipeline | None):
        self.pipeline = pipeline or shared_pipeline(DEFAULT_MODEL, None)

    def map_batches(self, batches: Iterable[list[Document]], done: Callable) -> None:
        for batch in batches:
            done(batch, self.pipeline.extract_many(batch))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:  # the same article twice in one run
            continue
        seen.add(document.id)
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch, seen = [], set()
    if batch:
        yield batch


def _prepared(store, items: Iterator[RawDocument | ReadFailure], report: IngestReport) -> Iterator[Document]:
    for item in items:
        report.read += 1
        if isinstance(item, ReadFailure):
            _fail(store, report, item)
            continue
        doc_id = content_hash(item)[:16]
        if store.known_ids([doc_id]):
            report.skipped += 1
            continue
        try:
            document = prepare(item)
        except Exception as exc:
            _fail(store, report, ReadFailure(item.origin, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if not document.text.strip():
            _fail(store, report, ReadFailure(item.origin, "no text left after removing boilerplate"))
            continue
        yield document


def _fail(store, report: IngestReport, failure: ReadFailure) -> None:
    report.failures.append(failure)
    store.record_failure(failure.origin, failure.reason)


def _load_duplicate_finder(store) -> dedup.DuplicateFinder:
    finder = dedup.DuplicateFinder(stored_signature=store.signature_of)
    for doc_id, blob in store.signatures():
        finder.add_stored(doc_id, blob)
    return finder


def _mark_duplicates(batch: list[Document], finder: dedup.DuplicateFinder, report: IngestReport,
                     signatures: dict[str, bytes]) -> list[Document]:
    marked = []
    for document in batch:
        minhash = dedup.signature(document.text)
        signatures[document.id] = dedup.to_bytes(minhash)
        original = finder.original_of(minhash)
        if original:
            document = dataclasses.replace(document, duplicate_of=original)
            report.duplicates += 1
        finder.add(document.id, minhash)
        marked.append(document)
    return marked


def _write(store, batch: list[Document], results, report: IngestReport, signatures: dict[str, bytes]) -> None:
    rows, actors = [], []
    for document, (extraction, errors) in zip(batch, results):
        rows.append((document, extraction, signatures.pop(document.id, None)))
        actors.extend(actors_of(extraction.actors))
        for error in errors:
            _fail(store, report, ReadFailure(document.origin, error))
    store.write_batch(rows, actors)
    report.stored += len(rows)
