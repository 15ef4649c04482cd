"""Dumps of articles as records: JSON Lines and CSV/TSV, with configurable field names."""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from vigil.records import FieldMap, RawDocument, ReadFailure


def _document(record: dict, origin: str, fields: FieldMap) -> RawDocument | ReadFailure:
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        return ReadFailure(origin, f"no text in field {fields.text!r}")

    def value(name: str) -> str | None:
        item = record.get(name)
        return str(item) if item not in (None, "") else None

    published = value(fields.published)
    return RawDocument(
        origin=origin,
        content=text,
        title=value(fields.title),
        source=value(fields.source),
        published=published,
        published_how="field" if published else None,
        author=value(fields.author),
        language=value(fields.language),
        url=value(fields.url),
    )


def read_jsonl(text: str, origin: str, fields: FieldMap) -> Iterator[RawDocument | ReadFailure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}#L{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, "a JSON line must be an object")
            continue
        yield _document(record, where, fields)


def read_csv(text: str, origin: str, fields: FieldMap, delimiter: str = ",") -> Iterator[RawDocument | ReadFailure]:
    csv.field_size_limit(50_000_000)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if not reader.fieldnames or fields.text not in reader.fieldnames:
        yield ReadFailure(origin, f"no {fields.text!r} column (columns: {', '.join(reader.fieldnames or []) or 'none'}); "
                                  "name the text column with --text-field")
        return
    try:
        for number, row in enumerate(reader, start=1):
            yield _document(row, f"{origin}#row{number}", fields)
    except csv.Error as exc:
        yield ReadFailure(origin, f"malformed CSV: {exc}")
