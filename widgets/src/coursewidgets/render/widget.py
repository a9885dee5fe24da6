"""The live quiz for Jupyter: ipywidgets controls, graded by ``grading.grade`` on Check."""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from ..core import confidence
from ..core.grading import Grade, grade
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, Reflection, SingleChoice
from ..core.layout import start_order

OnCheck = Callable[[Exercise, Any, "list[str] | None", Grade], None]
OnRecord = Callable[[Exercise, Any, "list[str] | None"], str]
"""Keeps an answer without grading it; returns the message to show (e.g. "Answer recorded.")."""
_FULL = w.Layout(width="100%")


def _feedback_html(g: Grade, texts: dict[str, str]) -> str:
    rows = "".join(
        f"<li><strong>{'Correct' if i.correct else 'Not quite' if i.correct is False else 'Point'}"
        f"{': ' + escape(texts[i.id]) if i.id in texts else ''}</strong> {escape(i.message)}</li>"
        for i in g.items
    )
    return f"<p><strong>{escape(g.summary)}</strong></p><ul>{rows}</ul>"


class QuizWidget(w.VBox):
    """A question's controls, a Check button and a feedback area.

    With ``on_record`` the widget is record-only (assessed work): its button passes the answer to
    ``on_record`` and shows the message it returns, never grading, so ``exercise`` may be a keyless
    public view (``handout.keyless``) whose steps are already in their starting order.
    """

    def __init__(self, exercise: Exercise, on_check: OnCheck | None = None, rng: random.Random | None = None,
                 on_record: OnRecord | None = None):
        self.exercise = exercise
        self.on_check = on_check
        self.on_record = on_record
        self.rng = rng or random.Random()
        self.shown: list[str] | None = None
        self.controls = w.VBox(layout=_FULL)
        label = "Save answer" if on_record else "Save and compare" if isinstance(exercise, Reflection) else "Check"
        self.check = w.Button(description=label, button_style="primary")
        self.retry = w.Button(description="Start again")
        self.feedback = w.HTML()
        self.sure = w.RadioButtons(options=[(confidence.choice_label(n), n) for n in confidence.LEVELS], value=None,
                                   description=confidence.QUESTION, style={"description_width": "initial"},
                                   layout=_FULL)
        self.check.on_click(lambda _: self.record() if self.on_record else self.submit())
        self.retry.on_click(lambda _: self.reset())
        title = w.HTML(f"<p><strong>{escape(exercise.title)}</strong></p><p>{escape(exercise.prompt)}</p>")
        asks = not on_record and not isinstance(exercise, Reflection)
        parts = [title, self.controls, *([self.sure] if asks else []), w.HBox([self.check, self.retry]), self.feedback]
        super().__init__(parts, layout=_FULL)
        self.reset()

    # building controls, by kind
    def reset(self) -> None:
        """Clear the answer (drawing a new sample of items where the exercise asks for one)."""
        ex, self.feedback.value, self.sure.value = self.exercise, "", None
        if isinstance(ex, SingleChoice):
            self.choice = w.RadioButtons(options=[(o.text, o.id) for o in ex.options], value=None, layout=_FULL)
            self.controls.children = [self.choice]
        elif isinstance(ex, MultipleSelect):
            self.boxes = {o.id: w.Checkbox(description=o.text, indent=False, layout=_FULL) for o in ex.options}
            self.controls.children = list(self.boxes.values())
        elif isinstance(ex, (Classification, Matching)):
            self._build_selects(ex)
        elif isinstance(ex, Ordering):
            self.order = [s.id for s in ex.steps] if self.on_record else start_order(ex)
            self._build_order()
        else:
            self.text = w.Textarea(placeholder="Write your answer here", layout=w.Layout(width="100%", height="8em"))
            self.controls.children = [self.text]

    def _build_selects(self, ex: Classification | Matching) -> None:
        if isinstance(ex, Classification):
            entries, choices = ex.items, ex.categories
            if ex.sample:
                self.shown = sorted(self.rng.sample([i.id for i in entries], ex.sample),
                                    key=[i.id for i in entries].index)
                entries = [i for i in entries if i.id in self.shown]
        else:
            entries, choices = ex.pairs, ex.targets
        options = [("Choose…", None)] + [(c.label, c.id) for c in choices]
        self.selects = {e.id: w.Dropdown(options=options, value=None, description=e.text,
                                         style={"description_width": "initial"}, layout=_FULL) for e in entries}
        self.controls.children = list(self.selects.values())

    def _build_order(self) -> None:
        steps = {s.id: s.text for s in self.exercise.steps}  # type: ignore[union-attr]
        rows = []
        for n, step_id in enumerate(self.order):
            up = w.Button(description="Up", disabled=n == 0, tooltip=f"Move {steps[step_id]} up")
            down = w.Button(description="Down", disabled=n == len(self.order) - 1, tooltip=f"Move {steps[step_id]} down")
            up.on_click(lambda _, n=n: self.move(n, -1))
            down.on_click(lambda _, n=n: self.move(n, 1))
            rows.append(w.HBox([w.Label(f"{n + 1}. {steps[step_id]}"), up, down]))
        self.controls.children = rows

    def move(self, index: int, delta: int) -> None:
        """Swap the step at ``index`` with its neighbour ``delta`` away (-1 up, 1 down)."""
        other = index + delta
        if 0 <= other < len(self.order):
            self.order[index], self.order[other] = self.order[other], self.order[index]
            self._build_order()

    # reading and grading
    @property
    def answer(self) -> Any:
        """The current answer in the shape ``grading.grade`` takes."""
        ex = self.exercise
        if isinstance(ex, SingleChoice):
            return self.choice.value
        if isinstance(ex, MultipleSelect):
            return [i for i, box in self.boxes.items() if box.value]
        if isinstance(ex, (Classification, Matching)):
            return {i: s.value for i, s in self.selects.items() if s.value}
        if isinstance(ex, Ordering):
            return list(self.order)
        return self.text.value

    @property
    def confidence(self) -> int | None:
        """How sure the learner said they are (1, 2 or 3), or None."""
        return self.sure.value if self.sure in self.children else None

    def _texts(self) -> dict[str, str]:
        ex = self.exercise
        if isinstance(ex, (SingleChoice, MultipleSelect)):
            return {o.id: o.text for o in ex.options}
        if isinstance(ex, Classification):
            return {i.id: i.text for i in ex.items}
        if isinstance(ex, Matching):
            return {p.id: p.text for p in ex.pairs}
        if isinstance(ex, Ordering):
            return {s.id: s.text for s in ex.steps}
        return {}

    def submit(self) -> Grade:
        """Grade the current answer, show the feedback and pass it to ``on_check``."""
        result = grade(self.exercise, self.answer, self.shown)
        self.feedback.value = _feedback_html(result, self._texts())
        if result.max:
            said = escape(confidence.describe(result.score, result.max, self.confidence))
            self.feedback.value += f"<p>{said}</p>"
        if self.on_check:
            self.on_check(self.exercise, self.answer, self.shown, result)
        return result

    def record(self) -> str:
        """Pass the current answer to ``on_record`` (record-only mode) and show its message."""
        assert self.on_record is not None, "record() needs on_record"
        message = self.on_record(self.exercise, self.answer, self.shown)
        self.feedback.value = f"<p><strong>{escape(message)}</strong></p>"
        return message
