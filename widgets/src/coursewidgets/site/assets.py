"""Page speed (``sphinx: extra_extensions: [coursewidgets.site.assets]``): what a page downloads.

- Each page loads only the styles and scripts its content uses: myst-nb's cell styles where there are
  notebook cells, the copy button and code colours
  where there is code, sphinx-design where its components are, the toggle script where something
  toggles, the quiz files where there are quizzes, the explorable's where it is. Thebe (live code
  in the page) is not configured, so its files go everywhere.
- Every script file is deferred, so none blocks the first paint. Only ``documentation_options.js``
  stays as it is (the inline scripts after it extend the object it defines), and the search page
  keeps its scripts in order (its search script runs at once and needs ``doctools.js``).
- After the build, the theme's style sheets keep only the rules whose class names occur in the
  site: in a page's ``class`` attributes or anywhere in a script (which may add them later). Classes
  inside ``:not()``, ``:is()``, ``:where()``, ``:has()`` and attribute selectors never remove a rule.
  pydata-sphinx-theme's sheet, Bootstrap and every Font Awesome icon included, was 64 kB compressed.
- The Font Awesome web fonts then keep only the glyphs those rules still draw (fontTools). The full
  solid font was 153 kB of a lesson's 344 kB first visit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

CLASSES = re.compile(r'class="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
WORD = re.compile(r"[A-Za-z_][\w-]*")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
NEUTRAL = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\]")
CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NESTED = ("@media", "@supports", "@layer", "@container")
CODEPOINT = re.compile(r'"(?:\\([0-9a-fA-F]{4,5})|([\ue000-\uf8ff]))"')
FONTS = "vendor/fontawesome/webfonts"
THEME_CSS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "sphinx-design.min.css")
UNUSED_SCRIPTS = {"fontawesome.js"}
"""In the theme's static folder but never loaded (``templates/static/webpack-macros.html``)."""

Needs = Callable[[set[str]], bool]


def _code(classes: set[str]) -> bool:
    return "highlight" in classes


def _design(classes: set[str]) -> bool:
    return any(c.startswith("sd-") for c in classes)


def _tabs(classes: set[str]) -> bool:
    return "sd-tab-set" in classes


def _toggles(classes: set[str]) -> bool:
    return bool({"toggle", "toggle-details", "admonition.dropdown"} & classes)


def _course(classes: set[str]) -> bool:
    return any(c.startswith("cw-") for c in classes)


def _trust(classes: set[str]) -> bool:
    return "cw-trust" in classes


def _review(classes: set[str]) -> bool:
    return "cw-review" in classes


def _progress(classes: set[str]) -> bool:
    return bool({"cw-progress", "cw-answers"} & classes)


def _notebook(classes: set[str]) -> bool:
    return bool({"cell", "pasted-text", "pasted-inline"} & classes)


def _never(classes: set[str]) -> bool:
    return False


NEEDS: dict[str, Needs] = {
    "pygments.css": _code, "copybutton.css": _code, "copybutton.js": _code, "clipboard.min.js": _code,
    "sphinx-design.min.css": _design, "design-tabs.js": _tabs,
    "togglebutton.css": _toggles, "togglebutton.js": _toggles,
    "coursewidgets.css": _course, "coursewidgets.js": _course, "progress.js": _progress,
    "trust.css": _trust, "trust.js": _trust, "review.js": _review,
    "sphinx-thebe.css": _never, "sphinx-thebe.js": _never,
}
"""File name -> whether a page whose body uses these classes needs the file. Others load everywhere."""
INLINE_NEEDS: dict[str, Needs] = {"let toggle": _toggles, "var togglebuttonSelector": _toggles, "THEBE_JS_URL": _never}
"""Inline scripts that only configure one of the files above go with it."""
KEEP_IN_ORDER = {"documentation_options.js"}


def classes_in(html: str) -> set[str]:
    """Every class name in ``html``, and ``admonition.dropdown`` for an admonition that toggles."""
    found: set[str] = set()
    for attr in CLASSES.findall(html):
        names = set(attr.split())
        found |= names | ({"admonition.dropdown"} if {"admonition", "dropdown"} <= names else set())
    return found


def _wanted(asset: Any, classes: set[str]) -> bool:
    name = Path(str(asset.filename or "")).name
    if name.startswith("mystnb.") and name.endswith(".css"):  # named by its content's hash
        return _notebook(classes)
    if name in NEEDS:
        return NEEDS[name](classes)
    body = str(asset.attributes.get("body", ""))
    return all(needs(classes) for key, needs in INLINE_NEEDS.items() if key in body)


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    classes = classes_in(context.get("body", ""))
    context["css_files"] = [css for css in context.get("css_files", []) if _wanted(css, classes)]
    scripts = [js for js in context.get("script_files", []) if _wanted(js, classes)]
    if pagename != "search":  # the search page runs Sphinx's search in order
        scripts = [_deferred(js) for js in scripts]
    context["script_files"] = scripts


def _deferred(js: Any) -> Any:
    """The script file deferred: a new asset, as every page shares the builder's."""
    if not js.filename or Path(str(js.filename)).name in KEEP_IN_ORDER or {"async", "defer"} & set(js.attributes):
        return js
    return type(js)(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})


def names_used(outdir: Path) -> set[str]:
    """Class names in the built pages, and every word of the scripts (which may add classes)."""
    static = outdir / "_static"
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        names |= {n for attr in CLASSES.findall(html) for n in attr.split()}
        names |= {w for script in INLINE_SCRIPT.findall(html) for w in WORD.findall(script)}
    for script in static.rglob("*.js"):
        if script.name not in UNUSED_SCRIPTS:
            names |= set(WORD.findall(script.read_text(encoding="utf-8", errors="ignore")))
    return names


def _blocks(css: str) -> list[tuple[str, str]]:
    """The top-level ``prelude { body }`` blocks of a style sheet without comments."""
    found, i = [], 0
    while (start := css.find("{", i)) >= 0:
        depth, k = 1, start + 1
        while depth:
            char = css[k]
            if char in "\"'":
                k = css.index(char, k + 1)
            depth += {"{": 1, "}": -1}.get(char, 0)
            k += 1
        found.append((css[i:start].strip(), css[start + 1:k - 1]))
        i = k
    return found


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and not depth:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def prune_css(css: str, used: set[str]) -> str:
    """The style sheet less the selectors that name a class the site never uses."""
    out = []
    for prelude, body in _blocks(COMMENT.sub("", css)):
        if prelude.startswith(NESTED):
            inner = prune_css(body, used)
            out += [f"{prelude}{{{inner}}}"] if inner else []
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in _selectors(prelude) if set(CLASS_NAME.findall(NEUTRAL.sub("", s))) <= used]
            out += [f"{','.join(kept)}{{{body}}}"] if kept else []
    return "".join(out)


def codepoints(css_texts: Iterable[str]) -> set[int]:
    """Private-use code points (Font Awesome's) that style sheets put in ``content`` or variables."""
    found = set()
    for css in css_texts:
        for escaped, literal in CODEPOINT.findall(css):
            point = int(escaped, 16) if escaped else ord(literal)
            if 0xE000 <= point <= 0xF8FF:
                found.add(point)
    return found


def subset_font(path: Path, keep: set[int]) -> None:
    """Rewrite a woff2 font with only the glyphs for ``keep`` (glyphs the font lacks are skipped)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(path, recalcBBoxes=False)  # the font's own bounds place each icon on its line
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.recalc_bounds = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(keep & set(font.getBestCmap())))
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(path)


def _slim(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    used = names_used(outdir)
    for sheet in (static / name for name in THEME_CSS):
        if sheet.exists():
            sheet.write_text(prune_css(sheet.read_text(encoding="utf-8"), used), encoding="utf-8")
    keep = codepoints(p.read_text(encoding="utf-8") for p in static.rglob("*.css"))
    for font in (static / FONTS).glob("*.woff2"):
        subset_font(font, keep)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _page_assets, priority=950)
    app.connect("build-finished", _slim)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
