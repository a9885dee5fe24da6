"""Markup in an exercise's texts never leaks out of the quiz's JSON: ``<!--<script>``, ``<script``, ``</script``
and ``<!--`` in any text leave the rest of the lesson page whole. The renderer's output is parsed by Chromium,
the HTML parser the learner's browser runs (its escaped and double-escaped script states included)."""

from __future__ import annotations

import json

import pytest
from exercises_for_tests import ALL, make, opt

from coursewidgets.core.models import ExerciseAdapter
from coursewidgets.render.html import page_data, render_html, script_json

HOSTILE = ["<!--<script>", "<script>", "</script>", "<!--", "-->", "<!-- <script> -->", "<SCRIPT type=x>",
           "</ScRiPt >", "<\\/script>", "<!--<script></script>-->", "<!--<script>alert(1)</script", "&lt;/script&gt;",
           "]]>", "<style>", "</style>", "\u2028\u2029"]


def _hostile_exercises() -> list:
    """Every kind, each text carrying one of ``HOSTILE``."""
    out = []
    for n, ex in enumerate(ALL):
        data = ex.model_dump()
        words = iter(HOSTILE * 10)

        def poison(value, key=""):
            if isinstance(value, dict):
                return {k: poison(v, k) for k, v in value.items()}
            if isinstance(value, list):
                return [poison(v, key) for v in value]
            if isinstance(value, str) and key in ("title", "prompt", "text", "label", "feedback", "source", "exemplar",
                                                   "strong", "adequate", "weak") or key == "model_points":
                return f"{value} {next(words)} tail"
            return value

        data = poison(data)
        data["id"] = f"{data['id']}-{n}"
        out.append(ExerciseAdapter.validate_python(data))
    out.append(make("single_choice", id="all-at-once", prompt=" ".join(HOSTILE),
                    options=[opt("a", True), opt("b"), {**opt("c"), "text": "<!--<script>"}]))
    return out


def test_no_hostile_text_is_left_unescaped_in_the_json():
    for ex in _hostile_exercises():
        html = render_html(ex)
        data = html.split('class="cw-data">', 1)[1].rsplit("</script>", 1)[0]
        assert "<" not in data and ">" not in data and "&" not in data
        assert json.loads(data) == page_data(ex)
    assert json.loads(script_json({"x": "</script><!--"})) == {"x": "</script><!--"}


def test_chromium_parses_every_quiz_whole_and_the_rest_of_the_page(page):
    exercises = _hostile_exercises()
    body = "".join(f'{render_html(ex)}<p class="after" id="after-{n}">Lesson text {n} after the quiz.</p>'
                   for n, ex in enumerate(exercises))
    page.set_content(f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>{body}'
                     f'<footer id="end">The end of the lesson.</footer></main></body></html>')
    found = page.evaluate("""() => ({
        after: [...document.querySelectorAll('main > p.after')].map(p => p.id),
        end: !!document.querySelector('main > footer#end'),
        sections: document.querySelectorAll('main > section.cw-quiz').length,
        scripts: [...document.querySelectorAll('section.cw-quiz > script.cw-data')].map(s => JSON.parse(s.textContent)),
    })""")
    assert found["after"] == [f"after-{n}" for n in range(len(exercises))]
    assert found["end"] and found["sections"] == len(exercises)
    assert found["scripts"] == [json.loads(json.dumps(page_data(ex))) for ex in exercises]


@pytest.mark.parametrize("text", HOSTILE)
def test_each_text_alone_keeps_the_page_whole(page, text):
    ex = make("single_choice", id="one", prompt=text, options=[opt("a", True), opt("b"), {**opt("c"), "text": text + "c"}])
    page.set_content(f"<!DOCTYPE html><html><body>{render_html(ex)}<p id='after'>after</p></body></html>")
    assert page.evaluate("() => !!document.querySelector('body > p#after')")
    assert page.evaluate("() => JSON.parse(document.querySelector('script.cw-data').textContent).prompt") == text
