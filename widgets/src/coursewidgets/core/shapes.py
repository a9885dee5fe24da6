"""Does a saved answer have the shape its exercise's kind needs? Pure, no I/O.

``grading.grade`` counts an answer of the wrong shape as no answer (a learner mid-way may save
anything); a tutor grading handed-in files needs to hear about it instead of seeing a silent 0.
"""

from __future__ import annotations

from typing import Any

from .models import Exercise

_SHAPES = {
    "single_choice": ("text", "an option id (text)"),
    "reflection": ("text", "text"),
    "multiple_select": ("list", "a list of option ids"),
    "ordering": ("list", "a list of step ids"),
    "classification": ("map", "an object of item id to category id"),
    "matching": ("map", "an object of pair id to target id"),
}


def _what(value: Any) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), "something else")


def shape_problem(ex: Exercise, answer: Any) -> str | None:
    """Why ``answer`` has the wrong shape for ``ex``, or None (no answer at all is a right shape)."""
    if answer is None:
        return None
    shape, needed = _SHAPES[ex.kind]
    if shape == "text":
        ok = isinstance(answer, str)
    elif shape == "list":
        ok = isinstance(answer, list) and all(isinstance(v, str) for v in answer)
    else:
        ok = isinstance(answer, dict) and all(isinstance(v, str) for v in answer.values())
    if ok:
        return None
    if isinstance(answer, list) and shape == "list":
        bad = next(n for n, v in enumerate(answer) if not isinstance(v, str))
        return f"must be {needed}; entry {bad} is {_what(answer[bad])}"
    if isinstance(answer, dict) and shape == "map":
        bad = next(k for k, v in answer.items() if not isinstance(v, str))
        return f"must be {needed}; {bad!r} is given {_what(answer[bad])}"
    return f"must be {needed}, not {_what(answer)}"
