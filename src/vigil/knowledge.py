"""Loading the knowledge files under vigil/data/, extended by the user's own.

A user extends any file by putting a file of the same relative name in the folder
named by VIGIL_DATA_DIR: TSV rows are appended after the shipped rows (so a user
row with the same key overrides a shipped one when loaded into a dict), JSON
objects are merged key by key.
"""

from __future__ import annotations

import csv
import functools
import json
import os
from pathlib import Path
from typing import Iterator

SHIPPED = Path(__file__).parent / "data"


def user_data_dir() -> Path | None:
    value = os.environ.get("VIGIL_DATA_DIR")
    return Path(value) if value else None


def data_files(name: str) -> list[Path]:
    """The shipped file then the user's file of that name, those that exist."""
    paths = [SHIPPED / name]
    user = user_data_dir()
    if user is not None:
        paths.append(user / name)
    return [p for p in paths if p.is_file()]


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV knowledge file with a header line; lines starting with # are comments."""
    for path in data_files(name):
        with path.open(encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if line.strip() and not line.startswith("#"))
            yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@functools.lru_cache(maxsize=None)
def read_json(name: str) -> dict:
    merged: dict = {}
    for path in data_files(name):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def read_lines(name: str) -> Iterator[str]:
    """Non-empty, non-comment lines of a plain word-list file."""
    for path in data_files(name):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                yield line
