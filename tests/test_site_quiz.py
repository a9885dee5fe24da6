"""The Leathard quiz on the built site, in headless Chromium, by keyboard and by mouse."""

from __future__ import annotations

import pytest
from conftest import EXERCISES
from learner import pick_radio, tab_to, visible_items

from coursewidgets.core.bank import load_exercise
from coursewidgets.core.layout import allocation, variants_of

pytestmark = pytest.mark.browser
LESSON = "/chapters/02-defining-partnership.html"
QUIZ = "#cw-leathard-terms"
EX = load_exercise("leathard-terms", EXERCISES)
KEY = {i.id: i.answer for v in variants_of(EX) for i in v.items}  # the page asks one variant, by its seed
CATEGORIES = [c.id for c in EX.categories]


def shown(page) -> list[str]:
    return visible_items(page.locator(QUIZ))


def group(page, item: str) -> str:
    """The name of an item's radio group, whichever variant the page asks (its ids carry the variant's prefix)."""
    return page.locator(QUIZ).locator(f'.cw-item[data-item="{item}"] input[type=radio]').first.get_attribute("name")


def test_keyboard_only(site_url, page):
    page.goto(site_url + LESSON)
    items = shown(page)
    assert len(items) == EX.sample == 12
    for n, item in enumerate(items):  # the first one wrong, to see both kinds of feedback
        choice = KEY[item] if n else next(c for c in CATEGORIES if c != KEY[item])
        pick_radio(page, group(page, item), choice)
    tab_to(page, "el => el.classList.contains('cw-check') && !!el.closest('#cw-leathard-terms')")
    page.keyboard.press("Enter")
    quiz = page.locator(QUIZ)
    assert quiz.locator(".cw-status").inner_text() == "Score: 11 out of 12."
    first = quiz.locator(f'.cw-item[data-item="{items[0]}"] .cw-feedback')
    assert first.is_visible() and first.inner_text().startswith("\u2717 Not quite. Not ")
    second = quiz.locator(f'.cw-item[data-item="{items[1]}"] .cw-feedback')
    assert second.inner_text().startswith("\u2713 Correct.")
    assert quiz.locator(".cw-fold-toggle").inner_text() == "Show why for the 11 right answers", "right reasons fold"
    assert second.locator(".cw-why").is_hidden() and first.is_visible()
    assert quiz.locator(".cw-item.cw-right").count() == 11


def test_mouse_feedback_and_reload(site_url, page):
    page.goto(site_url + LESSON)
    quiz = page.locator(QUIZ)
    items = shown(page)
    for n, item in enumerate(items[:8]):
        choice = KEY[item] if n < 6 else next(c for c in CATEGORIES if c != KEY[item])
        quiz.locator(f'label[for="{group(page, item)}-{choice}"]').click()
    quiz.locator(".cw-check").click()
    assert quiz.locator(".cw-status").inner_text() == "Score: 6 out of 12. Some parts are not answered yet."
    errors = quiz.locator(".cw-errors")
    assert errors.is_visible() and "4 items are not answered yet." in errors.inner_text()
    errors.get_by_role("link").click()
    assert page.evaluate("document.activeElement.closest('.cw-item').dataset.item") == items[8]
    wrong = quiz.locator(f'.cw-item[data-item="{items[6]}"] .cw-feedback').inner_text()
    chosen = next(c.label for c in EX.categories if c.id != KEY[items[6]])
    item_feedback = next(i.feedback for v in variants_of(EX) for i in v.items if i.id == items[6])
    assert wrong == f"\u2717 Not quite. Not {chosen}. {item_feedback}"

    page.reload()
    quiz = page.locator(QUIZ)
    assert shown(page) == items, "the same terms come back after a reload"
    for n, item in enumerate(items[:8]):
        choice = KEY[item] if n < 6 else next(c for c in CATEGORIES if c != KEY[item])
        assert quiz.locator(f"#{group(page, item)}-{choice}").is_checked()
    assert quiz.locator(".cw-status").inner_text().startswith("Score: 6 out of 12.")


def test_start_again_draws_new_terms_and_clears(site_url, page):
    page.goto(site_url + LESSON)
    quiz = page.locator(QUIZ)
    first = shown(page)
    quiz.locator(f'label[for="{group(page, first[0])}-concept"]').click()
    draws = set()
    for _ in range(5):
        quiz.locator(".cw-retry").click()
        draws.add(tuple(shown(page)))
        assert quiz.locator("input:checked").count() == 0
    assert len(draws) > 1, "each attempt draws its own subset of the terms"


def test_draws_are_stratified_and_mixed(site_url, page):
    """Every draw shares its places evenly over the categories and does not list them category by category."""
    page.goto(site_url + LESSON)
    quiz = page.locator(QUIZ)
    runs = 0
    for _ in range(10):
        items = shown(page)
        asked = next(v for v in variants_of(EX) if set(items) <= {i.id for i in v.items})  # the variant on show
        sizes = [sum(i.answer == c for i in asked.items) for c in CATEGORIES]
        answers = [KEY[i] for i in items]
        assert [answers.count(c) for c in CATEGORIES] == allocation(sizes, asked.sample)
        runs += sum(a != b for a, b in zip(answers, answers[1:]))
        quiz.locator(".cw-retry").click()
    assert runs > 10 * (len(CATEGORIES) - 1), "the terms are not shown grouped by their answer"
