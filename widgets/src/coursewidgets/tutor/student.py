"""What an assigned notebook runs: a box for the student's name and one quiz widget per exercise.

Answers are saved, with the name, to the response file beside the handout each time the student
presses the button. In an assessed handout the exercises are keyless, so nothing here can mark them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..core.bank import ExerciseError, Problem
from ..core.grading import Grade
from .handout import read_handout
from ..core.models import Exercise
from ..render.widget import QuizWidget
from ..core.responses import Response, record


class Assignment:
    """The exercises of one handout file, shown as widgets that save to its response file."""

    def __init__(self, handout: str | Path):
        path = Path(handout)
        data, self.exercises = read_handout(path)
        self.assessed = data["mode"] == "assessed"
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
        ex = self.exercises[exercise_id]
        if self.assessed:
            widget = QuizWidget(ex, on_record=self._save)
        else:
            widget = QuizWidget(ex)
            widget.on_check = lambda e, a, s, g: self._note(widget, self._save(e, a, s, g))
        self.quizzes[exercise_id] = widget
        return widget

    @staticmethod
    def _note(widget: QuizWidget, message: str) -> None:
        widget.feedback.value += f"<p><em>{escape(message)}</em></p>"

    def _save(self, ex: Exercise, answer: Any, shown: list[str] | None, result: Grade | None = None) -> str:
        name = self.student.value.strip()
        if not name:
            return "Not saved yet: type your name or student ID in the box at the top, then press the button again."
        score, maximum = (result.score, result.max) if result else (None, None)
        response = Response(answer=answer, shown=shown, score=score, max=maximum)
        record(self.responses, ex.id, response, student=name)
        return f"Answer recorded in {self.responses.name}."
