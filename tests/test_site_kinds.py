"""One quiz of each kind, answered right and then wrong on its lesson page, with the expected feedback."""

from __future__ import annotations

import pytest
from learner import one_of_each_kind, visible_items

from coursewidgets.core.models import KINDS

pytestmark = pytest.mark.browser


def choose(quiz, ex, right: bool) -> None:
    """Answer with the mouse, every part right or every part wrong."""
    base = f"cw-{ex.id}"
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
    elif ex.kind == "ordering":
        goal = [s.id for s in ex.steps] if right else [s.id for s in reversed(ex.steps)]
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

    choose(quiz, ex, right=True)
    quiz.locator(".cw-check").click()
    if kind == "reflection":
        assert status.inner_text().startswith("Saved.")
        assert quiz.locator(".cw-model li").all_inner_texts() == ex.model_points
    else:
        score = status.inner_text()
        maximum = score.split(" out of ")[1].rstrip(".")
        assert score == f"Score: {maximum} out of {maximum}."
        assert quiz.locator(".cw-feedback:visible").first.inner_text().startswith("\u2713 Correct.")

    quiz.locator(".cw-retry").click()
    choose(quiz, ex, right=False)
    quiz.locator(".cw-check").click()
    if kind == "reflection":
        assert status.inner_text().startswith("Write your answer first")
        assert quiz.locator(".cw-model").is_hidden()
    else:
        assert status.inner_text().startswith("Score: 0 out of ")
        marks = quiz.locator(".cw-feedback:visible").all_inner_texts()
        assert marks and all(m.startswith("\u2717 Not quite.") for m in marks)
