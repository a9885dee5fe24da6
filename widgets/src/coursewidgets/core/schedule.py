"""Spaced review: when each exercise a learner has met should come back, from their own history of Checks.

A Leitner scheme with five boxes, reviewed after 1, 3, 7, 14 and 30 days. It is transparent (a learner can
see why an exercise is due), the same few lines in Python and in the review page's JavaScript (a parity test
proves it), and it has no parameters to fit, so it needs no data from other learners and no server. An
exercise enters box 1 at its first Check. Then, Check by Check, oldest first (days are the learner's own
dates, in their time zone: a Check at 20:00 in Los Angeles is on that day there, not the next UTC day):

- a wrong answer (less than full marks) goes back to box 1, whenever it was given;
- a right answer given when the exercise was due moves up one box (at most 5), unless the learner said
  they were guessing (certainty 1): then it stays in its box, so unsure answers come back sooner;
- a right answer given before it was due (checking again in the lesson) keeps its box.

The next review is due the box's interval after the last Check, so practising early also puts it off.

A day holds at most ``DAILY`` reviews (``agenda``): the oldest due first; the rest move to the next days,
``DAILY`` a day, so a cramming evening gives a steady week rather than a wall. Reviews done today count
towards today's set, so it does not grow as the learner works through it.
Every Check counts, in the lesson as in a review: each one restarts the interval from its own day.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .responses import Response, ResponseFile, Review

INTERVALS = (1, 3, 7, 14, 30)
"""Days until the next review, for boxes 1 to 5."""
DAILY = 5
"""At most this many reviews on one day."""


@dataclass(frozen=True)
class Plan:
    """One exercise's place in the schedule, with its last Check's marks and certainty (why it is due)."""

    exercise: str
    box: int
    last: str
    due: str
    reviews: int
    score: int
    max: int
    confidence: int | None

    def is_due(self, today: date) -> bool:
        return self.due <= today.isoformat()

    @property
    def why(self) -> str:
        """Why it comes back when it does: "wrong" (short of full marks), "guessing" (right, said a guess),
        or "interval" (right: the box's wait)."""
        return "wrong" if self.score < self.max else "guessing" if self.confidence == 1 else "interval"


def day_of(at: str, tz: tzinfo | None = None) -> date:
    """The learner's day of a Check: a date alone is that day; a date-time with an offset is turned into
    ``tz`` (None: this computer's time zone); one without an offset is local time already."""
    if len(at) > 10:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            return date.fromisoformat(at[:10])
        return moment.astimezone(tz).date() if moment.tzinfo else moment.date()
    return date.fromisoformat(at[:10])


def _checks(entry: Response, tz: tzinfo | None, before: date | None = None) -> list[tuple[date, Review]]:
    days = [(day_of(h.at, tz), h) for h in entry.history or [] if h.max > 0]
    return sorted((c for c in days if before is None or c[0] < before), key=lambda c: c[0])


def _plan(exercise: str, checks: list[tuple[date, Review]]) -> Plan | None:
    box, due = 0, date.min
    for day, check in checks:
        if check.score < check.max or box == 0:
            box = 1
        elif day >= due and check.confidence != 1:
            box = min(box + 1, len(INTERVALS))
        due = day + timedelta(days=INTERVALS[box - 1])
    if not checks:
        return None
    day, last = checks[-1]
    return Plan(exercise, box, day.isoformat(), due.isoformat(), len(checks), last.score, last.max, last.confidence)


def plan(exercise: str, entry: Response, tz: tzinfo | None = None) -> Plan | None:
    """The schedule of one exercise, or None when it has no marked Check yet."""
    return _plan(exercise, _checks(entry, tz))


def schedule(doc: ResponseFile, tz: tzinfo | None = None) -> list[Plan]:
    """Every exercise met, the soonest due first (then by id)."""
    plans = [p for ex, entry in doc.responses.items() if (p := plan(ex, entry, tz))]
    return sorted(plans, key=lambda p: (p.due, p.exercise))


@dataclass(frozen=True)
class Slot:
    """An exercise's day in the plan: ``when`` is its due day, or a later one when earlier days are full;
    ``done`` says it was due and has been reviewed today."""

    plan: Plan
    when: str
    done: bool


def agenda(doc: ResponseFile, today: date, tz: tzinfo | None = None, limit: int = DAILY) -> list[Slot]:
    """Every exercise met, with the day it comes back when no day holds more than ``limit`` reviews: today's
    set is those reviewed today that were due, then the oldest due; the rest go to the next days in turn."""
    plans = schedule(doc, tz)
    done = []
    for p in plans:
        before = _plan(p.exercise, _checks(doc.responses[p.exercise], tz, today))
        if before and before.due <= today.isoformat() and p.last == today.isoformat():
            done.append(p.exercise)
    done_set = set(done)
    slots = [Slot(p, today.isoformat(), True) for p in plans if p.exercise in done_set]
    queue = [p for p in plans if p.exercise not in done_set]
    by_due = sorted(range(len(queue)), key=lambda n: queue[n].due)  # to let in each day's newly due, in turn
    ready: list[int] = []  # the due ones not yet placed, by their place in the queue (a heap)
    day, room, placed, nxt = today, limit - len(done), 0, 0
    while placed < len(queue):
        while nxt < len(by_due) and queue[by_due[nxt]].due <= day.isoformat():
            heapq.heappush(ready, by_due[nxt])
            nxt += 1
        if not ready:  # nothing due until a later day: go straight to it
            day, room = max(day + timedelta(days=1), date.fromisoformat(queue[by_due[nxt]].due[:10])), limit
            continue
        for _ in range(min(max(room, 0), len(ready))):
            slots.append(Slot(queue[heapq.heappop(ready)], day.isoformat(), False))
            placed += 1
        day, room = day + timedelta(days=1), limit
    return slots


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day_words(day: str, today: date) -> str:
    """A day in words, "Thursday 3 December" (with its year when that is not today's year)."""
    d = date.fromisoformat(day)
    words = f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}"
    return words if d.year == today.year else f"{words} {d.year}"


def reason(p: Plan, today: date) -> str:
    """Why an exercise comes back when it does, in words."""
    if p.why == "wrong":
        return f"{p.score} of {p.max} on {day_words(p.last, today)}"
    if p.why == "guessing":
        return f"right on {day_words(p.last, today)}, but you said you were guessing"
    return f"right on {day_words(p.last, today)}: box {p.box} waits {INTERVALS[p.box - 1]} day{'s' if p.box > 1 else ''}"


def review_table(slots: list[Slot], today: date, titles: dict[str, str] | None = None) -> str:
    """The plan as text: today's set (how many done), then the days after, each exercise with why."""
    if not slots:
        return "Nothing to review yet: check some exercises first."
    mine = [s for s in slots if s.when == today.isoformat()]
    done = sum(s.done for s in mine)
    head = (f"Today, {day_words(today.isoformat(), today)}: {len(mine)} to review, {done} done."
            if mine else f"Nothing to review today, {day_words(today.isoformat(), today)}.")
    lines = [head]
    for s in slots:
        when = "done today" if s.done else "today" if s.when == today.isoformat() else day_words(s.when, today)
        name = (titles or {}).get(s.plan.exercise, s.plan.exercise)
        lines.append(f"{when:<22} box {s.plan.box} of {len(INTERVALS)}  {name} ({reason(s.plan, today)})")
    return "\n".join(lines)
