"""Every built page: loads in Chromium with no console error and nothing fetched from another host."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_every_page_is_self_contained_and_clean(built_site, site_url, page):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                   if "_static" not in p.parts and "reports" not in p.parts)
    assert "chapters/02-defining-partnership.html" in pages
    problems = []
    for name in pages:
        page.console_errors.clear()
        page.external_requests.clear()
        page.goto(f"{site_url}/{name}")
        page.wait_for_load_state("networkidle")
        if page.console_errors or page.external_requests:
            problems.append((name, list(page.console_errors), list(page.external_requests)))
    page.console_errors.clear()
    page.external_requests.clear()
    assert not problems, problems


def test_icons_come_from_the_web_font_not_the_heavy_script(built_site, site_url, page):
    html = (built_site / "chapters" / "02-defining-partnership.html").read_text()
    assert "fontawesome.js" not in html
    page.goto(f"{site_url}/chapters/02-defining-partnership.html")
    drawn = page.evaluate("""async () => {
        await document.fonts.ready;
        const icon = document.querySelector('.theme-switch-button i, .search-button i, i.fa-solid');
        const glyph = getComputedStyle(icon, '::before').content;
        return {glyph, font: document.fonts.check('900 16px "Font Awesome 6 Free"'), tag: icon.tagName};
    }""")
    assert drawn["tag"] == "I" and drawn["glyph"] not in ("none", "normal", "") and drawn["font"], drawn
