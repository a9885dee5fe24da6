"""Which variant a quiz asks and the order it shows its parts, from a seed (no UI here).

Every attempt has a seed, an integer 0 <= seed < 2**32. ``pick(ex, seed)`` is the variant it asks
(variant ``seed % n`` of n), ``layout(ex, seed)`` the order of that variant's options, items, targets or
steps, and ``draw(ex, seed)`` the items a sampled classification shows. ``next_seed`` makes the seed of a
new attempt, which asks another variant than the last one whenever there is one.
The PRNG is mulberry32 and the shuffle Fisher-Yates from the end, exactly as ``coursewidgets.js`` does
them, so the site, the notebook widget and the tutor's grader agree on every layout
(``tests/test_parity.py`` holds them to it; ``exercises/README.md`` says how a sample is drawn).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice

SEED_LIMIT = 2**32
TRIES = 64
"""Shuffles of an ordering's steps tried before a fixed fallback (each is accepted with chance 1/2 or more)."""
_MASK = 0xFFFFFFFF
T = TypeVar("T")
Rng = Callable[[], float]


def variants_of(ex: Exercise) -> tuple[Exercise, ...]:
    """Every variant of an exercise, each a whole exercise; one without variants is its own only variant."""
    return ex.variants or (ex,)


def variant_index(ex: Exercise, seed: int) -> int:
    """The number (from 0) of the variant an attempt with ``seed`` asks."""
    return seed % len(variants_of(ex))


def pick(ex: Exercise, seed: int) -> Exercise:
    """The variant an attempt with ``seed`` asks."""
    return variants_of(ex)[variant_index(ex, seed)]


def next_seed(ex: Exercise, random32: int, previous: int | None = None) -> int:
    """A new attempt's seed from 32 random bits; with several variants, one that asks another than ``previous``.

    A seed drawing the previous variant is moved to the variant 1 to n-1 places on (chosen by its other
    bits), so each other variant is about as likely.
    """
    n, seed = len(variants_of(ex)), random32 & _MASK
    if n < 2 or previous is None or seed % n != previous % n:
        return seed
    moved = seed - seed % n + (previous % n + 1 + (seed // n) % (n - 1)) % n
    return moved if moved < SEED_LIMIT else moved - n


def is_seed(value: Any) -> bool:
    """True for an integer 0 <= value < 2**32 (not a bool, not a string)."""
    return type(value) is int and 0 <= value < SEED_LIMIT


def _imul(a: int, b: int) -> int:
    return (a * b) & _MASK


def mulberry32(seed: int) -> Rng:
    """The mulberry32 generator: floats in [0, 1), bit for bit as in JavaScript."""
    state = seed & _MASK

    def rng() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = _imul(state ^ (state >> 15), 1 | state)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & _MASK) ^ t
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return rng


def shuffle(items: Sequence[T], rng: Rng) -> list[T]:
    """A shuffled copy: Fisher-Yates from the end, one ``rng()`` per swap."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(rng() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def allocation(sizes: Sequence[int], k: int) -> list[int]:
    """Places per category: as even as possible, capped by each category's size, earlier ones first.

    Even, not proportional: with Leathard's 30/15/7, a proportional 7/3/2 draw would let "mark
    everything concept" score 58%; an even 4/4/4 holds it to a third.
    """
    places = [0] * len(sizes)
    left = min(k, sum(sizes))
    while left:
        for c, size in enumerate(sizes):
            if left and places[c] < size:
                places[c] += 1
                left -= 1
    return places


def _draw(ex: Classification, rng: Rng) -> list[str]:
    """A stratified sample of ``ex.sample`` item ids, in category order."""
    groups = [[i.id for i in ex.items if i.answer == c.id] for c in ex.categories]
    places = allocation([len(g) for g in groups], ex.sample or 0)
    return [ident for group, q in zip(groups, places) for ident in shuffle(group, rng)[:q]]


def draw(ex: Exercise, seed: int) -> list[str] | None:
    """The item ids a sampled classification shows for ``seed``, in the order shown (shuffled, never by
    category); None when it shows all of them."""
    ex = pick(ex, seed)
    if not isinstance(ex, Classification) or ex.sample is None:
        return None
    return layout(ex, seed)["shown"]


def _options(ex: SingleChoice | MultipleSelect, rng: Rng) -> list[str]:
    """Unpinned options shuffled into the places the pinned ones leave free."""
    free = iter(shuffle([o.id for o in ex.options if not o.pin], rng))
    return [o.id if o.pin else next(free) for o in ex.options]


def _steps(key: list[str], rng: Rng) -> list[str]:
    """A shuffle of the steps that is not the right order: shuffled again until it differs, so it is uniform
    among the other orders and no fixed rearranging of the shown order (rotating it back by one, swapping two
    places, ...) scores much above a blind guess under the marking rule. After ``TRIES`` unlucky shuffles, the
    right order with its first two steps swapped."""
    for _ in range(TRIES):
        order = shuffle(key, rng)
        if order != key:
            return order
    return [key[1], key[0], *key[2:]]


def layout(ex: Exercise, seed: int) -> dict[str, list[str]]:
    """The order in which an attempt with ``seed`` shows the parts of the variant it asks, as JSON (keys by
    kind; see the module docstring)."""
    if not is_seed(seed):
        raise ValueError(f"seed must be an integer from 0 to {SEED_LIMIT - 1}, not {seed!r}")
    return _order(pick(ex, seed), mulberry32(seed))


def _order(ex: Exercise, rng: Rng) -> dict[str, list[str]]:
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return {"options": _options(ex, rng)}
    if isinstance(ex, Classification):
        if ex.sample is None:
            return {"items": shuffle([i.id for i in ex.items], rng)}
        shown = shuffle(_draw(ex, rng), rng)  # never in category order: that would give the key away
        return {"shown": shown, "items": shown}
    if isinstance(ex, Matching):
        items = shuffle([p.id for p in ex.pairs], rng)
        return {"items": items, "targets": shuffle([t.id for t in ex.targets], rng)}
    if isinstance(ex, Ordering):
        return {"order": _steps([s.id for s in ex.steps], rng)}
    return {}
