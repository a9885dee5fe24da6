"""Grade a class: a folder of response files and a bank in; a gradebook, its statistics and CSV out.

Pure apart from reading the response files (``files.py`` reads them safely): no UI. A file with any
problem (unreadable, oversized, nested too deeply, a key given twice, a link out of the folder, not a
regular file, another format or version, a bad seed, an exercise or item the bank does not have, an
answer of the wrong shape, a ``shown`` list that is not a fair draw, a student who also handed in
another file, by ``names.same_student``) is reported with its reason and
left out; every other file is graded. The file never decides what an exercise is worth: the grader
grades every answer again, a sampled classification out of its sample size. Given the tutor's key
(assessed work), a ``shown`` list must be the draw the handout fixed; otherwise, when the response
carries a seed, the draw of that seed. An exercise with variants is graded against the variant that seed
asks (the key's for assessed work); an answer holding ids of another variant is reported. Version 1 files
are graded too, noted "migrated from format 1".
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from ..core.bank import ExerciseError, Problem
from ..core.grading import Grade, grade, listed, shown_problem, variant_problem
from ..core.layout import variant_index
from ..core.models import Classification, Exercise
from ..core.responses import Response, ResponseFile
from ..core.shapes import shape_problem
from .files import read_submission, shown, submission_files
from .keyfile import Key
from .names import brief, printable, same_student, spreadsheet_safe, tidy
from .parallel import pmap

GROUP_PERCENT = 27
"""The top and bottom groups for discrimination: this percentage of the class each, rounded up."""
Progress = Callable[[int, int], None]
"""Called with (files done, files in all) as grading goes."""


_OUT_OF: dict[int, tuple[Exercise, int]] = {}


def full_marks(ex: Exercise) -> int:
    """``out_of(ex)``, worked out once per exercise object (grading a class asks it millions of times)."""
    hit = _OUT_OF.get(id(ex))
    if hit is None or hit[0] is not ex:
        hit = _OUT_OF[id(ex)] = (ex, out_of(ex))
    return hit[1]


def out_of(ex: Exercise) -> int:
    """The marks an attempt at ``ex`` is out of (a sampled classification: the sample size)."""
    if isinstance(ex, Classification) and ex.sample:
        return ex.sample
    return grade(ex, None).max


class Mark(NamedTuple):
    """What a class's gradebook keeps of one answer's ``Grade``: its marks (the feedback page grades the
    answer again for the rest, so a class of 100,000 never holds every item's feedback at once)."""

    score: int
    max: int
    complete: bool


@dataclass(frozen=True, slots=True)
class Answer:
    """What a class's gradebook keeps of one handed-in answer: what the feedback page and the statistics need."""

    answer: Any
    shown: list[str] | None
    seed: int | None
    """The seed it was graded with: the key's for assessed work, else the response's own."""
    confidence: int | None


@dataclass(frozen=True, slots=True)
class Row:
    """One student's marks, by exercise id; None where the exercise was not answered."""

    student: str
    file: str
    grades: dict[str, Mark | None]
    note: str = ""
    responses: dict[str, Answer] = field(default_factory=dict)
    """What the student handed in, by exercise id (for the feedback pages and the distractor analysis)."""
    asked: dict[str, int] = field(default_factory=dict)
    """The variant (from 0) each answered exercise asked."""

    def marks(self, ex: Exercise) -> tuple[int, int]:
        """(score, out of) for one exercise; an unanswered exercise scores 0."""
        g = self.grades.get(ex.id)
        return (g.score, g.max) if g else (0, full_marks(ex))


@dataclass(frozen=True)
class Gradebook:
    """The graded class: columns, one row per student, and every problem found."""

    exercises: list[Exercise]
    rows: list[Row]
    problems: list[Problem]
    warnings: list[str] = field(default_factory=list)
    """What was graded but deserves a second look (a student's own ``shown`` list trusted)."""

    @cached_property
    def scored(self) -> list[Exercise]:
        """The exercises that carry marks (reflections do not; worked out once: asked once per student)."""
        return [ex for ex in self.exercises if full_marks(ex) > 0]

    def total(self, row: Row) -> tuple[int, int]:
        """(score, out of) over every exercise (worked out once per row)."""
        known = self._totals.get(id(row))
        if known is None or known[0] is not row:
            pairs = [row.marks(ex) for ex in self.exercises]
            known = self._totals[id(row)] = (row, sum(s for s, _ in pairs), sum(m for _, m in pairs))
        return known[1], known[2]

    @cached_property
    def _totals(self) -> dict[int, tuple[Row, int, int]]:
        return {}

    def percent(self, row: Row) -> float:
        score, out_of = self.total(row)
        return 100 * score / out_of if out_of else 0.0


def attempt_seed(ex_id: str, response: Response, key: Key | None) -> int | None:
    """The seed an answer is graded with: the handout's (from the key) for assessed work, else its own."""
    seed = key.seed(ex_id) if key else None
    return response.seed if seed is None else seed


def check_submission(path: Path, bank: dict[str, Exercise], root: Path,
                     key: Key | None = None) -> tuple[ResponseFile | None, list[Problem]]:
    """Read one response file of the class folder ``root``; return it, or None and every reason it
    cannot be graded.

    A sampled classification's ``shown`` must pass ``shown_problem`` against the key's seed for
    that exercise (assessed work), else against the response's own seed, if any.
    """
    try:
        doc = read_submission(path, root)
    except ExerciseError as exc:
        return None, exc.problems
    name = shown(path)
    if not tidy(doc.student):  # e.g. a notebook's my-answers.json: the tutor named the file
        doc = doc.model_copy(update={"student": shown(path.stem)})
    problems: list[Problem] = []
    if key:
        other = sorted(ex_id for ex_id in doc.responses if ex_id not in key.exercises)
        if other:
            problems.append(Problem(name, "responses", f"answers {listed(other)}, not in the assignment of the "
                                    f"key {key.title!r} ({listed(list(key.exercises))}): graded with another "
                                    "assignment's key?"))
    for ex_id, response in doc.responses.items():
        ex = bank.get(ex_id)
        if ex is None:
            problems.append(Problem(name, f"responses.{ex_id}", f"unknown exercise id {ex_id!r}: not in the bank"))
            continue
        wrong_shape = shape_problem(ex, response.answer)
        if wrong_shape:
            problems.append(Problem(name, f"responses.{ex_id}.answer", wrong_shape))
            continue
        seed = attempt_seed(ex_id, response, key)
        for wrong in (variant_problem(ex, response.answer, seed), shown_problem(ex, response.shown, seed)):
            if wrong:
                field, reason = wrong.split(": ", 1)
                problems.append(Problem(name, f"responses.{ex_id}.{field}", reason))
    return (None if problems else doc), problems


@dataclass(frozen=True, slots=True)
class Graded:
    """One good file, graded: all a worker process sends back of it (small, whatever the file held)."""

    student: str
    migrated_from: int | None
    answers: dict[str, Answer]
    marks: dict[str, Mark]
    asked: dict[str, int]


def _check_and_grade(shared: tuple[dict[str, Exercise], Path, Key | None], path: Path
                     ) -> tuple[Graded | None, list[Problem]]:
    """``check_submission``, and the marks of each answer of a good file (run in worker processes)."""
    bank, root, key = shared
    doc, problems = check_submission(path, bank, root, key)
    if doc is None:
        return None, problems
    answers = {i: Answer(r.answer, r.shown, attempt_seed(i, r, key), r.confidence) for i, r in doc.responses.items()}
    marks = {i: Mark(g.score, g.max, g.complete) for i, a in answers.items()
             if (g := grade(bank[i], a.answer, a.shown, a.seed))}
    asked = {i: variant_index(bank[i], a.seed or 0) for i, a in answers.items()}
    return Graded(doc.student, doc.migrated_from, answers, marks, asked), problems


def _duplicates(docs: dict[Path, Graded]) -> dict[Path, Problem]:
    """A problem for each file of a student who handed in more than one (names compared by ``same_student``)."""
    by_student: dict[str, list[Path]] = defaultdict(list)
    for path, doc in docs.items():
        by_student[same_student(doc.student)].append(path)
    problems = {}
    for paths in by_student.values():
        for path in paths if len(paths) > 1 else []:
            others = [shown(p) for p in paths[:4] if p != path][:3]
            more = f" and {len(paths) - 1 - len(others)} more" if len(paths) - 1 > len(others) else ""
            problems[path] = Problem(shown(path), "student", f"{tidy(docs[path].student)!r} also handed in "
                                     f"{', '.join(others)}{more}; neither file is graded until one is removed")
    return problems


def grade_class(folder: Path, bank: dict[str, Exercise], exercise_ids: list[str] | None = None,
                progress: Progress | None = None, key: Key | None = None) -> Gradebook:
    """Grade every response file below ``folder`` against ``bank`` (and the tutor's ``key``, for assessed work).

    The columns are ``exercise_ids`` when given, else the key's exercises, else every bank exercise
    some graded file answers.
    """
    files, problems = submission_files(folder) if folder.is_dir() else ([], [])
    docs: dict[Path, Graded] = {}
    missing = "no response files (*.json) here" if folder.is_dir() else "no such folder"
    problems += [] if files else [Problem(shown(folder), "", missing)]
    graded = pmap(_check_and_grade, files, (bank, folder.resolve(), key))
    for n, (path, (doc, found)) in enumerate(zip(files, graded), 1):
        problems += found
        if doc is not None:
            docs[path] = doc
        if progress:
            progress(n, len(files))
    duplicated = _duplicates(docs)
    problems += duplicated.values()
    for path in duplicated:
        docs.pop(path)
    answered = {ex_id for doc in docs.values() for ex_id in doc.answers}
    ids = exercise_ids or (list(key.exercises) if key else None)
    exercises = [bank[i] for i in ids] if ids else [ex for i, ex in bank.items() if i in answered]
    warnings = _trusted(docs, exercises, key)
    rows = []
    for path in list(docs):
        doc = docs.pop(path)  # each file's result let go as its row is made
        handed_in = [ex.id for ex in exercises if ex.id in doc.answers]
        note = f"migrated from format {doc.migrated_from}" if doc.migrated_from else ""
        rows.append(Row(tidy(doc.student), shown(path), {ex.id: doc.marks.get(ex.id) for ex in exercises}, note,
                        {i: doc.answers[i] for i in handed_in}, {i: doc.asked[i] for i in handed_in}))
    rows.sort(key=lambda r: r.student.casefold())
    shown_problems = [Problem(printable(p.file), brief(p.field), brief(p.message)) for p in problems]
    return Gradebook(exercises, rows, sorted(shown_problems, key=lambda p: p.file), warnings)


def _trusted(docs: dict[Path, Graded], exercises: list[Exercise], key: Key | None) -> list[str]:
    """A warning for each sampled classification whose ``shown`` lists nothing could check (no key, no seed)."""
    if key:
        return []
    warnings = []
    for ex in exercises:
        if not isinstance(ex, Classification) or ex.sample is None:
            continue
        trusted = sum(1 for doc in docs.values() if (a := doc.answers.get(ex.id)) and a.seed is None)
        if trusted:
            warnings.append(f"{trusted} files answer {ex.id!r} with no seed, as an assessed notebook saves them, "
                            "and no --key was given: the items each student says were shown to them are trusted "
                            "as they are (a student could pick the items to be marked on). For assessed work, "
                            "grade with --key <title>-key.json.")
    return warnings


def to_csv(book: Gradebook) -> str:
    """One row per student, one column per exercise (marks; reflections: answered or not), totals, a note."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *(ex.id for ex in book.exercises), "total", "max", "percent", "note"])
    for row in book.rows:
        score, out_of = book.total(row)
        writer.writerow([spreadsheet_safe(row.student), *(_cell(row, ex) for ex in book.exercises), score, out_of,
                         f"{book.percent(row):.1f}", spreadsheet_safe(row.note)])
    return out.getvalue()


def _cell(row: Row, ex: Exercise) -> int | str:
    if full_marks(ex):
        return row.marks(ex)[0]
    g = row.grades.get(ex.id)
    return "answered" if g and g.complete else "not answered"


# statistics for the report
@dataclass(frozen=True)
class ItemStats:
    """Facility: the class's mean share of the marks (low = hard). Discrimination: the top group's
    mean share minus the bottom group's (groups: 27% of the class by total), from -1 to 1."""

    exercise: Exercise
    facility: float
    discrimination: float | None


def distribution(book: Gradebook, bins: int = 10) -> list[int]:
    """How many students scored in each band of ``100 / bins`` percent (100% in the top band)."""
    counts = [0] * bins
    for row in book.rows:
        counts[min(bins - 1, int(book.percent(row) * bins // 100))] += 1
    return counts


def item_stats(book: Gradebook) -> list[ItemStats]:
    """Facility and discrimination of every exercise that carries marks."""
    ranked = sorted(book.rows, key=book.percent)
    bottom, top = groups(book)
    stats = []
    for ex in book.scored:
        def share(rows: list[Row], ex: Exercise = ex) -> float:
            pairs = [row.marks(ex) for row in rows]
            return sum(s / m for s, m in pairs if m) / len(pairs) if pairs else 0.0

        spread = share(top) - share(bottom) if top else None
        stats.append(ItemStats(ex, share(ranked), spread))
    return stats


def groups(book: Gradebook) -> tuple[list[Row], list[Row]]:
    """The bottom and top 27% of the class by percentage (each rounded up; empty under 2 students)."""
    ranked = sorted(book.rows, key=book.percent)
    size = -(-GROUP_PERCENT * len(ranked) // 100) if len(ranked) >= 2 else 0  # exact: 27% of 900 is 243
    return (ranked[:size], ranked[-size:]) if size else ([], [])
