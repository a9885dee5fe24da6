"""Sphinx extension (``sphinx: extra_extensions: [coursewidgets.site.rubrics]``): the tutors' marking guide.

The ``reflection-rubrics`` directive renders every reflection in ``exercises/``, in the order the lessons ask
them, with its question, model points, exemplar answer and three-level rubric. The YAML stays the one source;
``quizzes`` already rebuilds every page when the bank changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.bank import load_bank
from ..core.models import Reflection
from .quizzes import QUIZ_CALL



def lesson_order(srcdir: Path, reflections: list[Reflection]) -> list[Reflection]:
    """Reflections in the order the lesson pages (by file name) call them; any not called come last, by id."""
    calls = [i for page in sorted((srcdir / "chapters").glob("*.md")) for i in QUIZ_CALL.findall(page.read_text())]
    rank = {ident: n for n, ident in reversed(list(enumerate(calls)))}
    return sorted(reflections, key=lambda ex: (rank.get(ex.id, len(calls)), ex.id))


def _para(label: str, text: str = "") -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong(text=label), *([nodes.Text(f" {text}")] if text else []))


def _bullets(items: list[str]) -> nodes.bullet_list:
    return nodes.bullet_list("", *(nodes.list_item("", nodes.paragraph(text=t)) for t in items))


def reflection_section(ex: Reflection) -> nodes.section:
    """One reflection as a section: question, model points, exemplar and rubric."""
    section = nodes.section(ids=[f"rubric-{ex.id}"])
    section += nodes.title(text=f"{ex.title} ({ex.id})")
    section += _para("Question:", ex.prompt)
    section += _para("Model points", "(shown to learners after they save an answer):")
    section += _bullets(ex.model_points)
    section += _para("Exemplar answer:")
    section += nodes.block_quote("", nodes.paragraph(text=ex.exemplar))
    section += _para("Rubric:")
    section += nodes.definition_list("", *(
        nodes.definition_list_item("", nodes.term(text=label), nodes.definition("", nodes.paragraph(text=text)))
        for label, text in ex.rubric.levels()
    ))
    return section


class ReflectionRubrics(SphinxDirective):
    """``{reflection-rubrics}``: every reflection's model points, exemplar and rubric, from the YAML."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        bank = load_bank(srcdir / "exercises")
        reflections = lesson_order(srcdir, [ex for ex in bank.values() if isinstance(ex, Reflection)])
        return [reflection_section(ex) for ex in reflections]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("reflection-rubrics", ReflectionRubrics)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
