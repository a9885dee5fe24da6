"""No list in an assessed handout (or the response file its notebook saves) follows the key's structure.

Many handouts are made, each from a fresh secret, as ``assign`` makes them. Against each, a class of
fixed strategies is played that a student could apply without reading the questions: for a sampled
classification, cutting any id list of the handout into blocks (in every order of the categories) or
dealing categories out in turn; for an ordering, every fixed rearranging of the order shown (rotating it
back by one, reversing it, ...). Each strategy's mean share of the marks must stay near what a blind
guess gets."""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import pytest
from conftest import ROOT
from exercises_for_tests import make

from coursewidgets.core.bank import load_exercise
from coursewidgets.core.grading import grade
from coursewidgets.core.layout import allocation, variants_of
from coursewidgets.core.models import Classification, Exercise, Ordering
from coursewidgets.tutor.handout import handout_data
from coursewidgets.tutor.keyfile import new_secret

HANDOUTS = 600
MARGIN = 0.08
"""As the pattern bot's: a strategy may beat a blind guess by at most this share of the marks."""


def _handouts(ex: Exercise, n: int = HANDOUTS) -> list[dict]:
    """``n`` handouts of ``ex``, each with its own secret; the same ones every run (a fixed draw of secrets, so a
    strategy's mean near the margin cannot pass one run and fail the next)."""
    rng = random.Random(23)
    return [handout_data("T", "assessed", [ex], "r.json", f"{rng.getrandbits(128):032x}")["exercises"][0]
            for _ in range(n)]


def _id_lists(data: object, ids: set[str]) -> list[list[str]]:
    """Every list in ``data`` (at any depth) that holds only ids from ``ids``."""
    found, stack = [], [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            if value and all(isinstance(v, str) and v in ids for v in value):
                found.append(value)
            stack.extend(value)
    return found


def _sampled(categories: int, per_category: int, sample: int) -> Classification:
    cats = [{"id": f"c{n}", "label": f"Category {n}"} for n in range(categories)]
    items = [{"id": f"it{c}-{k}", "text": f"Item {c} {k}", "answer": f"c{c}", "feedback": "f"}
             for c in range(categories) for k in range(per_category)]
    return make("classification", categories=cats, items=items, sample=sample)  # type: ignore[return-value]


CLASSIFICATIONS = {
    # each variant of the course's Leathard exercise, as a sampled classification of its own
    **{f"leathard-v{n + 1}": (lambda n=n: variants_of(load_exercise("leathard-terms", ROOT / "exercises"))[n])
       for n in range(2)},
    "three-even": lambda: _sampled(3, 6, 9),
    "four-uneven": lambda: _sampled(4, 5, 10),
    "two": lambda: _sampled(2, 8, 6),
}


def _block_strategies(ex: Classification) -> list[tuple[str, callable]]:
    """Fixed ways to classify a list of ids by position only."""
    cats = [c.id for c in ex.categories]
    sizes = allocation([sum(i.answer == c for i in ex.items) for c in cats], ex.sample or 0)
    out = []
    for perm in itertools.permutations(range(len(cats))):
        cuts = [c for c in perm for _ in range(sizes[c])]  # blocks as the stratified draw fills them
        out.append((f"blocks {perm}", lambda ids, cuts=cuts: {i: cats[cuts[n]] for n, i in enumerate(ids)}))
        out.append((f"in turn {perm}", lambda ids, perm=perm: {i: cats[perm[n % len(perm)]] for n, i in enumerate(ids)}))
    return out


@pytest.mark.parametrize("name", sorted(CLASSIFICATIONS))
def test_no_list_of_a_sampled_classification_handout_gives_the_categories_away(name):
    ex = CLASSIFICATIONS[name]()
    assert isinstance(ex, Classification) and ex.sample
    ids = {i.id for i in ex.items}
    sizes = allocation([sum(i.answer == c.id for i in ex.items) for c in ex.categories], ex.sample)
    blind = max(sizes) / ex.sample  # everything in the largest category
    strategies = _block_strategies(ex)
    totals = {label: 0.0 for label, _ in strategies}
    lists_seen = 0
    for view in _handouts(ex):
        shown = view["layout"]["shown"]
        lists = _id_lists(view, ids)
        lists_seen += len(lists)
        for ids_list in lists:
            for label, strategy in strategies:
                g = grade(ex, strategy(ids_list), shown)
                totals[label] += g.score / g.max / len(lists)
    assert lists_seen >= 2 * HANDOUTS  # the layout's shown and items, and the handout's items
    worst = max(totals, key=totals.get)
    assert totals[worst] / HANDOUTS <= blind + MARGIN, (worst, totals[worst] / HANDOUTS, blind)


def test_the_saved_shown_list_is_not_in_category_order():
    ex = CLASSIFICATIONS["leathard-v1"]()
    answers = {i.id: i.answer for i in ex.items}
    order = [c.id for c in ex.categories]
    grouped = 0
    for view in _handouts(ex, 200):
        cats = [answers[i] for i in view["layout"]["shown"]]
        grouped += cats == sorted(cats, key=order.index)
    assert grouped == 0


@pytest.mark.parametrize("steps", [3, 4, 5])
def test_no_fixed_rearranging_of_an_ordering_beats_a_blind_guess(steps):
    ex = make("ordering", steps=[{"id": f"s{n}", "text": f"Step {n}", "feedback": "f"} for n in range(steps)])
    assert isinstance(ex, Ordering)
    views = _handouts(ex)
    key = [s.id for s in ex.steps]
    assert all(v["layout"]["order"] != key and [s["id"] for s in v["steps"]] == v["layout"]["order"] for v in views)
    marks = grade(ex, key).max
    blind = sum(grade(ex, list(p)).score for p in itertools.permutations(key)) / (marks * math.factorial(steps))
    for perm in itertools.permutations(range(steps)):  # every fixed rearranging of the positions
        mean = sum(grade(ex, [v["layout"]["order"][p] for p in perm]).score for v in views) / (marks * len(views))
        assert mean <= blind + MARGIN, (perm, mean, blind)


def test_the_notebook_saves_the_handouts_order_not_the_categories(tmp_path: Path):
    import json

    from coursewidgets.tutor.student import Assignment

    ex = CLASSIFICATIONS["three-even"]()
    path = tmp_path / "t.handout.json"
    path.write_text(json.dumps(handout_data("T", "assessed", [ex], "r.json", new_secret())))
    work = Assignment(path)
    quiz = work.quiz(ex.id)
    view = json.loads(path.read_text())["exercises"][0]
    assert quiz.shown == [i["id"] for i in view["items"]] == view["layout"]["items"]
