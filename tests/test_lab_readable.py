"""Book pages as JupyterLab gets them (coursewidgets.lab): roles a notebook cannot resolve written out
as the site prints them, code left alone, and a saved notebook written back as the page was."""

from __future__ import annotations

import asyncio
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import jupytext
import pytest
from conftest import LESSONS, ROOT

from coursewidgets.lab.contents import LessonContentsManager
from coursewidgets.lab.readable import Book

UNRESOLVED = re.compile(r"\{(?:cite[\w:]*|term|doc|ref|numref)\}`")


def run(coroutine: Any) -> Any:
    """Run ``coroutine`` to its end in a thread of its own (Playwright's sync API may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A small book: a lesson citing and cross-referencing, a glossary, another page with a label."""
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: ch/lesson\n"
                                       "- file: ch/glossary\n- file: ch/other\n")
    (tmp_path / "_config.yml").write_text("bibtex_bibfiles:\n  - refs.bib\n")
    (tmp_path / "refs.bib").write_text(
        "@book{one, author = {Leathard, A.}, year = {1994}, title = {T}, publisher = {P}}\n"
        "@misc{two, author = {Balloch and Taylor}, year = {2001}}\n"
        "@misc{three, author = {A, B. and C, D. and E, F.}, year = {2005}}\n"
        "@misc{org, author = {{Audit Commission}}, year = {1998}}\n"
        "@misc{untitled, title = {{Bangkok Charter}}, year = {2005}}\n")
    (tmp_path / "intro.md").write_text("# Welcome\n")
    (tmp_path / "ch").mkdir()
    (tmp_path / "ch" / "glossary.md").write_text("# Glossary\n\n```{glossary}\nLSP\n  A partnership.\n```\n")
    (tmp_path / "ch" / "other.md").write_text("# Other page\n\n(sec-trust)=\n## Building trust\n\nText.\n")
    return tmp_path


@pytest.mark.parametrize(("source", "expected"), [
    ("by {cite:t}`one`.", "by Leathard [1994]."),
    ("continuum {cite:p}`two`.", "continuum [Balloch and Taylor, 2001]."),
    ("see {cite}`three,org`", "see [A et al., 2005, Audit Commission, 1998]"),
    ("{cite:p}`{see}one{p. 3}`", "[Leathard, 1994]"),
    ("{cite:p}`untitled`", "[Bangkok Charter, 2005]"),
    ("{cite:t}`missing`", "missing"),
    ("A {term}`LSP` here", "A [LSP](glossary.md) here"),
    ("{term}`partnerships <LSP>`", "[partnerships](glossary.md)"),
    ("Next: {doc}`other`", "Next: [Other page](other.md)"),
    ("the {doc}`welcome page </intro>`", "the [welcome page](../intro.md)"),
    ("{ref}`sec-trust`", "[Building trust](other.md)"),
    ("{numref}`how <sec-trust>`", "[how](other.md)"),
    ("{ref}`nowhere`", "nowhere"),
    ("a {term}`local\n  partnerships <LSP>` across a line", "a [local partnerships](glossary.md) across a line"),
])
def test_roles_are_written_out(book: Path, source: str, expected: str):
    lesson = book / "ch" / "lesson.md"
    lesson.write_text("# Lesson\n")
    assert Book.at(book).readable(source, lesson) == expected


def test_targets_in_the_page_and_code_are_left_as_written(book: Path):
    lesson = book / "ch" / "lesson.md"
    lesson.write_text("# Lesson\n\n(here)=\n## Here\n")
    source = ("See {ref}`here`.\n\n```{admonition} Note\n{cite:t}`one`\n```\n\n"
              "````text\nWrite {cite:t}`one` for a citation.\n```\nstill code {term}`LSP`\n````\n{term}`LSP`\n")
    assert Book.at(book).readable(source, lesson) == (
        "See {ref}`here`.\n\n```{admonition} Note\nLeathard [1994]\n```\n\n"
        "````text\nWrite {cite:t}`one` for a citation.\n```\nstill code {term}`LSP`\n````\n[LSP](glossary.md)\n")
    glossary = book / "ch" / "glossary.md"
    assert Book.at(book).readable("{term}`LSP`", glossary) == "{term}`LSP`"  # jupyterlab-myst resolves it


def test_a_bibliography_is_listed_in_its_style(book: Path):
    page = book / "ch" / "other.md"
    listed = Book.at(book).readable("# References\n\n```{bibliography}\n:all:\n:style: unsrt\n```\nAfter.\n", page)
    items = [line for line in listed.splitlines() if line.startswith("- ")]
    starts = ["- A\\. Leathard", "- Balloch and Taylor", "- B\\. A, D\\. C, and F\\. E", "- Audit Commission",
              "- Bangkok Charter"]  # unsrt: the file's order; Markdown escapes as jupyterlab-myst reads them
    assert len(items) == len(starts) and all(item.startswith(start) for item, start in zip(items, starts)), items
    assert listed.startswith("# References\n\n- ") and listed.endswith("\nAfter.\n") and "{bibliography}" not in listed


def test_a_file_outside_a_book_is_not_a_book_page(tmp_path: Path):
    assert Book.around(tmp_path / "notes.md") is None


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_every_lesson_reads_without_unresolved_roles(lesson: Path):
    book = Book.at(ROOT)
    for cell in jupytext.read(lesson).cells:
        if cell.cell_type == "markdown":
            assert not UNRESOLVED.findall(book.readable(cell.source, lesson))


def test_contents_manager_round_trip_keeps_the_lesson(tmp_path: Path):
    """Open (readable), edit one cell, save: the untouched cells are written back as they were."""
    for name in ("_toc.yml", "_config.yml", "references.bib", "intro.md", *(str(p.relative_to(ROOT))
                                                                             for p in (ROOT / "chapters").glob("*.md"))):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    lesson = LESSONS[0].relative_to(ROOT).as_posix()
    manager = LessonContentsManager(root_dir=str(tmp_path))

    async def open_edit_save() -> tuple[list[str], int]:
        model = await manager.get(lesson, type="notebook")
        cells = model["content"]["cells"]
        assert not UNRESOLVED.findall("".join(c["source"] for c in cells if c["cell_type"] == "markdown"))
        edited = max(i for i, c in enumerate(cells) if c["cell_type"] == "markdown")
        cells[edited]["source"] += "\n\nMy own note."
        await manager.save({"type": "notebook", "format": "json", "content": model["content"]}, lesson)
        return [c["source"] for c in cells], edited

    shown, edited = run(open_edit_save())
    original = [c.source for c in jupytext.read(LESSONS[0]).cells]
    saved = [c.source for c in jupytext.read(tmp_path / lesson).cells]
    assert shown != original, "the lesson was shown as written: nothing to restore"
    assert saved[:edited] + saved[edited + 1:] == original[:edited] + original[edited + 1:]
    assert saved[edited] == shown[edited], "the learner's own edit is kept"


def test_a_broken_book_still_opens_as_written(book: Path):
    (book / "refs.bib").write_text("@book{one, author = {Unclosed")
    lesson = book / "ch" / "lesson.md"
    lesson.write_text("# Lesson\n\nBy {cite:t}`one`.\n")
    model = run(LessonContentsManager(root_dir=str(book)).get("ch/lesson.md", type="notebook"))
    assert "By {cite:t}`one`." in "".join(c["source"] for c in model["content"]["cells"])
