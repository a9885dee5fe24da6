"""Page speed (coursewidgets.site.assets) in headless Chromium: a lesson's first visit stays within its
budget; every icon the pages draw is in the slimmed icon font; and the slimmed pages look like the
same pages with every style sheet the theme ships and the full icon font, on a phone and a laptop,
in light and dark mode. (Subsetting moves an icon by a pixel at most, so a few pixels may differ;
a lost icon, style rule or colour would change far more.)"""

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
TOLERANCE = 64
"""Pixels that may differ between the slimmed and the full page: anti-aliasing of a moved icon."""
BUDGET = 150 * 1024
"""Bytes over the wire (gzip, as static hosts serve) for a lesson's first visit."""
REVIEW = "chapters/review.html"
REVIEW_BUDGET = 100 * 1024
"""The Review page's first visit, however many exercises the bank holds."""
PAGES = [LESSON, "chapters/trust-explorable.html", "chapters/progress.html", "intro.html"]
PROFILES = {"phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
            "laptop": {"viewport": {"width": 1280, "height": 800}}}
SAME_DRAW = ("(() => { let s = 7; const next = () => (s = s * 16807 % 2147483647);"
             " Math.random = () => next() / 2147483647;"
             " crypto.getRandomValues = a => { for (let i = 0; i < a.length; i++) a[i] = next(); return a; }; })();")
"""Quizzes lay out each attempt from a random seed: both screenshots get the same seeds, so the same layouts."""
DIFFERENT_PIXELS = """async ([a, b]) => {
  const load = src => new Promise((ok, fail) => {
    const i = new Image(); i.onload = () => ok(i); i.onerror = fail; i.src = src; });
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


@pytest.mark.parametrize(("page", "budget"), [(LESSON, BUDGET), (REVIEW, REVIEW_BUDGET)])
def test_first_visit_is_within_budget(built_site: Path, browser: Any, page: str, budget: int) -> None:
    """Measured as ``make bench`` does: every transfer of a first visit on a phone, gzip-compressed. The Review
    page fetches its quizzes when due, so its first visit does not grow with the bank."""
    with served(built_site) as url:
        context = browser.new_context(**PROFILES["phone"])
        try:
            sizes = transfers(context.new_page(), f"{url}/{page}")
        finally:
            context.close()
    listing = "\n".join(f"{size / 1024:6.1f} kB  {path}" for path, size in sorted(sizes, key=lambda t: -t[1]))
    assert sum(size for _, size in sizes) <= budget, f"first visit over {budget // 1024} kB:\n{listing}"


# Every Font Awesome glyph the page draws: (font family, weight, code point) of each ::before / ::after.
ICONS_DRAWN = """() => [...document.querySelectorAll('*')]
  .flatMap(el => ['::before', '::after'].map(p => getComputedStyle(el, p)))
  .filter(s => s.fontFamily.includes('Font Awesome') && s.content.length === 3)
  .map(s => [s.fontFamily, s.fontWeight, s.content.codePointAt(1)])"""
FONT_FILES = {("Free", "900"): "fa-solid-900.woff2", ("Free", "400"): "fa-regular-400.woff2",
              ("Brands", "400"): "fa-brands-400.woff2"}


@pytest.mark.parametrize("profile", PROFILES)
def test_every_icon_drawn_is_in_the_slimmed_font(built_site: Path, site_url: str, browser: Any, profile: str) -> None:
    from fontTools.ttLib import TTFont

    fonts = built_site / "_static" / "vendor" / "fontawesome" / "webfonts"
    cmaps = {key: set(TTFont(fonts / name).getBestCmap()) for key, name in FONT_FILES.items()}
    drawn: set[tuple[str, str, int]] = set()
    context = browser.new_context(**PROFILES[profile])
    try:
        page = context.new_page()
        for name in PAGES:
            page.goto(f"{site_url}/{name}")
            drawn |= {tuple(icon) for icon in page.evaluate(ICONS_DRAWN)}
    finally:
        context.close()
    assert len(drawn) >= 5, "the pages draw their icons with Font Awesome"
    missing = [(family, weight, hex(point)) for family, weight, point in drawn
               if point not in cmaps["Brands" if "Brands" in family else "Free", weight]]
    assert missing == []


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
        context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
                                + SAME_DRAW)
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
    if differ < 0 or differ > TOLERANCE:
        stem = f"look-{Path(name).stem}-{profile}-{mode}"
        (artifacts / f"{stem}-slim.png").write_bytes(slim)
        (artifacts / f"{stem}-full.png").write_bytes(full)
    assert 0 <= differ <= TOLERANCE, f"{differ} pixels differ (-1: the page changed size); see test-artifacts/"
