"""Readers: paths, folders and URLs in, RawDocument (or ReadFailure) out, one at a time.

Formats: plain text, HTML, JSON Lines, CSV/TSV, WARC, RSS/Atom feeds, and
http(s) URLs of pages or feeds. A folder is walked recursively in name order,
hidden files skipped. Nothing is read ahead: a corpus of any size streams.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from vigil.records import FieldMap, RawDocument, ReadFailure
from vigil.sources.decode import NotText, decode
from vigil.sources.feeds import read_feed
from vigil.sources.html import read_html
from vigil.sources.records import read_csv, read_jsonl
from vigil.sources.warc import read_warc
from vigil.sources.web import fetch

DEFAULT_MAX_BYTES = 20_000_000

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")

Item = RawDocument | ReadFailure


def read_inputs(inputs: Iterable[str], fields: FieldMap | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article in the inputs, in order, with a ReadFailure for each that cannot be read."""
    fields = fields or FieldMap()
    for spec in inputs:
        if re.match(r"https?://", spec):
            yield from read_url(spec, max_bytes)
            continue
        path = Path(spec)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, fields, max_bytes)
        elif path.is_file():
            yield from read_file(path, fields, max_bytes)
        else:
            yield ReadFailure(spec, "no such file or folder")


def walk(folder: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in name order, skipping hidden ones."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(path: Path, fields: FieldMap, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadFailure(origin, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                                      "(raise it with --max-mb)")
            return
        name = path.name.lower()
        if name.endswith(WARC_SUFFIXES):
            with path.open("rb") as stream:
                yield from read_warc(stream, origin)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, origin, path.suffix.lower(), fields)


def read_bytes(data: bytes, origin: str, suffix: str, fields: FieldMap, url: str | None = None) -> Iterator[Item]:
    """Read the bytes of one input whose kind is told by its suffix, or by its content."""
    try:
        text = decode(data)
    except NotText as exc:
        yield ReadFailure(origin, str(exc))
        return
    kind = kind_of(suffix, text)
    if kind == "html":
        yield read_html(text, origin, url=url)
    elif kind == "feed":
        yield from read_feed(text, origin)
    elif kind == "jsonl":
        yield from read_jsonl(text, origin, fields)
    elif kind == "csv":
        yield from read_csv(text, origin, fields, delimiter="\t" if suffix == ".tsv" else ",")
    elif not text.strip():
        yield ReadFailure(origin, "empty file")
    else:
        yield RawDocument(origin=origin, content=text, url=url)


def kind_of(suffix: str, text: str) -> str:
    """html, feed, jsonl, csv or text: by suffix, else by sniffing the start of the text."""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:2000].lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        if "<rss" in head or "<feed" in head or "<rdf" in head:
            return "feed"
        return "html" if "<html" in head else "feed"
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if head.startswith("{") and suffix in ("", ".json"):
        return "jsonl"
    return "text"


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    try:
        data, content_type = fetch(url, max_bytes)
    except OSError as exc:
        yield ReadFailure(url, f"cannot fetch: {exc}")
        return
    suffix = ".xml" if any(t in content_type for t in ("rss", "atom", "xml")) else (
        ".html" if "html" in content_type else "")
    yield from read_bytes(data, url, suffix, FieldMap(), url=url)


__all__ = ["read_inputs", "read_file", "read_bytes", "read_url", "walk", "kind_of"]
