"""Cleaning: Unicode normalisation, boilerplate lines, glued words, each change recorded.

All changes are computed as edits on the reader's text and applied in one
pass, so every clean character maps back to the original through
`CleanText.segments` (see `to_original`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from types import MappingProxyType
from typing import Iterator

from vigil.cleaning.edits import Edit, apply_edits, to_original
from vigil.cleaning.glue import glue_cuts
from vigil.knowledge import read_json
from vigil.records import CleanText, RawDocument

CHARACTER_FIXES = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u00ad": "",  # soft hyphen
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\u200b": "",  # zero-width space (made a space when it separates two words)
    "\r": "",  # \r\n -> \n (a lone \r becomes \n below)
}
NON_ASCII_RUN = re.compile(r"[A-Za-z]?[^\x00-\x7f]+|\r\n?")  # with the letter a combining mark may belong to
LINE = re.compile(r"[^\n]*\n?")
BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")


@functools.lru_cache(maxsize=1)
def patterns() -> dict:
    rules = read_json("cleaning/boilerplate.json")
    return {
        "separators": tuple(rules["breadcrumb_separators"]),
        "home": {w.lower() for w in rules["breadcrumb_home_words"]},
        "date_line": re.compile(rules["date_line"], re.I),
        "outlet_line": re.compile(rules["outlet_line"], re.I),
        "header_date": re.compile(rules["header_date"], re.I),
    }


def clean(raw: RawDocument) -> CleanText:
    original = raw.content
    found: dict[str, str] = {}
    drops = list(_boilerplate(original, found))
    dropped = [(e.start, e.end) for e in drops]
    edits = drops + list(_character_edits(original)) + list(_whitespace_edits(original, dropped))
    edits += [Edit(p, p, " ", why) for p, why in _glue(original, dropped)]
    text, segments, applied = apply_edits(original, edits)
    steps = tuple(_describe(original, e) for e in applied if e.why)
    return CleanText(text=text, segments=segments, steps=steps, found=MappingProxyType(found))


def _describe(original: str, edit: Edit) -> str:
    before = original[max(0, edit.start - 12) : edit.end + 12].replace("\n", "⏎")
    if edit.start == edit.end:
        return f"{edit.why}: …{before}… (space at {edit.start})"
    return f"{edit.why}: {original[edit.start:edit.end].strip()[:80]!r}"


# -- boilerplate ------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    for match in LINE.finditer(text):
        if match.start() == match.end():
            break
        yield match.start(), match.end(), match.group(0)


def _boilerplate(text: str, found: dict[str, str]) -> Iterator[Edit]:
    """Drop header, breadcrumb, bare date and outlet lines (with the blank lines after them)."""
    rules = patterns()
    lines = list(_lines(text))
    content_lines = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    edge = set(content_lines[:3] + content_lines[-2:])
    drop_until = -1
    for index, (start, end, line) in enumerate(lines):
        if start < drop_until:
            continue
        why = _boilerplate_line(line.strip(), index in edge, index == (content_lines[-1] if content_lines else -1),
                                rules, found)
        if why:
            end = _swallow_blank_lines(lines, index, end)
            drop_until = end
            yield Edit(start, end, "", why)
    if content_lines and lines[content_lines[0]][0] > 0:
        first = lines[content_lines[0]][0]
        yield Edit(0, first, "", "blank lines before the text")


def _swallow_blank_lines(lines, index: int, end: int) -> int:
    for start, line_end, line in lines[index + 1 :]:
        if line.strip():
            break
        end = line_end
    return end


def _boilerplate_line(line: str, near_edge: bool, is_last: bool, rules: dict, found: dict[str, str]) -> str | None:
    if not line:
        return None
    header_date = rules["header_date"].search(line)
    crumbs = _breadcrumbs(line, rules)
    if header_date and near_edge:
        found.setdefault("published", header_date.group(1))
        head = line[: header_date.start()].strip()
        if rules["outlet_line"].match(head):
            found.setdefault("outlet", head)
        if crumbs:
            _take_crumbs(crumbs, found)
        return "header line"
    if crumbs:
        _take_crumbs(crumbs, found)
        return "breadcrumb line"
    if rules["date_line"].match(line):
        day = re.search(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", line)
        if day:
            found.setdefault("published", f"{day.group(1)}-{int(day.group(2)):02d}-{int(day.group(3)):02d}")
        return "date line"
    if near_edge and rules["outlet_line"].match(line):
        if is_last:
            found.setdefault("source", line)
        else:
            found.setdefault("outlet", line)
        return "outlet line"
    return None


def _breadcrumbs(line: str, rules: dict) -> list[str]:
    """The parts of a breadcrumb trail ('Home › Baghdad Post › Title'), or []."""
    text = rules["header_date"].sub(" ", line)
    for separator in rules["separators"]:
        if text.count(separator) < 2 and not (separator in ("›", "»") and text.count(separator) >= 1):
            continue
        parts = [p.strip() for p in text.split(separator)]
        first_words = parts[0].lower().split()
        if first_words and first_words[-1] in rules["home"] and len(parts) >= 2 and all(len(p) < 120 for p in parts):
            return parts
    return []


def _take_crumbs(crumbs: list[str], found: dict[str, str]) -> None:
    middle = [c for c in crumbs[1:-1] if c]
    if middle:
        found.setdefault("source", middle[0])
    if len(crumbs) >= 3 and crumbs[-1]:
        found.setdefault("title", crumbs[-1])


# -- characters and spaces --------------------------------------------------------------


def _character_edits(text: str) -> Iterator[Edit]:
    for match in NON_ASCII_RUN.finditer(text):
        run = match.group(0)
        if run.startswith("\r"):
            yield Edit(match.start(), match.end(), "\n", "")
            continue
        fixed = "".join(_fix_char(text, match.start() + i, ch) for i, ch in enumerate(run))
        fixed = unicodedata.normalize("NFC", fixed)
        if fixed != run:
            yield Edit(match.start(), match.end(), fixed, "unicode")


def _fix_char(text: str, position: int, ch: str) -> str:
    if ch == "\u200b":
        before = text[position - 1 : position]
        after = text[position + 1 : position + 2]
        return " " if before.isalnum() and after.isalnum() else ""
    return CHARACTER_FIXES.get(ch, ch)


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _whitespace_edits(text: str, dropped: list[tuple[int, int]]) -> Iterator[Edit]:
    for match in BLANK_RUN.finditer(text):
        if _outside(dropped, match.start(), match.end()):
            yield Edit(match.start(), match.end(), "\n\n", "")
    for match in TRAILING_SPACE.finditer(text):
        if _outside(dropped, match.start(), match.end()):
            yield Edit(match.start(), match.end(), "", "")


def _glue(text: str, dropped: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    for position, why in glue_cuts(text):
        if _outside(dropped, position, position + 1):
            yield position, why


__all__ = ["clean", "to_original"]
