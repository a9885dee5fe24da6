"""The page around the lessons, in headless Chromium: the phone menus, the site's icon, and print."""

from __future__ import annotations

from typing import Any

import pytest
from learner import PHONE, PROGRESS, guarded_page
from test_a11y import axe_page, violations

pytestmark = pytest.mark.browser

LESSON = "/chapters/02-defining-partnership.html"
DRAWERS = {"primary": "pst-primary-sidebar-modal", "secondary": "pst-secondary-sidebar-modal"}
FOCUS_IN = "id => document.getElementById(id).contains(document.activeElement)"
FOCUS_BACK = "selector => document.activeElement === document.querySelector(selector)"


@pytest.mark.parametrize("how", ["tap", "Enter"])
@pytest.mark.parametrize("which", DRAWERS)
def test_phone_menu_buttons_open_their_drawer_and_give_focus_back(site_url: str, browser: Any, which: str,
                                                                   how: str) -> None:
    """pydata-sphinx-theme#2451: at 360 px the menu and "On this page" buttons did nothing."""
    with guarded_page(browser, **PHONE) as page:
        page.goto(site_url + LESSON)
        page.wait_for_load_state("networkidle")
        button = page.locator(f".bd-header-article .{which}-toggle")
        assert button.is_visible()
        if how == "tap":
            button.tap()
        else:
            button.focus()
            page.keyboard.press("Enter")
        drawer = page.locator(f"#{DRAWERS[which]}")
        page.wait_for_function("id => document.getElementById(id).open", arg=DRAWERS[which], timeout=5000)
        assert drawer.locator("a:visible").count() > 0, "the drawer shows its links"
        assert page.evaluate(FOCUS_IN, DRAWERS[which]), "focus moves into the drawer"
        if which == "primary":
            assert drawer.get_by_role("link", name="My progress").is_visible()
        page.keyboard.press("Escape")
        # The dialog loses "open" at once; its "close" event, which gives focus back, comes a task later.
        page.wait_for_function("id => !document.getElementById(id).open", arg=DRAWERS[which], timeout=5000)
        page.wait_for_function(FOCUS_BACK, arg=f".bd-header-article .{which}-toggle", timeout=5000)


def test_open_phone_drawers_have_no_axe_violations(built_site: Any, site_url: str, browser: Any) -> None:
    problems = {}
    with axe_page(browser, built_site, site_url, **PHONE) as page:
        page.goto(site_url + LESSON)
        page.wait_for_load_state("networkidle")
        for which, drawer in DRAWERS.items():
            page.locator(f".bd-header-article .{which}-toggle").click()
            page.wait_for_function("id => document.getElementById(id).open", arg=drawer, timeout=5000)
            problems[which] = violations(page)
            page.keyboard.press("Escape")
    assert problems == {"primary": [], "secondary": []}


def test_site_has_its_own_icon(site_url: str, browser: Any) -> None:
    """Without one, browsers ask for /favicon.ico, and its 404 is logged as a console error."""
    with guarded_page(browser) as page:
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
        page.goto(site_url + LESSON)
        page.wait_for_load_state("networkidle")
        href = page.locator('link[rel="icon"]').get_attribute("href")
        icon = page.request.get(page.evaluate("href => new URL(href, document.baseURI).href", href))
        assert icon.ok and icon.headers["content-type"].startswith("image/svg")
        assert failed == []


LONG_TEXT = "\n".join(f"Line {n} of a long reflection that goes on and on." for n in range(1, 31))


def test_print_shows_whole_reflections_and_no_buttons(site_url: str, browser: Any) -> None:
    with guarded_page(browser) as page:
        page.goto(site_url + LESSON)
        box = page.locator(".cw-quiz textarea").first
        box.fill(LONG_TEXT)
        page.emulate_media(media="print")
        assert box.evaluate("t => t.scrollHeight <= t.clientHeight + 1"), "the text box is cut in print"
        assert page.locator(".bd-article button:visible").count() == 0
        page.emulate_media(media="screen")
        assert page.locator(".bd-article .cw-quiz button:visible").count() > 0


def test_progress_page_prints_the_summary_without_empty_headings(site_url: str, browser: Any) -> None:
    with guarded_page(browser) as page:
        page.goto(site_url + LESSON)
        page.locator(".cw-quiz textarea").first.fill(LONG_TEXT)  # reflections are saved as they are typed
        page.goto(site_url + PROGRESS)
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        headings = page.locator(".bd-article :is(h2, h3):visible").all_inner_texts()
        assert not [h for h in headings if h.startswith(("Your exercises", "Keep, move"))], headings
        assert page.locator("#jb-print-toc").is_hidden()
        assert page.locator(".bd-article :is(button, input, ul.simple):visible").count() == 0
        summary = page.locator("#cw-summary")
        assert summary.is_visible() and "Line 30 of a long reflection" in summary.inner_text()


def test_search_box_finds_lesson_text(site_url: str, browser: Any) -> None:
    """The search scripts load on the search page only (coursewidgets.site.assets); search still works."""
    with guarded_page(browser) as page:
        page.goto(site_url + LESSON)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Control+k")
        page.keyboard.type("Leathard")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?q=Leathard*")
        page.locator("#search-results li").first.wait_for(timeout=15000)
        assert page.locator("#search-results li a", has_text="Defining partnership").count() >= 1


HEADER_BUTTONS = """() => [...document.querySelectorAll('.bd-header-article :is(button, a.btn)')]
  .filter(b => b.offsetParent !== null && b.getClientRects().length && !b.closest('.dropdown-menu'))
  .map(b => { const r = b.getBoundingClientRect();
              return {name: b.getAttribute('aria-label') || b.title, w: r.width, h: r.height, right: r.right}; })"""


@pytest.mark.parametrize("width", [360, 320])
def test_phone_header_has_four_large_buttons_and_no_full_screen(built_site: Any, site_url: str, browser: Any,
                                                                 width: int) -> None:
    """F20: at phone widths the header keeps the menu, colour mode, search and contents buttons, each a 44 x 44 CSS
    px touch target; no full-screen, download or launch button shows; nothing scrolls sideways; axe is clean."""
    from test_a11y import axe_page

    with axe_page(browser, built_site, site_url, **{**PHONE, "viewport": {"width": width, "height": 740}}) as page:
        page.goto(site_url + LESSON)
        page.wait_for_load_state("networkidle")
        buttons = page.evaluate(HEADER_BUTTONS)
        assert [b["name"] for b in buttons] == ["Toggle primary sidebar", "Color mode", "Search",
                                                "Toggle secondary sidebar"], buttons
        assert all(b["w"] >= 44 and b["h"] >= 44 and b["right"] <= width for b in buttons), buttons
        for hidden in (".btn-fullscreen-button", ".dropdown-download-buttons", ".dropdown-launch-buttons"):
            assert page.locator(f".bd-header-article {hidden}:visible").count() == 0, hidden
        assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert violations(page) == []
    with guarded_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site_url + LESSON)
        assert page.locator(".bd-header-article .dropdown-download-buttons").is_visible(), "a laptop keeps Download"
