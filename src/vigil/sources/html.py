"""Web pages: main text, title, date, site name and author (trafilatura, htmldate)."""

from __future__ import annotations

import warnings

from vigil.records import RawDocument, ReadFailure


def read_html(html: str, origin: str, url: str | None = None, fallback_date: str | None = None,
              fallback_how: str | None = None) -> RawDocument | ReadFailure:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                include_tables=False)
        except Exception as exc:  # malformed markup can break the parser in many ways
            return ReadFailure(origin, f"unreadable HTML: {type(exc).__name__}: {exc}")
    if found is None or not (found.text or "").strip():
        return ReadFailure(origin, "no article text found in the HTML")
    published, how = _date(found.date, html, url)
    if not published and fallback_date:
        published, how = fallback_date, fallback_how
    return RawDocument(
        origin=origin,
        content=found.text,
        title=found.title or None,
        source=found.sitename or found.hostname or None,
        published=published,
        published_how=how,
        author=found.author or None,
        language=found.language or None,
        url=url or found.url or None,
    )


def _date(meta_date: str | None, html: str, url: str | None) -> tuple[str | None, str | None]:
    if meta_date:
        return meta_date, "html-metadata"
    try:
        from htmldate import find_date

        date = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception:
        date = None
    return (date, "htmldate") if date else (None, None)
