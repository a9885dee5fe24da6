"""Shared fixtures: the course built once per session, served on 127.0.0.1, and a Chromium page
that refuses every request leaving 127.0.0.1 and fails the test on any console error."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
LESSONS = sorted(p for p in (ROOT / "chapters").glob("*.md") if "kernelspec:" in p.read_text()[:600])
"""The lesson notebooks: the MyST markdown files that declare a kernel."""


def jupyter_book(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A strict Jupyter Book build of ``source`` into ``out`` (warnings are errors)."""
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(source), "-W", "-n", "--keep-going", "--path-output", str(out)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's files as a fresh clone (and so Binder) has them: tracked or not ignored by git."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    out = tmp_path_factory.mktemp("repo")
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # a tracked file deleted in the work tree is still listed
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, out / name)
    return out


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole course built from scratch: executes every lesson, fails on any warning."""
    out = tmp_path_factory.mktemp("book")
    run = jupyter_book(ROOT, out)
    assert run.returncode == 0, f"book build failed:\n{run.stdout[-6000:]}\n{run.stderr[-6000:]}"
    return out / "_build" / "html"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


FIRST_VARIANT = """(() => {
  const fill = crypto.getRandomValues.bind(crypto);
  crypto.getRandomValues = (a) => { fill(a); if (a instanceof Uint32Array) a.forEach((v, i) => { a[i] = v - v % 6; }); return a; };
})();"""
"""A first attempt's seed that asks every exercise's first variant (a multiple of 6 = 2 x 3), layouts still
random; "Start again" then asks another variant, as ever (``next_seed``)."""


class _Browser:
    """Chromium, whose contexts and pages block service workers unless a test asks for them with
    ``service_workers="allow"`` (``tests/test_offline.py``): the course's worker would otherwise cache the whole
    site in the background of every test, adding requests to the ones a test counts or routes. A first attempt
    asks each exercise's first variant (``FIRST_VARIANT``) unless a test passes ``variants="random"``: tests of
    other features find a quiz's parts by the exercise's own ids; ``tests/test_site_variants.py``,
    ``tests/test_parity.py`` and the pattern bot cover every variant."""

    def __init__(self, chromium: Any) -> None:
        self._chromium = chromium

    def new_context(self, variants: str = "first", **options: Any) -> Any:
        context = self._chromium.new_context(**{"service_workers": "block", **options})
        if variants == "first":
            context.add_init_script(FIRST_VARIANT)
        return context

    def new_page(self, variants: str = "first", **options: Any) -> Any:
        page = self._chromium.new_page(**{"service_workers": "block", **options})
        if variants == "first":
            page.add_init_script(FIRST_VARIANT)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield _Browser(b)
        b.close()


def guard(page: object) -> object:
    """Abort and record requests off 127.0.0.1; record console errors and page errors."""
    page.external_requests = []  # type: ignore[attr-defined]
    page.console_errors = []  # type: ignore[attr-defined]

    def route(r: object) -> None:
        host = urlparse(r.request.url).hostname  # type: ignore[attr-defined]
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":  # type: ignore[attr-defined]
            r.continue_()  # type: ignore[attr-defined]
        else:
            page.external_requests.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()  # type: ignore[attr-defined]

    page.route("**/*", route)  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))  # type: ignore[attr-defined]
    return page


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    ctx = browser.new_context()  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> Iterator[object]:
    """A guarded page; the test fails if anything left 127.0.0.1 or the console logged an error."""
    pg = guard(context.new_page())  # type: ignore[attr-defined]
    yield pg
    assert pg.external_requests == [], f"requests left 127.0.0.1: {pg.external_requests}"  # type: ignore[attr-defined]
    assert pg.console_errors == [], f"console errors: {pg.console_errors}"  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
