"""Every lesson, converted from MyST markdown with jupytext, executes in a real kernel (pytest-notebook)."""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from conftest import LESSONS, ROOT
from pytest_notebook.nb_regression import NBRegressionFixture

IGNORE = ("/cells/*/outputs", "/cells/*/execution_count", "/metadata/language_info", "/metadata/widgets")


def run(md: Path, tmp_path: Path) -> None:
    """Execute a MyST notebook from the folder it lives in; raise if any cell fails."""
    ipynb = tmp_path / f"{md.stem}.ipynb"
    jupytext.write(jupytext.read(md), ipynb)
    fixture = NBRegressionFixture(exec_timeout=180, exec_cwd=str(md.parent), diff_ignore=IGNORE)
    fixture.check(str(ipynb))


def test_lessons_found():
    assert len(LESSONS) >= 6


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_executes(lesson, tmp_path):
    run(lesson, tmp_path)


def test_a_failing_lesson_fails(tmp_path):
    header = LESSONS[0].read_text().split("---\n")[1]
    bad = tmp_path / "bad.md"
    bad.write_text(f"---\n{header}---\n# Bad\n\n```{{code-cell}} ipython3\nfrom coursewidgets import quiz\n"
                   f"quiz('no-such-exercise', bank={str(ROOT / 'exercises')!r})\n```\n")
    with pytest.raises(Exception, match="no-such-exercise"):
        run(bad, tmp_path)
