"""The "Review" page (``sphinx: extra_extensions: [coursewidgets.site.review]``).

``{course-review}`` holds every marked exercise of the bank as a quiz, each hidden, with the page's
``static/review.js`` (``assets.py`` loads it on this page only). In the browser the script plans reviews from the
learner's own history of Checks (the Leitner scheme of ``core/schedule.py``, which it mirrors), shows the
exercises due today, each in a new layout, and says when each comes back. Nothing leaves the browser.

The quizzes are put in when the page is written (after every lesson is read), so the progress page's
scan of which lesson shows which exercise never counts this page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.bank import load_bank
from ..core.models import Reflection
from ..render.html import render_html
from .progress import fill, rewrite_always

NOSCRIPT = ('<noscript><p class="cw-noscript">The review page needs JavaScript, which is off or blocked in this '
            "browser: it plans your reviews from the answers saved in this browser.</p></noscript>")


class review_list(nodes.General, nodes.Element):
    """Where the review quizzes go once every lesson has been read."""


class CourseReview(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.cw_review_docs = getattr(self.env, "cw_review_docs", set()) | {self.env.docname}  # type: ignore[attr-defined]
        return [review_list()]


def render(app: Sphinx) -> str:
    """The review area: the plan's status line and table, then every marked exercise's quiz, hidden."""
    bank = load_bank(Path(app.srcdir) / "exercises")
    quizzes = "".join(f'<div class="cw-review-item" data-review="{ex.id}" hidden>{render_html(ex)}</div>'
                      for ex in bank.values() if not isinstance(ex, Reflection))
    return (
        f'<div class="cw-review" id="cw-review">{NOSCRIPT}'
        f'<p class="cw-status" id="cw-review-status" role="status" aria-live="polite"></p>'
        f'<div class="cw-review-due" id="cw-review-due">{quizzes}</div>'
        f'<h2 id="cw-plan-title">Your review plan</h2>'
        f'<p id="cw-plan-empty">Nothing to plan yet: check an exercise in a lesson first.</p>'
        f'<table class="cw-plan" id="cw-plan" aria-labelledby="cw-plan-title" hidden><thead><tr>'
        f'<th scope="col">Exercise</th><th scope="col">Box</th><th scope="col">Last checked</th>'
        f'<th scope="col">Next review</th></tr></thead><tbody></tbody></table></div>'
    )


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    fill(doctree, review_list, lambda: render(app))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(review_list)
    app.add_directive("course-review", CourseReview)
    rewrite_always(app, "cw_review_docs")
    app.connect("doctree-resolved", _resolve)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
