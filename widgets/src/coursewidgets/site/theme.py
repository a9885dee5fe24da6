"""Fixes to the theme's markup (``sphinx: extra_extensions: [coursewidgets.site.theme]``).

Phone menus: ``theme_static/theme-fixes.js`` makes the article header's menu and "On this page"
buttons open their drawers again (pydata-sphinx-theme#2451) and gives focus back when a drawer
closes. It runs before the theme's scripts (priority 100). ``theme_static/favicon.svg`` is the
site's icon, so browsers do not ask for a missing ``favicon.ico``.

Header buttons (``tidy_header``): while ``_config.yml`` still names the placeholder repository
(``github.com/example/...``), the Binder button would lead students to an error, so it is left out (the
``.ipynb`` download stays); it appears once the real repository is set. The full-screen button goes (it adds
little, and crowded the phone header), and the download menu's ".pdf", which only opens the print dialog, says
"Print". On a phone (``theme_static/theme-fixes.css``) the download and launch menus are hidden too, and the
buttons left (menu, colour mode, search, contents) are 44 x 44 CSS px touch targets.

Page weight: the theme loads Font Awesome twice, as a web font through its CSS and as a 1.4 MB
script (529 kB compressed) that swaps each icon for an SVG. ``templates/static/webpack-macros.html``
drops the script; the web font draws every icon the site uses.

Accessibility: axe-core finds four problems on a default sphinx-book-theme page. Each is fixed
at its source:

- the search buttons are named "Search" while they read "Search Ctrl+K", and the colour-mode
  button's icons carry titles that are not part of its name (WCAG 2.5.3, label in name):
  ``templates/`` overrides those two theme components;
- the site title in the sidebar sits outside every landmark: ``templates/navbar-logo.html``
  puts it in a navigation landmark;
- docutils marks bibliography entries with ``role="doc-biblioentry"``, deprecated in ARIA 1.3 and
  not allowed on a ``div``, so the surrounding ``role="list"`` has no list items: the translator
  mixin below marks each entry as a list item instead.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "theme_static"


class CitationListItems:
    """Bibliography entries as plain list items of docutils' ``role="list"`` wrapper."""

    def visit_citation(self: Any, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _templates_first(app: Sphinx, config: Any) -> None:
    config.templates_path.insert(0, str(TEMPLATES))
    config.html_static_path.append(str(STATIC))
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")


def _translator(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    base = app.registry.translators.get(app.builder.name, app.builder.default_translator_class)
    app.set_translator(app.builder.name, types.new_class("A11yTranslator", (CitationListItems, base)), override=True)


PLACEHOLDER = "https://github.com/example/"
"""The start of the repository address the course ships with, to be replaced before publishing."""


def tidy_header(buttons: list[dict[str, Any]], repository: str) -> list[dict[str, Any]]:
    """The header buttons without the full-screen button, with "Print" for ".pdf", and without the Binder
    launch button when ``repository`` is the placeholder (nor the launch menu if nothing else is in it)."""
    out = []
    for button in buttons:
        if button.get("label") == "fullscreen-button":
            continue
        inner = [{**b, "text": "Print"} if b.get("label") == "download-pdf-button" else b
                 for b in button.get("buttons", [])]
        if button.get("label") == "launch-buttons" and repository.startswith(PLACEHOLDER):
            inner = [b for b in inner if b.get("text") != "Binder"]
            if not inner:
                continue
        out.append({**button, "buttons": inner} if "buttons" in button else button)
    return out


def _launch(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "header_buttons" in context:
        repository = str(app.config.html_theme_options.get("repository_url", ""))
        context["header_buttons"] = tidy_header(context["header_buttons"], repository)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", _launch, priority=600)  # after the theme adds its buttons (501)
    app.connect("config-inited", _templates_first)
    app.connect("builder-inited", _translator, priority=900)  # after the theme wraps the translator
    app.add_css_file("theme-fixes.css")
    app.add_js_file("theme-fixes.js", loading_method="defer", priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
