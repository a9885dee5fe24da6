"""The "My progress" page (``sphinx: extra_extensions: [coursewidgets.site.progress]``).

``{course-progress}`` lists every exercise of the bank, grouped by the lesson that shows it (in
table-of-contents order), with the exercises themselves as JSON for ``static/progress.js`` to grade
the saved answers. ``{course-answers}`` holds the controls to export, import and print answers.

The list is built when the page is written, after every lesson is read, and the page is written
again on every build, so a quiz added to a lesson appears without a clean build.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..core.bank import load_bank
from ..core.models import Exercise
from ..render.html import page_data, script_json

QUIZ = re.compile(r'<section class="cw-quiz" id="[^"]*" data-exercise="([^"]+)"')
ELSEWHERE = "Not in a lesson yet"

ANSWERS_HTML = """<div class="cw-answers" id="cw-answers">
<div class="cw-field"><label for="cw-student">Your name or student number (saved in the file you download)</label>
<input type="text" id="cw-student" autocomplete="name" maxlength="200"></div>
<div class="cw-actions">
<button type="button" id="cw-export">Download your answers (JSON)</button>
<button type="button" id="cw-summary-download">Download a printable summary (HTML)</button>
<button type="button" id="cw-print">Print your answers</button>
</div>
<div class="cw-field"><label for="cw-import">Load answers from a file you downloaded before (JSON)</label>
<input type="file" id="cw-import" accept=".json,application/json"></div>
<div class="cw-import-error" id="cw-import-error" tabindex="-1" hidden></div>
<p class="cw-status" id="cw-answers-status" role="status" aria-live="polite"></p>
<details class="cw-summary-box" id="cw-summary-box"><summary>Printable summary of your answers</summary>
<div class="cw-summary" id="cw-summary"></div></details>
<div class="cw-danger-zone" role="group" aria-labelledby="cw-danger-title">
<p class="cw-danger-title" id="cw-danger-title">Start the whole course afresh</p>
<p id="cw-danger-text">Deletes every answer in this browser and your record of checks, so your Review plan starts empty.
It cannot be undone.</p>
<div class="cw-actions"><button type="button" id="cw-reset-all" class="cw-danger" aria-describedby="cw-danger-text">Reset every exercise</button></div>
</div>
<div class="cw-confirm" id="cw-confirm" hidden>
<p id="cw-confirm-text">This deletes every answer saved in this browser and your record of checks, so your Review plan
starts empty. Download your answers first if you may want them.</p>
<div class="cw-actions"><button type="button" id="cw-confirm-yes" class="cw-danger">Yes, delete every answer</button>
<button type="button" id="cw-confirm-no">No, keep them</button></div>
</div>
</div>"""


RESET_NOTE = ("<strong>Reset</strong> on one exercise clears its answer and score so you can try it afresh, as "
              "<em>Start again</em> does in a lesson. Your record of checks is kept, so the exercise stays in your "
              "Review plan. Only <em>Reset every exercise</em>, below, deletes that record.")
"""Said once above the list; each Reset button is described by it."""


class progress_list(nodes.General, nodes.Element):
    """Where the list of exercises goes once every lesson has been read."""


class CourseProgress(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.cw_progress_docs = getattr(self.env, "cw_progress_docs", set()) | {self.env.docname}  # type: ignore[attr-defined]
        return [progress_list()]


class CourseAnswers(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [nodes.raw("", ANSWERS_HTML, format="html")]


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """Remember which exercises each page shows, in page order."""
    found: list[str] = []
    for raw in doctree.findall(nodes.raw):
        found += [m for m in QUIZ.findall(raw.astext()) if m not in found]
    pages = getattr(app.env, "cw_quiz_pages", {})
    pages[app.env.docname] = found
    app.env.cw_quiz_pages = pages  # type: ignore[attr-defined]


def per_document(app: Sphinx, attr: str) -> None:
    """Keep the build environment's ``attr`` (a dict by document name) right when documents are purged and
    when parallel builds merge."""
    def purge(app: Sphinx, env: Any, docname: str) -> None:
        getattr(env, attr, {}).pop(docname, None)

    def merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
        setattr(env, attr, {**getattr(env, attr, {}), **getattr(other, attr, {})})

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)


def rewrite_always(app: Sphinx, attr: str) -> None:
    """Keep ``env.<attr>``, the set of pages a directive marks, through incremental and parallel builds, and
    write those pages again on every build (they list what other pages hold)."""

    def purge(app: Sphinx, env: Any, docname: str) -> None:
        getattr(env, attr, set()).discard(docname)

    def merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
        setattr(env, attr, getattr(env, attr, set()) | getattr(other, attr, set()))

    def rewrite(app: Sphinx, env: Any) -> list[str]:
        return sorted(getattr(env, attr, set()))

    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-updated", rewrite)


def _toc_order(env: Any, root: str) -> list[str]:
    order: list[str] = []
    stack = [root]
    while stack:
        doc = stack.pop()
        if doc not in order:
            order.append(doc)
            stack += reversed(env.toctree_includes.get(doc, []))
    return order


def lessons(env: Any, root: str, bank: dict[str, Exercise]) -> list[tuple[str | None, list[Exercise]]]:
    """Every exercise once, grouped by the first page (in contents order) that shows it."""
    pages = getattr(env, "cw_quiz_pages", {})
    placed: set[str] = set()
    groups: list[tuple[str | None, list[Exercise]]] = []
    for doc in _toc_order(env, root) + sorted(set(pages) - set(_toc_order(env, root))):
        here = [bank[i] for i in pages.get(doc, []) if i in bank and i not in placed]
        placed |= {e.id for e in here}
        if here:
            groups.append((doc, here))
    rest = [e for i, e in sorted(bank.items()) if i not in placed]
    return groups + ([(None, rest)] if rest else [])


def _row(ex: Exercise, href: str | None) -> str:
    title = escape(ex.title)
    name = f'<a href="{href}#cw-{ex.id}">{title}</a>' if href else title
    return (
        f'<li class="cw-progress-item" data-progress="{ex.id}"><span class="cw-progress-title">{name}</span>'
        f'<span class="cw-meta">Outcome {ex.outcome}, about {ex.minutes} minutes</span>'
        f'<span class="cw-state">Not started</span><span class="cw-last" hidden></span>'
        f'<button type="button" class="cw-reset" aria-describedby="cw-reset-note" hidden>Reset'
        f'<span class="cw-visually-hidden"> {title}</span></button></li>'
    )


def render(app: Sphinx, fromdoc: str) -> str:
    env = app.env
    bank = load_bank(Path(app.srcdir) / "exercises")
    blocks, data = [], []
    for doc, exercises in lessons(env, app.config.root_doc, bank):
        href = app.builder.get_relative_uri(fromdoc, doc) if doc else None
        lesson = env.titles[doc].astext() if doc else ELSEWHERE
        heading = f'<a href="{href}">{escape(lesson)}</a>' if href else escape(lesson)
        bar = (f'<p class="cw-bar"><progress max="1" value="0" aria-label="{escape(lesson)}: share of the marks">'
               f'</progress> <span class="cw-bar-text"></span></p>')
        blocks.append(f'<h3>{heading}</h3>{bar}<ul class="cw-progress-list">{"".join(_row(e, href) for e in exercises)}</ul>')
        data.append({"lesson": lesson, "exercises": [page_data(e) for e in exercises]})
    payload = script_json(data)
    return (
        f'<div class="cw-progress" id="cw-progress">'
        f'<p class="cw-total" id="cw-total">The course has {len(bank)} exercises.</p>'
        f'<div class="cw-advice" id="cw-advice" hidden></div><p class="cw-reset-note" id="cw-reset-note">{RESET_NOTE}</p>'
        f'{"".join(blocks)}'
        f'<p class="cw-status" id="cw-progress-status" role="status" aria-live="polite"></p>'
        f'<script type="application/json" id="cw-bank">{payload}</script></div>'
    )


def fill(doctree: nodes.document, placeholder: type[nodes.Element], html: Callable[[], str]) -> None:
    """Put ``html()`` where each ``placeholder`` node stands (once every page has been read)."""
    for node in list(doctree.findall(placeholder)):
        node.replace_self(nodes.raw("", html(), format="html"))


def _resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    fill(doctree, progress_list, lambda: render(app, docname))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(progress_list)
    app.add_directive("course-progress", CourseProgress)
    app.add_directive("course-answers", CourseAnswers)
    app.connect("doctree-read", _collect)
    per_document(app, "cw_quiz_pages")
    rewrite_always(app, "cw_progress_docs")
    app.connect("doctree-resolved", _resolve)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
