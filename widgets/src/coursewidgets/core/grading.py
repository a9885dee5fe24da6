"""Pure grading: an exercise and a learner's answer in, a ``Grade`` out. No UI, no I/O.

Answer shapes, by kind (the same JSON in notebooks, on the site and in response files); answers are
always by id, never by the position an option or item was shown at:

- single_choice: an option id
- multiple_select: a list of option ids
- classification, matching: a mapping of item id to category or target id
- ordering: a list of step ids, first to last
- reflection: a string

The marking rules (``marking_note`` says each in one sentence for learners):

- single choice: 1 for the right option.
- multiple select: one mark per right tick minus one per wrong tick, never below 0, out of the number
  of right options. A right option left unticked gets its own "Missed" message.
- classification, matching: one mark per item in its right category or target. A sampled
  classification is always marked out of the exercise's ``sample``, whatever ``shown`` claims: only
  the first ``sample`` known, distinct ids of ``shown`` are marked, and a missing place scores 0.
  ``shown_problem`` says when a ``shown`` list is not acceptable (the tutor's grader reports it).
- ordering: Moodle's "relative to the next item (including last)": one mark for each step followed by the step
  that comes next in the right order, and for the last step when it is last, out of the number of steps. So
  a right sequence begun one place off loses 2 marks, not all of them (under the old rule of one mark per
  step in its own position it scored 0), and a random order earns 1 mark on average, as before.

An exercise with variants is graded against the variant the attempt's seed asks (``layout.pick``).

``grade`` never raises: an answer of the wrong shape counts as no answer, and ids the exercise
does not know are ignored (``unknown_ids`` reports them for tutors, ``variant_problem`` says when they
belong to another variant).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .layout import draw, pick, variant_index, variants_of
from .models import (
    Classification,
    Exercise,
    Matching,
    MultipleSelect,
    Ordering,
    Reflection,
    SingleChoice,
)


TICKED_RIGHT = "\u2713 "
TICKED_WRONG = "\u2717 "
MISSED = "Missed: this one is right. "
RIGHT_NEXT = "Right: followed by the step that comes next."
RIGHT_LAST = "Right: it comes last."
WRONG_NEXT = "Belongs at position {at}; the step after it should be the one for position {next}."
WRONG_LAST = "Belongs last, at position {at}."
NOTES = {
    "single_choice": "One mark for the right answer.",
    "multiple_select": "One mark for each right tick; each wrong tick takes one away (never below 0).",
    "classification": "One mark for each item placed right.",
    "matching": "One mark for each item placed right.",
    "ordering": "One mark for each step followed by the step that comes next, and one for the last step if it is last.",
    "reflection": "Not marked: compare your answer with the model points.",
}


def marking_note(exercise: Exercise) -> str:
    """One sentence telling the learner how this exercise is marked."""
    return NOTES[exercise.kind]


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
    return list(dict.fromkeys(v for v in value if isinstance(v, str)))


def _mapping(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _summary(score: int, maximum: int, complete: bool) -> str:
    text = f"{score} out of {maximum}."
    return text if complete else text + " Some parts are not answered yet."


def shown_items(exercise: Classification, shown: Any = None) -> list[str]:
    """The item ids an attempt is marked on: every item, or for a sample the first ``sample`` known,
    distinct ids of ``shown`` (fewer when ``shown`` has fewer; the missing places score 0)."""
    if exercise.sample is None:
        return [i.id for i in exercise.items]
    known = {i.id for i in exercise.items}
    return [i for i in _ids(shown) if i in known][: exercise.sample]


def listed(ids: list[str], most: int = 5) -> str:
    """Ids for a message: the first ``most``, then how many more."""
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return ", ".join(ids[:most]) + more


def shown_problem(exercise: Exercise, shown: Any, seed: int | None = None) -> str | None:
    """Why ``shown`` is not an acceptable list of drawn items for ``exercise``, or None if it is.

    Only a sampled classification has one: a list of ``sample`` known, distinct item ids, the items of
    ``draw(exercise, seed)`` (in any order) when a seed is given (of the variant the seed asks; the first
    without one).
    """
    full, exercise = exercise, pick(exercise, seed or 0)
    if not isinstance(exercise, Classification) or exercise.sample is None:
        return None
    if not isinstance(shown, list) or not all(isinstance(i, str) for i in shown):
        return "shown: missing or not a list of item ids"
    if len(shown) != exercise.sample:
        return f"shown: lists {len(shown)} items; this exercise shows {exercise.sample}"
    known = {i.id for i in exercise.items}
    unknown = sorted({i for i in shown if i not in known})
    if unknown:
        return f"shown: unknown item ids {listed(unknown)}"
    if len(set(shown)) != len(shown):
        return "shown: repeats an item"
    if seed is not None and set(shown) != set(draw(full, seed) or ()):
        return "shown: not the items drawn for this attempt"
    return None


def _single(ex: SingleChoice, answer: Any) -> Grade:
    chosen = next((o for o in ex.options if o.id == _text(answer)), None)
    if chosen is None:
        return Grade(ex.id, 0, 1, False, (), "No option chosen yet.")
    score = int(chosen.correct)
    item = ItemFeedback(chosen.id, chosen.correct, chosen.feedback)
    return Grade(ex.id, score, 1, True, (item,), _summary(score, 1, True))


def _option_feedback(option: Any, picked: bool) -> ItemFeedback:
    if picked:
        return ItemFeedback(option.id, option.correct, (TICKED_RIGHT if option.correct else TICKED_WRONG) + option.feedback)
    if option.correct:
        return ItemFeedback(option.id, False, MISSED + option.feedback)
    return ItemFeedback(option.id, None, "")


def _multiple(ex: MultipleSelect, answer: Any) -> Grade:
    """One mark per correct option chosen, minus one per wrong option chosen, floor 0."""
    chosen = set(_ids(answer))
    right = sum(o.id in chosen and o.correct for o in ex.options)
    wrong = sum(o.id in chosen and not o.correct for o in ex.options)
    items = tuple(_option_feedback(o, o.id in chosen) for o in ex.options)
    maximum = sum(o.correct for o in ex.options)
    score = max(0, right - wrong)
    complete = bool(chosen & {o.id for o in ex.options})
    summary = _summary(score, maximum, True) if complete else "No option chosen yet."
    return Grade(ex.id, score, maximum, complete, items, summary)


def _placements(ex: Classification | Matching, answer: Any, ids: list[str], maximum: int) -> Grade:
    """One mark per item placed in the right category (or matched to the right target), out of ``maximum``."""
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
    complete = len(items) == maximum and all(i.message != "Not answered." for i in items)
    return Grade(ex.id, score, maximum, complete, tuple(items), _summary(score, maximum, complete))


def _ordering(ex: Ordering, answer: Any) -> Grade:
    """One mark per step followed by the step that comes next in the right order, or, for the last step,
    by nothing (Moodle's "relative to the next item, including last"), out of the number of steps.

    Unknown and repeated ids are dropped; missing steps make it incomplete.
    """
    key = [s.id for s in ex.steps]
    order = [i for i in _ids(answer) if i in key]
    steps = {s.id: s for s in ex.steps}
    if not order:
        return Grade(ex.id, 0, len(key), False, (), "Nothing put in order yet.")
    items = []
    for n, step_id in enumerate(order):
        at = key.index(step_id) + 1
        ok = (order[n + 1] if n + 1 < len(order) else None) == (key[at] if at < len(key) else None)
        where = ((RIGHT_NEXT if at < len(key) else RIGHT_LAST) if ok
                 else WRONG_NEXT.format(at=at, next=at + 1) if at < len(key) else WRONG_LAST.format(at=at))
        items.append(ItemFeedback(step_id, ok, f"{where} {steps[step_id].feedback}"))
    score = sum(bool(i.correct) for i in items)
    complete = len(order) == len(key)
    return Grade(ex.id, score, len(key), complete, tuple(items), _summary(score, len(key), complete))


def _reflection(ex: Reflection, answer: Any) -> Grade:
    text = (_text(answer) or "").strip(" \t\n\r\f\v")
    if not text:
        return Grade(ex.id, 0, 0, False, (), "Write your answer first, then compare it with the model points.")
    points = tuple(ItemFeedback(f"point-{n + 1}", None, p) for n, p in enumerate(ex.model_points))
    return Grade(ex.id, 0, 0, True, points, "Saved. Compare your answer with these points.")


def grade(exercise: Exercise, answer: Any, shown: Any = None, seed: int | None = None) -> Grade:
    """Grade ``answer`` to the variant ``seed`` asks (the first when None); ``shown`` lists the classification
    items drawn for this attempt (see ``shown_items``)."""
    exercise = pick(exercise, seed or 0)
    if isinstance(exercise, SingleChoice):
        return _single(exercise, answer)
    if isinstance(exercise, MultipleSelect):
        return _multiple(exercise, answer)
    if isinstance(exercise, Classification):
        ids = shown_items(exercise, shown)
        return _placements(exercise, answer, ids, exercise.sample or len(ids))
    if isinstance(exercise, Matching):
        return _placements(exercise, answer, [p.id for p in exercise.pairs], len(exercise.pairs))
    if isinstance(exercise, Ordering):
        return _ordering(exercise, answer)
    return _reflection(exercise, answer)


def unknown_ids(exercise: Exercise, answer: Any, seed: int | None = None) -> list[str]:
    """Ids in an answer that the variant ``seed`` asks does not have (for reporting bad submissions)."""
    exercise = pick(exercise, seed or 0)
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


def variant_problem(exercise: Exercise, answer: Any, seed: int | None = None) -> str | None:
    """Why an answer does not fit the variant its seed asks (ids of another variant, or of none), or None."""
    unknown = unknown_ids(exercise, answer, seed)
    if not unknown:
        return None
    asked = variant_index(exercise, seed or 0)
    owners = [n + 1 for n, v in enumerate(variants_of(exercise))
              if n != asked and set(unknown) - set(unknown_ids(v, answer))]
    if owners:
        return (f"answer: holds ids of variant {', '.join(map(str, owners))} ({listed(unknown)}), but this "
                f"attempt's seed asks variant {asked + 1}")
    return f"answer: answers items that do not exist: {listed(unknown)}"
