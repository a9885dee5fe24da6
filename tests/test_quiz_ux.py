"""What a learner sees around the Check button, by keyboard alone: the result in view next to the button
with links to the items not right yet, feedback tied to its control, old marks cleared when an answer
changes, "Start again" on a reflection asking first, and a clear note (and no reloading form) without
JavaScript."""

from __future__ import annotations

import re

import pytest
from learner import (BANK, PHONE, PROGRESS, answer_by_keyboard, change_by_keyboard, guarded_page, maximum,
                     one_of_each_kind, quiz_pages, saved, tab_to)
from playwright.sync_api import expect

from coursewidgets.core.grading import grade
from coursewidgets.core.models import KINDS, Exercise

pytestmark = pytest.mark.browser
SIZES = {"phone": PHONE, "laptop": {"viewport": {"width": 1280, "height": 800}}}
MARKED = [k for k in KINDS if k != "reflection"]
IN_VIEW = """el => {
  const r = el.getBoundingClientRect(), x = r.left + Math.min(8, r.width / 2);
  const hit = y => { const at = document.elementFromPoint(x, y); return !!at && (at === el || el.contains(at)); };
  return r.height > 0 && r.top >= -0.5 && r.bottom <= innerHeight + 0.5 && hit(r.top + 2) && hit(r.bottom - 2);
}"""
"""The whole element is inside the window (to within half a pixel) and not under the sticky header: its top and
bottom edges show."""
DESCRIPTION = """el => (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
  .map(id => document.getElementById(id).textContent).join(' ')"""


PARTS = {"single_choice": "options", "multiple_select": "options", "classification": "items", "matching": "pairs",
         "ordering": "steps", "reflection": "model_points"}


def parts(ex: Exercise) -> list:
    return getattr(ex, PARTS[ex.kind])


@pytest.fixture(scope="module")
def largest(built_site) -> dict[str, tuple[Exercise, str]]:
    """For every kind, the quiz on the site that shows the most parts (the tallest: the hardest to fit)."""
    found: dict[str, tuple[Exercise, str]] = {}
    for ident, url in quiz_pages(built_site).items():
        ex = BANK[ident]
        size = ex.sample if ex.kind == "classification" and ex.sample else len(parts(ex))
        if ex.kind not in found or size > found[ex.kind][2]:
            found[ex.kind] = (ex, url, size)
    assert sorted(found) == sorted(KINDS), "the site shows every kind of quiz"
    return {kind: (ex, url) for kind, (ex, url, _) in found.items()}


def text_of(ex: Exercise, ident: str) -> str:
    return next(p.text for p in parts(ex) if p.id == ident)


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("kind", KINDS)
def test_check_shows_its_result_beside_the_button(largest, site_url, browser, kind, size):
    """Answer everything wrongly with the keyboard, saying "Sure", and press Check: the button, the score, the
    confidence mark and the list of items not right yet are all in view; each item in the list is a link that moves the focus to it, and
    its control is described by its feedback."""
    ex, url = largest[kind]
    base = f"cw-{ex.id}"
    with guarded_page(browser, **SIZES[size]) as page:
        page.goto(f"{site_url}{url}#{base}")  # as the progress page links to it; Tab starts from the quiz
        answer_by_keyboard(page, ex, right=False, sure=None if kind == "reflection" else 3)
        quiz = page.locator(f"#{base}")
        check = quiz.locator(".cw-check")
        assert check.evaluate("b => b === document.activeElement"), "the focus stays on Check"
        assert check.evaluate(IN_VIEW), "the Check button just pressed is in view"
        assert quiz.locator(".cw-status").evaluate(IN_VIEW), "the score is in view"
        if kind == "reflection":
            model = quiz.locator(".cw-model")
            assert model.locator("p").evaluate(IN_VIEW) and model.locator("li").first.evaluate(IN_VIEW), \
                "the model points start in view, under the button"
            return
        result = quiz.locator(".cw-result")
        assert result.is_visible() and result.evaluate(IN_VIEW), "the result summary is in view"
        cbm = quiz.locator(".cw-cbm")
        assert cbm.evaluate(IN_VIEW), "the confidence mark is in view, beside the score"
        assert cbm.inner_text().startswith("Sure but wrong: -6.") or cbm.inner_text().startswith("Sure and partly right")
        assert "again." in cbm.inner_text(), "sure and not right: it says what to read again"

        entry = saved(page)["responses"][ex.id]
        g = grade(ex, entry["answer"], entry.get("shown"))
        wrong = [i.id for i in g.items if i.correct is False]
        assert wrong and g.score < g.max
        count = "1 answer is" if len(wrong) == 1 else f"{len(wrong)} answers are"
        assert result.locator(".cw-result-title").inner_text() == f"{count} not right yet:"
        assert result.locator("a").all_inner_texts() == [text_of(ex, i) for i in wrong]

        tab_to(page, "el => !!el.closest('.cw-result')")  # Tab on from Check: Start again, then the list
        page.keyboard.press("Enter")
        focused = page.locator(":focus")
        assert focused.evaluate("el => el.closest('.cw-item').dataset.item") == wrong[0]
        assert focused.evaluate(IN_VIEW), "the item the link leads to is in view"
        feedback = quiz.locator(f'.cw-item[data-item="{wrong[0]}"] .cw-feedback')
        assert feedback.is_visible() and focused.evaluate(DESCRIPTION) == feedback.inner_text() != ""
        expect(focused).to_have_accessible_description(feedback.inner_text())


@pytest.mark.parametrize("kind", MARKED)
def test_changing_an_answer_clears_its_old_marks(built_site, site_url, page, kind):
    """After Check, a changed answer loses its old marks and score (said in the live status line) until the
    next Check, and the progress page says the same: attempted, not checked."""
    ex, url = one_of_each_kind(built_site)[kind]
    base = f"cw-{ex.id}"
    page.goto(f"{site_url}{url}#{base}")
    answer_by_keyboard(page, ex)
    quiz = page.locator(f"#{base}")
    status = quiz.locator(".cw-status")
    assert status.inner_text() == f"Score: {maximum(ex)} out of {maximum(ex)}."
    assert quiz.locator(".cw-item.cw-right").count() > 0

    change_by_keyboard(page, ex)
    assert "You changed your answer after it was checked" in status.inner_text()
    assert "Score" not in status.inner_text()
    assert quiz.locator(".cw-right, .cw-wrong, .cw-missed, .cw-missing").count() == 0
    assert quiz.locator(".cw-feedback:visible").count() == 0 and quiz.locator(".cw-result").is_hidden()
    assert quiz.locator("[aria-describedby*='-fb']").count() == 0, "no control is described by an old mark"
    assert "score" not in saved(page)["responses"][ex.id]

    page.goto(site_url + PROGRESS)
    assert page.locator(f'[data-progress="{ex.id}"] .cw-state').inner_text() == "Attempted, not checked yet"
    page.goto(site_url + url)
    assert page.locator(f"#{base} .cw-feedback:visible").count() == 0
    assert not page.locator(f"#{base} .cw-status").inner_text().startswith("Score")


def test_start_again_on_a_reflection_asks_first(built_site, site_url, page):
    ex, url = one_of_each_kind(built_site)["reflection"]
    base = f"cw-{ex.id}"
    writing = "Three paragraphs I do not want to lose."
    page.goto(f"{site_url}{url}#{base}")
    tab_to(page, f"el => el.id === '{base}-text'")
    page.keyboard.type(writing)
    text = page.locator(f"#{base}-text")

    tab_to(page, f"el => el.classList.contains('cw-retry') && !!el.closest('#{base}')")
    page.keyboard.press("Enter")
    ask = page.locator(f"#{base} .cw-ask")
    focused = page.locator(":focus")
    assert ask.is_visible() and focused.inner_text() == "No, keep it"
    expect(focused).to_have_accessible_description(re.compile("deletes what you have written"))
    assert text.input_value() == writing and saved(page)["responses"][ex.id]["answer"] == writing
    page.keyboard.press("Enter")
    assert ask.is_hidden() and text.input_value() == writing
    assert page.evaluate("document.activeElement.classList.contains('cw-retry')")

    page.keyboard.press("Enter")  # Escape keeps it too
    assert ask.is_visible()
    page.keyboard.press("Escape")
    assert ask.is_hidden() and text.input_value() == writing
    assert page.evaluate("document.activeElement.classList.contains('cw-retry')")

    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    assert page.locator(":focus").inner_text() == "Yes, delete my answer"
    page.keyboard.press("Enter")
    assert text.input_value() == "" and ex.id not in saved(page)["responses"]
    assert page.evaluate(f"document.activeElement.id === '{base}-text'")
    assert page.locator(f"#{base} .cw-status").inner_text() == "Cleared. Have another go."


def test_without_javascript_a_quiz_says_so_and_keeps_the_answer(built_site, site_url, browser):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    base = f"cw-{ex.id}"
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + url)
        for quiz in page.locator("section.cw-quiz").all():
            assert "needs JavaScript" in quiz.locator(".cw-noscript").inner_text()
            assert quiz.locator(".cw-check").is_hidden() and quiz.locator(".cw-check").is_disabled()
            assert quiz.locator(".cw-retry").is_hidden()
        tab_to(page, f"el => el.name === '{base}'")
        page.keyboard.press("Space")
        chosen = page.evaluate("document.activeElement.id")
        page.keyboard.press("Enter")  # would submit a form that has a working submit button
        page.wait_for_timeout(500)
        assert page.url == site_url + url, "nothing reloads the page"
        assert page.locator(f"#{chosen}").is_checked()
