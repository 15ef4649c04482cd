"""A place's score as the chance that it is right (within 161 km of the right place).

The resolver's raw score is the best candidate's share among a name's candidates. For towns and regions found
by their own names that share is already close to the chance of being right on the geo dev sets (expected
calibration error 0.02-0.04), and binned corrections fitted on two sets did not carry over to the third, so it
is kept. Two kinds were far off and are mapped through `data/places/score_calibration.tsv` (written by
`tools/fit_place_scores.py`): names placed at a town or region near them (`inferred`, raw 0.1, right about
four times in five) and demonyms (raw 0.9, right 98 %).

Kinds: `town` (a town or district found by its own name), `region` (a country, state, continent, region or
sea), `inferred`, `demonym` ("Libyan").
"""

from __future__ import annotations

import bisect
import contextlib
import functools
from collections.abc import Iterable, Iterator

from vigil.knowledge import read_tsv

REGION_FEATURES = {"PCLI", "ADM1", "CONT", "RGN", "SEA", "LK"}
KINDS = ("town", "region", "inferred", "demonym")
CALIBRATED_KINDS = ("inferred", "demonym")  # the kinds the table maps; the others keep their raw share
_raw: list[tuple[str, float]] | None = None  # set by `raw_scores()`: the kinds and raw scores given out, in order


def kind_of(feature: str | None, inferred: bool = False, demonym: bool = False) -> str:
    if demonym:
        return "demonym"
    if inferred:
        return "inferred"
    return "region" if feature in REGION_FEATURES else "town"


def calibrated(raw: float, kind: str) -> float:
    """The chance, read off the table, that a resolution of this kind and raw score lies within 161 km of
    the right place; the raw score where the table has no row for the kind."""
    if _raw is not None:
        _raw.append((kind, raw))
        return raw
    return lookup(_table(), kind, raw)


def lookup(rows: list[dict], kind: str, raw: float) -> float:
    """The chance of the first row of `kind` whose `raw_up_to` is at least `raw` (the last row beyond them all);
    `raw` itself when no row has the kind."""
    mine = sorted((float(r["raw_up_to"]), float(r["chance"])) for r in rows if r["kind"] == kind)
    if not mine:
        return raw
    return mine[min(bisect.bisect_left([upper for upper, _ in mine], raw), len(mine) - 1)][1]


@contextlib.contextmanager
def raw_scores() -> Iterator[list[tuple[str, float]]]:
    """Resolve with raw scores (to fit the table); yields the list of (kind, raw score) of each resolved
    mention, in the order they were resolved."""
    global _raw
    before, _raw = _raw, []
    try:
        yield _raw
    finally:
        _raw = before


@functools.lru_cache(maxsize=1)
def _table() -> list[dict]:
    return list(read_tsv("places/score_calibration.tsv"))


EDGES = (1.0,)  # one bin per kind: the samples of the calibrated kinds are few


def fit(samples: Iterable[tuple[str, float, bool]], edges: tuple[float, ...] = EDGES) -> list[dict]:
    """Table rows from (kind, raw score, right?) samples: per kind and raw-score bin, the share right (with one
    right and one wrong added, so a small bin stays near one half), made non-decreasing in the raw score by
    pooling adjacent bins. Empty bins are left out."""
    bins: dict[str, list[list[int]]] = {kind: [[0, 0] for _ in edges] for kind in KINDS}
    for kind, raw, right in samples:
        cell = bins.setdefault(kind, [[0, 0] for _ in edges])[min(bisect.bisect_left(edges, raw), len(edges) - 1)]
        cell[0] += int(right)
        cell[1] += 1
    rows = []
    for kind, cells in bins.items():
        blocks = [[edge, right, total] for edge, (right, total) in zip(edges, cells) if total]
        pooled: list[list[float]] = []
        for edge, right, total in blocks:  # pool adjacent violators
            pooled.append([edge, right, total])
            while len(pooled) > 1 and _chance(pooled[-2]) > _chance(pooled[-1]):
                last = pooled.pop()
                pooled[-1] = [last[0], pooled[-1][1] + last[1], pooled[-1][2] + last[2]]
        rows += [{"kind": kind, "raw_up_to": edge, "chance": round(_chance([edge, right, total]), 3), "samples": total}
                 for edge, right, total in pooled]
    return rows


def _chance(block) -> float:
    return (block[1] + 1) / (block[2] + 2)


def reliability(pairs: Iterable[tuple[float, bool]], bins: int = 10) -> dict:
    """Expected calibration error (equal-width bins) and Brier score of (score, right?) pairs."""
    pairs = list(pairs)
    if not pairs:
        return {"samples": 0, "ece": None, "brier": None}
    cells: list[list[float]] = [[0.0, 0.0, 0] for _ in range(bins)]
    for score, right in pairs:
        cell = cells[min(int(score * bins), bins - 1)]
        cell[0] += score
        cell[1] += int(right)
        cell[2] += 1
    ece = sum(abs(c[0] - c[1]) for c in cells if c[2]) / len(pairs)
    brier = sum((score - int(right)) ** 2 for score, right in pairs) / len(pairs)
    return {"samples": len(pairs), "ece": round(ece, 4), "brier": round(brier, 4),
            "mean_score": round(sum(s for s, _ in pairs) / len(pairs), 4),
            "share_right": round(sum(int(r) for _, r in pairs) / len(pairs), 4)}
