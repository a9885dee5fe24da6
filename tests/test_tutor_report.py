"""The grading report: self-contained, its three charts drawn in headless Chromium with no console
error and no request off 127.0.0.1, each chart titled, described and backed by a data table."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import _QuietHandler
from tutor_data import make_class, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.tutor.gradebook import grade_class, item_stats
from coursewidgets.tutor.report import render_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """A report for 60 generated students, served from its folder on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("report")
    make_class(tmp / "subs", 60)
    (tmp / "subs" / "broken.json").write_text("{")
    book = grade_class(tmp / "subs", load_bank(write_bank(tmp / "bank")))
    (tmp / "report.html").write_text(render_report(book, "Week 3 report"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(tmp)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html", book
    server.shutdown()


def test_report_renders_its_charts(page, report):
    url, book = report
    page.goto(url)
    assert page.title() == "Week 3 report"
    charts = page.locator("svg[role=img]")
    assert charts.count() == 3
    for n in range(3):
        svg = charts.nth(n)
        box = svg.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 40
        labelled = svg.get_attribute("aria-labelledby").split()
        assert [page.locator(f"#{i}").evaluate("e => e.tagName") for i in labelled] == ["title", "desc"]
        assert svg.locator("rect").count() >= 5
    assert page.get_by_role("img", name="Item difficulty").count() == 1
    assert page.locator("details table").count() == 3
    hardest = min(item_stats(book), key=lambda s: s.facility)
    table = page.locator("details").nth(1)
    table.locator("summary").click()  # the data table opens on demand
    first_row = table.locator("tbody tr").first
    assert first_row.locator("th").inner_text() == hardest.exercise.id
    assert "broken.json" in page.locator("main").inner_text()


def test_report_is_one_file_with_nothing_to_fetch(report):
    url, book = report
    html = render_report(book)
    assert "<script" not in html and "<link" not in html and "src=" not in html
    assert "url(" not in html


def test_empty_class_still_renders(page, tmp_path: Path):
    book = grade_class(tmp_path, load_bank(write_bank(tmp_path / "bank")))
    page.set_content(render_report(book))
    assert "No data" in page.locator("main").inner_text()
    assert "no response files" in page.locator("main").inner_text()
