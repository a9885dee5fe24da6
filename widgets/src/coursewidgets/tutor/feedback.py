"""One small self-contained page per student, ready to send back: their answers, marks, the feedback
each item gives, the model points of each reflection, and their share of the marks per learning outcome.
Of an exercise with variants, the page shows the variant the student was asked.

Like the report: inline CSS, no script, nothing fetched; every text from a student or the bank escaped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from ..core.grading import Grade, grade
from ..core.layout import variants_of
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, Reflection, SingleChoice
from .gradebook import Gradebook, Row, full_marks
from .names import file_key, file_stem, portable_stem
from .outputs import write
from .parallel import pmap
from .stats import mastery

FOLDER = "feedback"
SHARD_FROM = 1_000
"""Classes of this many students or more get their pages in subfolders (``page_names``)."""
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:46rem;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1,h2{line-height:1.2} table{border-collapse:collapse;margin:.5rem 0} caption{text-align:left;font-weight:600}
th,td{border:1px solid #767676;padding:.2rem .5rem;text-align:left;vertical-align:top} td.num{text-align:right}
.answer{white-space:pre-wrap;border-left:4px solid #767676;padding-left:.6rem} .right{color:#1e6b2f}
.wrong{color:#a33b20} a{color:#0b4f8a}
"""


def page_names(book: Gradebook) -> list[str]:
    """A file name in ``feedback/`` for each row of ``book`` (same order), from the student's name: no
    Windows device name, and no two that one disk ignoring case or Unicode form would hold as one file.

    From ``SHARD_FROM`` students on, each page goes into one of 256 subfolders named by its name's hash
    (``feedback/3f/ab123.html``), so no folder holds more than a few hundred of a MOOC's 100,000 pages: file
    managers, zip tools and synced drives slow down or give up on folders of tens of thousands of files.
    A page is found from the report, which links every student's page."""
    names: list[str] = []
    used: set[str] = set()
    last: dict[str, int] = {}  # the number each stem had last: linear even if every name gives the same stem
    for row in book.rows:
        stem = portable_stem(file_stem(row.student, 40) or "student")
        n = last.get(stem, 0) + 1
        name = stem if n == 1 else f"{stem}-{n}"
        while file_key(name) in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(file_key(name))
        last[stem] = n
        names.append(f"{name}.html")
    return [f"{_shard(name)}/{name}" for name in names] if len(names) >= SHARD_FROM else names


def _shard(name: str) -> str:
    """The subfolder of a large class's page: two hex digits of its name's SHA-256 (256 folders)."""
    return hashlib.sha256(file_key(name).encode("utf-8")).hexdigest()[:2]


def _labels(ex: Exercise) -> dict[str, str]:
    """Every id an answer to ``ex`` may use, with the text a student saw for it (escaped for HTML)."""
    parts: list[Any] = []
    for attr in ("options", "categories", "targets", "items", "pairs", "steps"):
        parts += getattr(ex, attr) if attr in type(ex).model_fields else []
    return {p.id: escape(str(getattr(p, "text", None) or getattr(p, "label", ""))) for p in parts}


def _shown(labels: dict[str, str], ident: Any) -> str:
    known = labels.get(ident) if isinstance(ident, str) else None
    return known if known is not None else escape(str(ident))


def your_answer(ex: Exercise, answer: Any, labels: dict[str, str]) -> str:
    """A student's answer as HTML, in the words they saw (``labels``: ``_labels(ex)``; ids only where
    the bank has no such id)."""
    if answer is None or answer == "" or answer == [] or answer == {}:
        return "<p>Not answered.</p>"
    if isinstance(ex, Reflection):
        return f'<p class="answer">{escape(str(answer))}</p>'
    if isinstance(ex, SingleChoice):
        return f"<p>You chose: {_shown(labels, answer)}</p>"
    if isinstance(ex, (MultipleSelect, Ordering)) and isinstance(answer, list):
        tag = "ol" if isinstance(ex, Ordering) else "ul"
        lead = "Your order:" if isinstance(ex, Ordering) else "You ticked:"
        distinct = dict.fromkeys(a for a in answer if isinstance(a, str))  # as graded: each id once
        return f"<p>{lead}</p><{tag}>" + "".join(f"<li>{_shown(labels, a)}</li>" for a in distinct) + f"</{tag}>"
    if isinstance(ex, (Classification, Matching)) and isinstance(answer, dict):
        rows = "".join(f'<tr><th scope="row">{_shown(labels, k)}</th><td>{_shown(labels, v)}</td></tr>'
                       for k, v in answer.items())
        head = "Category" if isinstance(ex, Classification) else "Matched to"
        return (f'<table><caption>Your answer</caption><thead><tr><th scope="col">Item</th><th scope="col">{head}'
                f"</th></tr></thead><tbody>{rows}</tbody></table>")
    return f"<p>{escape(str(answer))}</p>"


def _verdict(correct: bool | None) -> str:
    if correct is None:
        return ""
    return '<strong class="right">Right.</strong> ' if correct else '<strong class="wrong">Not right.</strong> '


def _feedback(ex: Exercise, g: Grade | None, labels: dict[str, str]) -> str:
    if g is None:
        return "<p>You did not answer this question.</p>"
    if isinstance(ex, Reflection):
        if not g.complete:
            return "<p>You did not answer this question.</p>"
        points = "".join(f"<li>{escape(i.message)}</li>" for i in g.items)
        return f"<p>Not marked. Points a strong answer might make:</p><ul>{points}</ul>"
    items = "".join(f"<li>{_verdict(i.correct)}<em>{_shown(labels, i.id)}</em>: {escape(i.message)}</li>"
                    for i in g.items if i.message)
    return f"<p>{escape(g.summary)}</p>" + (f"<ul>{items}</ul>" if items else "")


def _marks(ex: Exercise, row: Row) -> str:
    if not full_marks(ex):
        return "not marked"
    score, out_of = row.marks(ex)
    return f"{score} out of {out_of}"


Labels = dict[str, list[dict[str, str]]]
"""``_labels`` of every variant, by exercise id."""


def all_labels(book: Gradebook) -> Labels:
    return {ex.id: [_labels(v) for v in variants_of(ex)] for ex in book.exercises}


def feedback_page(book: Gradebook, row: Row, title: str, labels: Labels | None = None) -> str:
    """The whole feedback page for one student (``labels``: ``all_labels(book)``, if already made)."""
    labels = labels or all_labels(book)
    score, out_of = book.total(row)
    marks = "".join(f'<tr><th scope="row"><a href="#q{n}">{escape(ex.title)}</a></th><td>{_marks(ex, row)}</td></tr>'
                    for n, ex in enumerate(book.exercises, 1))
    outcomes = "".join(f'<tr><th scope="row">Outcome {o}</th><td class="num">{100 * share:.0f}%</td></tr>'
                       for o, share in mastery(book, row).items())
    sections = []
    for n, ex in enumerate(book.exercises, 1):
        response, k = row.responses.get(ex.id), row.asked.get(ex.id, 0)
        asked, seen = variants_of(ex)[k], labels[ex.id][k]
        graded = grade(ex, response.answer, response.shown, response.seed) if response else None  # as before
        sections.append(
            f'<section aria-labelledby="q{n}"><h2 id="q{n}">{n}. {escape(ex.title)}</h2>'
            f"<p>{escape(asked.prompt)}</p><h3>Your answer</h3>"
            f"{your_answer(asked, response.answer if response else None, seen)}"
            f"<h3>Marks and feedback: {_marks(ex, row)}</h3>{_feedback(asked, graded, seen)}"
            "</section>")
    outcome_table = (f"<table><caption>Your share of the marks by learning outcome</caption><thead><tr>"
                     f'<th scope="col">Outcome</th><th scope="col">Share</th></tr></thead><tbody>{outcomes}'
                     "</tbody></table>") if outcomes else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}: feedback for {escape(row.student)}</title><style>{CSS}</style></head><body><main>"
            f"<h1>Feedback for {escape(row.student)}</h1><p>{escape(title)}. Total: {score} out of {out_of}.</p>"
            f'<table><caption>Your marks</caption><thead><tr><th scope="col">Question</th><th scope="col">Marks</th>'
            f"</tr></thead><tbody>{marks}</tbody></table>{outcome_table}{''.join(sections)}</main></body></html>")


def feedback_files(book: Gradebook, title: str) -> dict[str, str]:
    """Every student's page by its path in the output folder (``feedback/<name>.html``)."""
    return dict(feedback_pages(book, title, page_names(book)))


def feedback_pages(book: Gradebook, title: str, names: list[str], folder: Path | None = None
                   ) -> Iterator[tuple[str, str]]:
    """(path in the output folder, page) for every row, made as they are written (on every core for a
    large class), so a hundred thousand pages are never all in memory at once. Given the staging
    ``folder`` of ``outputs.publish``, the pages are written there where they are made, and only each
    page's ``outputs.Written`` digest comes back."""
    labels = all_labels(book)
    return pmap(_page, range(len(book.rows)), (book, title, labels, names, folder))


def _page(shared: tuple[Gradebook, str, Labels, list[str], Path | None], n: int) -> tuple[str, str]:
    book, title, labels, names, folder = shared
    name, page = f"{FOLDER}/{names[n]}", feedback_page(book, book.rows[n], title, labels)
    return name, page if folder is None else write(folder, name, page)
