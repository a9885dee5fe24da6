"""Page speed (coursewidgets.site.assets) in headless Chromium: a lesson's first visit stays within its
budget, and the slimmed pages look exactly like the same pages with every style sheet the theme
ships and the full icon font, on a phone and a laptop, in light and dark mode."""

from __future__ import annotations

import base64
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from site_speed import served, transfers  # noqa: E402

pytestmark = pytest.mark.browser

LESSON = "chapters/02-defining-partnership.html"
BUDGET = 150 * 1024
"""Bytes over the wire (gzip, as static hosts serve) for a lesson's first visit."""
PAGES = [LESSON, "chapters/trust-explorable.html", "chapters/progress.html", "intro.html"]
PROFILES = {"phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
            "laptop": {"viewport": {"width": 1280, "height": 800}}}
DIFFERENT_PIXELS = """async ([a, b]) => {
  const load = src => new Promise((ok, fail) => { const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return -1;
  const pixels = img => { const c = new OffscreenCanvas(img.width, img.height); const g = c.getContext('2d');
    g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
  const [p, q] = [pixels(x), pixels(y)];
  let n = 0;
  for (let i = 0; i < p.length; i += 4)
    if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) n++;
  return n;
}"""


def theme_file(relative: str) -> Path:
    """A file as pydata-sphinx-theme ships it, before the build slims it."""
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / relative


def test_first_visit_to_a_lesson_is_within_budget(built_site: Path, browser: Any) -> None:
    """Measured as ``make bench`` does: every transfer of a first visit on a phone, gzip-compressed."""
    with served(built_site) as url:
        context = browser.new_context(**PROFILES["phone"])
        try:
            sizes = transfers(context.new_page(), f"{url}/{LESSON}")
        finally:
            context.close()
    listing = "\n".join(f"{size / 1024:6.1f} kB  {path}" for path, size in sorted(sizes, key=lambda t: -t[1]))
    assert sum(size for _, size in sizes) <= BUDGET, f"first visit over {BUDGET // 1024} kB:\n{listing}"


def _full_theme(context: Any, built_site: Path) -> None:
    """Serve the theme's full style sheet and icon fonts, and link every style sheet the build has."""
    def original(route: Any) -> None:
        relative = route.request.url.split("/_static/", 1)[1].split("?")[0]
        route.fulfill(path=str(theme_file(relative)))

    all_css = sorted(p.relative_to(built_site / "_static").as_posix() for p in (built_site / "_static").glob("*.css"))

    def every_style_sheet(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        depth = route.request.url.split("//", 1)[1].split("/", 1)[1].count("/")
        links = "".join(f'<link rel="stylesheet" href="{"../" * depth}_static/{name}">' for name in all_css
                        if f"_static/{name}" not in html)
        route.fulfill(response=response, body=html.replace("</head>", links + "</head>", 1))

    context.route("**/_static/styles/pydata-sphinx-theme.css*", original)
    context.route("**/_static/vendor/fontawesome/webfonts/*", original)
    context.route("**/*.html", every_style_sheet)


def _shot(browser: Any, url: str, profile: str, mode: str, full: Path | None) -> bytes:
    context = browser.new_context(**PROFILES[profile])
    try:
        context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        if full:
            _full_theme(context, full)
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        return page.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", PAGES)
def test_slimmed_pages_look_the_same(built_site: Path, site_url: str, browser: Any, artifacts: Path,
                                     name: str, profile: str, mode: str) -> None:
    slim = _shot(browser, f"{site_url}/{name}", profile, mode, None)
    full = _shot(browser, f"{site_url}/{name}", profile, mode, built_site)
    page = browser.new_page()
    try:
        page.goto(f"{site_url}/{LESSON}")
        as_url = "data:image/png;base64,{}".format
        differ = page.evaluate(DIFFERENT_PIXELS, [as_url(base64.b64encode(slim).decode()),
                                                  as_url(base64.b64encode(full).decode())])
    finally:
        page.close()
    if differ:
        stem = f"look-{Path(name).stem}-{profile}-{mode}"
        (artifacts / f"{stem}-slim.png").write_bytes(slim)
        (artifacts / f"{stem}-full.png").write_bytes(full)
    assert differ == 0, f"{differ} pixels differ (-1: the page changed size); see test-artifacts/"
