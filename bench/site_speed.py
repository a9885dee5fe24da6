"""Site figures: what a lesson page weighs in the browser, first visit and next page, what the Review page
weighs, and Lighthouse's mobile performance and accessibility scores for a lesson and for the explorable
(median of 3 runs).

The site is served gzip-compressed, as any static host serves it (``make serve`` does not compress).
Lighthouse 12.8 comes from npm into a cache folder outside the repository, the first time only, and
runs with Debian's Chromium; when it cannot run, the figure says why instead of stopping the bench.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from figures import ROOT, build, figure

LESSON = "chapters/02-defining-partnership.html"
NEXT_LESSON = "chapters/03-types-of-partnership.html"
EXPLORABLE = "chapters/trust-explorable.html"
RUNS = 3
REVIEW = "chapters/review.html"
LIGHTHOUSE = "lighthouse@12.8"  # the last major release that runs on Node 20
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "coursewidgets-bench"
COMPRESSED = (".html", ".js", ".css", ".svg", ".json", ".map")


def built_site(work: Path) -> Path:
    """The site that ``build_times`` built, or a fresh build of a copy of the course."""
    book = work / "book"
    if not (book / "_build" / "html" / LESSON).exists():
        shutil.copytree(ROOT, book, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".venv", "_build", ".git", "test-artifacts", "node_modules"))
        build(book)
    return book / "_build" / "html"


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if not path.is_file() or path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def transfers(page: object, url: str) -> list[tuple[str, int]]:
    """(path, bytes over the wire) of every request a page load makes; cached files cost nothing."""
    seen: list[object] = []

    def finished(request: object) -> None:
        seen.append(request)

    page.on("requestfinished", finished)  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    page.remove_listener("requestfinished", finished)  # type: ignore[attr-defined]
    out = []
    for request in seen:
        sizes = request.sizes()  # type: ignore[attr-defined]
        cached = request.response().from_service_worker or sizes["responseHeadersSize"] <= 0  # type: ignore[attr-defined]
        path = request.url.split("/", 3)[-1].split("?")[0]  # type: ignore[attr-defined]
        out.append((path, 0 if cached else sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    return out


def _kb(n: int) -> str:
    return f"{n / 1024:,.0f} kB"


@figure
def page_weight(work: Path) -> list[tuple[str, str]]:
    """A lesson page on a phone: every file of the first visit, then what the next lesson adds."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with served(built_site(work)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
        first = transfers(page, f"{url}/{LESSON}")
        after = transfers(page, f"{url}/{NEXT_LESSON}")
        browser.close()
    rows = [(f"  {path}", _kb(size)) for path, size in sorted(first, key=lambda t: -t[1]) if size >= 2048]
    quiz = sum(size for path, size in first if Path(path).name in {"coursewidgets.js", "progress.js", "coursewidgets.css"})
    return [
        (f"lesson page, first visit ({len(first)} requests, gzip)", _kb(sum(s for _, s in first))),
        *rows,
        ("  of which the shared quiz script and styles", _kb(quiz)),
        ("next lesson page (shared files come from the cache)", _kb(sum(s for _, s in after))),
    ]


@figure
def review_page_weight(work: Path) -> list[tuple[str, str]]:
    """The Review page on a phone: every file of a first visit, then what it adds after a lesson page."""
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with served(built_site(work)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        phone = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}
        first = transfers(browser.new_context(**phone).new_page(), f"{url}/{REVIEW}")
        busy = browser.new_context(**phone)
        busy.add_init_script(_every_exercise_due())
        due = transfers(busy.new_page(), f"{url}/{REVIEW}")
        page = browser.new_context(**phone).new_page()
        transfers(page, f"{url}/{LESSON}")
        after = transfers(page, f"{url}/{REVIEW}")
        browser.close()
    own = {name: sum(s for path, s in first if Path(path).name == name) for name in ("review.html", "review.js")}
    return [
        (f"review page, first visit ({len(first)} requests, gzip)", _kb(sum(s for _, s in first))),
        ("  of which its HTML (no quizzes: the due ones are fetched)", _kb(own["review.html"])),
        ("  of which review.js (this page only)", _kb(own["review.js"])),
        (f"review page, first visit with every exercise due ({len(due)} requests: the index and today's "
         f"{sum(1 for path, _ in due if '/cw-review/' in path and path.endswith('.html'))} quizzes)",
         _kb(sum(s for _, s in due))),
        ("review page after a lesson page (shared files from the cache)", _kb(sum(s for _, s in after))),
    ]


def _every_exercise_due() -> str:
    """An init script: every marked exercise of the bank checked wrongly the day before (Review shows five)."""
    from coursewidgets.core.bank import load_bank

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    responses = {ex.id: {"history": [{"at": yesterday, "score": 0, "max": 1}]}
                 for ex in load_bank(ROOT / "exercises").values() if ex.kind != "reflection"}
    doc = json.dumps({"format": "coursewidgets-responses", "version": 2, "responses": responses})
    return f"localStorage.setItem('coursewidgets-responses', {json.dumps(doc)});"


def _lighthouse() -> Path:
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(CACHE), LIGHTHOUSE],
                       check=True, capture_output=True, text=True, timeout=600)
    return cli


def _lighthouse_run(cli: Path, url: str, report: Path) -> dict:  # type: ignore[type-arg]
    from conftest import CHROMIUM

    subprocess.run(
        ["node", str(cli), url, "--only-categories=performance,accessibility", "--quiet", "--output=json",
         f"--output-path={report}", "--chrome-flags=--headless --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, text=True, timeout=300,
    )
    return json.loads(report.read_text())  # type: ignore[no-any-return]


def _median_run(results: list[dict]) -> dict:  # type: ignore[type-arg]
    """The run with the median performance score."""
    return sorted(results, key=lambda r: r["categories"]["performance"]["score"] or 0)[len(results) // 2]


@figure
def lighthouse_scores(work: Path) -> list[tuple[str, str]]:
    """Lighthouse's mobile preset (a mid-range phone on slow 4G, simulated): a lesson and the explorable,
    each the median of ``RUNS`` runs (the machine's load moves single runs)."""
    rows: list[tuple[str, str]] = []
    try:
        cli = _lighthouse()
        with served(built_site(work)) as url:
            runs = {page: [_lighthouse_run(cli, f"{url}/{page}", work / "lighthouse.json") for _ in range(RUNS)]
                    for page in (LESSON, EXPLORABLE)}
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        reason = getattr(exc, "stderr", "") or str(exc)
        return [("Lighthouse", f"not run here: {reason.strip().splitlines()[-1] if reason.strip() else exc}")]
    for page, results in runs.items():
        result = _median_run(results)
        scores = {k: round(100 * (v["score"] or 0)) for k, v in result["categories"].items()}
        audits = result["audits"]
        each = ", ".join(str(round(100 * (r["categories"]["performance"]["score"] or 0))) for r in results)
        rows += [
            (f"Lighthouse {result['lighthouseVersion']} mobile performance, {Path(page).stem}",
             f"{scores['performance']} / 100 (median of {each})"),
            ("  first and largest contentful paint",
             f"{audits['first-contentful-paint']['displayValue']}, {audits['largest-contentful-paint']['displayValue']}"),
            ("  total blocking time", audits["total-blocking-time"]["displayValue"]),
            ("  accessibility", f"{scores['accessibility']} / 100"),
        ]
    return rows


@figure
def offline_cache(work: Path) -> list[tuple[str, str]]:
    """What the service worker caches in the background after a first visit (site/offline.py): the whole course."""
    import gzip

    from coursewidgets.site.offline import course_files

    site = built_site(work)
    files = course_files(site)
    raw = sum((site / f).stat().st_size for f in files)
    packed = sum(len(gzip.compress((site / f).read_bytes())) for f in files)
    return [(f"offline cache after one visit ({len(files)} files)", f"{_kb(raw)} ({_kb(packed)} gzip)")]
