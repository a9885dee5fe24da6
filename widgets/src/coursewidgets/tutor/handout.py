"""The handout file an assigned notebook loads: its title, mode and exercises. Pure data, no UI.

In a *practice* handout the exercises are complete (the notebook gives feedback and shuffles them
afresh for each learner and attempt). In an *assessed* handout each exercise is a public view: what a
student needs to see and answer, with every field that marks an answer right (``correct``, ``answer``,
``feedback``, ``model_points``) removed, its parts in the order of one layout for the whole class
(from the tutor's secret, ``keyfile.py``; steps never in the right order), of an exercise with variants
only the variant that secret draws and, for a sampled classification, only the items drawn. The view keeps that layout under ``layout``; never its seed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ..core.bank import ExerciseError, Problem, field_path
from ..core.models import (
    Category,
    Classification,
    Exercise,
    ExerciseAdapter,
    Matching,
    MultipleSelect,
    Option,
    Ordering,
    Reflection,
    Placement,
    SingleChoice,
    Step,
)
from ..core.layout import layout, pick
from ..core.responses import read_document
from .keyfile import exercise_seed

FORMAT = "coursewidgets-handout"
VERSION = 1
SUFFIX = ".handout.json"
Mode = Literal["practice", "assessed"]
KEY_FIELDS = ("correct", "answer", "feedback", "model_points", "layout_dependent")

_CLASSES: dict[str, type[Any]] = {
    "single_choice": SingleChoice, "multiple_select": MultipleSelect, "classification": Classification,
    "matching": Matching, "ordering": Ordering, "reflection": Reflection,
}
_PARTS: dict[str, type[Any]] = {
    "options": Option, "categories": Category, "items": Placement, "targets": Category, "pairs": Placement, "steps": Step,
}
_PLACEHOLDERS: dict[str, Any] = {"correct": False, "answer": "", "feedback": "", "model_points": []}


def public_view(ex: Exercise, seed: int) -> dict[str, Any]:
    """What a student may see of ``ex``: no field that tells a right answer from a wrong one, its parts
    in the order ``seed`` lays them out (only the drawn items of a sample), and that layout. Of an exercise
    with variants, only the variant ``seed`` asks."""
    ex = pick(ex, seed)
    data = ex.model_dump(include={"id", "kind", "title", "prompt", "minutes", "sample", *_PARTS})
    lay = layout(ex, seed)
    data["layout"] = lay
    for part, key in (("options", "options"), ("items", "items"), ("pairs", "items"), ("targets", "targets"),
                      ("steps", "order")):
        if part in data:
            entries = {e["id"]: e for e in data[part]}
            data[part] = [entries[i] for i in lay[key]]
    for part in _PARTS:
        if part in data:
            data[part] = [{k: v for k, v in entry.items() if k not in (*KEY_FIELDS, "pin")} for entry in data[part]]
    return data


def keyless(view: dict[str, Any]) -> Exercise:
    """A display-only exercise from a public view: key fields hold blank placeholders.

    Good for showing the question and recording answers; never grade it.
    """
    cls = _CLASSES[view["kind"]]
    fields = {k: v for k, v in view.items() if k in cls.model_fields}
    for part, part_cls in _PARTS.items():
        if part in fields:
            fields[part] = [part_cls.model_construct(**_blanks(part_cls, entry), **entry) for entry in fields[part]]
    return cls.model_construct(**_blanks(cls, fields), **fields)  # type: ignore[no-any-return]


def _blanks(cls: type[Any], given: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in _PLACEHOLDERS.items() if k in cls.model_fields and k not in given}


def handout_data(title: str, mode: Mode, exercises: list[Exercise], responses: str,
                 secret: str | None = None) -> dict[str, Any]:
    """The handout as JSON-ready data; ``responses`` is the response file's name, beside the handout.

    An assessed handout needs the tutor's ``secret``, from which each exercise's layout follows.
    """
    if mode == "assessed" and not secret:
        raise ValueError("an assessed handout needs the tutor's secret")
    shown = [public_view(ex, exercise_seed(secret, ex.id)) if secret and mode == "assessed" else ex.model_dump()
             for ex in exercises]
    return {"format": FORMAT, "version": VERSION, "title": title, "mode": mode, "responses": responses,
            "exercises": shown}


def read_handout(path: Path) -> tuple[dict[str, Any], dict[str, Exercise]]:
    """The handout's data and its exercises by id (keyless in an assessed handout)."""
    data = read_document(path, FORMAT, VERSION, "handout")
    exercises: dict[str, Exercise] = {}
    for n, item in enumerate(data.get("exercises", [])):
        try:
            ex = keyless(item) if data.get("mode") == "assessed" else ExerciseAdapter.validate_python(item)
        except (ValidationError, KeyError, TypeError) as exc:
            where = f"exercises.{n}"
            if isinstance(exc, ValidationError):
                where += "." + field_path(exc.errors()[0]["loc"])
            raise ExerciseError([Problem(str(path), where, f"not a usable exercise: {exc}")]) from None
        exercises[ex.id] = ex
    return data, exercises
