"""The "Review" page (``sphinx: extra_extensions: [coursewidgets.site.review]``).

``{course-review}`` is the review area: a status line, today's list and the plan table, with the page's
``static/review.js`` (``assets.py`` loads it on this page only). The quizzes are not in the page, so it weighs the
same however large the bank: the build writes each marked exercise's quiz as an HTML fragment (the lessons'
renderer, ``render/html.py``) into ``_static/cw-review/<id>.html``, with ``index.json`` giving each exercise's title,
minutes, lesson and the section of the lesson that shows it. In the browser the script plans reviews from the
learner's own history of Checks (``core/schedule.py``, which it mirrors), fetches the index and the quizzes due
today only, and ``coursewidgets.js`` sets them up. Nothing leaves the browser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.bank import load_bank
from ..core.models import Reflection
from ..render.html import render_html
from .progress import QUIZ, fill, lessons, per_document, rewrite_always

FOLDER = "cw-review"
"""The fragments' folder under the build's ``_static``."""
NOSCRIPT = ('<noscript><p class="cw-noscript">The review page needs JavaScript, which is off or blocked in this '
            "browser: it plans your reviews from the answers saved in this browser.</p></noscript>")


class review_list(nodes.General, nodes.Element):
    """Where the review area goes once every lesson has been read."""


class CourseReview(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.cw_review_docs = getattr(self.env, "cw_review_docs", set()) | {self.env.docname}  # type: ignore[attr-defined]
        return [review_list()]


def render(static: str) -> str:
    """The review area: the status line, today's list (filled in the browser) and the plan table."""
    return (
        f'<div class="cw-review" id="cw-review" data-src="{static}{FOLDER}/">{NOSCRIPT}'
        f'<p class="cw-status" id="cw-review-status" role="status" aria-live="polite"></p>'
        f'<ol class="cw-review-due" id="cw-review-due"></ol>'
        f'<h2 id="cw-plan-title">Your review plan</h2>'
        f'<p id="cw-plan-empty">Nothing to plan yet: check an exercise in a lesson first.</p>'
        f'<div class="cw-table-scroll"><table class="cw-plan" id="cw-plan" aria-labelledby="cw-plan-title" hidden>'
        f'<thead><tr><th scope="col">Exercise</th><th scope="col">Box</th><th scope="col">Last check</th>'
        f'<th scope="col">Next review</th></tr></thead><tbody></tbody></table></div></div>'
    )


def _sections(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the section (its id and title) of the page that shows each quiz."""
    found: dict[str, tuple[str, str]] = {}
    for raw in doctree.findall(nodes.raw):
        section = raw.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        where = (section["ids"][0], section[0].astext()) if section is not None and section["ids"] else ("", "")
        for ident in QUIZ.findall(raw.astext()):
            found.setdefault(ident, where)
    sections = getattr(app.env, "cw_quiz_sections", {})
    sections[app.env.docname] = found
    app.env.cw_quiz_sections = sections  # type: ignore[attr-defined]


def index(app: Sphinx) -> dict[str, dict[str, Any]]:
    """Each marked exercise: its title, minutes, and the lesson and section that show it (links relative to the
    fragments' folder)."""
    env, out = app.env, {}
    bank = load_bank(Path(app.srcdir) / "exercises")
    sections = getattr(env, "cw_quiz_sections", {})
    for doc, exercises in lessons(env, app.config.root_doc, bank):
        for ex in exercises:
            if isinstance(ex, Reflection):
                continue
            entry: dict[str, Any] = {"title": ex.title, "minutes": ex.minutes}
            if doc:
                anchor, section = sections.get(doc, {}).get(ex.id, ("", ""))
                entry |= {"lesson": env.titles[doc].astext(), "section": section,
                          "href": f"../../{app.builder.get_target_uri(doc)}#{anchor or 'cw-' + ex.id}"}
            out[ex.id] = entry
    return out


def _write(app: Sphinx, exception: Exception | None) -> None:
    """Write every marked exercise's quiz, and the index, into the build's ``_static/cw-review/``."""
    if exception is not None or app.builder.format != "html" or not getattr(app.env, "cw_review_docs", None):
        return
    folder = Path(app.outdir) / "_static" / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    bank = load_bank(Path(app.srcdir) / "exercises")
    for ex in bank.values():
        if not isinstance(ex, Reflection):
            (folder / f"{ex.id}.html").write_text(render_html(ex), encoding="utf-8")
    (folder / "index.json").write_text(json.dumps(index(app), ensure_ascii=False), encoding="utf-8")


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    fill(doctree, review_list, lambda: render("../" * docname.count("/") + "_static/"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(review_list)
    app.add_directive("course-review", CourseReview)
    rewrite_always(app, "cw_review_docs")
    app.connect("doctree-read", _sections)
    per_document(app, "cw_quiz_sections")
    app.connect("doctree-resolved", _resolve)
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
