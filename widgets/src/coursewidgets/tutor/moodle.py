"""Exercises as Moodle XML (Question bank > Import > Moodle XML format).

- single choice: ``multichoice`` with ``<single>true</single>``; the right option 100%, the others 0.
- multiple select: ``multichoice``, ``<single>false</single>``; each right option 100/k %, each wrong one
  -100/k % (k right options), which Moodle floors at 0: the course's own scoring.
- classification and matching: ``matching``; one subquestion per item or pair, its answer the category
  or target label; unused targets become answers with an empty subquestion (Moodle's distractors).
  Moodle shows every item, so a classification's ``sample`` does not carry over.
- ordering: ``ordering`` (a core type from Moodle 4.4, the qtype_ordering plugin before), its steps in the right
  order, graded "relative to the next item (including last)" (``RELATIVE_NEXT_INCLUDE_LAST``), the course's own
  rule: one mark per step followed by the right step, and for the last step when it is last.
- reflection: ``essay`` worth 0 marks (the course never marks them); the model points are the
  grader information and the general feedback.

Per-option feedback goes on each ``<answer>``; matching has no per-item feedback in Moodle, so the
items' feedback is listed in the general feedback, after the source.

Each exercise gets a question category of its own (``$course$/top/<CATEGORY>/<title> [<id>]``) holding one
question per variant (``idnumber`` ``<id>`` for the only one, ``<id>-v1``, ``<id>-v2``, ... otherwise), so a
tutor can put a "random question" from that category in a Moodle quiz and each student meets one variant.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from .gradebook import full_marks
from ..core.layout import variants_of
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, Reflection, SingleChoice


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _html_list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _choices(q: ET.Element, ex: SingleChoice | MultipleSelect) -> None:
    right = sum(o.correct for o in ex.options)
    _value(q, "single", "true" if isinstance(ex, SingleChoice) else "false")
    _value(q, "shuffleanswers", "true")
    _value(q, "answernumbering", "abc")
    for o in ex.options:
        if isinstance(ex, SingleChoice):
            fraction = 100.0 if o.correct else 0.0
        else:
            fraction = (100 if o.correct else -100) / right
        answer = _text(q, "answer", f"<p>{escape(o.text)}</p>")
        answer.set("fraction", _fraction(fraction))
        _text(answer, "feedback", f"<p>{escape(o.feedback)}</p>")


def _pairs(ex: Exercise) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(subquestion text, answer text) pairs, distractor answers and per-item feedback lines."""
    if isinstance(ex, Ordering):  # only the feedback lines are used: Moodle has no per-step feedback
        return [], [], [f"{n}. {s.text}: {s.feedback}" for n, s in enumerate(ex.steps, 1)]
    assert isinstance(ex, (Classification, Matching))
    choices = ex.categories if isinstance(ex, Classification) else ex.targets
    entries = ex.items if isinstance(ex, Classification) else ex.pairs
    labels = {c.id: c.label for c in choices}
    used = {e.answer for e in entries}
    return ([(e.text, labels[e.answer]) for e in entries], [c.label for c in choices if c.id not in used],
            [f"{e.text}: {e.feedback}" for e in entries])


def _matching(q: ET.Element, ex: Exercise) -> None:
    pairs, spare, _ = _pairs(ex)
    _value(q, "shuffleanswers", "true")
    for text, answer in [*pairs, *(("", label) for label in spare)]:
        sub = _text(q, "subquestion", f"<p>{escape(text)}</p>" if text else "")
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = answer


def _ordering(q: ET.Element, ex: Ordering) -> None:
    for tag, value in [("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", str(len(ex.steps))),
                       ("gradingtype", "RELATIVE_NEXT_INCLUDE_LAST"), ("showgrading", "SHOW"),
                       ("numberingstyle", "123"), ("shownumcorrect", "1")]:
        _value(q, tag, value)
    for n, step in enumerate(ex.steps, 1):  # Moodle keeps the right order in each answer's "fraction"
        answer = ET.SubElement(q, "answer", {"fraction": str(n), "format": "html"})
        ET.SubElement(answer, "text").text = f"<p>{escape(step.text)}</p>"


def _essay(q: ET.Element, ex: Reflection) -> None:
    for tag, value in [("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "10"),
                       ("attachments", "0"), ("attachmentsrequired", "0")]:
        _value(q, tag, value)
    _text(q, "graderinfo", _MODEL_POINTS + _html_list(ex.model_points))
    _text(q, "responsetemplate", "")


_MODEL_POINTS = "<p>Points a strong answer might make:</p>"
_KINDS = {"single_choice": "multichoice", "multiple_select": "multichoice", "ordering": "ordering", "reflection": "essay"}


def _general_feedback(ex: Exercise) -> str:
    source = f"<p>Source: {escape(ex.source)}</p>"
    if isinstance(ex, Reflection):
        return source + _MODEL_POINTS + _html_list(ex.model_points)
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return source
    return source + _html_list(_pairs(ex)[2])


CATEGORY = "Partnership working"
"""The question category every exercise's own category sits in."""


def category(ex: Exercise) -> ET.Element:
    """The ``<question type="category">`` that files the questions after it under the exercise's own category."""
    q = ET.Element("question", {"type": "category"})
    name = f"{ex.title} [{ex.id}]".replace("/", "//")  # Moodle reads "/" as a level; "//" is a slash
    _text(q, "category", f"$course$/top/{CATEGORY}/{name}", fmt=None)
    _text(q, "info", f"<p>The variants of exercise {escape(ex.id)}: a random question from here asks one.</p>")
    return q


def question(ex: Exercise, variant: int | None = None) -> ET.Element:
    """One exercise (one variant of it: ``variant`` from 0, when it has several) as a Moodle ``<question>``."""
    q = ET.Element("question", {"type": _KINDS.get(ex.kind, "matching")})
    _text(q, "name", ex.title if variant is None else f"{ex.title} (variant {variant + 1})", fmt=None)
    prompt = f"<p>{escape(ex.prompt)}</p>"
    _text(q, "questiontext", prompt)
    _text(q, "generalfeedback", _general_feedback(ex))
    _value(q, "defaultgrade", str(len(ex.items) if isinstance(ex, Classification) else full_marks(ex)))
    _value(q, "idnumber", ex.id if variant is None else f"{ex.id}-v{variant + 1}")
    if isinstance(ex, Reflection):
        _essay(q, ex)
        return q
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        _choices(q, ex)
    elif isinstance(ex, Ordering):
        _ordering(q, ex)
    else:
        _matching(q, ex)
    for tag, text in [("correctfeedback", "Your answer is correct."),
                      ("partiallycorrectfeedback", "Your answer is partially correct."),
                      ("incorrectfeedback", "Your answer is incorrect.")]:
        _text(q, tag, f"<p>{text}</p>")
    return q


def moodle_xml(exercises: list[Exercise]) -> str:
    """A Moodle XML question file holding ``exercises``: each in its own category, one question per variant."""
    quiz = ET.Element("quiz")
    for ex in exercises:
        variants = variants_of(ex)
        quiz.append(category(ex))
        quiz.extend(question(v, k if len(variants) > 1 else None) for k, v in enumerate(variants))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
