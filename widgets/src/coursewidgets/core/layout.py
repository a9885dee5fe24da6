"""The order in which a quiz shows its parts (no UI here)."""

from __future__ import annotations

import random

from .models import Ordering


def start_order(ex: Ordering) -> list[str]:
    """A fixed shuffle of the steps that is never already the right order."""
    key = [s.id for s in ex.steps]
    order = key[:]
    random.Random(ex.id).shuffle(order)
    return order if order != key else key[1:] + key[:1]
