"""The handout file an assigned notebook loads: its title, mode and exercises. Pure data, no UI.

In a *practice* handout the exercises are complete (the notebook gives feedback). In an *assessed*
handout each exercise is a public view: what a student needs to see and answer, with every field
that marks an answer right (``correct``, ``answer``, ``feedback``, ``model_points``) removed and
ordering steps listed in their shuffled starting order, never the right one.
"""

from __future__ import annotations

import json
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
from ..core.layout import start_order

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


def public_view(ex: Exercise) -> dict[str, Any]:
    """What a student may see of ``ex``: no field that tells a right answer from a wrong one."""
    data = ex.model_dump(include={"id", "kind", "title", "prompt", "minutes", "sample", *_PARTS})
    if isinstance(ex, Ordering):
        steps = {s["id"]: s for s in data["steps"]}
        data["steps"] = [steps[i] for i in start_order(ex)]
    for part in _PARTS:
        if part in data:
            data[part] = [{k: v for k, v in entry.items() if k not in KEY_FIELDS} for entry in data[part]]
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


def handout_data(title: str, mode: Mode, exercises: list[Exercise], responses: str) -> dict[str, Any]:
    """The handout as JSON-ready data; ``responses`` is the response file's name, beside the handout."""
    shown = [public_view(ex) if mode == "assessed" else ex.model_dump() for ex in exercises]
    return {"format": FORMAT, "version": VERSION, "title": title, "mode": mode, "responses": responses,
            "exercises": shown}


def read_handout(path: Path) -> tuple[dict[str, Any], dict[str, Exercise]]:
    """The handout's data and its exercises by id (keyless in an assessed handout)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExerciseError([Problem(str(path), "", f"not a readable handout: {exc}")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ExerciseError([Problem(str(path), "format", f"not a {FORMAT} file, version {VERSION}")])
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
