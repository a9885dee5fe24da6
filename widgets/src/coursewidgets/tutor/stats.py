"""The report's statistics beyond difficulty and discrimination. Pure: a ``Gradebook`` in, numbers out.

- ``distractors``: for each option (single choice, multiple select) the share of the class that chose
  it; for each classification item or matching pair, the share that chose each wrong target; both
  split into the top and bottom 27% of the class by percentage (``gradebook.groups``).
- ``reliability``: Cronbach's alpha over the marks of the scored exercises (KR-20 when every exercise is
  out of 1: the same formula), alpha with each exercise left out, and the standard error of
  measurement. Variances divide by the number of students, so alpha is the same as with n - 1.
- ``mastery``: each student's share of the marks per learning outcome, and the class's mean share.
- ``variant_stats``: facility and discrimination of each variant of an exercise with variants, from the
  students it asked; variants of one exercise should be equally hard (``VARIANT_GAP``).

Thresholds used for flags are constants here, and the report prints them next to the flags.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..core.grading import shown_items
from ..core.layout import variants_of
from ..core.models import Classification, Exercise, Matching, MultipleSelect, SingleChoice
from .gradebook import Gradebook, Row, groups

ALPHA_LOW = 0.7
"""Alpha below this: the set's total is too noisy to rank students on (a common rule of thumb)."""
VARIANT_GAP = 0.15
"""Variants of one exercise whose facilities differ by more than this are not equally hard: unfair."""
MASTERED, NEEDS_HELP = 0.7, 0.5
"""Share of an outcome's marks at or above which it counts as mastered; below NEEDS_HELP a student needs help."""


@dataclass(frozen=True)
class Choice:
    """How often one option (or one wrong target of one item) was chosen, by the class and its groups.

    Shares are of the students who were asked (shown the item, for a sampled classification);
    None where a group had nobody asked."""

    exercise: Exercise
    item: str  # the option id, or the item / pair id
    choice: str  # the option id again, or the wrong category / target id
    label: str  # what the report shows
    correct: bool
    share: float | None
    top: float | None
    bottom: float | None

    @property
    def unpicked(self) -> bool:
        """A wrong option nobody chose: it distracts no one."""
        return not self.correct and self.share == 0

    @property
    def strong_pick(self) -> bool:
        """A wrong choice the top group makes more often than the bottom group: check the key or wording."""
        return not self.correct and self.top is not None and self.bottom is not None and self.top > self.bottom


Tally = tuple[Counter[str], Counter[tuple[str, str]]]
"""How many students were asked each option or item, and how many made each (item, choice): one pass."""


def _tally(ex: Exercise, rows: list[Row]) -> Tally:
    asked: Counter[str] = Counter()
    chose: Counter[tuple[str, str]] = Counter()
    for row in rows:
        response = row.responses.get(ex.id)
        answer = response.answer if response else None
        if isinstance(ex, (SingleChoice, MultipleSelect)):
            asked.update(o.id for o in ex.options)
            picks = [answer] if isinstance(ex, SingleChoice) else answer if isinstance(answer, list) else []
            chose.update((p, p) for p in {p for p in picks if isinstance(p, str)})
            continue
        items = [p.id for p in ex.pairs] if isinstance(ex, Matching) else (
            shown_items(ex, response.shown) if isinstance(ex, Classification) and response else [])
        asked.update(items)
        if isinstance(answer, dict):
            chose.update((i, answer[i]) for i in items if isinstance(answer.get(i), str))
    return asked, chose


def _share(tally: Tally, item: str, choice: str) -> float | None:
    asked, chose = tally
    return chose[(item, choice)] / asked[item] if asked[item] else None


def _option_choices(ex: SingleChoice | MultipleSelect, parts: list[list[Row]]) -> list[Choice]:
    tallies = [_tally(ex, rows) for rows in parts]
    return [Choice(ex, o.id, o.id, o.text, o.correct, *(_share(t, o.id, o.id) for t in tallies)) for o in ex.options]


def _target_choices(ex: Classification | Matching, parts: list[list[Row]]) -> list[Choice]:
    entries = ex.items if isinstance(ex, Classification) else ex.pairs
    targets = ex.categories if isinstance(ex, Classification) else ex.targets
    tallies = [_tally(ex, rows) for rows in parts]
    return [Choice(ex, e.id, t.id, f"{e.text} → {t.label}", False, *(_share(tally, e.id, t.id) for tally in tallies))
            for e in entries for t in targets if t.id != e.answer]


def asked_variant(rows: list[Row], ex: Exercise, k: int) -> list[Row]:
    """The rows an exercise asked its variant ``k`` (all rows for an exercise without variants)."""
    return rows if len(variants_of(ex)) < 2 else [r for r in rows if r.asked.get(ex.id) == k]


def distractors(book: Gradebook) -> dict[str, list[Choice]]:
    """Choices by exercise id, for the exercises that have options, items or pairs (every variant's, each
    among the students that variant asked)."""
    bottom, top = groups(book)
    found: dict[str, list[Choice]] = {}
    for ex in book.exercises:
        for k, v in enumerate(variants_of(ex)):
            parts = [asked_variant(rows, ex, k) for rows in (book.rows, top, bottom)]
            if isinstance(v, (SingleChoice, MultipleSelect)):
                found.setdefault(ex.id, []).extend(_option_choices(v, parts))
            elif isinstance(v, (Classification, Matching)):
                found.setdefault(ex.id, []).extend(_target_choices(v, parts))
    return found


@dataclass(frozen=True)
class VariantStats:
    """One variant's facility (mean share of the marks) and discrimination, among the students it asked."""

    exercise: Exercise
    variant: int  # from 0
    students: int
    facility: float | None
    discrimination: float | None


def variant_stats(book: Gradebook) -> dict[str, list[VariantStats]]:
    """By exercise id, every variant's statistics, for the scored exercises with variants."""
    bottom, top = groups(book)

    def share(rows: list[Row], ex: Exercise) -> float | None:
        pairs = [row.marks(ex) for row in rows]
        return sum(s / m for s, m in pairs if m) / len(pairs) if pairs else None

    found: dict[str, list[VariantStats]] = {}
    for ex in book.scored:
        if len(variants_of(ex)) > 1:
            found[ex.id] = []
            for k in range(len(variants_of(ex))):
                asked = [asked_variant(rows, ex, k) for rows in (book.rows, top, bottom)]
                high, low = share(asked[1], ex), share(asked[2], ex)
                spread = high - low if high is not None and low is not None else None
                found[ex.id].append(VariantStats(ex, k, len(asked[0]), share(asked[0], ex), spread))
    return found


def variant_gap(each: list[VariantStats]) -> float | None:
    """The largest difference in facility between two variants of one exercise (None under two measured)."""
    known = [v.facility for v in each if v.facility is not None]
    return max(known) - min(known) if len(known) > 1 else None


def _variance(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def _alpha(k: int, parts: float, total: float, students: int) -> float | None:
    """Cronbach's alpha of ``k`` exercises from the sum of their variances and the variance of the totals;
    None if it is undefined."""
    if k < 2 or students < 2 or total == 0:
        return None
    return k / (k - 1) * (1 - parts / total)


@dataclass(frozen=True)
class Reliability:
    """Alpha (named KR-20 when every exercise is out of 1), alpha without each exercise, and the SEM."""

    name: str
    alpha: float | None
    without: dict[str, float | None]
    sem: float | None  # in marks
    sd: float  # of the totals, in marks


def reliability(book: Gradebook) -> Reliability:
    """Alpha, and alpha without each exercise (each from one column and the totals: linear in the class)."""
    scored, n = book.scored, len(book.rows)
    columns = [[float(row.marks(ex)[0]) for row in book.rows] for ex in scored]
    totals = [sum(marks) for marks in zip(*columns)] if columns else [0.0] * n
    spread = [_variance(c) if n else 0.0 for c in columns]
    total = _variance(totals) if n else 0.0
    alpha = _alpha(len(scored), sum(spread), total, n)
    without = {ex.id: _alpha(len(scored) - 1, sum(spread) - spread[j],
                             _variance([t - m for t, m in zip(totals, columns[j])]) if n else 0.0, n)
               for j, ex in enumerate(scored)}
    sd = math.sqrt(total)
    sem = sd * math.sqrt(1 - alpha) if alpha is not None and alpha <= 1 else None
    dichotomous = all(book.rows[0].marks(ex)[1] == 1 for ex in scored) if book.rows else False
    return Reliability("KR-20" if dichotomous else "Cronbach's alpha", alpha, without, sem, sd)


def outcomes(book: Gradebook) -> list[int]:
    """The learning outcomes the scored exercises cover, in order."""
    return sorted({ex.outcome for ex in book.scored})


def mastery(book: Gradebook, row: Row) -> dict[int, float]:
    """A student's share of the marks on each outcome's scored exercises."""
    by_outcome: dict[int, list[int]] = {o: [0, 0] for o in outcomes(book)}
    for ex in book.scored:
        score, out_of = row.marks(ex)
        by_outcome[ex.outcome][0] += score
        by_outcome[ex.outcome][1] += out_of
    return {o: s / m if m else 0.0 for o, (s, m) in by_outcome.items()}


def class_mastery(book: Gradebook, each: list[dict[int, float]] | None = None) -> dict[int, float]:
    """The class's mean share per outcome (each student counts once); ``each``: every row's ``mastery``."""
    each = each if each is not None else [mastery(book, row) for row in book.rows]
    return {o: sum(m[o] for m in each) / len(each) for o in outcomes(book)} if each else {}


def needs_help(shares: dict[int, float]) -> list[int]:
    """The outcomes on which a student's ``mastery`` is less than ``NEEDS_HELP``."""
    return [o for o, share in shares.items() if share < NEEDS_HELP]
