"""What every figure module shares: the registry of figures, the project root and a book build."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

FIGURES: list[Callable[[Path], list[tuple[str, str]]]] = []


def figure(fn: Callable[[Path], list[tuple[str, str]]]) -> Callable[[Path], list[tuple[str, str]]]:
    """Register a function that takes the work folder and returns (label, value) rows."""
    FIGURES.append(fn)
    return fn


def build(source: Path) -> float:
    from conftest import jupyter_book

    start = time.perf_counter()
    run = jupyter_book(source, source)
    if run.returncode:
        raise SystemExit(f"build failed:\n{run.stdout[-3000:]}")
    return time.perf_counter() - start
