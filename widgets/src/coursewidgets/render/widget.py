"""The live quiz for Jupyter: ipywidgets controls, graded by ``grading.grade`` on Check.

Each attempt has a seed (``secrets.randbits(32)``; "Start again" makes a new one) from which
``core.layout`` picks the variant asked and shuffles its options, items, targets or steps; the seed and
the items drawn are saved with the answer, so a saved answer comes back in the same variant and layout.
"Start again" asks another variant than the last attempt (``layout.next_seed``) and, for an exercise with
variants, keeps the new seed (``on_start``), so that running the cell again asks that one too.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from ..core import confidence
from ..core.grading import Grade, grade, marking_note
from ..core.layout import is_seed, layout, next_seed, pick
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, Reflection, SingleChoice
from ..core.responses import Response

OnCheck = Callable[[Exercise, Response, Grade], None]
OnRecord = Callable[[Exercise, Response], str]
"""Keeps an answer without grading it; returns the message to show (e.g. "Answer recorded.")."""
OnStart = Callable[[Exercise, Response], None]
"""Keeps a new attempt's seed (and drawn items), with no answer, after "Start again"."""
_FULL = w.Layout(width="100%")


def _feedback_html(g: Grade, texts: dict[str, str], marked: bool) -> str:
    """The summary and one line per judged item; ``marked``: the messages carry their own mark (multiple select)."""
    rows = "".join(
        f"<li><strong>{'' if marked else 'Correct' if i.correct else 'Not quite' if i.correct is False else 'Point'}"
        f"{(': ' if not marked else '') + escape(texts[i.id]) if i.id in texts else ''}</strong> {escape(i.message)}</li>"
        for i in g.items if i.message
    )
    return f"<p><strong>{escape(g.summary)}</strong></p><ul>{rows}</ul>"


class QuizWidget(w.VBox):
    """A question's controls, a Check button and a feedback area.

    ``seed`` fixes the layout of the first attempt (a random one when None); ``saved`` puts a saved
    answer back, in the variant and layout of its seed. ``fixed`` is a layout to show as it is, with no
    seed (an assessed handout's, of the exercise's first variant: pass the variant the handout asks). With
    ``on_record`` the widget is record-only (assessed work): its button passes the answer to ``on_record``
    and shows the message it returns, never grading, so ``exercise`` may be a keyless public view
    (``handout.keyless``). ``on_start`` is told of each new attempt of an exercise with variants.
    """

    def __init__(self, exercise: Exercise, on_check: OnCheck | None = None, seed: int | None = None,
                 on_record: OnRecord | None = None, saved: Response | None = None,
                 fixed: dict[str, list[str]] | None = None, on_start: OnStart | None = None):
        self.exercise = exercise
        self.on_check = on_check
        self.on_record = on_record
        self.on_start = on_start
        self.fixed = fixed
        self.seed: int | None = None
        self.asked: Exercise = exercise
        """The variant this attempt asks."""
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
        self.retry.on_click(lambda _: self.start_again())
        self.title = w.HTML()
        asks = not on_record and not isinstance(exercise, Reflection)
        parts = [self.title, self.controls, *([self.sure] if asks else []), w.HBox([self.check, self.retry]), self.feedback]
        super().__init__(parts, layout=_FULL)
        if saved is not None and is_seed(saved.seed):
            seed = saved.seed
        self.reset(seed)
        if saved is not None:
            self._restore(saved)

    # building controls, by kind
    def reset(self, seed: int | None = None) -> None:
        """Clear the answer and lay the question out afresh, from ``seed`` or a new random one (which asks
        another variant than the last attempt's)."""
        self.feedback.value, self.sure.value = "", None
        lay = self.fixed
        if lay is None:
            self.seed = seed if seed is not None else next_seed(self.exercise, secrets.randbits(32), self.seed)
            lay = layout(self.exercise, self.seed)
        self.asked = ex = pick(self.exercise, self.seed or 0)
        self.title.value = (f"<p><strong>{escape(ex.title)}</strong></p><p>{escape(ex.prompt)}</p>"
                            f"<p><em>{escape(marking_note(ex))}</em></p>")
        if isinstance(ex, SingleChoice):
            text = {o.id: o.text for o in ex.options}
            self.choice = w.RadioButtons(options=[(text[i], i) for i in lay["options"]], value=None, layout=_FULL)
            self.controls.children = [self.choice]
        elif isinstance(ex, MultipleSelect):
            text = {o.id: o.text for o in ex.options}
            self.boxes = {i: w.Checkbox(description=text[i], indent=False, layout=_FULL) for i in lay["options"]}
            self.controls.children = list(self.boxes.values())
        elif isinstance(ex, (Classification, Matching)):
            self._build_selects(ex, lay)
        elif isinstance(ex, Ordering):
            self.order = list(lay["order"])
            self._build_order()
        else:
            self.text = w.Textarea(placeholder="Write your answer here", layout=w.Layout(width="100%", height="8em"))
            self.controls.children = [self.text]

    def _build_selects(self, ex: Classification | Matching, lay: dict[str, list[str]]) -> None:
        entries = {e.id: e.text for e in (ex.items if isinstance(ex, Classification) else ex.pairs)}
        choices = {c.id: c.label for c in (ex.categories if isinstance(ex, Classification) else ex.targets)}
        self.shown = lay.get("shown")
        order = lay.get("targets", list(choices))
        options = [("Choose…", None)] + [(choices[c], c) for c in order]
        self.selects = {i: w.Dropdown(options=options, value=None, description=entries[i],
                                      style={"description_width": "initial"}, layout=_FULL) for i in lay["items"]}
        self.controls.children = list(self.selects.values())

    def start_again(self) -> None:
        """A new attempt (the "Start again" button); with variants, ``on_start`` keeps its seed."""
        self.reset()
        if self.on_start and self.exercise.variants and self.seed is not None:
            self.on_start(self.exercise, Response(seed=self.seed, shown=self.shown))

    def _build_order(self) -> None:
        steps = {s.id: s.text for s in self.asked.steps}  # type: ignore[union-attr]
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
        ex = self.asked
        if isinstance(ex, SingleChoice):
            return self.choice.value
        if isinstance(ex, MultipleSelect):
            return [i for i, box in self.boxes.items() if box.value]
        if isinstance(ex, (Classification, Matching)):
            return {i: s.value for i, s in self.selects.items() if s.value}
        if isinstance(ex, Ordering):
            return list(self.order)
        return self.text.value

    def _texts(self) -> dict[str, str]:
        ex = self.asked
        if isinstance(ex, (SingleChoice, MultipleSelect)):
            return {o.id: o.text for o in ex.options}
        if isinstance(ex, Classification):
            return {i.id: i.text for i in ex.items}
        if isinstance(ex, Matching):
            return {p.id: p.text for p in ex.pairs}
        if isinstance(ex, Ordering):
            return {s.id: s.text for s in ex.steps}
        return {}

    def _restore(self, saved: Response) -> None:
        """Put a saved answer back into the controls (parts this layout does not show are left out)."""
        ex, answer = self.asked, saved.answer
        if saved.confidence is not None and self.sure in self.children:
            self.sure.value = saved.confidence
        if isinstance(ex, SingleChoice) and answer in dict(self.choice.options).values():
            self.choice.value = answer
        elif isinstance(ex, MultipleSelect) and isinstance(answer, list):
            for ident in answer:
                if ident in self.boxes:
                    self.boxes[ident].value = True
        elif isinstance(ex, (Classification, Matching)) and isinstance(answer, dict):
            for ident, choice in answer.items():
                select = self.selects.get(ident)
                if select is not None and choice in [v for _, v in select.options]:
                    select.value = choice
        elif isinstance(ex, Ordering) and isinstance(answer, list) and sorted(answer) == sorted(self.order):
            self.order = list(answer)
            self._build_order()
        elif isinstance(ex, Reflection) and isinstance(answer, str):
            self.text.value = answer
        if saved.score is not None and not self.on_record:
            self._show(grade(self.exercise, self.answer, self.shown, self.seed))

    def _show(self, result: Grade) -> None:
        self.feedback.value = _feedback_html(result, self._texts(), isinstance(self.asked, MultipleSelect))
        if result.max:
            self.feedback.value += f"<p>{escape(confidence.describe(result.score, result.max, self.confidence))}</p>"

    @property
    def confidence(self) -> int | None:
        """How sure the learner said they are (1, 2 or 3), or None."""
        return self.sure.value if self.sure in self.children else None

    def response(self, result: Grade | None = None) -> Response:
        """The current answer as a saved response: with its seed, its drawn items and, if graded, its score."""
        return Response(answer=self.answer, seed=self.seed, shown=self.shown, confidence=self.confidence,
                        score=result.score if result else None, max=result.max if result else None)

    def submit(self) -> Grade:
        """Grade the current answer, show the feedback and pass it to ``on_check``."""
        result = grade(self.exercise, self.answer, self.shown, self.seed)
        self._show(result)
        if self.on_check:
            self.on_check(self.exercise, self.response(result), result)
        return result

    def record(self) -> str:
        """Pass the current answer to ``on_record`` (record-only mode) and show its message."""
        assert self.on_record is not None, "record() needs on_record"
        message = self.on_record(self.exercise, self.response())
        self.feedback.value = f"<p><strong>{escape(message)}</strong></p>"
        return message
