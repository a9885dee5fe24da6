"""Variants on the site, in Chromium: one quiz of every kind with two or three variants (``VARIED``), put
into a lesson page of the built course. Only the variant the attempt's seed asks is in the page; "Start
again" asks another one and a reload the same one (answered, or just started again); the score the page
shows is Python's for the variant asked, and its Check is kept with that variant; and a quiz asking its
second variant works with the keyboard alone, says what happened in its live region and passes axe."""

from __future__ import annotations

import pytest
from exercises_for_tests import VARIED, key_answer
from learner import STORE_KEY, answer_by_keyboard, saved, tab_to, visible_items
from test_a11y import violations
from test_pattern_bot_site import PLAY

from coursewidgets.core.grading import grade
from coursewidgets.core.layout import draw, layout, variant_index, variants_of
from coursewidgets.core.models import Exercise
from coursewidgets.core.responses import FORMAT, VERSION
from coursewidgets.render.html import render_html, variant_base

pytestmark = pytest.mark.browser
LESSON = "chapters/02-defining-partnership.html"
URL = "/chapters/variants-under-test.html"
NEW_QUESTION = "Cleared. Have a go at this new question."



def titled(ex: Exercise) -> Exercise:
    """``ex`` with a title of its own (a page's quizzes are landmarks, told apart by their titles)."""
    title = {"title": f"Variants of a {ex.kind.replace('_', ' ')} quiz"}
    return ex.model_copy(update={**title, "variants": tuple(v.model_copy(update=title) for v in ex.variants)})


QUIZZES = [titled(ex) for ex in VARIED]


ASKED = """q => [...q.querySelectorAll('.cw-variant')].map(v => [Number(v.dataset.variant), v.hidden])"""
"""The variants in the page, each as [number, hidden]: the script keeps only the one asked."""


@pytest.fixture
def lesson(built_site, site_url, page):
    """A guarded page on a built lesson, with the ``VARIED`` quizzes (titled) before the lesson's own."""
    html = (built_site / LESSON).read_text(encoding="utf-8")
    at = html.index('<section class="cw-quiz"')
    body = html[:at] + "".join(render_html(ex) for ex in QUIZZES) + html[at:]
    page.route(site_url + URL, lambda route: route.fulfill(content_type="text/html", body=body))
    page.goto(site_url + URL)
    return page


@pytest.fixture
def context(browser):
    """A context whose first attempts ask a variant at random (conftest's default asks the first)."""
    ctx = browser.new_context(variants="random")
    yield ctx
    ctx.close()

def asked(quiz) -> int:
    """The number of the one variant in the page (it must be shown)."""
    (number, hidden), = quiz.evaluate(ASKED)
    assert not hidden
    return number


def wrong_answer(ex: Exercise, shown: list[str]) -> object:
    """An answer to one variant with every part wrong (a reflection's: the right one; it has no marks)."""
    if ex.kind == "single_choice":
        return next(o.id for o in ex.options if not o.correct)
    if ex.kind == "multiple_select":
        return [o.id for o in ex.options if not o.correct]
    if ex.kind in ("classification", "matching"):
        choices = [c.id for c in getattr(ex, "categories", None) or ex.targets]
        return {i: next(c for c in choices if c != a) for i, a in key_answer(ex, shown).items()}
    if ex.kind == "ordering":
        return key_answer(ex)[::-1]
    return key_answer(ex)


def check(quiz, ex: Exercise, answer: object) -> tuple[str, int | None]:
    """Answer in the page's own controls and press Check: the status line and the seed saved."""
    if ex.kind != "reflection":
        return tuple(quiz.evaluate(PLAY, answer))
    quiz.locator("textarea").fill(answer)
    quiz.locator(".cw-check").click()
    return quiz.locator(".cw-status").inner_text(), saved(quiz.page)["responses"][ex.id]["seed"]


def start_again(quiz, ex: Exercise) -> None:
    quiz.locator(".cw-retry").click()
    if ex.kind == "reflection":  # it asks before deleting the writing
        quiz.get_by_role("button", name="Yes, delete my answer").click()


@pytest.mark.parametrize("ex", QUIZZES, ids=lambda ex: ex.kind)
def test_start_again_asks_another_variant_and_a_reload_the_same(lesson, ex):
    page = lesson
    quiz = page.locator(f"#cw-{ex.id}")
    seen = []
    for attempt in range(6):
        number = asked(quiz)
        variant = variants_of(ex)[number]
        assert quiz.locator(".cw-prompt").first.inner_text().startswith(variant.prompt)
        shown = visible_items(quiz)
        answer = (key_answer if attempt % 2 else wrong_answer)(variant, shown)
        status, seed = check(quiz, ex, answer)
        assert variant_index(ex, seed) == number, "the page shows the variant of the seed it saves"
        history = saved(page)["responses"][ex.id].get("history", [])
        assert [h["variant"] for h in history[-1:]] == ([] if ex.kind == "reflection" else [number])
        expected = layout(ex, seed)
        assert shown == next(iter({k: v for k, v in expected.items() if k != "shown"}.values()), [])
        g = grade(ex, answer, draw(ex, seed), seed)
        assert status == (g.summary if ex.kind == "reflection" else f"Score: {g.summary}"), "Python's grade"
        if attempt < 2:
            page.reload()
            assert asked(quiz) == number and quiz.locator(".cw-status").inner_text() == status, "a reload restores it"
            assert saved(page)["responses"][ex.id]["seed"] == seed
        seen.append(number)
        start_again(quiz, ex)
        assert asked(quiz) != number, "Start again asks another variant"
        assert quiz.locator(".cw-status").inner_text() == NEW_QUESTION
        kept = saved(page)["responses"][ex.id]
        assert "answer" not in kept and variant_index(ex, kept["seed"]) == asked(quiz)
        if attempt == 0:
            then = asked(quiz)
            page.reload()
            assert asked(quiz) == then and quiz.locator(".cw-status").inner_text() == "", \
                "a reload after Start again asks the new variant, unanswered"
    assert len(set(seen)) >= 2


def test_without_javascript_the_first_variant_shows(built_site, site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    body = "".join(render_html(ex) for ex in QUIZZES)
    page.route(site_url + URL, lambda route: route.fulfill(content_type="text/html", body=f"<main>{body}</main>"))
    page.goto(site_url + URL)
    for ex in QUIZZES:
        quiz = page.locator(f"#cw-{ex.id}")
        assert quiz.evaluate(ASKED) == [[n, n > 0] for n in range(len(ex.variants))]
        assert quiz.locator(".cw-prompt:visible").all_inner_texts()[0].startswith(ex.prompt)
        assert quiz.locator(".cw-prompt:visible").count() == 1
    context.close()


def test_a_second_variant_by_keyboard_alone_with_its_live_region_and_axe(lesson, site_url):
    """Each quiz asks its second variant (a saved seed); answered with keys only, its marks and the status are
    Python's; Start again, pressed with Enter, keeps the focus and says a new question is asked; axe finds
    nothing with the marks showing nor after Start again."""
    page = lesson
    seeds = {ex.id: next(s for s in range(100, 200) if variant_index(ex, s) == 1) for ex in QUIZZES}
    doc = {"format": FORMAT, "version": VERSION, "student": "", "responses": {i: {"seed": s} for i, s in seeds.items()}}
    page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORE_KEY, doc])
    page.reload()
    problems = {}
    for ex in QUIZZES:
        variant, seed, quiz = variants_of(ex)[1], seeds[ex.id], page.locator(f"#cw-{ex.id}")
        assert asked(quiz) == 1
        page.goto(f"{site_url}{URL}#cw-{ex.id}")  # the focus starts at the quiz (no mouse: it would hover)
        answer_by_keyboard(page, variant, right=False, base=variant_base(f"cw-{ex.id}", 1))
        entry = saved(page)["responses"][ex.id]
        g = grade(ex, entry["answer"], draw(ex, seed), seed)
        assert entry["seed"] == seed and g.score == 0 and g.exercise == ex.id
        status = quiz.locator(".cw-status")
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        if ex.kind == "reflection":
            assert status.inner_text() == g.summary
        else:
            assert status.inner_text() == f"Score: {g.summary}"
            row = quiz.locator(".cw-item:not([hidden])").first
            feedback = row.locator(".cw-feedback")
            described = row.locator("input, select, button").first.get_attribute("aria-describedby")
            assert feedback.get_attribute("id") in described.split(), "the mark is read with its control"
        problems[f"{ex.kind} checked"] = violations(page)
        inside = f"!!el.closest('#cw-{ex.id}')"
        tab_to(page, f"el => el.classList.contains('cw-retry') && {inside}")
        page.keyboard.press("Enter")
        if ex.kind == "reflection":  # it asks first, "No, keep it" focused: "Yes" is the button before it
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Enter")
            assert page.evaluate(f"() => (el => el.tagName === 'TEXTAREA' && {inside})(document.activeElement)"), \
                "the focus goes to the new variant's text box"
        else:
            assert page.evaluate(f"() => (el => el.classList.contains('cw-retry') && {inside})(document.activeElement)")
        assert asked(quiz) != 1 and status.inner_text() == NEW_QUESTION
        problems[f"{ex.kind} started again"] = violations(page)
    assert {where: found for where, found in problems.items() if found} == {}
