"""Spread a class's per-file and per-student work over the machine's cores.

``pmap(work, items, shared)`` is ``(work(shared, item) for item in items)``, in order. From ``PARALLEL_FROM``
items on, where the system can fork, it runs in worker processes (one per core): they inherit ``shared``
(the bank, the graded class) from the fork instead of receiving a copy of it, and only the items and the
results cross between processes (the collector is kept off the inherited objects, ``gc.freeze``, so that
they stay shared with the parent instead of being copied into each worker). Smaller classes, or a machine with one core, run here: the same results.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_FROM = 2_000
"""Items from which worker processes pay for their start-up."""
CHUNK = 250
"""Items a worker takes at a time."""

_shared: Any = None


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run(work: Callable[[Any, T], R], chunk: Sequence[T]) -> list[R]:
    return [work(_shared, item) for item in chunk]


def pmap(work: Callable[[Any, T], R], items: Sequence[T], shared: Any) -> Iterator[R]:
    """``work(shared, item)`` for each item, in order; in worker processes for large ``items``.

    ``work`` must be a module-level function (workers find it by name)."""
    global _shared
    workers = min(cores(), 1 + len(items) // CHUNK)
    if len(items) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (work(shared, item) for item in items)
        return
    _shared = shared
    chunks = [items[n:n + CHUNK] for n in range(0, len(items), CHUNK)]
    gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        for done in pool.map(_run, [work] * len(chunks), chunks):
            yield from done
    finally:
        pool.shutdown(cancel_futures=True)  # stopped early (an error): no more chunks started
        gc.unfreeze()
        _shared = None
