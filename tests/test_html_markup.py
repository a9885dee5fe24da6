"""The static quiz markup (what a reader without JavaScript, or the page source, sees): its order gives no
answer away, ordering positions are numbered, and the marking rule is said next to the Check button."""

from __future__ import annotations

import json
import re

import pytest
from conftest import EXERCISES
from exercises_for_tests import VARIED

from coursewidgets.core.bank import load_bank
from coursewidgets.core.grading import marking_note
from coursewidgets.core.layout import variants_of
from coursewidgets.render.html import UNREAD, page_data, render_html

BANK = load_bank(EXERCISES)
ROW = re.compile(r'class="cw-item" data-item="([^"]+)"')
ASKED = [v for ex in BANK.values() for v in ex.variants or (ex,)]
"""Every question the bank can ask: each variant of each exercise, rendered as a quiz of its own."""


def rows(ex) -> list[str]:
    return ROW.findall(render_html(ex))


def parts(ex) -> list[str]:
    return [p.id for p in getattr(ex, "options", None) or getattr(ex, "items", None) or getattr(ex, "pairs", None)
            or getattr(ex, "steps", None) or []]


def test_markup_order_gives_no_answer_away():
    """One fixed shuffle per exercise: a pattern may hold for some exercises by chance, never for every one
    (in the bank's own order the right option is first in every single choice, for instance)."""
    given_away = {"right option first": 0, "right options first": 0, "diagonal": 0}
    counts = {"right option first": 0, "right options first": 0, "diagonal": 0}
    for ex in ASKED:
        order = rows(ex)
        assert sorted(order) == sorted(parts(ex)), ex.id
        if ex.kind == "single_choice":
            counts["right option first"] += 1
            given_away["right option first"] += next(o for o in ex.options if o.id == order[0]).correct
        if ex.kind == "multiple_select":
            right = [next(o for o in ex.options if o.id == i).correct for i in order]
            counts["right options first"] += 1
            given_away["right options first"] += right == sorted(right, reverse=True)
        if ex.kind == "matching":
            targets = re.findall(r'<option value="([^"]+)"', render_html(ex))[: len(ex.targets)]
            key = {p.id: p.answer for p in ex.pairs}
            counts["diagonal"] += 1
            given_away["diagonal"] += [key[r] for r in order] == targets[: len(order)]
        if ex.kind == "classification":
            answers = [next(i for i in ex.items if i.id == r).answer for r in order]
            runs = 1 + sum(a != b for a, b in zip(answers, answers[1:]))
            assert runs > len(ex.categories), f"{ex.id}: items are grouped by their answer"
        if ex.kind == "ordering":
            assert order != [s.id for s in ex.steps], f"{ex.id}: the steps start in the right order"
    assert all(given_away[k] < counts[k] for k in counts), (given_away, counts)


def test_positions_numbered_and_marking_rule_shown():
    for ex in ASKED:
        html = render_html(ex)
        assert f'<p class="cw-rule" id="cw-{ex.id}-rule">{marking_note(ex)}</p>' in html
        assert f'aria-describedby="cw-{ex.id}-rule"' in html
        if ex.kind == "ordering":
            assert re.findall(r'<span class="cw-pos">(\d+)\.</span>', html) == [str(n) for n in range(1, len(ex.steps) + 1)]


@pytest.mark.parametrize("ex", VARIED, ids=lambda ex: ex.kind)
def test_every_variant_is_in_the_page_with_its_own_ids_and_only_the_first_shows(ex):
    """Each variant's markup is that of a quiz of that one variant, its ids prefixed ``cw-<id>_v<n>`` after the
    first; no id is used twice; the page's JSON gives each variant's fields once, which fill in as the variant."""
    html = render_html(ex)
    blocks = re.findall(r'<div class="cw-variant" data-variant="(\d+)"( hidden)?>(.*?)</div>(?=<div class="cw-variant"|'
                        r'<fieldset class="cw-sure"|<p class="cw-rule")', html, re.S)
    assert [(int(n), bool(hidden)) for n, hidden, _ in blocks] == [(n, n > 0) for n in range(len(ex.variants))]
    for n, (_, _, body) in enumerate(blocks):
        alone = render_html(variants_of(ex)[n])
        assert body.replace(f"cw-{ex.id}_v{n + 1}", f"cw-{ex.id}") in alone
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and sum(f"cw-{ex.id}_v" in i for i in ids) >= len(ex.variants) - 1
    data = json.loads(re.search(r'<script type="application/json" class="cw-data">(.*?)</script>', html).group(1))
    assert data["variants"][0] == {} and data == {**page_data(variants_of(ex)[0]), "variants": data["variants"]}
    for n, variant in enumerate(variants_of(ex)):
        assert {**data, **data["variants"][n], "variants": None} == {**page_data(variant), "variants": None}
        assert all(data[k] != v for k, v in data["variants"][n].items())  # only what differs


def test_the_page_carries_what_its_scripts_read():
    """The page's JSON leaves out what no script reads: the shared fields the tutors use, and a reflection's
    exemplar and rubric (the tutors' key)."""
    for ex in BANK.values():
        data = page_data(ex)
        assert not (UNREAD - {"variants"}) & set(data) and "layout_dependent" not in json.dumps(data)
        assert all(not UNREAD & set(v) for v in data.get("variants", []))
        assert ("variants" in data) == bool(ex.variants)
        assert data["id"] == ex.id and data["title"] == ex.title
