"""`vigil eval TASK PATH`: score Vigil on public gold data (formats in the datasets README).

Each task is a module here with `run(path, predictions) -> dict`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from vigil.errors import EvalDataError

TASKS = {"geo": "geo", "events": "events", "plover": "plover", "quotes": "quotes", "time": "time", "eventloc": "eventloc"}


def run(task: str, path: Path, predictions: Path | None = None) -> dict:
    if task not in TASKS:
        raise EvalDataError(f"no evaluation task {task!r}; choose one of: {', '.join(TASKS)}")
    if not Path(path).exists():
        raise EvalDataError(f"gold data not found: {path}")
    module = importlib.import_module(f"vigil.evaluate.{TASKS[task]}")
    return module.run(Path(path), Path(predictions) if predictions else None)
