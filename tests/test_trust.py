"""The trust simulation (coursewidgets.trust) and its notebook widget."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursewidgets.trust.model import (MIXES, NAMES, NOISE_VALUES, RECIPROCATORS, STRATEGIES, W_VALUES, Payoffs,
                                 payoff_matrix, play_match, simulate, tit_for_tat)
from coursewidgets.trust.widget import explorable

HOLD_BACK = NAMES.index("Always hold back")
PAYOFFS = Payoffs()


def final(w: float, noise: float, mix: str) -> dict[str, float]:
    return dict(zip(NAMES, simulate(w, noise, mix).history[-1]))


@settings(max_examples=300, deadline=None)
@given(opponent=st.sampled_from(NAMES), w=st.floats(0, 0.98), seed=st.integers(0, 2**32))
def test_tit_for_tat_never_beats_its_partner_and_loses_by_at_most_t_minus_s(opponent: str, w: float, seed: int) -> None:
    mine, theirs, _ = play_match(tit_for_tat, STRATEGIES[opponent], w=w, noise=0.0, rng=random.Random(seed))
    assert 0 <= theirs - mine <= PAYOFFS.temptation - PAYOFFS.sucker


def test_with_no_chance_of_meeting_again_holding_back_dominates() -> None:
    matrix = payoff_matrix(0.0, 0.0)
    for column in range(len(NAMES)):
        assert all(matrix[HOLD_BACK][column] >= row[column] for row in matrix)
    for mix in MIXES:
        outcome = simulate(0.0, 0.0, mix)
        assert max(range(len(NAMES)), key=outcome.scores.__getitem__) == HOLD_BACK
        assert outcome.history[-1][HOLD_BACK] > 0.99


@pytest.mark.parametrize("mix", MIXES)
def test_with_a_long_shared_future_and_no_noise_reciprocators_take_over(mix: str) -> None:
    shares = final(0.95, 0.0, mix)
    assert sum(shares[name] for name in RECIPROCATORS) > 0.9
    assert shares["Always hold back"] < 0.01


def test_same_seed_same_result_and_seed_matters() -> None:
    first = simulate(0.6, 0.05, seed=7, matches=50)
    payoff_matrix.cache_clear()
    assert simulate(0.6, 0.05, seed=7, matches=50) == first
    assert simulate(0.6, 0.05, seed=8, matches=50) != first


def test_shares_stay_a_distribution() -> None:
    for shares in simulate(0.8, 0.1, "Mostly always cooperate").history:
        assert sum(shares) == pytest.approx(1) and min(shares) >= 0


@pytest.mark.parametrize("payoffs", [(3, 5, 1, 0), (5, 3, 1, 2), (6, 3, 1, 0), (5, 3, 1, -1)])
def test_payoffs_must_make_a_prisoners_dilemma(payoffs: tuple[float, float, float, float]) -> None:
    with pytest.raises(ValueError):
        Payoffs(*payoffs)


def test_the_pages_answers_match_the_model() -> None:
    """The 'What you should find' answers in chapters/trust-explorable.md."""
    def largest(w: float, noise: float, mix: str) -> str:
        shares = final(w, noise, mix)
        return max(shares, key=shares.__getitem__)

    assert largest(0.9, 0.0, "Equal shares") == "Tit for tat"
    scores = simulate(0.9, 0.0).scores
    assert scores.index(max(scores)) == HOLD_BACK
    assert all(largest(w, 0.0, "Equal shares") == "Always hold back" for w in W_VALUES if w <= 0.75)
    assert all(largest(w, 0.0, "Equal shares") in RECIPROCATORS for w in W_VALUES if w >= 0.8)
    low, some = final(0.95, 0.0, "Equal shares"), final(0.95, 0.05, "Equal shares")
    assert some["Forgiving tit for tat"] / some["Tit for tat"] > low["Forgiving tit for tat"] / low["Tit for tat"]
    assert [largest(w, 0.1, "Equal shares") in RECIPROCATORS for w in W_VALUES[-3:]] == [False, False, True]
    assert largest(0.85, 0.0, "Mostly always cooperate") == "Always hold back"
    assert largest(0.85, 0.0, "Mostly always hold back") == "Always hold back"
    assert largest(0.9, 0.0, "Mostly always hold back") in RECIPROCATORS


def percent_after(w: float, noise: float, generation: int = -1) -> dict[str, int]:
    """Each strategy's share as the page shows it (whole percent), equal starting mix."""
    return dict(zip(NAMES, (round(100 * x) for x in simulate(w, noise).history[generation])))


def first_win(noise: float, mix: str) -> float | None:
    """The lowest chance of meeting again at which a reciprocator ends as the largest group."""
    for w in W_VALUES:
        shares = final(w, noise, mix)
        if max(shares, key=shares.__getitem__) in RECIPROCATORS:
            return w
    return None


def test_the_pages_numbers_for_noise_match_the_model() -> None:
    """Answer 3: the shares it quotes, and why forgiveness loses at 10% noise."""
    five, ten = percent_after(0.95, 0.05), percent_after(0.95, 0.1)
    assert (five["Tit for tat"], five["Forgiving tit for tat"]) == (49, 42)
    assert percent_after(0.95, 0.1, generation=20)["Always hold back"] > 50
    assert (ten["Tit for tat"], ten["Forgiving tit for tat"]) == (67, 13)
    matrix = payoff_matrix(0.95, 0.1)
    tft, ftft = NAMES.index("Tit for tat"), NAMES.index("Forgiving tit for tat")
    assert matrix[ftft][HOLD_BACK] < matrix[tft][HOLD_BACK], "forgiveness is exploited by those who hold back"
    shares = final(0.9, 0.1, "Equal shares")
    assert max(shares, key=shares.__getitem__) == "Always hold back"


def test_the_pages_numbers_for_starting_mixes_match_the_model() -> None:
    """Answers 4 and 5: the lowest chance of meeting again at which reciprocators win, per mix and noise."""
    assert [first_win(noise, "Equal shares") for noise in (0.0, 0.05)] == [0.8, 0.85]
    assert [first_win(noise, "Mostly always hold back") for noise in NOISE_VALUES] == [0.9, 0.95, None]
    assert [first_win(noise, "Mostly always cooperate") for noise in (0.0, 0.05)] == [0.9, None]
    reciprocators = [NAMES.index(name) for name in RECIPROCATORS]
    assert sum(MIXES["Mostly always hold back"][i] for i in reciprocators) == pytest.approx(0.2)
    assert sum(MIXES["Equal shares"][i] for i in reciprocators) == max(
        sum(shares[i] for i in reciprocators) for shares in MIXES.values())


def test_widget_redraws_when_a_control_moves() -> None:
    widget = explorable()
    before = widget.view.value
    widget.w.value = 0.5
    after_w = widget.view.value
    assert after_w != before and "50% chance of meeting again" in after_w
    widget.mix.value = "Mostly always hold back"
    assert widget.view.value != after_w


def test_notebook_output_carries_live_widget_and_site_version() -> None:
    bundle = explorable()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="cw-trust"' in bundle["text/html"] and "cw-trust-data" in bundle["text/html"]
