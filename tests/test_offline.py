"""Offline after one visit (site/offline.py): the service worker caches the whole course, a new build
replaces the cached course as a whole, and pages where workers cannot run behave as before."""

from __future__ import annotations

import functools
import json
import shutil
import struct
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import guard
from learner import site_pages

from coursewidgets.site.offline import MANIFEST, course_files, worker

pytestmark = pytest.mark.browser
LESSON = "chapters/04-coordinating-and-cooperative.html"


class _Switchable(SimpleHTTPRequestHandler):
    """Serves whichever folder ``root["dir"]`` names at the time of each request (a redeployed site)."""

    root: dict[str, str] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=self.root["dir"], **kwargs)  # type: ignore[arg-type]

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def deployed(built_site: Path, tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A copy of the site served from a folder that a test may swap for a new build."""
    site = tmp_path / "a"
    shutil.copytree(built_site, site)
    handler = type("Handler", (_Switchable,), {"root": {"dir": str(site)}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler.root, site
    server.shutdown()


def _controlled(page) -> None:
    """Wait until the service worker has cached the course and controls the page."""
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=60_000)


def test_every_file_of_the_course_is_cached_and_small(built_site: Path):
    files = course_files(built_site)
    pages = set(site_pages(built_site))
    assert pages <= set(files), pages - set(files)
    assert "searchindex.js" in files and not any(f.startswith("_sources/") or f.endswith(".ttf") for f in files)
    size = sum((built_site / f).stat().st_size for f in files)
    assert size < 3_000_000, f"the offline course is {size:,} bytes"
    text = (built_site / "sw.js").read_text()
    listed = json.loads(text.split("var FILES = ", 1)[1].split(";\n", 1)[0])
    assert set(files) <= set(listed) and all(not f.startswith(("http:", "https:", "//", "/")) for f in listed)


def test_the_manifest_names_the_course_and_its_icons(built_site: Path):
    manifest = json.loads((built_site / MANIFEST).read_text())
    assert manifest["start_url"] == "./index.html" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        png = (built_site / icon["src"]).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert "%dx%d" % struct.unpack(">II", png[16:24]) == icon["sizes"]
    for name in site_pages(built_site):
        assert 'rel="manifest"' in (built_site / name).read_text(), name


def test_the_whole_course_works_offline_after_one_visit(deployed, browser):
    url, _, site = deployed
    context = browser.new_context(service_workers="allow")
    page = guard(context.new_page())
    page.goto(f"{url}/intro.html")
    _controlled(page)
    context.set_offline(True)
    for name in site_pages(site):
        response = page.goto(f"{url}/{name}")
        assert response is not None and response.ok, name
        assert page.title(), name
    page.goto(f"{url}/search.html?q=Leathard")
    page.wait_for_selector("#search-results li", timeout=15_000)
    page.goto(f"{url}/{LESSON}")
    quiz = page.locator("section.cw-quiz:has(input[type=radio])").first
    quiz.locator("input[type=radio]").first.check()
    quiz.locator(".cw-check").click()
    assert "out of" in quiz.locator(".cw-status").inner_text()
    page.goto(f"{url}/chapters/progress.html")
    page.wait_for_function("() => document.querySelector('main').innerText.includes('Score: ')")  # the Check, kept
    assert page.external_requests == [] and page.console_errors == [], (page.external_requests, page.console_errors)
    context.close()


def _rebuild(site: Path, new: Path, mark: str) -> None:
    """A copy of the site whose welcome page and a lesson say ``mark``, with its worker written anew."""
    shutil.copytree(site, new)
    for name in ("intro.html", LESSON):
        page = new / name
        page.write_text(page.read_text().replace("<main", f'<p id="build">{mark}</p><main', 1))
    (new / "sw.js").write_text(worker(new, [*course_files(new), MANIFEST]))  # the manifest twice: listed once


def test_a_new_build_replaces_the_cached_course_as_a_whole(deployed, browser, tmp_path):
    url, root, site = deployed
    _rebuild(site, tmp_path / "old", "old build")
    root["dir"] = str(tmp_path / "old")
    context = browser.new_context(service_workers="allow")
    page = guard(context.new_page())
    page.goto(f"{url}/intro.html")
    _controlled(page)
    _rebuild(site, tmp_path / "new", "new build")
    root["dir"] = str(tmp_path / "new")
    page.evaluate("() => navigator.serviceWorker.ready.then(r => r.update())")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => !!r.waiting)", timeout=30_000)
    # While a page uses the old course, every page is the old build. The first page stays open: the browser may
    # let the new worker take over when a lone page navigates (that page then shows the new build whole).
    other = guard(context.new_page())
    for name in ("intro.html", LESSON):
        other.goto(f"{url}/{name}")
        assert other.locator("#build").inner_text() == "old build", name
    other.close()
    page.close()
    page = guard(context.new_page())
    page.goto(f"{url}/intro.html")
    page.wait_for_function("() => navigator.serviceWorker.controller && "
                           "navigator.serviceWorker.ready.then(r => !r.waiting)")
    # The new worker has taken over once it is activated (the old course's cache deleted, the page claimed) and
    # what it answers is the new build. Until then a page may still get the old course, whole.
    page.wait_for_function("async () => navigator.serviceWorker.controller?.state === 'activated' && "
                           "(await caches.keys()).filter(k => k.startsWith('coursewidgets-course-')).length === 1 && "
                           "(await fetch('intro.html').then(r => r.text())).includes('new build')", timeout=30_000)
    context.set_offline(True)
    for name in ("intro.html", LESSON):
        page.goto(f"{url}/{name}")
        assert page.locator("#build").inner_text() == "new build", name
    keys = page.evaluate("() => caches.keys()")
    assert len([k for k in keys if k.startswith("coursewidgets-course-")]) == 1, keys
    context.close()


def test_no_worker_in_a_frame_or_from_a_file(deployed, browser, built_site):
    url, _, site = deployed
    (site / "frame.html").write_text(f'<!DOCTYPE html><title>LMS</title><iframe src="{url}/{LESSON}"></iframe>')
    context = browser.new_context(service_workers="allow")
    page = guard(context.new_page())
    page.goto(f"{url}/frame.html")
    frame = page.frame_locator("iframe")
    frame.locator("section.cw-quiz").first.wait_for()
    page.wait_for_timeout(1500)
    assert page.evaluate("() => navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert page.console_errors == []
    local = context.new_page()  # not guarded: the guard lets only 127.0.0.1 through, and this is file://
    errors: list[str] = []
    local.on("pageerror", lambda e: errors.append(str(e)))
    local.goto((built_site / LESSON).as_uri())
    local.locator("section.cw-quiz .cw-check").first.wait_for()
    local.wait_for_timeout(1500)
    assert errors == [] and local.evaluate("() => navigator.serviceWorker === undefined || "
                                           "navigator.serviceWorker.controller === null")
    context.close()
