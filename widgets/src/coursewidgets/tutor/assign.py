"""Build an assignment: a student notebook with the handout file it loads, and the tutor's answer key.

The notebook and handout go into one folder to hand out (by default named after the title); the key
is written beside that folder, not inside it. No UI here: the notebook's cells import ``student.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .handout import SUFFIX, Mode, handout_data
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice
from ..core.responses import write_atomic

RESPONSES_SUFFIX = ".responses.json"


@dataclass(frozen=True)
class Assigned:
    """The files one ``assign`` wrote."""

    notebook: Path
    handout: Path
    key: Path
    responses: str


def slug(title: str) -> str:
    """A file name from a title: ``"Week 3: partners"`` -> ``"week-3-partners"``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "assignment"


def _cell(kind: str, n: int, source: str) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": kind, "id": f"cell-{n}", "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _intro(title: str, mode: Mode, exercises: list[Exercise], responses: str) -> str:
    minutes = sum(ex.minutes for ex in exercises)
    if mode == "assessed":
        how = ("Press **Save answer** after each question. Your answers are recorded, not marked here: your tutor "
               "marks them. You may change an answer and save it again until you hand in.")
    else:
        how = "Press **Check** for feedback on each question; try again as often as you like."
    return (
        f"# {title}\n\n{len(exercises)} questions, about {minutes} minutes.\n\n"
        "1. Run every cell (**Run > Run All Cells**), then type your name or student ID in the box below.\n"
        f"2. Answer each question. {how}\n"
        f"3. Every answer you save goes straight into `{responses}`, beside this notebook. "
        "When you have finished, hand in that file."
    )


def notebook(title: str, mode: Mode, exercises: list[Exercise], handout: str, responses: str) -> dict[str, Any]:
    """The student notebook (nbformat 4.5) as JSON-ready data."""
    cells = [
        _cell("markdown", 1, _intro(title, mode, exercises, responses)),
        _cell("code", 2, f"from coursewidgets.tutor.student import Assignment\n\nwork = Assignment({handout!r})\nwork.header"),
        *(_cell("code", n + 3, f"work.quiz({ex.id!r})") for n, ex in enumerate(exercises)),
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"}}
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}


def _key_lines(ex: Exercise) -> list[str]:
    """The level of an auto-marked exercise, then its answers (or a reflection's guidance)."""
    return ([f"Level: {ex.level}.", ""] if hasattr(ex, "level") else []) + _answers(ex)


def _answers(ex: Exercise) -> list[str]:
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return [f"- {'**Right**' if o.correct else 'Wrong'}: {o.text} ({o.id}). {o.feedback}" for o in ex.options]
    if isinstance(ex, (Classification, Matching)):
        labels = {c.id: c.label for c in (ex.categories if isinstance(ex, Classification) else ex.targets)}
        entries = ex.items if isinstance(ex, Classification) else ex.pairs
        flag = " (column depends on the source's lost layout)"
        return [f"- {e.text} ({e.id}) -> **{labels[e.answer]}** ({e.answer}){flag if e.layout_dependent else ''}. "
                f"{e.feedback}" for e in entries]
    if isinstance(ex, Ordering):
        return [f"{n}. {s.text} ({s.id})" for n, s in enumerate(ex.steps, 1)]
    return ["Not marked. Points a strong answer might make:", *(f"- {p}" for p in ex.model_points),
            "", f"Exemplar answer: {ex.exemplar}", "", "Rubric:",
            *(f"- **{label}**: {text}" for label, text in ex.rubric.levels())]


def answer_key(title: str, mode: Mode, exercises: list[Exercise], grade_command: str) -> str:
    """The tutor's answer key as Markdown."""
    parts = [f"# Answer key: {title}\n", f"Mode: {mode}. Grade the handed-in response files with:\n",
             f"    {grade_command}\n"]
    for n, ex in enumerate(exercises, 1):
        parts.append(f"## {n}. {ex.title} (`{ex.id}`, {ex.kind.replace('_', ' ')})\n\n{ex.prompt}\n")
        parts.append("\n".join(_key_lines(ex)) + "\n")
    return "\n".join(parts)


def assign(exercises: list[Exercise], title: str, mode: Mode, out: Path | None, key: Path | None,
           bank: Path) -> Assigned:
    """Write the notebook and handout into ``out`` (default: a folder named after the title) and the
    answer key to ``key`` (default: ``<name>-key.md`` beside that folder); return their paths."""
    name = slug(title)
    out = out or Path(name)
    handout, nb = out / f"{name}{SUFFIX}", out / f"{name}.ipynb"
    key = key or out.resolve().parent / f"{name}-key.md"
    responses = f"{name}{RESPONSES_SUFFIX}"
    write_atomic(handout, json.dumps(handout_data(title, mode, exercises, responses), indent=1, ensure_ascii=False))
    write_atomic(nb, json.dumps(notebook(title, mode, exercises, handout.name, responses), indent=1, ensure_ascii=False))
    ids = ",".join(ex.id for ex in exercises)
    write_atomic(key, answer_key(title, mode, exercises, f"coursewidgets grade SUBMISSIONS --bank {bank} --exercises {ids}"))
    return Assigned(nb, handout, key, responses)
