"""The site's JavaScript grader and the Python grader agree on thousands of generated answers."""

from __future__ import annotations

import random
from typing import Any

import pytest
from conftest import EXERCISES
from exercises_for_tests import ALL

from coursewidgets.core.bank import load_bank
from coursewidgets.core.grading import grade
from coursewidgets.core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice

pytestmark = pytest.mark.browser
JUNK: list[Any] = [None, True, 0, 2.5, "", "   ", "zzz", [], {}, [1, None], {"a": 1}, ["x", ["y"]], "\u00a0text\u2003"]


def ids_of(ex: Exercise) -> tuple[list[str], list[str]]:
    """(things answered about, values they take) for an exercise."""
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return [o.id for o in ex.options], []
    if isinstance(ex, Classification):
        return [i.id for i in ex.items], [c.id for c in ex.categories]
    if isinstance(ex, Matching):
        return [p.id for p in ex.pairs], [t.id for t in ex.targets]
    if isinstance(ex, Ordering):
        return [s.id for s in ex.steps], []
    return [], []


def answers_for(ex: Exercise, rng: random.Random) -> tuple[Any, Any]:
    keys, values = ids_of(ex)
    keys_plus = keys + ["ghost", "__proto__"]
    pick = rng.random()
    if pick < 0.15:
        return rng.choice(JUNK), rng.choice([None, JUNK[rng.randrange(len(JUNK))]])
    shown = rng.sample(keys, rng.randint(0, len(keys))) if isinstance(ex, Classification) and rng.random() < 0.7 else None
    if ex.kind == "single_choice":
        return rng.choice(keys_plus), shown
    if ex.kind in ("multiple_select", "ordering"):
        return [rng.choice(keys_plus) for _ in range(rng.randint(0, len(keys) + 2))], shown
    if ex.kind in ("classification", "matching"):
        return {rng.choice(keys_plus): rng.choice(values + ["nope", ""]) for _ in range(rng.randint(0, len(keys)))}, shown
    return rng.choice(["", " \t\n", "My answer", "\u00a0", rng.choice(JUNK)]), shown


def test_javascript_and_python_grade_alike(site_url, page):
    exercises = [*load_bank(EXERCISES).values(), *ALL]
    rng = random.Random(20261122)
    cases = []
    for _ in range(60):
        for ex in exercises:
            answer, shown = answers_for(ex, rng)
            cases.append({"ex": ex.model_dump(), "answer": answer, "shown": shown})
    page.goto(f"{site_url}/chapters/02-defining-partnership.html")
    page.wait_for_function("() => !!(window.coursewidgets && window.coursewidgets.grade)")
    from_js = page.evaluate("cases => cases.map(c => window.coursewidgets.grade(c.ex, c.answer, c.shown))", cases)
    by_id = {ex.id: ex for ex in exercises}
    mismatches = []
    for case, js in zip(cases, from_js):
        py = grade(by_id[case["ex"]["id"]], case["answer"], case["shown"]).as_dict()
        if py != js:
            mismatches.append((case["ex"]["id"], case["answer"], case["shown"], py, js))
    assert len(cases) > 2000
    assert len({(r["score"], r["max"], r["complete"]) for r in from_js}) > 20  # the answers really vary
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"

