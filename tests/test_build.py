"""The whole course builds with warnings as errors, and the site gets the static quizzes."""

from __future__ import annotations

import re

from conftest import EXERCISES

from coursewidgets.core.bank import load_bank


def test_strict_build_has_static_quizzes_and_no_widget_payload(built_site):
    html = (built_site / "chapters" / "02-defining-partnership.html").read_text()
    assert 'data-exercise="leathard-terms"' in html
    assert "widget-state+json" not in html and "require.js" not in html
    assert len(re.findall(r"_static/coursewidgets\.js", html)) == 1


def test_every_exercise_reaches_the_site(built_site):
    pages = "".join(p.read_text() for p in (built_site / "chapters").glob("*.html"))
    missing = [ex for ex in load_bank(EXERCISES) if f'data-exercise="{ex}"' not in pages]
    assert not missing, f"exercises no lesson shows: {missing}"


def test_quiz_cells_show_no_code_on_the_site(built_site):
    """Lessons hold no code of their own, so no page shows a code cell's input."""
    shown = [p.name for p in (built_site / "chapters").glob("*.html") if 'class="cell_input' in p.read_text()]
    assert not shown, f"pages showing code: {shown}"
