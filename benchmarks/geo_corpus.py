"""What the benchmarks share: the real article texts of the geo gold dev sets, and writing their results."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path


def geo_articles(folder: Path) -> list[tuple[str, str | None]]:
    """(text, date) of every non-empty article of the `*.dev.xml` files; the date is the download date when given."""
    found = []
    for path in sorted(folder.glob("*.dev.xml")):
        for article in ET.parse(path).getroot().iter("article"):
            text = article.findtext("text") or ""
            if text.strip():
                found.append((text, (article.findtext("dltime") or "").strip() or None))
    return found


def geo_texts(folder: Path) -> list[str]:
    return [text for text, _ in geo_articles(folder)]


def emit(results: dict, output: Path | None) -> None:
    """Print the results as JSON, and write them to `output` too when given."""
    text = json.dumps(results, indent=2)
    print(text)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
