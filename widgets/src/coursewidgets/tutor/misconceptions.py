"""Confident errors: per exercise, the share of the class that said they were sure (certainty 3) and did not
get full marks (``core.confidence.confidently_wrong``). Those are the misconceptions worth teaching against."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.confidence import confidently_wrong
from ..core.models import Exercise
from .gradebook import Gradebook


@dataclass(frozen=True)
class SureAndWrong:
    """One exercise: how many students were sure and wrong, out of the class."""

    exercise: Exercise
    count: int
    students: int

    @property
    def share(self) -> float:
        return self.count / self.students if self.students else 0.0


def sure_and_wrong(book: Gradebook) -> list[SureAndWrong]:
    """Every scored exercise, the largest share of confident errors first (then in column order)."""
    found = []
    for ex in book.scored:
        count = 0
        for row in book.rows:
            given, graded = row.responses.get(ex.id), row.grades.get(ex.id)
            if given is not None and graded is not None and confidently_wrong(graded.score, graded.max, given.confidence):
                count += 1
        found.append(SureAndWrong(ex, count, len(book.rows)))
    return sorted(found, key=lambda s: -s.share)
