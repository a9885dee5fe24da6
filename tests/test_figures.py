"""The lessons' figures (issue 22, point 4): every lesson has one, each is an SVG drawn in the repository with a
title, a description and a text alternative, nothing comes from another host, the drawings keep to what the
course teaches without handing out quiz answers, and on the built site each one fits a 360 px phone, stays
readable in dark mode and in print, and passes axe."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import EXERCISES, ROOT
from learner import PHONE, REVIEW, guarded_page

from coursewidgets.core.confidence import RIGHT, WRONG
from coursewidgets.core.schedule import INTERVALS

CHAPTERS = ROOT / "chapters"
LESSONS = sorted(p for p in CHAPTERS.glob("*.md") if re.match(r"\d\d", p.name))
PAGES = sorted(CHAPTERS.glob("*.md"))
FIGURES = CHAPTERS / "figures"
SVG_NS = "http://www.w3.org/2000/svg"
DIRECTIVE = re.compile(r"^```\{(figure|image)\}[ \t]+(\S+)[ \t]*\n((?::[\w-]+:[^\n]*\n)*)(.*?)^```", re.M | re.S)


def figures_in(page: Path) -> list[dict[str, str]]:
    """Each figure or image directive of a page: its kind, path, options and caption."""
    found = []
    for kind, path, options, body in DIRECTIVE.findall(page.read_text()):
        opts = dict(re.findall(r"^:([\w-]+):[ \t]*(.*)$", options, flags=re.M))
        found.append({"kind": kind, "path": path, "alt": opts.get("alt", "").strip(),
                      "class": opts.get("class", ""), "caption": body.strip()})
    return found


def svg_texts(svg: Path) -> list[str]:
    """The words drawn in an SVG, one string per <text> element (its tspans included)."""
    root = ET.parse(svg).getroot()
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{{{SVG_NS}}}text")]


def used_svgs() -> dict[Path, list[Path]]:
    used: dict[Path, list[Path]] = {}
    for page in PAGES:
        for fig in figures_in(page):
            used.setdefault((page.parent / fig["path"]).resolve(), []).append(page)
    return used


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_has_a_figure_with_a_text_alternative_and_a_caption(lesson):
    figs = figures_in(lesson)
    assert figs, f"{lesson.name} has no figure"
    for fig in figs:
        assert len(fig["alt"].split()) >= 8, f"{lesson.name}: {fig['path']} needs an alt text that says what it shows"
        assert fig["kind"] == "image" or fig["caption"], f"{lesson.name}: {fig['path']} has no caption"
        assert "course-figure" in fig["class"].split(), f"{lesson.name}: {fig['path']} lacks the course-figure class"


def test_eight_lessons_are_checked():
    assert len(LESSONS) == 8


def test_every_figure_is_an_svg_of_ours_with_title_desc_and_viewbox():
    used = used_svgs()
    assert used
    for path, pages in used.items():
        where = ", ".join(p.name for p in pages)
        assert path.suffix == ".svg" and path.is_file(), f"{path} (used in {where}) is missing"
        assert path.is_relative_to(FIGURES), f"{path}: keep figures in chapters/figures"
        assert "_static" not in path.parts, f"{path}: a file under _static loads on every page"
        text = path.read_text(encoding="utf-8")
        root = ET.fromstring(text)
        assert root.tag == f"{{{SVG_NS}}}svg", path.name
        assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", "")), f"{path.name}: no viewBox"
        assert root.get("width") and root.get("height"), f"{path.name}: give its natural size"
        for tag in ("title", "desc"):
            element = root.find(f"{{{SVG_NS}}}{tag}")
            assert element is not None and (element.text or "").strip(), f"{path.name}: no <{tag}>"
        hosts = [u for u in re.findall(r"https?://[^\s\"')]+", text) if u != SVG_NS]
        assert hosts == [], f"{path.name} refers to {hosts}"
        assert not re.search(r"<image\b|<foreignObject|@import|@font-face|\bhref=", text), path.name
        assert not re.search(r"url\((?!#)", text), f"{path.name}: url() may only point inside the file"


def test_every_svg_in_the_figures_folder_is_used():
    assert set(FIGURES.glob("*.svg")) == set(used_svgs())


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _long(colour: str) -> str:
    return "#" + "".join(c * 2 for c in colour[1:]) if len(colour) == 4 else colour


@pytest.mark.parametrize("svg", sorted(FIGURES.glob("*.svg")), ids=lambda p: p.stem)
def test_each_figure_draws_its_own_light_card_and_its_text_contrasts(svg):
    """The page's colours cannot reach an SVG shown as an image, so each draws a white card the size of its
    viewBox, and every text colour it uses reaches 4.5:1 against every fill it could sit on: dark text on
    the light fills, white text on the dark ones."""
    root = ET.parse(svg).getroot()
    width, height = map(int, root.get("viewBox").split()[2:])
    card = root.find(f"{{{SVG_NS}}}rect")
    assert card is not None and card.get("fill") == "#ffffff", f"{svg.name}: the first shape must be a white card"
    assert float(card.get("width")) >= width - 1 and float(card.get("height")) >= height - 1, svg.name
    text = svg.read_text(encoding="utf-8")
    fills = {_long(c).lower() for c in re.findall(r'fill="(#[0-9a-fA-F]{3,6})"', text)}
    text_colours = {_long(c).lower() for c in re.findall(r"(?:text|\.[\w-]+)\s*\{[^}]*?fill:\s*(#[0-9a-fA-F]{3,6})", text)}
    text_colours |= {_long(c).lower() for c in re.findall(r'<text[^>]*style="[^"]*fill:\s*(#[0-9a-fA-F]{3,6})', text)}
    assert text_colours, svg.name
    light = {f for f in fills if _luminance(f) > 0.4}
    dark = fills - light
    for colour in text_colours:
        backs = light if _luminance(colour) < 0.4 else dark
        assert backs, f"{svg.name}: {colour} text has nothing to sit on"
        worst = min(backs, key=lambda b: _contrast(colour, b))
        assert _contrast(colour, worst) >= 4.5, f"{svg.name}: {colour} on {worst} is {_contrast(colour, worst):.2f}:1"


def test_the_review_figures_match_the_schedule_and_the_marks():
    boxes = svg_texts(FIGURES / "review-boxes.svg")
    for box, days in enumerate(INTERVALS, start=1):
        assert f"Box {box}" in boxes and f"{days} day{'s' if days > 1 else ''}" in boxes
    marks = set(svg_texts(FIGURES / "confidence-marks.svg"))
    signed = {f"+{v}" for v in RIGHT.values()} | {str(v).replace("-", "−") for v in WRONG.values()}
    assert signed <= marks


def _items(exercise: str) -> set[str]:
    data = yaml.safe_load((EXERCISES / f"{exercise}.yml").read_text())
    return {" ".join(str(i["text"]).split()).lower() for v in data.get("variants", [data])
            for key in ("items", "options", "steps") for i in v.get(key, []) if isinstance(i, dict) and "text" in i}


@pytest.mark.parametrize(("svg", "exercises"), [
    ("leathard-columns", ["leathard-terms", "process-terms-thread"]),
    ("warning-sign-domains", ["unsuccessful-signs", "eastbrook-diagnosis"]),
    ("coordinating-vs-cooperative", ["coord-or-coop", "coord-coop-choice"]),
])
def test_figures_show_structure_not_answer_keys(svg, exercises):
    """A figure that sits before a quiz names none of the things the quiz asks the learner to sort."""
    drawn = {t.lower() for t in svg_texts(FIGURES / f"{svg}.svg")}
    asked = set().union(*(_items(e) for e in exercises))
    assert asked, exercises
    assert not drawn & asked, drawn & asked


def test_the_warning_signs_figure_lists_no_signs():
    drawn = " ".join(svg_texts(FIGURES / "warning-sign-domains.svg")).lower()
    for word in ("targets", "priorit", "perspective", "agencies", "roles", "expectation", "plan", "needs",
                 "defensive", "risk", "knowledge"):
        assert word not in drawn, word


# In the browser: one page, dark mode, a phone's width.
FIGURE_STATE = """img => {
  const box = img.getBoundingClientRect(), style = getComputedStyle(img);
  let opaque = 0, white = 0, darkest = 1;
  if (img.complete && img.naturalWidth) {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const lin = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255) opaque++;
      if (data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250) white++;
      if (data[i + 3] === 255) darkest = Math.min(darkest, 0.2126 * lin(data[i]) + 0.7152 * lin(data[i + 1]) + 0.0722 * lin(data[i + 2]));
    }
  }
  const pixels = img.naturalWidth * img.naturalHeight || 1;
  return {src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0, left: box.left,
          right: box.right, width: box.width, filter: style.filter, opaque: opaque / pixels, white: white / pixels,
          textContrast: 1.05 / (darkest + 0.05), viewport: document.documentElement.clientWidth,
          pageWidth: document.documentElement.scrollWidth, theme: document.documentElement.dataset.theme};
}"""


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    rules = page.evaluate("tags => axe.getRules(tags).map(r => r.ruleId)", tags)
    options = {"resultTypes": ["violations"], "rules": {r: {"enabled": True} for r in rules}}
    found = page.evaluate("options => axe.run(document, options)", options)["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in found]


@pytest.mark.browser
def test_figures_fit_a_phone_in_dark_mode_print_whole_and_pass_axe(built_site, site_url, browser):
    pages = [f"/chapters/{p.stem}.html" for p in LESSONS] + [REVIEW]
    with guarded_page(browser, color_scheme="dark", **PHONE) as page:
        page.route(f"{site_url}/basic.css", lambda route: route.fulfill(path=built_site / "_static" / "basic.css"))
        for url in pages:
            page.goto(site_url + url)
            images = page.locator("figure img.course-figure")
            assert images.count() >= 1, url
            for i in range(images.count()):
                image = images.nth(i)
                image.scroll_into_view_if_needed()
                page.wait_for_function("img => img.complete", arg=image.element_handle())
                state = image.evaluate(FIGURE_STATE)
                where = f"{url} {state['src']}"
                assert state["theme"] == "dark", where
                assert state["loaded"], f"{where} did not load"
                assert 0 <= state["left"] and state["right"] <= state["viewport"] <= 360, f"{where}: {state}"
                assert state["pageWidth"] <= state["viewport"], f"{where}: the page scrolls sideways"
                assert state["width"] >= 280, f"{where} is shrunk to {state['width']} px"
                assert state["filter"] == "none", f"{where} is dimmed in dark mode: {state['filter']}"
                assert state["opaque"] > 0.97 and state["white"] > 0.15, f"{where}: no light card of its own {state}"
                assert state["textContrast"] >= 7, f"{where}: its darkest ink is only {state['textContrast']:.1f}:1"
            caption = page.locator("figure figcaption").first
            colours = caption.evaluate("""el => {
                const rgb = s => s.match(/\\d+/g).slice(0, 3).map(Number);
                let bg = el, colour = getComputedStyle(el).backgroundColor;
                while (bg && /rgba\\(0, 0, 0, 0\\)|transparent/.test(colour)) {
                  bg = bg.parentElement; colour = bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)';
                }
                return [rgb(getComputedStyle(el).color), rgb(colour)];
            }""")
            hexes = ["#" + "".join(f"{c:02x}" for c in rgb) for rgb in colours]
            assert _contrast(*hexes) >= 4.5, f"{url}: caption {hexes[0]} on {hexes[1]}"
        page.goto(site_url + "/chapters/02-defining-partnership.html")
        assert axe_violations(page) == []
        page.emulate_media(media="print", color_scheme="light")
        page.set_viewport_size({"width": 700, "height": 1000})
        for i in range(page.locator("figure img.course-figure").count()):
            image = page.locator("figure img.course-figure").nth(i)
            assert image.is_visible()
            state = image.evaluate(FIGURE_STATE)
            assert state["width"] >= 280 and 0 <= state["left"] and state["right"] <= state["viewport"], state
            assert image.evaluate("img => getComputedStyle(img.closest('figure')).breakInside") == "avoid"
