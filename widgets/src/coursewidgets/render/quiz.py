"""``quiz("id")``: one exercise as a live widget in Jupyter and as static HTML on the site."""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..core.bank import ExerciseError, load_exercise
from ..core.grading import Grade
from ..core.layout import variant_index
from ..core.models import Exercise
from ..core.responses import Response, empty, load, now, record, save, saved_response
from .html import render_html
from .widget import QuizWidget

RESPONSES_ENV = "COURSEWIDGETS_RESPONSES"
NOTEBOOK_RESPONSES = "my-answers.json"
NAME_LABEL = "Your name or student ID"
_asks_name: dict[Path, str] = {}
"""Responses file → the exercise whose quiz asks for the learner's name (the first quiz shown in this kernel)."""


def _save_to(path: Path) -> Any:
    def save(exercise: Exercise, response: Response, result: Grade | None = None) -> None:
        asked = variant_index(exercise, response.seed) if exercise.variants and response.seed is not None else None
        record(path, exercise.id, response, variant=asked)

    return save


def _in_kernel() -> bool:
    """True in a Jupyter kernel (a learner's notebook), false in plain Python such as the tests."""
    ipython = sys.modules.get("IPython")
    return getattr(ipython and ipython.get_ipython(), "kernel", None) is not None


def _saved_note(path: Path) -> w.HTML:
    folder = path.absolute().parent
    where = "this notebook's folder" if folder == Path.cwd() else f"<code>{escape(str(folder))}</code>"
    return w.HTML(f"<small>Check saves your answers to <code>{escape(path.name)}</code> in {where}. To keep them "
                  "(on Binder, for instance), right-click that file in the file browser and choose Download.</small>")


def _saved_name(path: Path) -> str:
    try:
        return load(path).student if path.exists() else ""
    except ExerciseError:
        return ""


def _keep_name(path: Path, name: str) -> None:
    """Write ``name`` into the responses file (created if need be); a file that cannot be read is left alone."""
    try:
        doc = load(path) if path.exists() else empty()
    except ExerciseError:
        return
    save(path, doc.model_copy(update={"student": name, "updated": now()}))


def _name_field(path: Path) -> w.VBox:
    """A labelled text box for the learner's name or ID, kept as the ``student`` of the responses file."""
    box = w.Text(value=_saved_name(path), description=NAME_LABEL, placeholder="e.g. ab123", continuous_update=False,
                 style={"description_width": "initial"}, layout=w.Layout(width="30em"))
    box.observe(lambda change: _keep_name(path, change["new"].strip()), "value")
    hint = w.HTML(f"<small>Saved with your answers in <code>{escape(path.name)}</code>, so your tutor knows "
                  "whose they are. Type it once: every lesson in this folder uses it.</small>")
    return w.VBox([box, hint])


class Quiz:
    """One exercise shown as a live widget in Jupyter and as static HTML on the site."""

    def __init__(self, exercise: Exercise, responses: Path | None = None):
        self.exercise = exercise
        self.widget = QuizWidget(exercise, on_check=_save_to(responses) if responses else None,
                                 saved=saved_response(responses, exercise.id),
                                 on_start=_save_to(responses) if responses else None)
        if responses:
            asks = _asks_name.setdefault(responses.absolute(), exercise.id) == exercise.id
            name = (_name_field(responses),) if asks else ()
            self.widget.children = (*name, *self.widget.children, _saved_note(responses))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = render_html(self.exercise)
        return bundle


def quiz(exercise_id: str, bank: str | Path | None = None, responses: str | Path | None = None) -> Quiz:
    """The quiz for ``exercise_id`` from ``bank`` (default: the course's ``exercises/`` folder).

    Answers are saved on Check to ``responses`` (and an answer saved there before is shown again, in
    the same variant and layout; after "Start again" on an exercise with variants, the new attempt's seed is
    kept there, so running the cell again asks the new variant); by default to ``$COURSEWIDGETS_RESPONSES`` if set,
    else, in a Jupyter kernel, to ``my-answers.json`` in the notebook's folder (the kernel's working folder).
    The first quiz saving to a file (and that quiz again when its cell is run again) asks for the learner's
    name or ID above it, kept as the file's ``student``.
    """
    folder = Path(bank) if bank else None
    target = responses or os.environ.get(RESPONSES_ENV) or (Path.cwd() / NOTEBOOK_RESPONSES if _in_kernel() else None)
    return Quiz(load_exercise(exercise_id, folder), Path(target) if target else None)
