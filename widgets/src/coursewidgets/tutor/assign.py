"""Build an assignment: a student notebook with the handout file it loads, and the tutor's answer key.

The notebook and handout go into one folder to hand out (by default named after the title); the key
is written beside that folder, not inside it, and for assessed work also ``<name>-key.json`` with the
secret the handout's layouts come from (``keyfile.py``), which ``grade --key`` needs.
No UI here: the notebook's cells import ``student.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.bank import ExerciseError, Problem
from .files import shown
from .handout import SUFFIX, Mode, handout_data
from .keyfile import Key, exercise_seed, new_secret
from ..core.layout import draw, variant_index, variants_of
from .names import file_stem, printable
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
    secret: Path | None = None


MAX_NAME = 60
"""Characters of a title kept in file names (so ``<name>.responses.json`` fits every file system)."""


def slug(title: str) -> str:
    """A file name from a title, in any script: ``"Week 3: partners"`` -> ``"week-3-partners"``,
    ``"Семинар 2"`` -> ``"семинар-2"``; at most ``MAX_NAME`` characters, cut at a hyphen."""
    name = file_stem(title, MAX_NAME)
    if not name:
        raise ExerciseError([Problem("--title", "", f"{printable(title)!r} has no letter or digit to name the files")])
    return name


def _refuse_overwrite(paths: list[Path]) -> None:
    there = [p for p in paths if p.exists() or p.is_symlink()]
    if there:
        raise ExerciseError([Problem(shown(p), "", "already exists (an earlier assignment, or a title that names "
                                     "the same files); give another --title or --out, or --force to replace it")
                             for p in there])


def _folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExerciseError([Problem(shown(out), "--out", "is a file; give a folder for the notebook and handout")])


def _kept_apart(out: Path, private: list[Path]) -> None:
    """Refuse a key or secret that would be written into the folder handed out (at any depth, links resolved)."""
    folder = out.resolve()
    inside = [p for p in private if folder in p.resolve().parents]
    if inside:
        raise ExerciseError([Problem(shown(p), "--key", f"is inside the --out folder {shown(out)}, which students "
                                     "get; keep the answer key and its secret outside it") for p in inside])


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
        f"# {title}\n\n{len(exercises)} questions, about {minutes} minutes. Each question says how it is marked.\n\n"
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


def _variant_key(ex: Exercise, secret: str | None) -> list[str]:
    """Each variant's prompt and answers; with ``secret``, which variant the handout asks and the items it shows."""
    seed = exercise_seed(secret, ex.id) if secret else None
    variants = variants_of(ex)
    parts = []
    for k, v in enumerate(variants):
        if len(variants) > 1:
            asked = " (the handout asks this one)" if seed is not None and variant_index(ex, seed) == k else ""
            parts.append(f"### Variant {k + 1} of {len(variants)}{asked}\n")
        parts.append(f"{v.prompt}\n")
        drawn = draw(ex, seed) if seed is not None and variant_index(ex, seed) == k else None
        if drawn:
            parts.append(f"The handout shows these {len(drawn)} items: {', '.join(drawn)}.\n")
        parts.append("\n".join(_answers(v)) + "\n")
    return parts


def answer_key(title: str, mode: Mode, exercises: list[Exercise], grade_command: str,
               secret: str | None = None) -> str:
    """The tutor's answer key as Markdown: every variant of every exercise, with its feedback (with
    ``secret``: the variant each exercise asks and the items each sampled classification shows)."""
    parts = [f"# Answer key: {title}\n", f"Mode: {mode}. Grade the handed-in response files with:\n",
             f"    {grade_command}\n"]
    for n, ex in enumerate(exercises, 1):
        level = f"Level: {ex.level}.\n" if hasattr(ex, "level") else ""
        parts += [f"## {n}. {ex.title} (`{ex.id}`, {ex.kind.replace('_', ' ')})\n", level, *_variant_key(ex, secret)]
    return "\n".join(p for p in parts if p)


def assign(exercises: list[Exercise], title: str, mode: Mode, out: Path | None, key: Path | None,
           bank: Path, force: bool = False) -> Assigned:
    """Write the notebook and handout into ``out`` (default: a folder named after the title) and the
    answer key to ``key`` (default: ``<name>-key.md`` beside that folder), with the secret of assessed
    work beside it (``<key name>.json``); return their paths. The key and the secret are readable by
    the owner only.

    Files already there are never replaced unless ``force`` (the error lists them)."""
    name = slug(title)
    out = out or Path(name)
    _folder(out)
    handout, nb = out / f"{name}{SUFFIX}", out / f"{name}.ipynb"
    key = key or out.resolve().parent / f"{name}-key.md"
    secret_path = key.with_suffix(".json") if key.suffix != ".json" else key.with_name(f"{key.stem}-secret.json")
    secret = new_secret() if mode == "assessed" else None
    responses = f"{name}{RESPONSES_SUFFIX}"
    _kept_apart(out, [key, *([secret_path] if secret else [])])
    if not force:
        _refuse_overwrite([handout, nb, key, *([secret_path] if secret else [])])
    if secret:
        tutor_key = Key(title, secret, tuple(ex.id for ex in exercises))
        write_atomic(secret_path, json.dumps(tutor_key.as_dict(), indent=1, ensure_ascii=False), mode=0o600)
    data = handout_data(title, mode, exercises, responses, secret)
    write_atomic(handout, json.dumps(data, indent=1, ensure_ascii=False))
    write_atomic(nb, json.dumps(notebook(title, mode, exercises, handout.name, responses), indent=1, ensure_ascii=False))
    ids = ",".join(ex.id for ex in exercises)
    command = f"coursewidgets grade SUBMISSIONS --bank {bank} --exercises {ids}"
    command += f" --key {secret_path}" if secret else ""
    write_atomic(key, answer_key(title, mode, exercises, command, secret), mode=0o600)
    return Assigned(nb, handout, key, responses, secret_path if secret else None)
