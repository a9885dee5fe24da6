"""What an assigned notebook runs: a box for the student's name and one quiz widget per exercise.

Answers are saved, with the name, to the response file beside the handout each time the student
presses the button, and shown again (in the same layout) when the notebook is run again. In an
assessed handout the exercises are keyless and laid out as the handout fixes, so nothing here can
mark them; in a practice handout each learner gets their own shuffle.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from ..core.bank import ExerciseError, Problem
from .handout import read_handout
from ..core.models import Exercise
from ..render.widget import QuizWidget
from ..core.responses import Response, record, saved_response


class Assignment:
    """The exercises of one handout file, shown as widgets that save to its response file."""

    def __init__(self, handout: str | Path):
        path = Path(handout)
        data, self.exercises = read_handout(path)
        self.assessed = data["mode"] == "assessed"
        self.layouts = {e["id"]: e.get("layout") for e in data["exercises"]} if self.assessed else {}
        self.responses = path.parent / data["responses"]
        self.student = w.Text(description="Your name or student ID", placeholder="e.g. ab123",
                              style={"description_width": "initial"}, layout=w.Layout(width="30em"))
        note = w.HTML(f"<p>Your answers are saved to <code>{escape(self.responses.name)}</code> beside this "
                      "notebook. Hand in that file when you have finished.</p>")
        self.header = w.VBox([self.student, note])
        self.quizzes: dict[str, QuizWidget] = {}

    def quiz(self, exercise_id: str) -> QuizWidget:
        """The widget for one exercise of the handout (record-only when assessed)."""
        if exercise_id not in self.exercises:
            known = ", ".join(self.exercises)
            raise ExerciseError([Problem(str(self.responses), "", f"no exercise {exercise_id!r} here; known: {known}")])
        ex, saved = self.exercises[exercise_id], saved_response(self.responses, exercise_id)
        if self.assessed:
            widget = QuizWidget(ex, on_record=self._save, saved=saved, fixed=self.layouts[exercise_id])
        else:
            widget = QuizWidget(ex, saved=saved)
            widget.on_check = lambda e, r, g: self._note(widget, self._save(e, r))
        self.quizzes[exercise_id] = widget
        return widget

    @staticmethod
    def _note(widget: QuizWidget, message: str) -> None:
        widget.feedback.value += f"<p><em>{escape(message)}</em></p>"

    def _save(self, ex: Exercise, response: Response) -> str:
        name = self.student.value.strip()
        if not name:
            return "Not saved yet: type your name or student ID in the box at the top, then press the button again."
        record(self.responses, ex.id, response, student=name)
        return f"Answer recorded in {self.responses.name}."
