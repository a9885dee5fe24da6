"""The pattern bot in Python: no strategy that answers without reading beats a blind guess.

Every auto-marked exercise of the course's bank is played by each strategy of ``tests/pattern_strategies.py``
(the issue's six, and always the shortest option, which catches a bank rebalanced too far) over
``SEEDS`` = 200 seeds per exercise, in the layouts ``core.layout`` gives those seeds; an exercise with
variants is played on every variant (its seeds ask each equally often; ``VARIED`` proves it for every kind). Each
strategy's mean share of the marks must be at most the blind guess's mean over the same exercises plus
``MARGIN`` = 0.08 (8 percentage points). "The first k options" is told how many options are right, so
it is also held to a random guess that knows that too (k options ticked at random). Length cues
("the longest option", "the shortest option") cannot be hidden by shuffling: the bank's rules keep them
from paying (``tests/test_exercise_bank.py``).
"""

from __future__ import annotations

import pytest
from conftest import EXERCISES
from exercises_for_tests import VARIED
from pattern_strategies import MARGIN, SEEDS, STRATEGIES, Result, key_first, play, play_all

from coursewidgets.core.bank import load_bank
from coursewidgets.core.layout import variants_of

BANK = [ex for ex in load_bank(EXERCISES).values() if ex.kind != "reflection"]
MARKED_VARIED = [ex for ex in VARIED if ex.kind != "reflection"]


def every_variant(exercises) -> set[tuple[str, int]]:
    return {(ex.id, n) for ex in exercises for n in range(len(variants_of(ex)))}


@pytest.fixture(scope="module")
def results() -> dict[str, Result]:
    return {r.strategy: r for r in play_all(BANK, SEEDS)}


def _check(r: Result, against: float) -> None:
    assert r.mean <= against + MARGIN, f"{r.strategy}: {r.mean:.3f} > {against:.3f} + {MARGIN} on {r.exercises}"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_strategy_is_no_better_than_a_blind_guess(results, strategy):
    assert results[strategy].exercises, "the strategy played nothing"
    _check(results[strategy], results[strategy].blind)


def test_the_first_k_options_are_no_better_than_k_random_ones(results):
    r = results["the first k options (multiple select)"]
    assert r.informed is not None and len(r.exercises) >= 5
    _check(r, r.informed)


def test_every_kind_is_played(results):
    played = {ex_id for r in results.values() for ex_id in r.exercises}
    assert played == {ex.id for ex in BANK}


def test_every_variant_is_played(results):
    assert {v for r in results.values() for v in r.variants} == every_variant(BANK)


def test_every_variant_of_every_kind_is_played_and_scored_on_itself():
    """On ``VARIED`` (two or three variants of each kind) the bot plays each variant, and a layout that leaks
    the key wins on them as on one question: its answers are read off, and marked against, the variant asked."""
    results = play_all(MARKED_VARIED, 30)
    assert {v for r in results for v in r.variants} == every_variant(MARKED_VARIED)
    for strategy in ("always the first option", "the first k options (multiple select)", "the diagonal (matching)"):
        r = play(strategy, MARKED_VARIED, 30, arrange=key_first)
        assert len(r.variants) >= 2 and r.mean > (r.informed or r.blind) + MARGIN, strategy


@pytest.mark.parametrize("strategy", ["always the first option", "the first k options (multiple select)",
                                      "the diagonal (matching)"])
def test_the_bot_catches_a_layout_that_leaks_the_key(strategy):
    """The same bot wins by far where the layout leaks the key as the first edition's did: it can fail."""
    r = play(strategy, BANK, 20, arrange=key_first)
    assert r.mean > (r.informed or r.blind) + MARGIN
