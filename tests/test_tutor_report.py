"""The grading report and the feedback pages: self-contained, the report's five charts drawn in headless
Chromium with no console error and no request off 127.0.0.1, each chart titled, described and backed by
a data table; axe finds no violation on the report or on a student's page."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import _QuietHandler
from test_a11y import violations
from tutor_data import make_class, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.gradebook import grade_class, item_stats
from coursewidgets.tutor.report import render_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """The outputs of ``grade`` for 60 generated students (one named with markup), served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("report")
    make_class(tmp / "subs", 60)
    (tmp / "subs" / "broken.json").write_text("{")
    doc = (tmp / "subs" / "group-0" / "student-0000.json")
    doc.write_text(doc.read_text().replace('"student-0000"', '"<img src=x onerror=alert(1)> Zoë"'))
    main(["grade", str(tmp / "subs"), "--bank", str(write_bank(tmp / "bank")), "--out", str(tmp / "out"),
          "--title", "Week 3 report"])
    book = grade_class(tmp / "subs", load_bank(tmp / "bank"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(tmp / "out")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/report.html"
    FOLDERS[url] = tmp / "out"
    yield url, book
    server.shutdown()


FOLDERS: dict[str, Path] = {}


def report_folder(url: str) -> Path:
    return FOLDERS[url]


def test_report_renders_its_charts(page, report):
    url, book = report
    page.goto(url)
    assert page.title() == "Week 3 report"
    charts = page.locator("svg[role=img]")
    assert charts.count() == 5
    for n in range(4):
        svg = charts.nth(n)
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 40
        labelled = svg.get_attribute("aria-labelledby").split()
        assert [page.locator(f"#{i}").evaluate("e => e.tagName") for i in labelled] == ["title", "desc"]
        assert svg.locator("rect").count() >= (5 if n < 3 else 3)  # mastery: one bar per outcome (3)
    assert page.get_by_role("img", name="Item difficulty").count() == 1
    assert page.locator("details table").count() == 6  # five charts' data, and every student's mastery
    hardest = min(item_stats(book), key=lambda s: s.facility)
    table = page.locator("details").nth(1)
    table.locator("summary").click()  # the data table opens on demand
    first_row = table.locator("tbody tr").first
    assert first_row.locator("th").inner_text() == hardest.exercise.id
    assert "broken.json" in page.locator("main").inner_text()


def test_report_and_pages_are_files_with_nothing_to_fetch(report):
    url, book = report
    folder = Path(report_folder(url))
    pages = [folder / "report.html", *sorted((folder / "feedback").glob("*.html"))]
    assert len(pages) == 61
    for path in pages:
        html = path.read_text()
        assert not re.search(r"<(script|link|img|iframe|object|embed)\b", html), path
        assert not re.search(r"<[^>]*\s(src|srcset|on\w+)=", html), path
        assert "url(" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", ""), path


def test_empty_class_still_renders(page, tmp_path: Path):
    book = grade_class(tmp_path, load_bank(write_bank(tmp_path / "bank")))
    page.set_content(render_report(book))
    assert "No data" in page.locator("main").inner_text()
    assert "no response files" in page.locator("main").inner_text()


def test_report_and_feedback_pages_have_no_axe_violations(page, report):
    url, _ = report
    page.goto(url)
    for details in page.locator("details").all():
        details.locator("summary").click()
    assert violations(page) == []
    link = page.get_by_role("link", name="<img src=x onerror=alert(1)> Zoë")
    assert link.count() == 1  # the name shows as text, not markup
    link.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Feedback for <img src=x onerror=alert(1)> Zoë"
    assert page.locator("img").count() == 0
    assert page.get_by_role("heading", level=2).count() == 6
    assert violations(page) == []


def test_report_flags_what_to_fix(page, report):
    url, _ = report
    page.goto(url)
    for section in ("At a glance", "Reliability", "Distractor analysis", "Mastery by learning outcome"):
        assert page.get_by_role("heading", name=section, level=2).count() == 1
    text = page.locator("main").inner_text()
    assert "KR-20" in text or "Cronbach's alpha" in text
    assert "0.7 or more is usually wanted" in text and "Mastered: 70% or more" in text
