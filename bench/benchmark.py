"""Print the course's speed figures (``make bench``). Not a test: nothing here passes or fails.

Each figure is a function registered with ``@figure``; other modules in this folder add theirs
and are imported at the bottom.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
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


@figure
def build_times(work: Path) -> list[tuple[str, str]]:
    """Clean build, then a rebuild after a prose edit (no re-execution expected)."""
    book = work / "book"
    shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "test-artifacts"))
    clean = build(book)
    lesson = book / "chapters" / "02-defining-partnership.md"
    lesson.write_text(lesson.read_text() + "\nOne more sentence of prose.\n")
    rebuild = build(book)
    return [("clean build", f"{clean:.1f} s"), ("rebuild after a prose edit", f"{rebuild:.1f} s")]


@figure
def quiz_assets(work: Path) -> list[tuple[str, str]]:
    """Bytes of the shared quiz script and styles, and of the quiz markup on the Leathard page."""
    from coursewidgets.bank import load_exercise
    from coursewidgets.render_html import render_html

    static = ROOT / "widgets" / "src" / "coursewidgets" / "static"
    js = sum(p.stat().st_size for p in static.glob("*.js"))
    css = sum(p.stat().st_size for p in static.glob("*.css"))
    markup = len(render_html(load_exercise("leathard-terms", ROOT / "exercises")).encode())
    return [("quiz JS (shared, cached)", f"{js:,} B"), ("quiz CSS (shared, cached)", f"{css:,} B"),
            ("Leathard quiz markup + data in its page", f"{markup:,} B")]


@figure
def grading_throughput(work: Path) -> list[tuple[str, str]]:
    """Responses per second for the Leathard classification, random answers."""
    from coursewidgets.bank import load_exercise
    from coursewidgets.grading import grade

    ex = load_exercise("leathard-terms", ROOT / "exercises")
    rng = random.Random(1)
    cats = [c.id for c in ex.categories]
    answers = [{i.id: rng.choice(cats) for i in rng.sample(ex.items, ex.sample or len(ex.items))}
               for _ in range(2000)]
    start = time.perf_counter()
    for a in answers:
        grade(ex, a, list(a))
    rate = len(answers) / (time.perf_counter() - start)
    return [("Leathard grading throughput", f"{rate:,.0f} responses/s")]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for fn in FIGURES:
            for label, value in fn(Path(tmp)):
                print(f"{label:<55} {value}")


sys.modules.setdefault("benchmark", sys.modules[__name__])  # figure modules import this one as `benchmark`
import tutor  # noqa: E402,F401  (grading a class vs executing notebooks)
import site_speed  # noqa: E402,F401  (page weight and Lighthouse scores of a lesson page)

if __name__ == "__main__":
    main()
