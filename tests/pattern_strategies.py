"""The pattern bot: strategies that answer without reading, played against the seeded layouts.

A strategy sees only what a page shows, as ids: the parts of the variant the attempt asks
(``core.layout.pick``) and the layout of the attempt (``core.layout.layout``: the order of options, items,
targets or steps). It returns an answer by id, or None when it does not apply to the exercise. The seeds
of an exercise with variants ask each variant equally often, so every variant is played. ``tests/test_pattern_bot.py`` and ``bench/pattern_bot.py``
play them in Python; the Chromium bot reads the same layout off the built page and asks ``answer``.

The yardstick is a blind guess: the expected share of the marks of a uniformly random answer (a random
option; each multiple-select option ticked with probability 1/2; a random category or target per item;
a random order), averaged over an exercise's variants. A strategy passes when its mean share over the exercises it plays, over ``SEEDS``
seeds each (drawn per exercise, as learners' seeds are), is at most the blind guess's mean over the same
exercises plus ``MARGIN``. "The first k options" is told k, the number of right options, which a blind
guess is not; ``Result.informed`` is the fairer yardstick for it: k options ticked at random.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import product
from math import comb
from random import Random
from typing import Any

from coursewidgets.core.grading import grade
from coursewidgets.core.layout import SEED_LIMIT, layout, pick, variant_index, variants_of
from coursewidgets.core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice

MARGIN = 0.08
SEEDS = 200
Layout = dict[str, list[str]]
Strategy = Callable[[Exercise, Layout], Any]


def first_option(ex: Exercise, lay: Layout) -> Any:
    """Single choice: the first option shown."""
    return lay["options"][0] if isinstance(ex, SingleChoice) else None


def longest_option(ex: Exercise, lay: Layout) -> Any:
    """Single choice: the longest option (the first shown of the longest, on a tie)."""
    if not isinstance(ex, SingleChoice):
        return None
    text = {o.id: o.text for o in ex.options}
    return max(lay["options"], key=lambda i: len(text[i]))


def shortest_option(ex: Exercise, lay: Layout) -> Any:
    """Single choice: the shortest option (the first shown of the shortest, on a tie); catches a bank
    rebalanced so far that the right option is now the short one."""
    if not isinstance(ex, SingleChoice):
        return None
    text = {o.id: o.text for o in ex.options}
    return min(lay["options"], key=lambda i: len(text[i]))


def first_k(ex: Exercise, lay: Layout) -> Any:
    """Multiple select: the first k options shown, k being the number of right ones."""
    return lay["options"][: _right(ex)] if isinstance(ex, MultipleSelect) else None


def diagonal(ex: Exercise, lay: Layout) -> Any:
    """Matching: the n-th row shown to the n-th target in its list."""
    if not isinstance(ex, Matching):
        return None
    return {item: lay["targets"][n % len(lay["targets"])] for n, item in enumerate(lay["items"])}


def largest_category(ex: Exercise, lay: Layout) -> Any:
    """Classification: every item shown into the category that has the most items in the exercise."""
    if not isinstance(ex, Classification):
        return None
    counts = Counter(i.answer for i in ex.items)
    biggest = max(ex.categories, key=lambda c: counts[c.id]).id
    return {item: biggest for item in lay["items"]}


def start_order(ex: Exercise, lay: Layout) -> Any:
    """Ordering: the steps as first shown."""
    return list(lay["order"]) if isinstance(ex, Ordering) else None


STRATEGIES: dict[str, Strategy] = {
    "always the first option": first_option,
    "always the longest option": longest_option,
    "always the shortest option": shortest_option,
    "the first k options (multiple select)": first_k,
    "the diagonal (matching)": diagonal,
    "everything in the largest category": largest_category,
    "the order as first shown": start_order,
}


def answer(strategy: str, ex: Exercise, lay: Layout) -> Any:
    """What ``strategy`` answers to ``ex`` shown as ``lay`` (None: it does not play this exercise)."""
    return STRATEGIES[strategy](ex, lay)


def _right(ex: MultipleSelect) -> int:
    return sum(o.correct for o in ex.options)


def share(ex: Exercise, given: Any, lay: Layout, seed: int) -> float:
    g = grade(ex, given, lay.get("shown"), seed)
    return g.score / g.max


def blind(ex: Exercise) -> float:
    """The expected share of the marks of a uniformly random answer (the mean over the variants)."""
    if ex.variants:
        return _mean([blind(v) for v in ex.variants])
    if isinstance(ex, SingleChoice):
        return 1 / len(ex.options)
    if isinstance(ex, MultipleSelect):
        worth = [1 if o.correct else -1 for o in ex.options]
        total = sum(max(0, sum(w for w, t in zip(worth, ticks) if t)) for ticks in product((0, 1), repeat=len(worth)))
        return total / 2 ** len(worth) / _right(ex)
    if isinstance(ex, Classification):
        return 1 / len(ex.categories)
    if isinstance(ex, Matching):
        return 1 / len(ex.targets)
    if isinstance(ex, Ordering):
        return 1 / len(ex.steps)  # on average one step of a random order is followed by the right step (or last)
    raise ValueError(f"{ex.id} is not marked")


def blind_knowing_k(ex: MultipleSelect) -> float:
    """A random guess told how many options are right: k options ticked at random (the mean over the variants)."""
    if ex.variants:
        return _mean([blind_knowing_k(v) for v in ex.variants])  # type: ignore[arg-type]
    n, k = len(ex.options), _right(ex)
    return sum(comb(k, r) * comb(n - k, k - r) * max(0, 2 * r - k) for r in range(k + 1)) / comb(n, k) / k


@dataclass(frozen=True)
class Result:
    """One strategy over the exercises it plays: its mean share, the blind guess's (and, for multiple
    select, a random guess's that knows k), the exercises, and each (exercise, variant number) played."""

    strategy: str
    mean: float
    blind: float
    informed: float | None
    exercises: tuple[str, ...]
    variants: frozenset[tuple[str, int]] = frozenset()

    @property
    def passes(self) -> bool:
        return self.mean <= self.blind + MARGIN


def seeds_for(ex: Exercise, seeds: int = SEEDS) -> list[int]:
    """``seeds`` seeds for one exercise, different from other exercises' (fixed, so runs repeat); with n
    variants, the i-th asks variant i mod n, so each is asked equally often."""
    rng, n = Random(ex.id), len(variants_of(ex))
    out = []
    for i in range(seeds):
        seed = rng.randrange(SEED_LIMIT)
        seed += (i - seed) % n
        out.append(seed if seed < SEED_LIMIT else seed - n)
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def key_first(whole: Exercise, seed: int) -> Layout:
    """The first edition's habit, whatever today's YAML order: right options first, items grouped by their
    answer, matching rows in the order of their targets (a diagonal), a sample drawn uniformly; of the
    variant the seed asks."""
    ex = pick(whole, seed)
    options = getattr(ex, "options", [])
    lay = {"options": [o.id for o in sorted(options, key=lambda o: not o.correct)],
           "order": [s.id for s in getattr(ex, "steps", [])][1:] + [s.id for s in getattr(ex, "steps", [])][:1]}
    if isinstance(ex, Classification):
        rank = {c.id: n for n, c in enumerate(ex.categories)}
        items = [i.id for i in sorted(ex.items, key=lambda i: rank[i.answer])]
        if ex.sample:
            drawn = set(Random(seed).sample(items, ex.sample))
            items = lay["shown"] = [i for i in items if i in drawn]
        lay["items"] = items
    if isinstance(ex, Matching):
        lay["items"] = [p.id for p in ex.pairs]
        lay["targets"] = list(dict.fromkeys([p.answer for p in ex.pairs] + [t.id for t in ex.targets]))
    return lay


def play(strategy: str, exercises: Iterable[Exercise], seeds: int = SEEDS,
         arrange: Callable[[Exercise, int], Layout] = layout) -> Result:
    """Play ``strategy`` on every exercise it applies to, ``seeds`` attempts each, laid out by ``arrange``."""
    played: list[Exercise] = []
    shares: list[float] = []
    variants: set[tuple[str, int]] = set()
    for ex in exercises:
        if answer(strategy, ex, layout(ex, 0)) is None:
            continue
        attempts = [(seed, pick(ex, seed), arrange(ex, seed)) for seed in seeds_for(ex, seeds)]
        played.append(ex)
        variants |= {(ex.id, variant_index(ex, seed)) for seed, _, _ in attempts}
        shares.append(_mean([share(ex, answer(strategy, asked, lay), lay, seed) for seed, asked, lay in attempts]))
    choices = [blind_knowing_k(ex) for ex in played if isinstance(ex, MultipleSelect)]
    informed = _mean(choices) if choices and len(choices) == len(played) else None
    return Result(strategy, _mean(shares), _mean([blind(ex) for ex in played]), informed, tuple(ex.id for ex in played),
                  frozenset(variants))


def play_all(exercises: list[Exercise], seeds: int = SEEDS) -> list[Result]:
    """Every strategy's result."""
    return [play(name, exercises, seeds) for name in STRATEGIES]
