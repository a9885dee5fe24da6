"""Each kind of quiz on a 360 x 740 phone screen, with the keyboard alone: the error summary when Check
is pressed too early, visible focus, a live score, no sideways scrolling and tap targets of 24 px or
more (WCAG 2.5.8). A screenshot of each quiz is kept as a test artefact."""

from __future__ import annotations

import pytest
from learner import PHONE, answer_by_keyboard, focus_id, guarded_page, maximum, one_of_each_kind, site_pages, tab_to

from coursewidgets.core.models import KINDS

pytestmark = pytest.mark.browser

SMALL_TARGETS = """q => [...q.querySelectorAll('input, select, textarea, button, a')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.id || el.textContent.trim(), el.getBoundingClientRect()])
  .filter(([, r]) => r.width < 24 || r.height < 24)
  .map(([name, r]) => `${name}: ${Math.round(r.width)} x ${Math.round(r.height)}`)"""
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def kinds(built_site):
    found = one_of_each_kind(built_site)
    assert sorted(found) == sorted(KINDS), "the site shows every kind of quiz"
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_quiz_by_keyboard_on_a_phone(kinds, site_url, browser, artifacts, kind):
    ex, url = kinds[kind]
    base = f"cw-{ex.id}"
    with guarded_page(browser, **PHONE) as page:
        page.goto(site_url + url)
        quiz = page.locator(f"#{base}")
        status = quiz.locator(".cw-status")
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

        if kind != "ordering":  # a list is always in some order, so only the others can be incomplete
            tab_to(page, f"el => el.classList.contains('cw-check') && !!el.closest('#{base}')")
            page.keyboard.press("Enter")
            errors = quiz.locator(".cw-errors")
            assert errors.is_visible() and errors.evaluate("e => e === document.activeElement")
            assert errors.inner_text().startswith("Not answered yet")
            first_missing = errors.locator("a").get_attribute("href").lstrip("#")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            assert focus_id(page) == first_missing
            assert quiz.locator(f"#{first_missing}").get_attribute("aria-invalid") == "true"

        answer_by_keyboard(page, ex)
        if kind == "reflection":
            assert status.inner_text().startswith("Saved.")
            assert quiz.locator(".cw-model li").count() == len(ex.model_points)
        else:
            assert status.inner_text() == f"Score: {maximum(ex)} out of {maximum(ex)}."
            if kind == "classification" and quiz.locator(".cw-fold-toggle").count():  # long: reasons folded
                assert all(m.strip() == "\u2713 Correct." for m in quiz.locator(".cw-feedback:visible").all_inner_texts())
                quiz.locator(".cw-fold-toggle").click()
                assert quiz.locator(".cw-fold-toggle").get_attribute("aria-expanded") == "true"
            marks = quiz.locator(".cw-feedback:visible").all_inner_texts()
            tick = "\u2713 " if kind == "multiple_select" else "\u2713 Correct. "  # the grader marks each option itself
            assert marks and all(m.startswith(tick) and len(m) > len(tick) + 2 for m in marks), "words and a tick, not colour alone"
        assert quiz.locator(".cw-errors").is_hidden()

        assert page.evaluate(SIDEWAYS) <= 0, "the page scrolls sideways at 360 px"
        assert quiz.evaluate(SMALL_TARGETS) == []
        quiz.screenshot(path=str(artifacts / f"phone-{kind}-quiz.png"))
        status.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"phone-{kind}-screen.png"))


def test_every_page_reflows_at_320_px(built_site, site_url, browser):
    """1280 px zoomed to 400% (WCAG 1.4.10): no page of the site scrolls sideways."""
    with guarded_page(browser, viewport={"width": 320, "height": 740}) as page:
        wide = {}
        for name in site_pages(built_site):
            page.goto(f"{site_url}/{name}")
            wide[name] = page.evaluate(SIDEWAYS)
    assert {name: px for name, px in wide.items() if px > 0} == {}


def test_a_table_wider_than_a_phone_says_it_scrolls(built_site, site_url, browser):
    """Lesson 2's copy of Leathard's table is wider than a 360 px phone: a line above it says it scrolls
    sideways, its box is a named region the keyboard can scroll, and on a laptop there is no such line."""
    lesson = "/chapters/02-defining-partnership.html"
    with guarded_page(browser, **PHONE) as page:
        page.goto(site_url + lesson)
        hint = page.locator(".cw-scroll-hint").first
        assert hint.is_visible() and "scroll it sideways" in hint.inner_text()
        box = page.locator(".pst-scrollable-table-container.cw-wide").first
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert "scroll sideways" in box.get_attribute("aria-label")
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.cw-wide').scrollLeft > 0")
    with guarded_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site_url + lesson)
        assert page.locator(".cw-scroll-hint").count() == 0
