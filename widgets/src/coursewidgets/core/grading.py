"""Pure grading: an exercise and a learner's answer in, a ``Grade`` out. No UI, no I/O.

Answer shapes, by kind (the same JSON in notebooks, on the site and in response files):

- single_choice: an option id
- multiple_select: a list of option ids
- classification, matching: a mapping of item id to category or target id
- ordering: a list of step ids, first to last
- reflection: a string

``grade`` never raises: an answer of the wrong shape counts as no answer, and ids the exercise
does not know are ignored (``unknown_ids`` reports them for tutors).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .models import (
    Classification,
    Exercise,
    Matching,
    MultipleSelect,
    Ordering,
    Reflection,
    SingleChoice,
)


@dataclass(frozen=True)
class ItemFeedback:
    """Feedback on one option, item, pair or step. ``correct`` is None where nothing is judged."""

    id: str
    correct: bool | None
    message: str


@dataclass(frozen=True)
class Grade:
    """The result of grading one answer to one exercise."""

    exercise: str
    score: int
    max: int
    complete: bool
    items: tuple[ItemFeedback, ...]
    summary: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "score": self.score,
            "max": self.max,
            "complete": self.complete,
            "summary": self.summary,
            "items": [vars(i) for i in self.items],
        }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _ids(value: Any) -> list[str]:
    """Distinct string ids from a list, in order; anything else gives []."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str)))  # linear, keeps the first of each


def _mapping(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _summary(score: int, maximum: int, complete: bool) -> str:
    text = f"{score} out of {maximum}."
    return text if complete else text + " Some parts are not answered yet."


def shown_items(exercise: Classification, shown: Any = None) -> list[str]:
    """The item ids an attempt covered: the known ids among ``shown``, else every item."""
    known = [i.id for i in exercise.items]
    drawn = [i for i in _ids(shown) if i in known]
    return drawn or known


def _single(ex: SingleChoice, answer: Any) -> Grade:
    chosen = next((o for o in ex.options if o.id == _text(answer)), None)
    if chosen is None:
        return Grade(ex.id, 0, 1, False, (), "No option chosen yet.")
    score = int(chosen.correct)
    item = ItemFeedback(chosen.id, chosen.correct, chosen.feedback)
    return Grade(ex.id, score, 1, True, (item,), _summary(score, 1, True))


def _multiple(ex: MultipleSelect, answer: Any) -> Grade:
    """One mark per correct option chosen, minus one per wrong option chosen, floor 0."""
    chosen = set(_ids(answer))
    items, right, wrong = [], 0, 0
    for o in ex.options:
        picked = o.id in chosen
        right += picked and o.correct
        wrong += picked and not o.correct
        if picked or o.correct:
            items.append(ItemFeedback(o.id, picked == o.correct, o.feedback))
    maximum = sum(o.correct for o in ex.options)
    score = max(0, right - wrong)
    complete = bool(chosen & {o.id for o in ex.options})
    summary = _summary(score, maximum, True) if complete else "No option chosen yet."
    return Grade(ex.id, score, maximum, complete, tuple(items), summary)


def _placements(ex: Classification | Matching, answer: Any, ids: list[str]) -> Grade:
    """One mark per item placed in the right category (or matched to the right target)."""
    entries = {e.id: e for e in (ex.items if isinstance(ex, Classification) else ex.pairs)}
    labels = {c.id: c.label for c in (ex.categories if isinstance(ex, Classification) else ex.targets)}
    placed = _mapping(answer)
    items = []
    for item_id in ids:
        entry, choice = entries[item_id], placed.get(item_id)
        if choice not in labels:
            items.append(ItemFeedback(item_id, False, "Not answered."))
        elif choice == entry.answer:
            items.append(ItemFeedback(item_id, True, entry.feedback))
        else:
            items.append(ItemFeedback(item_id, False, f"Not {labels[choice]}. {entry.feedback}"))
    score = sum(bool(i.correct) for i in items)
    complete = all(i.message != "Not answered." for i in items)
    return Grade(ex.id, score, len(ids), complete, tuple(items), _summary(score, len(ids), complete))


def _ordering(ex: Ordering, answer: Any) -> Grade:
    """One mark per neighbouring pair in the right order, out of steps - 1.

    A step's feedback is right when the step that should follow it follows it (the last step:
    when it is last). Unknown and repeated ids are dropped; missing steps make it incomplete.
    """
    key = [s.id for s in ex.steps]
    order = [i for i in _ids(answer) if i in key]
    follows = {a: b for a, b in zip(key, key[1:])}
    steps = {s.id: s for s in ex.steps}
    items, score = [], 0
    for n, step_id in enumerate(order):
        nxt = order[n + 1] if n + 1 < len(order) else None
        ok = follows.get(step_id) == nxt if nxt else step_id == key[-1] and len(order) == len(key)
        score += bool(ok and nxt)
        where = f"It belongs in position {key.index(step_id) + 1}. "
        items.append(ItemFeedback(step_id, ok, steps[step_id].feedback if ok else where + steps[step_id].feedback))
    complete = len(order) == len(key)
    if not order:
        return Grade(ex.id, 0, len(key) - 1, False, (), "Nothing put in order yet.")
    return Grade(ex.id, score, len(key) - 1, complete, tuple(items), _summary(score, len(key) - 1, complete))


def _reflection(ex: Reflection, answer: Any) -> Grade:
    text = (_text(answer) or "").strip(" \t\n\r\f\v")
    if not text:
        return Grade(ex.id, 0, 0, False, (), "Write your answer first, then compare it with the model points.")
    points = tuple(ItemFeedback(f"point-{n + 1}", None, p) for n, p in enumerate(ex.model_points))
    return Grade(ex.id, 0, 0, True, points, "Saved. Compare your answer with these points.")


def grade(exercise: Exercise, answer: Any, shown: Any = None) -> Grade:
    """Grade ``answer``; ``shown`` lists the classification items drawn for this attempt."""
    if isinstance(exercise, SingleChoice):
        return _single(exercise, answer)
    if isinstance(exercise, MultipleSelect):
        return _multiple(exercise, answer)
    if isinstance(exercise, Classification):
        return _placements(exercise, answer, shown_items(exercise, shown))
    if isinstance(exercise, Matching):
        return _placements(exercise, answer, [p.id for p in exercise.pairs])
    if isinstance(exercise, Ordering):
        return _ordering(exercise, answer)
    return _reflection(exercise, answer)


def unknown_ids(exercise: Exercise, answer: Any) -> list[str]:
    """Ids in an answer that the exercise does not have (for reporting bad submissions)."""
    if isinstance(exercise, (SingleChoice, MultipleSelect)):
        known = {o.id for o in exercise.options}
        given = [answer] if isinstance(answer, str) else _ids(answer)
    elif isinstance(exercise, Classification):
        known = {i.id for i in exercise.items} | {c.id for c in exercise.categories}
        given = [*_mapping(answer).keys(), *_mapping(answer).values()]
    elif isinstance(exercise, Matching):
        known = {p.id for p in exercise.pairs} | {t.id for t in exercise.targets}
        given = [*_mapping(answer).keys(), *_mapping(answer).values()]
    elif isinstance(exercise, Ordering):
        known, given = {s.id for s in exercise.steps}, _ids(answer)
    else:
        return []
    return sorted({g for g in given if g not in known})
