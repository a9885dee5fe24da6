"""Static HTML for the built site: native form controls plus the exercise as JSON.

The page's ``coursewidgets.js`` finds each ``section.cw-quiz``, reads its JSON, puts the parts in the
order of the learner's attempt (``core/layout.py``) and checks answers in the browser. Without JavaScript
the question still reads, in one fixed shuffle rather than the bank's order; its buttons stay hidden and
disabled (so nothing reloads the page), and a note says that the quiz needs JavaScript.

An exercise with variants carries every variant, each in its own ``div.cw-variant`` with the markup and
ids of a quiz of one variant (variant k > 1 prefixes its ids ``cw-<id>_v<k>``); the script shows the one
the attempt's seed asks. Without JavaScript the first shows and the others stay hidden.
"""

from __future__ import annotations

import json
import zlib
from html import escape
from typing import Any

from ..core.confidence import LEVELS, QUESTION, choice_label
from ..core.grading import marking_note
from ..core.layout import layout, variants_of
from ..core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, Reflection, SingleChoice


NOSCRIPT = (
    '<noscript><p class="cw-noscript">This quiz needs JavaScript, which is off or blocked in this browser, so it '
    "cannot check or save your answers. Turn JavaScript on and reload the page, or answer it in the lesson "
    "notebook.</p></noscript>"
)
"""Said in place of the buttons, which stay hidden and disabled until the page's script sets the quiz up."""
MODEL = '<div class="cw-model" hidden><p>Points a strong answer might make:</p><ul></ul></div>'
"""A reflection's result, filled in by the script: under the button and the status line, where the learner is."""


def _feedback(uid: str) -> str:
    return f'<p class="cw-feedback" id="{uid}-fb" hidden></p>'


def _choice(kind: str, name: str, uid: str, value: str, label: str) -> str:
    return (
        f'<span class="cw-choice"><input type="{kind}" name="{name}" id="{uid}" value="{escape(value)}">'
        f'<label for="{uid}">{escape(label)}</label></span>'
    )


def _markup_order(ex: Exercise) -> dict[str, list[str]]:
    """The order of the markup: one fixed layout per exercise (every item of a sampled classification)."""
    if isinstance(ex, Classification):
        ex = ex.model_copy(update={"sample": None})
    return layout(ex, zlib.crc32(ex.id.encode()))


def _options(ex: SingleChoice | MultipleSelect, base: str) -> str:
    kind = "radio" if isinstance(ex, SingleChoice) else "checkbox"
    hint = "" if kind == "radio" else ' <span class="cw-hint">Choose every one that applies.</span>'
    options = {o.id: o for o in ex.options}
    rows = "".join(
        f'<div class="cw-item" data-item="{o.id}">{_choice(kind, base, f"{base}-{o.id}", o.id, o.text)}'
        f"{_feedback(f'{base}-{o.id}')}</div>"
        for o in (options[i] for i in _markup_order(ex)["options"])
    )
    return f'<fieldset class="cw-question"><legend class="cw-prompt">{escape(ex.prompt)}{hint}</legend>{rows}</fieldset>'


def _classification(ex: Classification, base: str) -> str:
    items = {i.id: i for i in ex.items}
    rows = []
    for item in (items[i] for i in _markup_order(ex)["items"]):
        uid = f"{base}-{item.id}"
        choices = "".join(_choice("radio", uid, f"{uid}-{c.id}", c.id, c.label) for c in ex.categories)
        rows.append(
            f'<fieldset class="cw-item" data-item="{item.id}" id="{uid}">'
            f'<legend class="cw-item-text">{escape(item.text)}</legend>'
            f'<div class="cw-choices">{choices}</div>{_feedback(uid)}</fieldset>'
        )
    return f'<fieldset class="cw-question"><legend class="cw-prompt">{escape(ex.prompt)}</legend>{"".join(rows)}</fieldset>'


def _matching(ex: Matching, base: str) -> str:
    order, targets, pairs = _markup_order(ex), {t.id: t for t in ex.targets}, {p.id: p for p in ex.pairs}
    options = '<option value="">Choose…</option>' + "".join(
        f'<option value="{t.id}">{escape(t.label)}</option>' for t in (targets[i] for i in order["targets"])
    )
    rows = "".join(
        f'<div class="cw-item" data-item="{p.id}"><label for="{base}-{p.id}">{escape(p.text)}</label>'
        f'<select id="{base}-{p.id}">{options}</select>{_feedback(f"{base}-{p.id}")}</div>'
        for p in (pairs[i] for i in order["items"])
    )
    return f'<fieldset class="cw-question"><legend class="cw-prompt">{escape(ex.prompt)}</legend>{rows}</fieldset>'


def _ordering(ex: Ordering, base: str) -> str:
    steps = {s.id: s for s in ex.steps}
    rows = []
    for n, step_id in enumerate(_markup_order(ex)["order"], 1):
        text = escape(steps[step_id].text)
        rows.append(
            f'<li class="cw-item" data-item="{step_id}" id="{base}-{step_id}"><span class="cw-pos">{n}.</span>'
            f'<span class="cw-step">{text}</span>'
            f'<span class="cw-move"><button type="button" data-move="-1" aria-label="Move {text} up">Up</button>'
            f'<button type="button" data-move="1" aria-label="Move {text} down">Down</button></span>'
            f"{_feedback(f'{base}-{step_id}')}</li>"
        )
    return (
        f'<fieldset class="cw-question"><legend class="cw-prompt">{escape(ex.prompt)} '
        f'<span class="cw-hint">Use the Up and Down buttons to put the list in order.</span></legend>'
        f'<ol class="cw-order">{"".join(rows)}</ol></fieldset>'
    )


def _reflection(ex: Reflection, base: str) -> str:
    return (
        f'<label class="cw-prompt" for="{base}-text">{escape(ex.prompt)}</label>'
        f'<textarea id="{base}-text" rows="6"></textarea>'
    )


def _sure(base: str) -> str:
    """The optional "How sure are you?" question of an auto-marked quiz (core/confidence.py)."""
    choices = "".join(_choice("radio", f"{base}-sure", f"{base}-sure-{n}", str(n), choice_label(n)) for n in LEVELS)
    return (f'<fieldset class="cw-sure"><legend>{QUESTION} <span class="cw-hint">Optional. Your score stays the '
            f'same; beside it you get a confidence mark that rewards knowing what you know, and My progress lists '
            f'what you were sure of but got wrong, to read again first.</span></legend>'
            f'<div class="cw-choices">{choices}</div></fieldset>')


def _body(ex: Exercise, base: str) -> str:
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return _options(ex, base)
    if isinstance(ex, Classification):
        return _classification(ex, base)
    if isinstance(ex, Matching):
        return _matching(ex, base)
    if isinstance(ex, Ordering):
        return _ordering(ex, base)
    return _reflection(ex, base)


def _variants(ex: Exercise, base: str) -> str:
    """The question: its body, or with variants every variant's body in a ``div.cw-variant``, the first shown."""
    if not ex.variants:
        return _body(ex, base)
    return "".join(
        f'<div class="cw-variant" data-variant="{n}"{" hidden" if n else ""}>{_body(v, variant_base(base, n))}</div>'
        for n, v in enumerate(variants_of(ex))
    )


def variant_base(base: str, n: int) -> str:
    """The prefix of the ids of variant ``n`` (from 0): ``base`` for the first, ``base_v<n+1>`` for the others
    (an id holds no ``_``, so these never meet an option's or item's)."""
    return f"{base}_v{n + 1}" if n else base


UNREAD = {"variants", "source", "level", "outcome", "minutes", "exemplar", "rubric"}
"""Fields the page's scripts never read (an exemplar and a rubric are for tutors), left out of its JSON."""


def _read(ex: Exercise) -> dict[str, Any]:
    data = ex.model_dump(exclude=UNREAD)
    for entry in data.get("items", []) + data.get("pairs", []):
        del entry["layout_dependent"]
    return data


def page_data(ex: Exercise) -> dict[str, Any]:
    """The exercise as the page's JSON, without the fields it never reads: its own fields and, with variants,
    each variant's fields that differ from them (the first's: none), which ``coursewidgets.js`` fills in."""
    data = _read(ex)
    if ex.variants:
        data["variants"] = [{k: v for k, v in _read(var).items() if v != data[k]} for var in ex.variants]
    return data


def script_json(data: Any) -> str:
    """``data`` as JSON to hold in a ``<script type="application/json">`` element: every ``<``, ``>`` and ``&``
    as a ``\\u`` escape, so no text (``</script>``, ``<!--<script>``, ``-->``) can end the element early or,
    through the parser's escaped script states, keep it open past its end and swallow the page."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_html(ex: Exercise) -> str:
    """The kernel-free quiz for one exercise."""
    base = f"cw-{ex.id}"
    check = "Save and compare" if isinstance(ex, Reflection) else "Check"
    data = script_json(page_data(ex))
    return (
        f'<section class="cw-quiz" id="{base}" data-exercise="{ex.id}" data-kind="{ex.kind}" '
        f'aria-labelledby="{base}-title">'
        f'<p class="cw-title" id="{base}-title">{escape(ex.title)}</p>{NOSCRIPT}'
        f'<form class="cw-form" novalidate>{_variants(ex, base)}{"" if isinstance(ex, Reflection) else _sure(base)}'
        f'<p class="cw-rule" id="{base}-rule">{escape(marking_note(ex))}</p>'
        f'<div class="cw-errors" tabindex="-1" hidden></div>'
        f'<div class="cw-actions" hidden>'
        f'<button type="submit" class="cw-check" aria-describedby="{base}-rule" disabled>{check}</button>'
        f'<button type="button" class="cw-retry" disabled>Start again</button></div>'
        f'<p class="cw-status" role="status" aria-live="polite"></p>'
        f'<p class="cw-cbm" aria-live="polite" hidden></p>{MODEL if isinstance(ex, Reflection) else ""}</form>'
        f'<script type="application/json" class="cw-data">{data}</script></section>'
    )
