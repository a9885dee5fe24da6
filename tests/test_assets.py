"""Page-speed helpers (coursewidgets.site.assets) on small inputs; the built site is checked in
test_page_speed.py."""

from __future__ import annotations

from types import SimpleNamespace

from coursewidgets.site.assets import _wanted, classes_in, codepoints, prune_css


def asset(filename: str | None = None, body: str = "") -> SimpleNamespace:
    return SimpleNamespace(filename=filename, attributes={"body": body} if body else {})


def test_prune_css_drops_selectors_naming_unused_classes_only() -> None:
    css = (".a{color:red}.b,.a .c{color:blue}/* note */.a:not(.gone){top:0}[title=\".gone\"]{left:0}"
           "@media (min-width:1px){.gone{x:1}.a{y:2}}@media print{.gone{z:3}}@font-face{font-family:F}"
           ".gone:is(.a){w:1}p{margin:0}")
    assert prune_css(css, {"a"}) == (".a{color:red}.a:not(.gone){top:0}[title=\".gone\"]{left:0}"
                                      "@media (min-width:1px){.a{y:2}}@font-face{font-family:F}p{margin:0}")


def test_prune_css_keeps_strings_with_braces_and_commas() -> None:
    css = '.a::before{content:"{,}"}.b::after{content:"}"}'
    assert prune_css(css, {"a"}) == '.a::before{content:"{,}"}'


def test_codepoints_are_font_awesome_escapes_and_characters() -> None:
    assert codepoints(['.fa-bars:before{content:"\\f0c9"}', ':root{--i:"\uf058"}', 'q:before{content:"\\201c"}']) == {
        0xF0C9, 0xF058}


def test_pages_load_only_the_files_their_content_uses() -> None:
    lesson = classes_in('<section class="cw-quiz" id="x"><div class="admonition dropdown">')
    assert "admonition.dropdown" in lesson and "cw-quiz" in lesson
    assert _wanted(asset("_static/coursewidgets.js"), lesson)
    assert not _wanted(asset("_static/trust.js"), lesson)
    assert not _wanted(asset("_static/copybutton.js"), lesson)
    assert _wanted(asset("_static/togglebutton.js"), lesson)
    assert not _wanted(asset("_static/togglebutton.js"), classes_in('<div class="dropdown dropdown-download-buttons">'))
    assert not _wanted(asset(body="const THEBE_JS_URL = 'x';"), lesson)
    assert _wanted(asset(body="DOCUMENTATION_OPTIONS.pagename = 'x';"), set())
    assert _wanted(asset("_static/scripts/bootstrap.js"), set()), "files the table does not name load everywhere"
    mystnb = asset("_static/mystnb.11b39860a7a0.css")  # named by its content's hash
    assert _wanted(mystnb, classes_in('<div class="cell docutils container">')), "notebook cells keep their styles"
    assert not _wanted(mystnb, lesson), "a page with no notebook cell does not load them"


def test_deferring_leaves_the_shared_asset_alone() -> None:
    from sphinx.builders.html._assets import _JavaScript

    from coursewidgets.site.assets import _deferred

    shared = _JavaScript("doctools.js", priority=200)
    late = _deferred(shared)
    assert late.attributes == {"defer": "defer"} and late.priority == 200 and shared.attributes == {}
    assert _deferred(_JavaScript("documentation_options.js")).attributes == {}
