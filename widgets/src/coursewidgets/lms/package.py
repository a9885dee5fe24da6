"""``coursewidgets-package`` (``make package``): the built site as SCORM 1.2 and SCORM 2004 zips.

Each zip holds the built site as it is, ``imsmanifest.xml`` at its root (``manifest.py``), and the launch page
``lms-launch.html``: the one SCO. It finds the LMS, initialises once, frames the course's pages (a learner moves
between lessons inside it) and terminates when it closes. It carries the exercises the lessons show, as their
quizzes embed them less the texts no mark depends on, so ``static/lms.js`` grades every saved answer with the
site's own grader.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

import yaml

from ..core.bank import ExerciseError, load_bank
from . import STATIC
from .manifest import VERSIONS, manifest

LAUNCH = "lms-launch.html"
BRIDGE = "_static/lms.js"
SKIP = {".buildinfo", "coursewidgets-bank.sha256"}
"""Build bookkeeping, not the course."""
QUIZ = re.compile(r'data-exercise="([^"]+)"')
DEFAULT_PASS = 70
UNMARKED = {"prompt", "text", "feedback", "source", "exemplar", "rubric"}
"""Exercise fields the grader never reads: left out of the launch page."""
ZIP_NAMES = {"1.2": "scorm12", "2004": "scorm2004"}

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>html,body{{margin:0;height:100%}}body{{display:flex;flex-direction:column;font-family:sans-serif}}
iframe{{flex:1;border:0;width:100%}}.cw-lms-notice{{margin:0;padding:.5em 1em;background:#fff4ce;color:#1b1b1b;
border-bottom:2px solid #8a6d00}}.cw-lms-notice[hidden]{{display:none}}</style>
<script type="application/json" id="cw-lms-settings">{settings}</script>
<script type="application/json" id="cw-lms-bank">{bank}</script>
<script src="_static/coursewidgets.js" defer></script>
<script src="{bridge}" defer></script>
</head><body>
<p class="cw-lms-notice" id="cw-lms-notice" role="alert" hidden></p>
<iframe id="cw-lms-frame" title="{title}"></iframe>
</body></html>
"""


class PackageError(Exception):
    """A problem that stops packaging, said in one line."""


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def lean(data: Any) -> Any:
    """An exercise's JSON without the ``UNMARKED`` texts, at any depth."""
    if isinstance(data, dict):
        return {k: lean(v) for k, v in data.items() if k not in UNMARKED}
    return [lean(v) for v in data] if isinstance(data, list) else data


def site_files(site: Path) -> list[str]:
    """The built site's files as zip paths, sorted, less the build's bookkeeping."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p.name not in SKIP and ".doctrees" not in p.parts)


def shown_exercises(site: Path, files: Sequence[str]) -> list[str]:
    """The ids of the exercises the lesson pages show (the review page only repeats them), sorted."""
    found: set[str] = set()
    for name in files:
        if name.endswith(".html"):
            html = (site / name).read_text(encoding="utf-8")
            if 'class="cw-review"' not in html:
                found |= set(QUIZ.findall(html))
    return sorted(found)


def launch_page(version: str, title: str, start: str, pass_mark: int, exercises: list[dict[str, Any]]) -> str:
    """The SCO's launch page for ``version``."""
    settings = {"version": version, "pass": pass_mark, "start": start}
    return PAGE.format(title=escape(title), settings=_json(settings), bank=_json(exercises), bridge=BRIDGE)


def build(site: Path, bank: Path, out: Path, pass_mark: int = DEFAULT_PASS, name: str = "partnership-working",
          start: str = "intro.html", title: str | None = None) -> list[Path]:
    """Write ``<name>-scorm12.zip`` and ``<name>-scorm2004.zip`` into ``out``; the zips' paths."""
    if not (site / start).is_file():
        raise PackageError(f"{site / start}: no built start page (run `make build` first)")
    if not 0 <= pass_mark <= 100:
        raise PackageError(f"pass mark {pass_mark}: give a percentage from 0 to 100 (PASS=70 is the default)")
    try:
        exercises = load_bank(bank)
    except ExerciseError as e:
        raise PackageError(str(e)) from None
    files = site_files(site)
    shown = shown_exercises(site, files)
    unknown = [i for i in shown if i not in exercises]
    if unknown:
        raise PackageError(f"{site}: pages show exercises {bank} does not have: {', '.join(unknown)}")
    title = title or _title(bank.parent / "_config.yml")
    data = [lean(exercises[i].model_dump()) for i in shown]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for version in VERSIONS:
        target = out / f"{name}-{ZIP_NAMES[version]}.zip"
        partial = target.with_suffix(".zip.part")
        listed = sorted({*files, LAUNCH, BRIDGE})
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            z.writestr("imsmanifest.xml", manifest(version, f"{name}-{ZIP_NAMES[version]}", title, LAUNCH, listed, pass_mark))
            z.writestr(LAUNCH, launch_page(version, title, start, pass_mark, data))
            z.write(STATIC / "lms.js", BRIDGE)
            for f in files:
                z.write(site / f, f)
        partial.replace(target)
        written.append(target)
    return written


def _title(config: Path) -> str:
    """The book's title in its ``_config.yml``."""
    if config.is_file():
        return str((yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("title") or "The course")
    return "The course"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="coursewidgets-package", description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html", help="the built site (default: _build/html)")
    parser.add_argument("--bank", default="exercises", help="the exercise bank (default: exercises)")
    parser.add_argument("--out", default="_build/package", help="where the zips go (default: _build/package)")
    parser.add_argument("--pass-mark", type=int, default=DEFAULT_PASS,
                        help=f"the pass mark, a percentage of the course's marks (default: {DEFAULT_PASS})")
    args = parser.parse_args(argv)
    try:
        for path in build(Path(args.site), Path(args.bank), Path(args.out), args.pass_mark):
            print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    except (PackageError, OSError) as e:
        print(f"coursewidgets-package: {e}", file=sys.stderr)
        return 1
    return 0
