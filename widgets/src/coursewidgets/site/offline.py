"""Offline after one visit (``sphinx: extra_extensions: [coursewidgets.site.offline]``).

After the build, ``sw.js`` (a service worker: ``offline_sw.js`` with the build's file list and version
above it) and a web app manifest with its icons are written at the site's root; every page links the
manifest and loads ``offline_static/offline.js``, which registers the worker. The worker caches the course as a
whole: every page, and every file a page, a style sheet or a script asks for, found by following their
links (so the theme's unused files stay out and the cache stays small), plus ``EXTRA`` (files that scripts
fetch by name). The version is a hash of those files: a new build makes a new worker and a new cache.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sphinx.application import Sphinx

WORKER = Path(__file__).with_name("offline_sw.js")
STATIC = Path(__file__).with_name("offline_static")
MANIFEST = "manifest.webmanifest"
ICON_SIZES = (192, 512)
THEME_COLOUR = "#0072B2"
NAME, SHORT_NAME = "Partnership working in public health", "Partnerships"
LINKS = re.compile(r"""(?:src|href)\s*=\s*["']([^"'#]+)|url\(\s*["']?([^"')#]+)""")
EXTRA = ("searchindex.js", "_static/language_data.js", "_static/searchtools.js", "_static/sphinx_highlight.js")
"""Fetched by the search page's scripts by name, not through a link."""
FETCHED = ("_static/cw-review/",)
"""Folders whose every file a script fetches by name (the Review page's quizzes, ``review.py``)."""
SKIP = ("_sources/", ".buildinfo", "objects.inv", "sw.js")


def _local(ref: str, page: Path, root: Path) -> Path | None:
    """The file of the site a link names, or None for another host, a data: address or no file."""
    parts = urlsplit(ref.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and root in target.parents else None


def course_files(root: Path) -> list[str]:
    """Every file the course needs offline, relative to ``root``, sorted."""
    root = root.resolve()
    pages = (p for p in root.rglob("*.html") if not str(p.relative_to(root)).startswith((*SKIP, "_static/")))
    todo = [p.resolve() for p in pages]
    todo += [root / e for e in EXTRA if (root / e).is_file()]
    todo += [p.resolve() for folder in FETCHED for p in (root / folder).glob("*") if p.is_file()]
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            for a, b in LINKS.findall(text):
                target = _local(a or b, path, root)
                if target is not None and target not in found:
                    todo.append(target)
    kept = (p for p in found if not _old_font(p))
    return sorted(n for n in (str(p.relative_to(root)) for p in kept) if not n.startswith(SKIP))


def _old_font(path: Path) -> bool:
    """A font in an older format beside its woff2 twin, which every browser with service workers reads."""
    return path.suffix in (".ttf", ".woff", ".eot") and path.with_suffix(".woff2").is_file()


def worker(root: Path, files: list[str]) -> str:
    """The service worker's text: the version (a hash of every file's name and bytes), the list (each file
    once: a cache refuses a list that repeats one), the code."""
    files = sorted(set(files))
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    head = f"var VERSION = {json.dumps(digest.hexdigest()[:16])};\nvar FILES = {json.dumps(files)};\n"
    return head + WORKER.read_text(encoding="utf-8")


def _png(size: int) -> bytes:
    """The course's icon (two overlapping circles, as the favicon) as a PNG of ``size`` pixels square."""
    def pixel(x: float, y: float) -> bytes:
        left = (x - 0.375) ** 2 + (y - 0.5) ** 2 < 0.28 ** 2
        right = (x - 0.625) ** 2 + (y - 0.5) ** 2 < 0.28 ** 2
        return bytes((0, 158, 115) if right else (0, 114, 178) if left else (255, 255, 255))

    rows = b"".join(b"\0" + b"".join(pixel((i + 0.5) / size, (j + 0.5) / size) for i in range(size))
                    for j in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def manifest() -> str:
    """The web app manifest: the course opens as an app from the home screen, at its welcome page."""
    icons = [{"src": f"icon-{s}.png", "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"} for s in ICON_SIZES]
    return json.dumps({"name": NAME, "short_name": SHORT_NAME, "start_url": "./index.html", "scope": "./",
                       "display": "standalone", "background_color": "#ffffff", "theme_color": THEME_COLOUR,
                       "icons": icons}, indent=1)


def _link_manifest(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    href = context["pathto"](MANIFEST, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="manifest" href="{href}">\n<meta name="theme-color" content="{THEME_COLOUR}">')


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = Path(app.outdir)
    (root / MANIFEST).write_text(manifest(), encoding="utf-8")
    for size in ICON_SIZES:
        (root / f"icon-{size}.png").write_bytes(_png(size))
    files = [*course_files(root), MANIFEST, *(f"icon-{s}.png" for s in ICON_SIZES)]
    (root / "sw.js").write_text(worker(root, files), encoding="utf-8")


def _static(app: Sphinx, config: Any) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _static)
    app.add_js_file("offline.js", loading_method="defer")
    app.connect("html-page-context", _link_manifest)
    app.connect("build-finished", _write, priority=900)  # after the style sheets and fonts are slimmed
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
