"""Spaced review: when each exercise a learner has met should come back, from their own history of Checks.

A Leitner scheme with five boxes, reviewed after 1, 3, 7, 14 and 30 days. It is transparent (a learner can
see why an exercise is due), the same few lines in Python and in the review page's JavaScript (a parity test
proves it), and it has no parameters to fit, so it needs no data from other learners and no server. An
exercise enters box 1 at its first Check. Then, Check by Check, oldest first (days are UTC dates):

- a wrong answer (less than full marks) goes back to box 1, whenever it was given;
- a right answer given when the exercise was due moves up one box (at most 5), unless the learner said
  they were guessing (certainty 1): then it stays in its box, so unsure answers come back sooner;
- a right answer given before it was due (checking again in the lesson) keeps its box.

The next review is due the box's interval after the last Check, so practising early also puts it off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .responses import Response, ResponseFile, Review

INTERVALS = (1, 3, 7, 14, 30)
"""Days until the next review, for boxes 1 to 5."""


@dataclass(frozen=True)
class Plan:
    """One exercise's place in the schedule."""

    exercise: str
    box: int
    last: str
    due: str
    reviews: int

    def is_due(self, today: date) -> bool:
        return self.due <= today.isoformat()


def _day(review: Review) -> date:
    return date.fromisoformat(review.at[:10])


def plan(exercise: str, entry: Response) -> Plan | None:
    """The schedule of one exercise, or None when it has no marked Check yet."""
    checks = sorted((h for h in entry.history or [] if h.max > 0), key=lambda h: h.at[:10])
    box, due = 0, date.min
    for check in checks:
        day = _day(check)
        if check.score < check.max or box == 0:
            box = 1
        elif day >= due and check.confidence != 1:
            box = min(box + 1, len(INTERVALS))
        due = day + timedelta(days=INTERVALS[box - 1])
    if not checks:
        return None
    return Plan(exercise, box, _day(checks[-1]).isoformat(), due.isoformat(), len(checks))


def schedule(doc: ResponseFile) -> list[Plan]:
    """Every exercise met, the soonest due first (then by id)."""
    plans = [p for ex, entry in doc.responses.items() if (p := plan(ex, entry))]
    return sorted(plans, key=lambda p: (p.due, p.exercise))


def review_table(plans: list[Plan], today: date) -> str:
    """The schedule as text: what is due on ``today``, then the rest, each with its box and next date."""
    if not plans:
        return "Nothing to review yet: check some exercises first."
    due = [p for p in plans if p.is_due(today)]
    lines = [f"{len(due)} of {len(plans)} exercises due for review on {today.isoformat()}."]
    lines += [f"{'due now' if p.is_due(today) else 'due ' + p.due:<14} box {p.box} of {len(INTERVALS)}  "
              f"last checked {p.last}  {p.exercise}" for p in plans]
    return "\n".join(lines)
