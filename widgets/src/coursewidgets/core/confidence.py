"""Certainty-based marking (CBM): a mark for how sure the learner said they were, beside the plain score.

The scheme is Gardner-Medwin's, as Moodle implements it (``question_cbm`` in Moodle's question engine):
at certainty 1 ("Guessing") a right answer earns 1 and a wrong one 0; at 2 ("Fairly sure") +2 or -2;
at 3 ("Sure") +3 or -6. So a learner who thinks they have less than a two-in-three chance of being
right does best to say so, and a confident misconception costs the most.

Partial credit follows Moodle's ``adjust_fraction``: an answer with no marks at all is wrong (it gets
the level's penalty); any other answer earns the level's reward times its share of the marks
(``score / max``). The page (``coursewidgets.js``) mirrors ``mark`` exactly; ``tests/test_parity.py``
proves it.
"""

from __future__ import annotations

LEVELS = {1: "Guessing", 2: "Fairly sure", 3: "Sure"}
RIGHT = {1: 1, 2: 2, 3: 3}
WRONG = {1: 0, 2: -2, 3: -6}
QUESTION = "How sure are you?"


def is_level(value: object) -> bool:
    """True for a certainty level: the int 1, 2 or 3 (not a bool, float or string)."""
    return type(value) is int and value in LEVELS


def _level(value: object) -> int | None:
    return value if isinstance(value, int) and is_level(value) else None


def mark(score: int, maximum: int, confidence: object) -> float | None:
    """The CBM mark of ``score`` out of ``maximum`` at ``confidence``; None when no level was given
    or nothing is marked (``maximum`` 0, a reflection)."""
    level = _level(confidence)
    if level is None or maximum <= 0:
        return None
    return float(WRONG[level]) if score <= 0 else RIGHT[level] * score / maximum


def confidently_wrong(score: int | None, maximum: int | None, confidence: object) -> bool:
    """Sure (level 3) and not fully right: a misconception worth teaching against."""
    return _level(confidence) == 3 and maximum is not None and maximum > 0 and (score or 0) < maximum


def _signed(value: float) -> str:
    """+3, -6, +2.25, +1.5 or 0."""
    return "0" if value == 0 else f"{value:+.2f}".rstrip("0").rstrip(".")


def describe(score: int, maximum: int, confidence: object) -> str:
    """The sentence the learner sees beside the plain score: how sure they said they were, how right they
    were, and the mark, e.g. "Sure but wrong: -6." or "Fairly sure and partly right (3 of 4): +1.5."."""
    value, level = mark(score, maximum, confidence), _level(confidence)
    if value is None or level is None:
        return "No confidence mark: you did not say how sure you were."
    how = ("and right" if score >= maximum else ("but wrong" if level > 1 else "and wrong") if score <= 0
           else f"and partly right ({score} of {maximum})")
    return f"{LEVELS[level]} {how}: {_signed(value)}."


def choice_label(level: int) -> str:
    """A level's label with what it earns and costs, e.g. "Sure (+3 if right, -6 if wrong)"."""
    return f"{LEVELS[level]} (+{RIGHT[level]} if right, {WRONG[level]:+d} if wrong)".replace("+0 ", "0 ")
