"""Exercises, grading and quizzes for the Partnership Working course.

In a lesson cell: ``quiz("leathard-terms")``. Jupyter shows a live widget graded in Python;
the built site shows the same exercise as a self-contained HTML quiz.

The package's folders are its layers: ``core`` (models, bank, grading, responses; no UI),
``render`` (ipywidget and static HTML), ``site`` (Sphinx extensions), ``tutor`` (the
``coursewidgets`` command) and ``trust`` (the explorable).
"""

from __future__ import annotations

from typing import Any

from .core.bank import ExerciseError, load_exercise
from .core.grading import Grade, grade
from .core.models import Exercise

__all__ = ["Exercise", "ExerciseError", "Grade", "Quiz", "grade", "load_exercise", "quiz"]


def __getattr__(name: str) -> Any:
    """``quiz`` and ``Quiz`` load ipywidgets, so they are imported on first use only."""
    if name in ("quiz", "Quiz"):
        from .render import quiz as module

        return getattr(module, name)
    raise AttributeError(f"module 'coursewidgets' has no attribute {name!r}")
