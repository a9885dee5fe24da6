"""The static quiz markup (what a reader without JavaScript, or the page source, sees): its order gives no
answer away, ordering positions are numbered, and the marking rule is said next to the Check button."""

from __future__ import annotations

import re

from conftest import EXERCISES

from coursewidgets.core.bank import load_bank
from coursewidgets.core.grading import marking_note
from coursewidgets.render.html import render_html

BANK = load_bank(EXERCISES)
ROW = re.compile(r'class="cw-item" data-item="([^"]+)"')


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
    for ex in BANK.values():
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
            assert runs > 2 * len(ex.categories), f"{ex.id}: items are grouped by their answer"
        if ex.kind == "ordering":
            assert order != [s.id for s in ex.steps], f"{ex.id}: the steps start in the right order"
    assert all(given_away[k] < counts[k] for k in counts), (given_away, counts)


def test_positions_numbered_and_marking_rule_shown():
    for ex in BANK.values():
        html = render_html(ex)
        assert f'<p class="cw-rule" id="cw-{ex.id}-rule">{marking_note(ex)}</p>' in html
        assert f'aria-describedby="cw-{ex.id}-rule"' in html
        if ex.kind == "ordering":
            assert re.findall(r'<span class="cw-pos">(\d+)\.</span>', html) == [str(n) for n in range(1, len(ex.steps) + 1)]
