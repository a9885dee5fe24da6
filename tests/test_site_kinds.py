"""One quiz of each kind, answered right and then wrong on its lesson page, with the expected feedback; how
each is marked is said on the page; multiple select's missed options and ordering's numbered positions."""

from __future__ import annotations

import json

import pytest
from exercises_for_tests import make, opt
from learner import one_of_each_kind, saved, shown_targets, shown_variant, visible_items

from coursewidgets.core.grading import MISSED, TICKED_WRONG, marking_note
from coursewidgets.core.layout import draw, layout
from coursewidgets.core.models import KINDS
from coursewidgets.render.html import render_html

pytestmark = pytest.mark.browser


def choose(quiz, ex, right: bool) -> None:
    """Answer with the mouse, every part right or every part wrong, in the variant the page asks."""
    ex, base = shown_variant(quiz.page, ex)
    if ex.kind == "single_choice":
        option = next(o for o in ex.options if o.correct == right)
        quiz.locator(f'label[for="{base}-{option.id}"]').click()
    elif ex.kind == "multiple_select":
        for o in ex.options:
            if o.correct == right:
                quiz.locator(f'label[for="{base}-{o.id}"]').click()
    elif ex.kind == "classification":
        for item in (i for i in ex.items if i.id in visible_items(quiz)):
            cat = item.answer if right else next(c.id for c in ex.categories if c.id != item.answer)
            quiz.locator(f'label[for="{base}-{item.id}-{cat}"]').click()
    elif ex.kind == "matching":
        for pair in ex.pairs:
            target = pair.answer if right else next(t.id for t in ex.targets if t.id != pair.answer)
            quiz.locator(f"#{base}-{pair.id}").select_option(target)
    elif ex.kind == "ordering":  # wrong: the steps last to first (no step is followed by the right one)
        key = [s.id for s in ex.steps]
        goal = key if right else key[::-1]
        for n, step in enumerate(goal):  # move each step up into place with its Up button
            while visible_items(quiz).index(step) > n:
                quiz.locator(f'#{base}-{step} [data-move="-1"]').click()
    else:
        quiz.locator("textarea").fill("Partners need a shared goal and trust built over time." if right else "")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_right_then_wrong(built_site, site_url, page, kind):
    ex, url = one_of_each_kind(built_site)[kind]
    page.goto(site_url + url)
    quiz = page.locator(f"#cw-{ex.id}")
    status = quiz.locator(".cw-status")
    note = quiz.locator(".cw-rule")
    assert note.is_visible() and note.inner_text() == marking_note(ex)
    assert quiz.locator(".cw-check").get_attribute("aria-describedby") == note.get_attribute("id")

    choose(quiz, ex, right=True)
    quiz.locator(".cw-check").click()
    if kind == "reflection":
        assert status.inner_text().startswith("Saved.")
        assert quiz.locator(".cw-model li").all_inner_texts() == ex.model_points
    else:
        score = status.inner_text()
        maximum = score.split(" out of ")[1].rstrip(".")
        assert score == f"Score: {maximum} out of {maximum}."
        assert quiz.locator(".cw-right .cw-feedback").first.inner_text().startswith("\u2713 ")

    quiz.locator(".cw-retry").click()
    if kind == "reflection":  # it asks before deleting the writing
        quiz.get_by_role("button", name="Yes, delete my answer").click()
        assert quiz.locator("textarea").input_value() == ""
    choose(quiz, ex, right=False)
    quiz.locator(".cw-check").click()
    if kind == "reflection":
        assert status.inner_text().startswith("Write your answer first")
        assert quiz.locator(".cw-model").is_hidden()
    else:
        assert status.inner_text().startswith("Score: 0 out of ")
        ex, _ = shown_variant(page, ex)  # Start again asked another variant
        texts = quiz.locator(".cw-item:not([hidden]) .cw-feedback").all_inner_texts()
        marks = {item: text for item, text in zip(visible_items(quiz), texts) if text}
        if kind == "multiple_select":  # every wrong option ticked, so every right one missed
            assert marks == {o.id: (TICKED_WRONG if not o.correct else MISSED) + o.feedback for o in ex.options}
            assert quiz.locator(".cw-item.cw-missed").count() == sum(o.correct for o in ex.options)
        else:
            if kind == "single_choice":  # the right option says so, with its reason
                right = next(o.id for o in ex.options if o.correct)
                assert marks.pop(right).startswith("\u2713 The right answer. ")
            assert marks and all(m.startswith("\u2717 Not quite.") for m in marks.values())
        if kind == "ordering":
            steps = {s.id: n for n, s in enumerate(ex.steps, 1)}
            shown = visible_items(quiz)
            assert quiz.locator(".cw-pos").all_inner_texts() == [f"{n}." for n in range(1, len(shown) + 1)]
            assert all(marks[s].startswith(f"\u2717 Not quite. Belongs ") and f"position {steps[s]}" in marks[s]
                       for s in shown)


def page_layout(quiz, kind: str) -> dict[str, list[str]]:
    """The order the page shows, in the shape of ``layout``'s result."""
    shown = visible_items(quiz)
    if kind in ("single_choice", "multiple_select"):
        return {"options": shown}
    if kind == "matching":
        return {"items": shown, "targets": shown_targets(quiz)}
    if kind == "ordering":
        return {"order": shown}
    return {"items": shown}


def answer_one_part(quiz, kind: str) -> None:
    if kind == "matching":
        quiz.locator(".cw-item select").first.select_option(index=1)
    elif kind != "ordering":
        quiz.locator(".cw-item:not([hidden]) input").first.check()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "reflection"])
def test_layout_follows_the_saved_seed(built_site, site_url, page, kind):
    """The page shows the layout of the seed it saves; a reload shows it again; Start again makes a new one."""
    ex, url = one_of_each_kind(built_site)[kind]
    page.goto(site_url + url)
    quiz = page.locator(f"#cw-{ex.id}")
    seen = []
    for attempt in range(8):
        answer_one_part(quiz, kind)  # saves the attempt with its seed (a Check with nothing answered saves nothing)
        quiz.locator(".cw-check").click()
        entry = saved(page)["responses"][ex.id]
        expected = layout(ex, entry["seed"])
        expected.pop("shown", None)
        assert page_layout(quiz, kind) == expected
        if kind == "classification" and ex.sample:
            assert entry["shown"] == draw(ex, entry["seed"])
        if attempt == 0:
            page.reload()
            quiz = page.locator(f"#cw-{ex.id}")
            assert saved(page)["responses"][ex.id]["seed"] == entry["seed"]
            assert page_layout(quiz, kind) == expected, "a reload shows the saved layout"
        seen.append((entry["seed"], json.dumps(expected)))
        quiz.locator(".cw-retry").click()
        kept = saved(page)["responses"].get(ex.id, {})
        assert set(kept) <= {"history", "updated", "seed", "shown"}, "Start again drops the answer; the Checks stay"
        assert kept.get("seed") != entry["seed"], "the new attempt has a new seed (kept, so a reload asks the same)"
        assert len(kept.get("history", [])) == (attempt + 1 if kind != "reflection" else 0)
    assert len({s for s, _ in seen}) == len(seen), "every attempt has its own seed"
    assert len({lay for _, lay in seen}) > 1, "Start again shows a new layout"


PINNED = make("single_choice", options=[opt("a", True), opt("b"), opt("c"), {**opt("none"), "pin": True}])
PINNED_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pinned</title>'
               '<link rel="stylesheet" href="/_static/coursewidgets.css"></head><body><main>{quiz}</main>'
               '<script src="/_static/coursewidgets.js"></script></body></html>')


def test_a_pinned_option_stays_put(site_url, page):
    """An option pinned in the YAML keeps its place in every attempt; the others move."""
    body = PINNED_PAGE.format(quiz=render_html(PINNED))
    page.route(f"{site_url}/pinned.html", lambda route: route.fulfill(content_type="text/html", body=body))
    page.goto(f"{site_url}/pinned.html")
    quiz = page.locator(f"#cw-{PINNED.id}")
    orders = set()
    for _ in range(12):
        order = visible_items(quiz)
        assert order[-1] == "none" and sorted(order) == ["a", "b", "c", "none"]
        orders.add(tuple(order))
        quiz.locator(".cw-retry").click()
    assert len(orders) > 2
