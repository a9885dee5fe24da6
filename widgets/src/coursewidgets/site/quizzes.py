"""Sphinx extension for the course site (``sphinx: extra_extensions: [coursewidgets.site.quizzes]``).

- stops the build with one clear message per problem when any exercise file is invalid, or a
  page calls ``quiz("...")`` with an id the bank does not have;
- ships the quiz script and styles once, as shared static files (``assets.py`` keeps them to the
  pages that use them);
- re-executes and re-writes every notebook page when the exercise bank or this package changes
  (jupyter-cache hashes code cells only, so a YAML edit would otherwise leave stale quizzes);
- drops the duplicate inline scripts that Sphinx 7.4 emits (console error "already declared") and
  the saved ipywidgets state (the site shows the static quizzes, never the widgets).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from ..core.bank import check_bank, exercise_files
from ..trust import STATIC as TRUST_STATIC

PACKAGE = Path(__file__).parent.parent
STATIC = [Path(__file__).parent / "static", TRUST_STATIC]
_STAMP = "coursewidgets-bank.sha256"
QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([^"']+)["']""")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _bank(app: Sphinx) -> Path:
    return Path(app.srcdir) / "exercises"


def _digest(folder: Path) -> str:
    """A hash of the exercise bank and of this package's code, which together make the quizzes."""
    h = hashlib.sha256()
    for path in [*exercise_files(folder), *sorted(PACKAGE.rglob("*.py"))]:
        h.update(f"{path.parent.name}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _on_config(app: Sphinx, config: Any) -> None:
    config.html_static_path.extend(str(folder) for folder in STATIC)
    _, problems = check_bank(_bank(app))
    if problems:
        raise ExtensionError("invalid exercise files:\n" + "\n".join(f"  {p}" for p in problems))
    app._cw_digest = _digest(_bank(app))  # type: ignore[attr-defined]
    stamp = Path(app.outdir) / _STAMP
    app._cw_changed = not stamp.exists() or stamp.read_text() != app._cw_digest  # type: ignore[attr-defined]
    if app._cw_changed and stamp.exists() and config.nb_execution_mode == "cache":  # type: ignore[attr-defined]
        config.nb_execution_mode = "force"


def _check_quiz_ids(app: Sphinx, env: Any, docnames: list[str]) -> None:
    known = {p.stem for p in exercise_files(_bank(app))}
    unknown = [
        f"  {Path(env.doc2path(doc)).relative_to(app.srcdir)}: unknown exercise id {ident!r}"
        for doc in sorted(docnames)
        for ident in QUIZ_CALL.findall(Path(env.doc2path(doc)).read_text(encoding="utf-8"))
        if ident not in known
    ]
    if unknown:
        raise ExtensionError("pages call quiz() with ids that exercises/ does not have:\n" + "\n".join(unknown))


def _outdated(app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    if getattr(app, "_cw_changed", False):
        return sorted(env.found_docs)
    return []


def _clean_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    seen: set[tuple[str, str]] = set()
    kept = []
    for js in context.get("script_files", []):
        key = (str(js.filename or ""), str(js.attributes.get("body", "")))
        if key not in seen and js.attributes.get("type") != WIDGET_STATE:
            seen.add(key)
            kept.append(js)
    context["script_files"] = kept


def _stamp(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and hasattr(app, "_cw_digest"):
        (Path(app.outdir) / _STAMP).write_text(app._cw_digest)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _on_config)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _check_quiz_ids)
    app.connect("html-page-context", _clean_scripts, priority=900)
    app.connect("build-finished", _stamp)
    for folder in STATIC:
        for path in sorted(folder.glob("*.css")):
            app.add_css_file(path.name)
        for path in sorted(folder.glob("*.js")):
            app.add_js_file(path.name, loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
