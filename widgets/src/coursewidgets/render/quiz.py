"""``quiz("id")``: one exercise as a live widget in Jupyter and as static HTML on the site."""

from __future__ import annotations

import os
import sys
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..core.bank import load_exercise
from ..core.grading import Grade
from ..core.models import Exercise
from ..core.responses import Response, record, saved_response
from .html import render_html
from .widget import QuizWidget

RESPONSES_ENV = "COURSEWIDGETS_RESPONSES"
NOTEBOOK_RESPONSES = "my-answers.json"


def _save_to(path: Path) -> Any:
    def save(exercise: Exercise, response: Response, result: Grade) -> None:
        record(path, exercise.id, response)

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


class Quiz:
    """One exercise shown as a live widget in Jupyter and as static HTML on the site."""

    def __init__(self, exercise: Exercise, responses: Path | None = None):
        self.exercise = exercise
        self.widget = QuizWidget(exercise, on_check=_save_to(responses) if responses else None,
                                 saved=saved_response(responses, exercise.id))
        if responses:
            self.widget.children = (*self.widget.children, _saved_note(responses))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = render_html(self.exercise)
        return bundle


def quiz(exercise_id: str, bank: str | Path | None = None, responses: str | Path | None = None) -> Quiz:
    """The quiz for ``exercise_id`` from ``bank`` (default: the course's ``exercises/`` folder).

    Answers are saved on Check to ``responses`` (and an answer saved there before is shown again, in
    the same layout); by default to ``$COURSEWIDGETS_RESPONSES`` if set,
    else, in a Jupyter kernel, to ``my-answers.json`` in the notebook's folder (the kernel's working folder).
    """
    folder = Path(bank) if bank else None
    target = responses or os.environ.get(RESPONSES_ENV) or (Path.cwd() / NOTEBOOK_RESPONSES if _in_kernel() else None)
    return Quiz(load_exercise(exercise_id, folder), Path(target) if target else None)
