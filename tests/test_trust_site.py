"""The kernel-free trust explorable on the built site, in headless Chromium."""

from __future__ import annotations

from typing import Any

import pytest

from coursewidgets.trust.model import MIXES, NAMES, NOISE_VALUES, W_VALUES, simulate
from coursewidgets.trust.html import DEFAULT_W, line_points, summary, view_data

pytestmark = pytest.mark.browser

PAGE = "/chapters/trust-explorable.html"

# Runs in the page: sets the controls to each setting, fires the events a reader's input fires, and
# reads back what the page then shows.
READ_ALL = """root => {
  const [w, noise, mix] = [root.id + "-w", root.id + "-noise", root.id + "-mix"].map(id => document.getElementById(id));
  const cells = attr => [...root.querySelectorAll(`[${attr}]`)].map(el => el.textContent);
  const shown = [];
  for (let wi = 0; wi <= Number(w.max); wi++)
    for (let ni = 0; ni < noise.options.length; ni++)
      for (let mi = 0; mi < mix.options.length; mi++) {
        [w.value, noise.value, mix.value] = [wi, ni, mi];
        w.dispatchEvent(new Event("input"));
        noise.dispatchEvent(new Event("change"));
        mix.dispatchEvent(new Event("change"));
        shown.push({summary: root.querySelector(".cw-trust-summary").textContent,
                    scores: cells("data-score"), start: cells("data-start"), end: cells("data-end"),
                    lines: [...root.querySelectorAll("[data-line]")].map(el => el.getAttribute("points"))});
      }
  return shown;
}"""


def snapshot(page: Any) -> dict[str, Any]:
    root = page.locator(".cw-trust")
    return {
        "summary": root.locator(".cw-trust-summary").text_content(),
        "table": root.locator("table").inner_text(),
        "bars": [el.get_attribute("width") for el in root.locator("[data-bar]").all()],
        "lines": [el.get_attribute("points") for el in root.locator("[data-line]").all()],
    }


def coords(points: str) -> list[float]:
    return [float(v) for pair in points.split() for v in pair.split(",")]


def open_page(page: Any, site_url: str) -> None:
    response = page.goto(site_url + PAGE)
    assert response.ok, f"{PAGE} is missing from the built site (is chapters/trust-explorable in _toc.yml?)"
    page.wait_for_load_state("networkidle")


def test_controls_redraw_chart_and_text(page: Any, site_url: str) -> None:
    open_page(page, site_url)
    slider = page.get_by_label("Chance of meeting again")
    assert slider.is_visible() and slider.get_attribute("aria-valuetext") == f"{DEFAULT_W:.0%}"
    start = snapshot(page)

    slider.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    moved = snapshot(page)
    assert slider.get_attribute("aria-valuetext") == "70%"
    assert page.locator(".cw-trust output").text_content() == "70%"
    for part in start:
        assert moved[part] != start[part], part
    assert page.locator(".cw-trust-summary").get_attribute("aria-live") == "polite"

    page.get_by_label("Moves that come out wrong (noise)").select_option(label="10%")
    assert snapshot(page)["summary"] != moved["summary"]
    page.get_by_label("Starting mix of partners").focus()
    page.keyboard.press("ArrowDown")  # keyboard changes a closed <select> in Chromium
    assert "mostly always hold back" in snapshot(page)["summary"]


def test_page_shows_what_python_computes_for_every_setting(page: Any, site_url: str) -> None:
    open_page(page, site_url)
    shown = page.locator(".cw-trust").evaluate(READ_ALL)
    settings = [(w, noise, mix) for w in W_VALUES for noise in NOISE_VALUES for mix in MIXES]
    assert len(shown) == len(settings)
    for seen, (w, noise, mix) in zip(shown, settings):
        data = view_data(simulate(w, noise, mix))
        expected = {
            "summary": summary(data, w, noise, mix),
            "scores": [f"{s:.2f}" for s in data["scores"]],
            "start": [f"{series[0]}%" for series in data["shares"]],
            "end": [f"{series[-1]}%" for series in data["shares"]],
        }
        drawn = seen.pop("lines")
        assert seen == expected, (w, noise, mix)
        for points, series in zip(drawn, data["shares"]):  # the same line; each side rounds to 0.1
            assert coords(points) == pytest.approx(coords(line_points(series)), abs=0.11), (w, noise, mix)
    assert len(shown[0]["scores"]) == len(NAMES)


def test_script_is_silent_on_pages_without_the_explorable(page: Any, site_url: str) -> None:
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".cw-trust").count() == 0


# Text of every live region a screen reader would speak from: aria-live, live roles and <output>
# (role status), unless hidden from assistive technology.
LIVE_TEXTS = """() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert], [role=log], output')]
  .filter(el => !el.closest('[aria-hidden=true]') && el.getAttribute('aria-live') !== 'off')
  .map(el => el.textContent)"""


def test_one_announcement_per_slider_step(page: Any, site_url: str) -> None:
    open_page(page, site_url)
    page.get_by_label("Chance of meeting again").focus()
    for key in ("ArrowLeft", "ArrowLeft", "ArrowRight", "End", "Home"):
        before = page.evaluate(LIVE_TEXTS)
        page.keyboard.press(key)
        after = page.evaluate(LIVE_TEXTS)
        changed = [new for old, new in zip(before, after) if old != new]
        assert len(before) == len(after) and len(changed) == 1, (key, changed)
    assert page.locator(".cw-trust output").text_content() == "0%", "the value is still shown"


NOTHING_SCROLLS_SIDEWAYS = """t => {
  for (let box = t.parentElement; box && box.tagName !== 'ARTICLE'; box = box.parentElement)
    if (box.scrollWidth > box.clientWidth) return false;
  return true;
}"""


def test_results_table_fits_at_400_percent_zoom(browser: Any, site_url: str) -> None:
    """A 1280 x 800 window at 400% is 320 x 200 CSS px: no column of the table is cut or scrolled."""
    context = browser.new_context(viewport={"width": 320, "height": 200})
    try:
        page = context.new_page()
        open_page(page, site_url)
        table = page.locator(".cw-trust-table")
        assert table.evaluate("t => t.getBoundingClientRect().right <= "
                              "t.closest('.cw-trust').getBoundingClientRect().right")
        assert table.evaluate(NOTHING_SCROLLS_SIDEWAYS), "a box around the table scrolls sideways"
        assert table.evaluate("t => [...t.querySelectorAll('th, td')].every(c => c.scrollWidth <= c.clientWidth)")
    finally:
        context.close()


IN_VIEW = """([sel, top]) => { const r = document.querySelector(sel).getBoundingClientRect();
  return r.top >= top - 1 && r.bottom <= innerHeight + 1; }"""
HEADER_BOTTOM = "() => document.querySelector('.bd-header-article').getBoundingClientRect().bottom"
SLIDER, LINES, LEGEND = ".cw-trust input[type=range]", "svg.cw-trust-lines", ".cw-trust-legend"


def test_on_a_phone_the_slider_and_the_line_chart_share_the_screen(built_site: Any, site_url: str,
                                                                    browser: Any) -> None:
    """F18: at 360 x 740 the line chart comes right after the controls, so with the slider scrolled up under the
    sticky header the slider, the whole line chart and its legend are on screen together; scrolling on, the slider
    stays (sticky) while the chart goes by; the keyboard never puts a select under it (the slider is the last
    control); moving the slider redraws
    the chart in view. At 400% zoom (320 x 200) nothing sticks. No sideways scrolling, no axe violations."""
    from learner import PHONE, guarded_page
    from test_a11y import axe_page, violations

    with axe_page(browser, built_site, site_url, **PHONE) as page:
        open_page(page, site_url)
        slider = page.locator(SLIDER)
        slider.scroll_into_view_if_needed()
        slider.evaluate("s => scrollBy(0, s.getBoundingClientRect().top - 64)")  # a reader scrolls it up to the top
        header = page.evaluate(HEADER_BOTTOM)
        for sel in (SLIDER, LINES, LEGEND):
            assert page.evaluate(IN_VIEW, [sel, header]), f"{sel} is off screen with the slider at the top"
        page.locator(LEGEND).evaluate("e => e.scrollIntoView({block: 'end'})")  # the chart at the foot of the screen
        assert page.evaluate(IN_VIEW, [SLIDER, header]) and page.evaluate(IN_VIEW, [LINES, header])
        page.locator(".cw-trust-summary").evaluate("e => e.scrollIntoView({block: 'end'})")
        assert page.evaluate(IN_VIEW, [SLIDER, header]), "the slider stays in view below the chart"
        slider.focus()
        page.keyboard.press("Shift+Tab")  # back to the starting mix, above the slider
        mix = page.evaluate("() => document.activeElement.getBoundingClientRect()")
        bar = slider.evaluate("s => s.parentElement.getBoundingClientRect()")
        assert page.evaluate("() => document.activeElement.tagName") == "SELECT"
        assert mix["top"] >= header - 1 and (mix["bottom"] <= bar["top"] + 1 or mix["top"] >= bar["bottom"] - 1), \
            "the focused select is not under the sticky slider"

        page.locator(LEGEND).evaluate("e => e.scrollIntoView({block: 'end'})")
        before = page.locator("[data-line]").first.get_attribute("points")
        slider.focus()
        for _ in range(3):
            page.keyboard.press("ArrowLeft")
        assert page.locator("[data-line]").first.get_attribute("points") != before
        assert page.evaluate(IN_VIEW, [LINES, header]), "the redrawn chart is in view"
        assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert violations(page, at_top=False) == []  # with the slider stuck over the scrolled page
    with guarded_page(browser, viewport={"width": 320, "height": 200}) as page:
        open_page(page, site_url)
        assert page.locator(SLIDER).evaluate("s => getComputedStyle(s.parentElement).position") == "static"
