"""Small exercises of every kind, built in code so grading tests do not depend on the course bank."""

from __future__ import annotations

from typing import Any

from coursewidgets.core.models import Exercise, ExerciseAdapter

BASE = {"title": "T", "outcome": 1, "source": "S", "prompt": "P"}
REFLECTION_KEY = {"exemplar": "A short model answer.",
                  "rubric": {"strong": "Strong.", "adequate": "Adequate.", "weak": "Weak."}}


def make(kind: str, **fields: Any) -> Exercise:
    extra = REFLECTION_KEY if kind == "reflection" else {"level": "understand"}
    return ExerciseAdapter.validate_python({"id": kind.replace("_", "-"), "kind": kind, **BASE, **extra, **fields})


def opt(ident: str, correct: bool = False) -> dict[str, Any]:
    return {"id": ident, "text": f"text {ident}", "correct": correct, "feedback": f"fb {ident}"}


SINGLE = make("single_choice", options=[opt("a", True), opt("b"), opt("c")])
MULTI = make("multiple_select", options=[opt("a", True), opt("b", True), opt("c"), opt("d")])
CLASSIFY = make(
    "classification",
    categories=[{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
    items=[{"id": f"i{n}", "text": f"item {n}", "answer": "x" if n % 2 else "y", "feedback": f"fb {n}"} for n in range(6)],
    sample=4,
)
MATCH = make(
    "matching",
    targets=[{"id": "t1", "label": "One"}, {"id": "t2", "label": "Two"}, {"id": "t3", "label": "Spare"}],
    pairs=[{"id": "p1", "text": "first", "answer": "t1", "feedback": "f1"},
           {"id": "p2", "text": "second", "answer": "t2", "feedback": "f2"}],
)
ORDER = make("ordering", steps=[{"id": s, "text": s, "feedback": f"fb {s}"} for s in ("s1", "s2", "s3", "s4")])
REFLECT = make("reflection", model_points=["point one", "point two"])
ALL = [SINGLE, MULTI, CLASSIFY, MATCH, ORDER, REFLECT]


def varied(kind: str, bodies: list[dict[str, Any]], **shared: Any) -> Exercise:
    """An exercise of ``kind`` in the file form with ``variants`` (a list of bodies), validated."""
    extra = {k: v for k, v in REFLECTION_KEY.items()} if kind == "reflection" else {"level": "apply"}
    ident = "varied-" + kind.replace("_", "-")
    base = {k: v for k, v in BASE.items() if k != "prompt"}
    bodies = [{"prompt": f"P{n + 1}", **(extra if kind == "reflection" else {}), **b} for n, b in enumerate(bodies)]
    head = {} if kind == "reflection" else extra
    return ExerciseAdapter.validate_python({"id": ident, "kind": kind, **base, **head, **shared, "variants": bodies})


def _placements(prefix: str, answers: str) -> list[dict[str, Any]]:
    return [{"id": f"{prefix}{n}", "text": f"{prefix} item {n}", "answer": a, "feedback": f"fb {prefix}{n}"}
            for n, a in enumerate(answers.split())]


VARIED = [
    varied("single_choice", [{"options": [opt(f"{v}a", True), opt(f"{v}b"), opt(f"{v}c")]} for v in "xyz"]),
    varied("multiple_select", [{"options": [opt(f"{v}a", True), opt(f"{v}b", True), opt(f"{v}c"), opt(f"{v}d")]}
                               for v in "xy"]),
    varied("classification", [{"categories": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}],
                               "items": _placements(v, "x y x y x y"), "sample": 4} for v in "abc"]),
    varied("matching", [{"targets": [{"id": "t1", "label": "One"}, {"id": "t2", "label": "Two"}],
                         "pairs": _placements(v, "t1 t2 t2")} for v in "pq"]),
    varied("ordering", [{"steps": [{"id": f"{v}{n}", "text": f"{v} step {n}", "feedback": "f"} for n in range(4)]}
                        for v in "mn"]),
    varied("reflection", [{"model_points": ["one"]}, {"model_points": ["two"]}]),
]
"""One exercise of every kind with two or three variants."""


def key_answer(ex: Exercise, shown: list[str] | None = None) -> Any:
    """The full-marks answer to one variant (a sampled classification's for the items ``shown``)."""
    if ex.kind == "single_choice":
        return next(o.id for o in ex.options if o.correct)
    if ex.kind == "multiple_select":
        return [o.id for o in ex.options if o.correct]
    if ex.kind == "classification":
        return {i.id: i.answer for i in ex.items if shown is None or i.id in shown}
    if ex.kind == "matching":
        return {p.id: p.answer for p in ex.pairs}
    if ex.kind == "ordering":
        return [s.id for s in ex.steps]
    return "Partners need a shared goal and trust built over time."
