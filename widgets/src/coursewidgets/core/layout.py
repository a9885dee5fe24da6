"""The order in which a quiz shows its parts, from a seed (no UI here).

Every attempt has a seed, an integer 0 <= seed < 2**32. ``layout(ex, seed)`` turns it into the order of
options, items, targets or steps, and ``draw(ex, seed)`` into the items a sampled classification shows.
The PRNG is mulberry32 and the shuffle Fisher-Yates from the end, exactly as ``coursewidgets.js`` does
them, so the site, the notebook widget and the tutor's grader agree on every layout
(``tests/test_parity.py`` holds them to it; ``exercises/README.md`` says how a sample is drawn).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice

SEED_LIMIT = 2**32
_MASK = 0xFFFFFFFF
T = TypeVar("T")
Rng = Callable[[], float]


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
    """The item ids a sampled classification shows for ``seed``; None when it shows all of them."""
    if not isinstance(ex, Classification) or ex.sample is None:
        return None
    return _draw(ex, mulberry32(seed))


def _options(ex: SingleChoice | MultipleSelect, rng: Rng) -> list[str]:
    """Unpinned options shuffled into the places the pinned ones leave free."""
    free = iter(shuffle([o.id for o in ex.options if not o.pin], rng))
    return [o.id if o.pin else next(free) for o in ex.options]


def layout(ex: Exercise, seed: int) -> dict[str, list[str]]:
    """The order an attempt with ``seed`` shows, as JSON (keys by kind; see the module docstring)."""
    if not is_seed(seed):
        raise ValueError(f"seed must be an integer from 0 to {SEED_LIMIT - 1}, not {seed!r}")
    rng = mulberry32(seed)
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return {"options": _options(ex, rng)}
    if isinstance(ex, Classification):
        if ex.sample is None:
            return {"items": shuffle([i.id for i in ex.items], rng)}
        shown = _draw(ex, rng)
        return {"shown": shown, "items": shuffle(shown, rng)}
    if isinstance(ex, Matching):
        items = shuffle([p.id for p in ex.pairs], rng)
        return {"items": items, "targets": shuffle([t.id for t in ex.targets], rng)}
    if isinstance(ex, Ordering):
        key = [s.id for s in ex.steps]
        order = shuffle(key, rng)
        return {"order": order if order != key else order[1:] + order[:1]}
    return {}
