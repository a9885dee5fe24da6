"""Trust from repeated exchanges: a seeded iterated prisoner's dilemma between partner organisations.

In each round both partners either cooperate or hold back. After a round they meet again with
probability ``w`` (the shadow of the future), and each move comes out the opposite of what was meant
with probability ``noise``. ``payoff_matrix`` plays matches between every pair of strategies,
``tournament`` scores each strategy against a mix of partners, and ``evolve`` lets that mix change
over generations by replicator dynamics. Pure Python: no UI.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations_with_replacement

Move = bool
"""True to cooperate, False to hold back."""

Strategy = Callable[[Move | None, random.Random], Move]
"""Chooses a move from the partner's last move (None in the first round)."""

Matrix = tuple[tuple[float, ...], ...]
Shares = tuple[float, ...]

GENEROSITY = 1 / 3
"""How often forgiving tit for tat cooperates after the partner held back."""


def always_cooperate(last: Move | None, rng: random.Random) -> Move:
    return True


def always_hold_back(last: Move | None, rng: random.Random) -> Move:
    return False


def tit_for_tat(last: Move | None, rng: random.Random) -> Move:
    """Cooperate first, then do what the partner did last time."""
    return last is not False


def forgiving_tit_for_tat(last: Move | None, rng: random.Random) -> Move:
    """Tit for tat that sometimes lets a hold-back pass."""
    return last is not False or rng.random() < GENEROSITY


def random_move(last: Move | None, rng: random.Random) -> Move:
    return rng.random() < 0.5


STRATEGIES: dict[str, Strategy] = {
    "Always cooperate": always_cooperate,
    "Always hold back": always_hold_back,
    "Tit for tat": tit_for_tat,
    "Forgiving tit for tat": forgiving_tit_for_tat,
    "Random": random_move,
}
NAMES = tuple(STRATEGIES)
RECIPROCATORS = ("Tit for tat", "Forgiving tit for tat")


def _mix(main: str | None) -> Shares:
    """Equal shares, or 60% ``main`` and 10% each of the rest."""
    return tuple(0.2 if main is None else 0.6 if name == main else 0.1 for name in NAMES)


MIXES: dict[str, Shares] = {
    "Equal shares": _mix(None),
    "Mostly always hold back": _mix("Always hold back"),
    "Mostly always cooperate": _mix("Always cooperate"),
}

W_VALUES = tuple(round(0.05 * i, 2) for i in range(20))
"""Chances of meeting again that the explorable offers: 0 to 0.95."""
NOISE_VALUES = (0.0, 0.05, 0.1)
MATCHES = 1000
"""Matches played between each pair of strategies."""
GENERATIONS = 40


@dataclass(frozen=True)
class Payoffs:
    """Points for one round: prisoner's dilemma needs temptation > reward > punishment > sucker."""

    temptation: float = 5
    reward: float = 3
    punishment: float = 1
    sucker: float = 0

    def __post_init__(self) -> None:
        t, r, p, s = self.temptation, self.reward, self.punishment, self.sucker
        if not (t > r > p > s >= 0 and 2 * r > t + s):
            raise ValueError("need temptation > reward > punishment > sucker >= 0 and 2 reward > temptation + sucker")

    def points(self, mine: Move, theirs: Move) -> float:
        if mine:
            return self.reward if theirs else self.sucker
        return self.temptation if theirs else self.punishment


def _as_played(move: Move, noise: float, rng: random.Random) -> Move:
    """The move as it comes out: the opposite of what was meant with probability ``noise``."""
    return move != (rng.random() < noise)


def play_match(a: Strategy, b: Strategy, *, w: float, noise: float, rng: random.Random,
               payoffs: Payoffs = Payoffs()) -> tuple[float, float, int]:
    """Play rounds until the partners stop meeting; return both totals and the number of rounds."""
    last_a: Move | None = None
    last_b: Move | None = None
    score_a = score_b = 0.0
    rounds = 0
    while True:
        move_a = _as_played(a(last_b, rng), noise, rng)
        move_b = _as_played(b(last_a, rng), noise, rng)
        score_a += payoffs.points(move_a, move_b)
        score_b += payoffs.points(move_b, move_a)
        last_a, last_b, rounds = move_a, move_b, rounds + 1
        if rng.random() >= w:
            return score_a, score_b, rounds


@lru_cache(maxsize=128)
def payoff_matrix(w: float, noise: float, payoffs: Payoffs = Payoffs(), matches: int = MATCHES,
                  seed: int = 0) -> Matrix:
    """Points per round that each strategy (row) earns against each (column), over seeded matches."""
    rng = random.Random(seed)
    size = len(NAMES)
    points = [[0.0] * size for _ in range(size)]
    rounds = [[0] * size for _ in range(size)]
    for i, j in combinations_with_replacement(range(size), 2):
        for _ in range(matches):
            a, b, n = play_match(STRATEGIES[NAMES[i]], STRATEGIES[NAMES[j]], w=w, noise=noise, rng=rng,
                                 payoffs=payoffs)
            points[i][j] += a
            points[j][i] += b
            rounds[i][j] += n
            rounds[j][i] += n
    return tuple(tuple(p / n for p, n in zip(prow, nrow)) for prow, nrow in zip(points, rounds))


def tournament(matrix: Matrix, shares: Shares) -> tuple[float, ...]:
    """Round robin: each strategy's points per round against partners met in proportion to ``shares``."""
    return tuple(sum(m * s for m, s in zip(row, shares)) for row in matrix)


def evolve(matrix: Matrix, shares: Shares, generations: int = GENERATIONS) -> tuple[Shares, ...]:
    """Replicator dynamics: each generation a strategy's share grows in proportion to its score."""
    history = [shares]
    for _ in range(generations):
        now = history[-1]
        scores = tournament(matrix, now)
        mean = sum(s * x for s, x in zip(scores, now))
        history.append(tuple(x * s / mean for s, x in zip(scores, now)))
    return tuple(history)


@dataclass(frozen=True)
class Outcome:
    """Tournament scores against the starting mix, and the shares in each generation."""

    scores: tuple[float, ...]
    history: tuple[Shares, ...]


def simulate(w: float, noise: float = 0.0, mix: str = "Equal shares", *, payoffs: Payoffs = Payoffs(),
             matches: int = MATCHES, generations: int = GENERATIONS, seed: int = 0) -> Outcome:
    """Run the tournament and the evolution for one setting; the same seed gives the same outcome."""
    matrix = payoff_matrix(w, noise, payoffs, matches, seed)
    return Outcome(tournament(matrix, MIXES[mix]), evolve(matrix, MIXES[mix], generations))
