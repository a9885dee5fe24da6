"""Fixes to the theme's markup (``sphinx: extra_extensions: [coursewidgets.site.theme]``).

Phone menus: ``theme_static/theme-fixes.js`` makes the article header's menu and "On this page"
buttons open their drawers again (pydata-sphinx-theme#2451) and gives focus back when a drawer
closes. It runs before the theme's scripts (priority 100). ``theme_static/favicon.svg`` is the
site's icon, so browsers do not ask for a missing ``favicon.ico``.

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


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _templates_first)
    app.connect("builder-inited", _translator, priority=900)  # after the theme wraps the translator
    app.add_css_file("theme-fixes.css")
    app.add_js_file("theme-fixes.js", loading_method="defer", priority=100)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
