"""A tutor's private bank (one exercise of each kind, distinctive key texts) and generated classes of
response files whose expected marks are worked out here, independently of ``grading.py``."""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path
from typing import Any

import nbformat
import yaml
from exercises_for_tests import make
from nbclient import NotebookClient

from coursewidgets.core.layout import draw, pick
from coursewidgets.tutor.cli import main
from coursewidgets.core.models import (
    Classification,
    Exercise,
    ExerciseAdapter,
    Matching,
    MultipleSelect,
    Ordering,
    SingleChoice,
)


def _opt(ident: str, correct: bool = False) -> dict[str, Any]:
    return {"id": ident, "text": f"Option text {ident}", "correct": correct, "feedback": f"KEYFB-option-{ident}"}


BANK = [
    make("single_choice", options=[_opt("a", True), _opt("b"), _opt("c")]),
    make("multiple_select", outcome=1, options=[_opt("a", True), _opt("b", True), _opt("c"), _opt("d")]),
    make("classification", categories=[{"id": "x", "label": "Ex"}, {"id": "y", "label": "Why"}],
         items=[{"id": f"i{n}", "text": f"Item text {n}", "answer": "x" if n % 2 else "y",
                 "feedback": f"KEYFB-item-{n}"} for n in range(6)], sample=4, outcome=2),
    make("matching", outcome=2, targets=[{"id": "t1", "label": "One"}, {"id": "t2", "label": "Two"}, {"id": "t3", "label": "Spare"}],
         pairs=[{"id": "p1", "text": "First pair", "answer": "t1", "feedback": "KEYFB-pair-1"},
                {"id": "p2", "text": "Second pair", "answer": "t2", "feedback": "KEYFB-pair-2"}]),
    make("ordering", outcome=3, steps=[{"id": s, "text": f"Step {s}", "feedback": f"KEYFB-step-{s}"} for s in ("s1", "s2", "s3", "s4")]),
    make("reflection", outcome=3, model_points=["KEYFB-model-point-one", "KEYFB-model-point-two"]),
]
IDS = [ex.id for ex in BANK]
SCORED = IDS[:-1]


def write_bank(folder: Path, exercises: list[Exercise] = BANK) -> Path:
    """Each exercise as ``<id>.yml`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for ex in exercises:
        (folder / f"{ex.id}.yml").write_text(yaml.safe_dump(ex.model_dump(exclude_none=True), sort_keys=False))
    return folder


def _answer(ex: Exercise, rng: random.Random, seed: int) -> tuple[Any, list[str] | None, int]:
    """A random answer, the items shown (drawn with ``seed``), and its marks by the course's rules (README)."""
    if isinstance(ex, SingleChoice):
        pick = rng.choice(ex.options)
        return pick.id, None, int(pick.correct)
    if isinstance(ex, MultipleSelect):
        picked = [o for o in ex.options if rng.random() < 0.5]
        return [o.id for o in picked], None, max(0, sum(1 if o.correct else -1 for o in picked))
    if isinstance(ex, (Classification, Matching)):
        by_id = {i.id: i for i in ex.items} if isinstance(ex, Classification) else {}
        entries = [by_id[i] for i in draw(ex, seed) or []] if isinstance(ex, Classification) else ex.pairs
        choices = [c.id for c in (ex.categories if isinstance(ex, Classification) else ex.targets)]
        answer = {e.id: rng.choice(choices) for e in entries if rng.random() < 0.9}
        shown = [e.id for e in entries] if isinstance(ex, Classification) else None
        return answer, shown, sum(answer.get(e.id) == e.answer for e in entries)
    if isinstance(ex, Ordering):
        key = [s.id for s in ex.steps]
        order = rng.sample(key, len(key))
        following = dict(zip(order, [*order[1:], None]))  # each step and the step after it (the last: none)
        return order, None, sum(following[s] == n for s, n in zip(key, [*key[1:], None]))
    return "My reflection on partnership.", None, 0


Answers = dict[str, "tuple[Any, list[str] | None] | tuple[Any, list[str] | None, int]"]


def response_doc(student: str, answers: Answers, version: int = 2) -> dict[str, Any]:
    """A response file; each answer is (answer, shown) or (answer, shown, seed)."""
    responses = {i: {"answer": a[0], **({"shown": a[1]} if a[1] else {}), **({"seed": a[2]} if len(a) > 2 else {})}
                 for i, a in answers.items()}
    return {"format": "coursewidgets-responses", "version": version, "student": student, "responses": responses}


def variant_bank(n: int = 40, k: int = 3) -> list[Exercise]:
    """``n`` exercises (the kinds of ``BANK`` in turn), each with ``k`` variants whose ids differ."""
    out = []
    for e in range(n):
        base = BANK[e % len(BANK)].model_dump(exclude_none=True)
        body = {key: base.pop(key) for key in list(base) if key in _BODY}
        ident = f"{base['id']}-{e}"
        bodies = [{**_renamed(body, f"v{v}-"), "prompt": f"{body['prompt']}: {ident}, case {v + 1}"} for v in range(k)]
        out.append(ExerciseAdapter.validate_python({**base, "id": ident, "variants": bodies}))
    return out


_BODY = ("prompt", "options", "categories", "items", "targets", "pairs", "steps", "sample", "model_points",
         "exemplar", "rubric")


def _renamed(body: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A body whose option, item, pair and step ids (and texts) start with ``prefix``."""
    return {key: [{**e, "id": prefix + e["id"], "text": prefix + e["text"]} for e in value]
            if key in ("options", "items", "pairs", "steps") else value for key, value in body.items()}


def make_class(folder: Path, n: int, seed: int = 1, bank: list[Exercise] = BANK) -> dict[str, dict[str, int]]:
    """Write ``n`` good response files (some exercises skipped, every 5th in format version 1, whose seeds
    are dropped, so its answers are to the first variant); return each student's expected marks."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict[str, int]] = {}
    for k in range(n):
        student, answers, marks = f"student-{k:04d}", {}, {}
        version = 1 if k % 5 == 0 else 2
        for ex in bank:
            if rng.random() < 0.9:
                seed = rng.randrange(2**32)
                asked = pick(ex, seed if version == 2 else 0)
                answer, shown, marks[ex.id] = _answer(asked, rng, seed if version == 2 else 0)
                answers[ex.id] = (answer, shown, seed)
        expected[student] = marks
        sub = folder / f"group-{k % 7}"
        sub.mkdir(exist_ok=True)
        (sub / f"{student}.json").write_text(json.dumps(response_doc(student, answers, version)))
    return expected


ANSWER_CELLS = """
q = work.quizzes
q["single-choice"].choice.value = "a"
q["single-choice"].check.click()
assert not work.responses.exists(), "saved before the student typed a name"
work.student.value = "ab123"
q["multiple-select"].boxes["a"].value = True
q["multiple-select"].boxes["c"].value = True
for item, select in q["classification"].selects.items():
    select.value = {classification_key!r}[item]
q["matching"].selects["p1"].value = "t1"
q["matching"].selects["p2"].value = "t3"
q["ordering"].order = ["s1", "s2", "s4", "s3"]  # s1 then s2: 1 mark (s4 belongs last)
q["reflection"].text.value = "Partners agree shared goals."
for quiz in q.values():
    quiz.check.click()
print("FEEDBACK", json.dumps({{k: v.feedback.value for k, v in q.items()}}))
print("KERNEL", json.dumps([e.model_dump() for e in work.exercises.values()]))
"""


def run_assigned(folder: Path, mode: str) -> tuple[Path, dict[str, Any], list[dict[str, Any]]]:
    """Assign, append the answering cells, execute in a kernel; return the notebook and its printed data."""
    bank = write_bank(folder / "private-bank")
    out = folder / "handout"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["assign", *IDS, "--title", "Week 3: partners", "--mode", mode, "--bank", str(bank),
                     "--out", str(out)]) == 0
    path = out / "week-3-partners.ipynb"
    nb = nbformat.read(path, as_version=4)
    classify = next(ex for ex in BANK if isinstance(ex, Classification))
    key = {i.id: i.answer for i in classify.items}
    nb.cells.append(nbformat.v4.new_code_cell("import json\n" + ANSWER_CELLS.format(classification_key=key)))
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(out)}}).execute()
    nbformat.write(nb, path)
    printed = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1])
               for line in nb.cells[-1].outputs[0]["text"].splitlines()}
    return path, printed["FEEDBACK"], printed["KERNEL"]
