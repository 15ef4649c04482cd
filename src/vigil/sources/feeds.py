"""RSS and Atom feeds: each entry is an article (its content, or its summary)."""

from __future__ import annotations

import time
from typing import Iterator

from vigil.records import RawDocument, ReadFailure


def read_feed(data: bytes | str, origin: str) -> Iterator[RawDocument | ReadFailure]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield ReadFailure(origin, f"not a readable RSS/Atom feed: {reason}" if reason else "feed has no entries")
        return
    site = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        where = entry.get("link") or entry.get("id") or f"{origin}#entry{number}"
        html = _entry_html(entry)
        text = _text_of(html)
        if not text.strip():
            yield ReadFailure(where, "feed entry has no text")
            continue
        yield RawDocument(
            origin=where,
            content=text,
            title=entry.get("title"),
            source=site,
            published=_date(entry),
            published_how="feed" if _date(entry) else None,
            author=entry.get("author"),
            language=entry.get("language") or feed.feed.get("language"),
            url=entry.get("link"),
        )


def _entry_html(entry) -> str:
    if entry.get("content"):
        return " ".join(part.get("value", "") for part in entry.content)
    return entry.get("summary", "")


def _text_of(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:
        return ""
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = ("\n" + block.tail) if block.tail else "\n"
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
