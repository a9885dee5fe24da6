"""Malformed exercise files and unknown ids give one clear message naming the file and the field."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, jupyter_book

from coursewidgets import quiz
from coursewidgets.core.bank import ExerciseError, check_bank, load_exercise

GOOD = """\
id: {id}
kind: single_choice
title: A question
level: remember
outcome: 2
source: Chapter 7
prompt: Which one?
options:
  - {{id: a, text: First, correct: true, feedback: Yes.}}
  - {{id: b, text: Second, feedback: No.}}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        (GOOD.format(id="q").replace("  - {id: b, text: Second, feedback: No.}\n", "  - {id: b, text: Second}\n"),
         "options.1.feedback", "Field required"),
        (GOOD.format(id="q").replace("correct: true", "correct: false"), "options", "exactly one option"),
        (GOOD.format(id="q").replace("outcome: 2", "outcome: 9"), "outcome", "less than or equal to 7"),
        (GOOD.format(id="q").replace("kind: single_choice", "kind: essay"), "kind", "does not match any of the expected tags"),
        (GOOD.format(id="q") + "colour: red\n", "colour", "Extra inputs are not permitted"),
        (GOOD.format(id="other"), "id", "must match the file name"),
    ],
)
def test_bad_field_is_named(tmp_path, text, field, message):
    write(tmp_path, "q.yml", text)
    _, problems = check_bank(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].file.endswith("q.yml") and problems[0].field == field
    assert message in problems[0].message
    assert f"q.yml: field '{field}'" in str(problems[0])


def test_classification_answer_must_be_a_category(tmp_path):
    write(tmp_path, "c.yml", """\
        id: c
        kind: classification
        title: Sort
        level: remember
        outcome: 2
        source: Table 7.1
        prompt: Sort them.
        categories: [{id: concept, label: Concept}, {id: process, label: Process}]
        items:
          - {id: one, text: One, answer: concept, feedback: f}
          - {id: two, text: Two, answer: agency, feedback: f}
        """)
    with pytest.raises(ExerciseError) as err:
        load_exercise("c", tmp_path)
    assert "c.yml: field 'items.1.answer': 'agency' is not a category id" in str(err.value)


def test_yaml_syntax_error_gives_the_line(tmp_path):
    write(tmp_path, "broken.yml", "id: broken\nkind: [single_choice\ntitle: x\n")
    _, problems = check_bank(tmp_path)
    assert "broken.yml" in str(problems[0]) and "not valid YAML at line" in problems[0].message


def test_every_problem_is_reported_and_good_files_still_load(tmp_path):
    write(tmp_path, "good.yml", GOOD.format(id="good"))
    write(tmp_path, "bad1.yml", "just text")
    write(tmp_path, "bad2.yml", GOOD.format(id="bad2").replace("prompt: Which one?\n", ""))
    bank, problems = check_bank(tmp_path)
    assert list(bank) == ["good"]
    assert sorted(Path(p.file).name for p in problems) == ["bad1.yml", "bad2.yml"]
    assert any(p.field == "prompt" for p in problems)


def test_unknown_exercise_id_lists_known_ones(tmp_path):
    write(tmp_path, "good.yml", GOOD.format(id="good"))
    with pytest.raises(ExerciseError, match=r"unknown exercise id 'nope'; known ids: good"):
        quiz("nope", bank=tmp_path)


def _tiny_book(tmp_path: Path, lesson_code: str, exercise: str) -> Path:
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    (book / "exercises").mkdir()
    shutil.copy(ROOT / "_config.yml", book / "_config.yml")
    (book / "references.bib").write_text("")
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/lesson\n")
    (book / "intro.md").write_text("# Tiny\n")
    write(book / "exercises", "q.yml", exercise)
    header = (ROOT / "chapters" / "02-defining-partnership.md").read_text().split("---\n")[1]
    (book / "chapters" / "lesson.md").write_text(
        f"---\n{header}---\n# Lesson\n\n```{{code-cell}} ipython3\n{lesson_code}\n```\n")
    return book


def test_build_stops_on_a_malformed_exercise_file(tmp_path):
    book = _tiny_book(tmp_path, 'from coursewidgets import quiz\nquiz("q")',
                      GOOD.format(id="q").replace("title: A question\n", ""))
    run = jupyter_book(book, tmp_path / "out")
    assert run.returncode != 0
    assert "q.yml: field 'title': Field required" in run.stdout + run.stderr


def test_build_stops_on_an_unknown_exercise_id(tmp_path):
    book = _tiny_book(tmp_path, 'from coursewidgets import quiz\nquiz("missing-one")', GOOD.format(id="q"))
    run = jupyter_book(book, tmp_path / "out")
    assert run.returncode != 0
    assert "unknown exercise id 'missing-one'" in run.stdout + run.stderr
