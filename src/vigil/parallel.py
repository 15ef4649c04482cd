"""Running extraction on many cores: a local process pool or a Dask cluster.

Both executors take batches of cleaned documents and hand back their
extractions in submission order, with a bounded number of batches in flight,
so memory stays flat and the store (written by the calling process only)
receives exactly what a serial run would write.
"""

from __future__ import annotations

import collections
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable

from vigil.nlp import DEFAULT_MODEL
from vigil.pipeline import extract_batch, shared_pipeline
from vigil.records import Document


def _warm(model: str, extractors: tuple[str, ...] | None) -> None:
    shared_pipeline(model, extractors)


class _Ordered:
    """Submit work, keep at most `window` futures in flight, deliver results in order."""

    def __init__(self, submit: Callable, result: Callable, window: int):
        self.submit, self.result, self.window = submit, result, window

    def map_batches(self, batches: Iterable[list[Document]], done: Callable) -> None:
        pending: collections.deque = collections.deque()
        for batch in batches:
            pending.append((batch, self.submit(batch)))
            while len(pending) >= self.window:
                oldest, future = pending.popleft()
                done(oldest, self.result(future))
        while pending:
            oldest, future = pending.popleft()
            done(oldest, self.result(future))


class LocalPoolExecutor(_Ordered):
    """Extraction in `workers` local processes, each loading the pipeline once."""

    def __init__(self, workers: int, model: str = DEFAULT_MODEL, extractors: tuple[str, ...] | None = None):
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm, initargs=(model, extractors))
        super().__init__(
            submit=lambda batch: self.pool.submit(extract_batch, batch, model, extractors),
            result=lambda future: future.result(),
            window=2 * workers,
        )

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskExecutor(_Ordered):
    """Extraction on a Dask cluster: an existing scheduler, or a local cluster of worker processes."""

    def __init__(self, scheduler: str | None = None, workers: int = 2, model: str = DEFAULT_MODEL,
                 extractors: tuple[str, ...] | None = None):
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        super().__init__(
            submit=lambda batch: self.client.submit(extract_batch, batch, model, extractors, pure=False),
            result=lambda future: future.result(),
            window=window,
        )

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(engine: str = "local", workers: int = 1, scheduler: str | None = None,
                  model: str = DEFAULT_MODEL, extractors: tuple[str, ...] | None = None):
    """None (serial in this process) for one local worker, else a pool or a Dask executor."""
    if engine == "dask":
        return DaskExecutor(scheduler, workers, model, extractors)
    if workers > 1:
        return LocalPoolExecutor(workers, model, extractors)
    return None
