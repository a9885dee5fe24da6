"""axe-core on every page of the built site, theme included, at phone and desktop widths, and again with
the quizzes' feedback and error summaries showing. Nothing is allowed or switched off: axe runs its
default rules plus the WCAG 2.0-2.2 level A and AA rules it leaves out by default (such as target size
and label in name)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from learner import (PHONE, PROGRESS, REFUSE_WRITES, STORE_KEY, answer_by_keyboard, change_by_keyboard, guarded_page,
                     one_of_each_kind, quiz_pages, site_pages, theme_storage_error)

from coursewidgets.core.responses import FORMAT, VERSION

pytestmark = pytest.mark.browser
AXE = Axe()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@contextmanager
def axe_page(browser, built_site, site_url, **kwargs):
    """A guarded page for axe. axe's style-sheet preload resolves the theme's ``@import "../basic.css"``
    against the page rather than the style sheet, so that one fetch is answered with the real file."""
    with guarded_page(browser, **kwargs) as page:
        page.route(f"{site_url}/basic.css", lambda route: route.fulfill(path=built_site / "_static" / "basic.css"))
        yield page


def violations(page, at_top: bool = True) -> list[str]:
    """axe's findings on the page as it stands, scrolled to the top first unless ``at_top`` is False (a test of a
    scrolled state): axe counts a control that happens to sit half under the sticky header as too small a target,
    wherever the learner scrolls (the test below checks that a control being used is never left under it)."""
    if at_top:
        page.evaluate("window.scrollTo(0, 0)")
    page.evaluate(AXE.axe_script)
    rules = page.evaluate("tags => axe.getRules(tags).map(r => r.ruleId)", WCAG_AA)
    options = {"resultTypes": ["violations"], "rules": {r: {"enabled": True} for r in rules}}
    found = page.evaluate("options => axe.run(document, options)", options)["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in found]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_has_no_axe_violations(built_site, site_url, browser, size):
    pages = site_pages(built_site)
    assert {"chapters/progress.html", "chapters/accessibility.html", "search.html", "genindex.html"} <= set(pages)
    problems = {}
    with axe_page(browser, built_site, site_url, **(PHONE if size == "phone" else {})) as page:
        for name in pages:
            page.goto(f"{site_url}/{name}")
            found = violations(page)
            if found:
                problems[name] = found
    assert problems == {}


def test_what_the_scripts_add_has_no_axe_violations(built_site, site_url, browser):
    """Marks, error summaries, progress states, an import error, the reset confirmation, storage warnings."""
    problems = {}
    quiz_urls = sorted(set(quiz_pages(built_site).values()))
    with axe_page(browser, built_site, site_url, **PHONE) as page:
        for url in quiz_urls:
            page.goto(site_url + url)
            for check in page.locator("section.cw-quiz .cw-check").all():
                check.click()  # nothing answered: error summaries, and marks for the ordering quizzes
            problems[url] = violations(page)
        page.goto(site_url + PROGRESS)
        page.locator("#cw-import").set_input_files(files=[{"name": "x.json", "mimeType": "application/json",
                                                            "buffer": b"{"}])
        page.locator("#cw-import-error").wait_for()
        page.locator("#cw-reset-all").click()
        problems[PROGRESS] = violations(page)
    with axe_page(browser, built_site, site_url, allowed_error=theme_storage_error, init_script=REFUSE_WRITES,
                  **PHONE) as page:
        page.goto(site_url + quiz_urls[0])
        problems["storage warnings"] = violations(page)
    assert {where: found for where, found in problems.items() if found} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_changed_answers_questions_and_notices_have_no_axe_violations(built_site, site_url, browser, scheme):
    """Each kind after a wrong Check (the result summary and tied feedback), then after a change (old marks
    cleared) or, for a reflection, with "Start again" asking first; then a damaged record while the browser
    refuses to save (both notices), on a lesson and on the progress page."""
    problems = {}
    kinds = one_of_each_kind(built_site)
    with axe_page(browser, built_site, site_url, color_scheme=scheme, **PHONE) as page:
        for kind, (ex, url) in kinds.items():
            page.goto(f"{site_url}{url}#cw-{ex.id}")
            answer_by_keyboard(page, ex, right=False)
            problems[f"{kind} checked"] = violations(page)
            if kind == "reflection":
                page.keyboard.press("Tab")  # to Start again
                page.keyboard.press("Enter")
            else:
                change_by_keyboard(page, ex)
            problems[f"{kind} changed"] = violations(page)
    ex, url = kinds["single_choice"]
    damaged = {"format": FORMAT, "version": VERSION, "student": "", "responses": {ex.id: {"score": "two"}}}
    with axe_page(browser, built_site, site_url, allowed_error=theme_storage_error, color_scheme=scheme, **PHONE) as page:
        page.goto(site_url + url)
        page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORE_KEY, damaged])
        page.context.add_init_script(REFUSE_WRITES)
        for where in (url, PROGRESS):
            page.goto(site_url + where)
            assert page.locator(".cw-damaged").is_visible() and page.locator(".cw-storage").is_visible()
            problems[f"notices on {where}"] = violations(page)
    assert {where: found for where, found in problems.items() if found} == {}


def test_quiz_pages_in_dark_mode_have_no_axe_violations(built_site, site_url, browser):
    """The theme follows the reader's colour scheme; quizzes and the explorable must stay readable in it."""
    problems = {}
    urls = sorted({*quiz_pages(built_site).values(), "/chapters/trust-explorable.html"})
    with axe_page(browser, built_site, site_url, color_scheme="dark", **PHONE) as page:
        for url in urls:
            page.goto(site_url + url)
            assert page.evaluate("document.documentElement.dataset.theme") == "dark"
            problems[url] = violations(page)
    assert {where: found for where, found in problems.items() if found} == {}


def test_a_changed_answer_stays_clear_of_the_sticky_header(built_site, site_url, browser):
    """Changing a checked answer clears the feedback above it; the control being changed must not slide up
    under the page's sticky header (hidden from sight, and too small a target for axe)."""
    ex, url = one_of_each_kind(built_site)["multiple_select"]
    with axe_page(browser, built_site, site_url, **PHONE) as page:
        page.goto(f"{site_url}{url}#cw-{ex.id}")
        answer_by_keyboard(page, ex, right=False)
        boxes = page.locator(f"#cw-{ex.id} input[type=checkbox]:visible")
        last = boxes.nth(boxes.count() - 1)
        last.focus()
        header = "document.querySelector('.bd-header-article').getBoundingClientRect().bottom"
        last.evaluate(f"el => window.scrollBy(0, el.getBoundingClientRect().top - {header} - 4)")  # just below it
        page.keyboard.press("Space")
        top, bottom = last.evaluate(f"el => [el.getBoundingClientRect().top, {header}]")
        assert top >= bottom, f"the changed box is at {top:.0f} px, under the header ending at {bottom:.0f} px"
