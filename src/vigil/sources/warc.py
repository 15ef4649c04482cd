"""WARC files from a crawl: each HTTP response holding HTML is an article."""

from __future__ import annotations

from typing import BinaryIO, Iterator

from vigil.records import RawDocument, ReadFailure
from vigil.sources.decode import NotText, decode
from vigil.sources.html import read_html


def read_warc(stream: BinaryIO, origin: str) -> Iterator[RawDocument | ReadFailure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or origin
            warc_date = record.rec_headers.get_header("WARC-Date")
            try:
                html = decode(record.content_stream().read())
            except NotText as exc:
                yield ReadFailure(url, str(exc))
                continue
            yield read_html(html, url, url=url, fallback_date=warc_date, fallback_how="warc-date")
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield ReadFailure(origin, f"not a readable WARC file: {exc}")
