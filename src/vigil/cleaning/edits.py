"""Edits on an original text, applied in one pass, with the map back from clean to original offsets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable, Sequence

from vigil.records import Segment


@dataclass(frozen=True)
class Edit:
    """Replace original[start:end] with `text`; an insertion has start == end."""

    start: int
    end: int
    text: str
    why: str


def apply_edits(original: str, edits: Iterable[Edit]) -> tuple[str, tuple[Segment, ...], tuple[Edit, ...]]:
    """The edited text, the segments copied from the original, and the edits actually applied.

    Edits that overlap one already taken are skipped, so the result is always consistent.
    """
    pieces: list[str] = []
    segments: list[Segment] = []
    applied: list[Edit] = []
    cursor = 0  # position in the original
    length = 0  # length of the clean text so far
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor or edit.end < edit.start:
            continue
        if edit.start > cursor:
            run = original[cursor : edit.start]
            segments.append(Segment(length, cursor, len(run)))
            pieces.append(run)
            length += len(run)
        pieces.append(edit.text)
        length += len(edit.text)
        cursor = edit.end
        applied.append(edit)
    if cursor < len(original):
        segments.append(Segment(length, cursor, len(original) - cursor))
        pieces.append(original[cursor:])
    return "".join(pieces), tuple(segments), tuple(applied)


def to_original(segments: Sequence[Segment], clean_offset: int) -> int:
    """The original offset of a clean offset; an inserted character maps to where it was inserted."""
    if not segments:
        return clean_offset
    starts = [s.clean_start for s in segments]
    index = max(0, bisect.bisect_right(starts, clean_offset) - 1)
    segment = segments[index]
    inside = clean_offset - segment.clean_start
    if inside <= segment.length:
        return segment.original_start + max(0, inside)
    return segment.original_start + segment.length
