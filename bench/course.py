"""Course figures: build times, the quiz script's weight and grading throughput."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

from figures import ROOT, build, figure


@figure
def build_times(work: Path) -> list[tuple[str, str]]:
    """Clean build, then a rebuild after a prose edit (no re-execution expected)."""
    book = work / "book"
    shutil.copytree(ROOT, book, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "test-artifacts", "node_modules"))
    clean = build(book)
    lesson = book / "chapters" / "02-defining-partnership.md"
    lesson.write_text(lesson.read_text() + "\nOne more sentence of prose.\n")
    rebuild = build(book)
    return [("clean build", f"{clean:.1f} s"), ("rebuild after a prose edit", f"{rebuild:.1f} s")]


@figure
def quiz_assets(work: Path) -> list[tuple[str, str]]:
    """Bytes of the shared quiz script and styles, and of the quiz markup on the Leathard page."""
    from coursewidgets.core.bank import load_exercise
    from coursewidgets.render.html import render_html

    static = ROOT / "widgets" / "src" / "coursewidgets" / "site" / "static"
    js = sum(p.stat().st_size for p in static.glob("*.js"))
    css = sum(p.stat().st_size for p in static.glob("*.css"))
    markup = len(render_html(load_exercise("leathard-terms", ROOT / "exercises")).encode())
    return [("quiz JS (shared, cached)", f"{js:,} B"), ("quiz CSS (shared, cached)", f"{css:,} B"),
            ("Leathard quiz markup + data in its page", f"{markup:,} B")]


@figure
def grading_throughput(work: Path) -> list[tuple[str, str]]:
    """Responses per second for the Leathard classification, random answers."""
    from coursewidgets.core.bank import load_exercise
    from coursewidgets.core.grading import grade

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
