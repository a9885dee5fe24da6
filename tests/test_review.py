"""The Review page in Chromium with a controlled clock: exercises answered wrong and right in the lessons come
back on the days the Leitner plan says, each in a new layout; each review is recorded and says when it comes
back; the page's plan agrees with Python's; a review still runs when storage is refused; axe finds nothing in
any state. Also: the page's script is on the review page only, and the lessons' quizzes ask how sure you are."""

from __future__ import annotations

import json

import pytest
from learner import (BANK, PHONE, REFUSE_WRITES, REVIEW, STORE_KEY, answer_by_keyboard, quiz_pages, saved,
                     theme_storage_error)
from test_a11y import axe_page, violations

from coursewidgets.core.responses import parse
from coursewidgets.core.schedule import schedule

pytestmark = pytest.mark.browser
NOTHING_YET = "Nothing to review yet. Check an exercise in a lesson, and it comes back here when it is due."


def on(page, day: str) -> None:
    page.clock.set_fixed_time(f"{day}T10:00:00Z")


def answer(page, ex, right: bool, level: int | None) -> None:
    option = next(o.id for o in ex.options if o.correct == right)
    page.locator(f'label[for="cw-{ex.id}-{option}"]').click()
    if level:
        page.locator(f'label[for="cw-{ex.id}-sure-{level}"]').click()
    page.locator(f"#cw-{ex.id} .cw-check").click()


def review_state(page) -> tuple[str, list[str], list[list[str]]]:
    """The status line, the exercises shown for review, and the plan's rows."""
    status = page.locator("#cw-review-status").inner_text()
    shown = page.evaluate("() => [...document.querySelectorAll('[data-review]:not([hidden])')].map(w => w.dataset.review)")
    rows = page.evaluate("() => [...document.querySelectorAll('#cw-plan tbody tr')].map(r => [...r.cells].map(c => c.textContent))")
    return status, sorted(shown), rows


def open_review(page, site_url: str, day: str) -> tuple[str, list[str], list[list[str]]]:
    on(page, day)
    page.goto(site_url + REVIEW)
    page.wait_for_function("() => document.getElementById('cw-review-status').textContent !== ''")
    assert violations(page) == [], f"axe on the review page on {day}"
    return review_state(page)


def note(page, ex) -> str:
    return page.locator(f'[data-review="{ex.id}"] .cw-review-next').inner_text()


def two_single_choices(built_site):
    pages = quiz_pages(built_site)
    a, b = [BANK[i] for i in pages if BANK[i].kind == "single_choice"][:2]
    return a, b, pages


def test_reviews_come_back_when_the_plan_says(built_site, site_url, browser):
    a, b, pages = two_single_choices(built_site)
    with axe_page(browser, built_site, site_url) as page:
        status, shown, rows = open_review(page, site_url, "2026-12-01")
        assert (status, shown, rows) == (NOTHING_YET, [], [])
        assert page.locator("#cw-plan").is_hidden() and page.locator("#cw-plan-empty").is_visible()

        # day 1, in the lessons: A wrong though sure, B right and sure
        for ex, right, mark in ((a, False, "-6"), (b, True, "+3")):
            page.goto(site_url + pages[ex.id])
            answer(page, ex, right, 3)
            assert page.locator(f"#cw-{ex.id} .cw-cbm").inner_text() == f"Confidence mark: {mark} out of 3 (Sure)."
        lesson_seed = saved(page)["responses"][a.id]["seed"]

        status, shown, rows = open_review(page, site_url, "2026-12-01")
        assert shown == [] and len(rows) == 2 and {r[3] for r in rows} == {"2026-12-02"}
        assert status.startswith("Nothing is due today. Your next review is tomorrow (2026-12-02): ")

        # day 2: both are due, each in a new attempt with nothing chosen
        status, shown, rows = open_review(page, site_url, "2026-12-02")
        assert status == "2 exercises are due for review today." and shown == sorted([a.id, b.id])
        assert {r[3] for r in rows} == {"due now"}
        assert page.locator("[data-review] .cw-question input:checked").count() == 0
        answer(page, a, True, 3)
        assert note(page, a) == "Recorded. This exercise comes back in 3 days (2026-12-05), from box 2 of 5."
        answer(page, b, True, 1)  # right, but a guess: it stays in box 1
        assert note(page, b) == "Recorded. This exercise comes back tomorrow (2026-12-03), from box 1 of 5."
        assert page.locator(f"#cw-{b.id} .cw-cbm").inner_text() == "Confidence mark: +1 out of 3 (Guessing)."
        assert violations(page) == [], "axe with a review's marks showing"
        assert saved(page)["responses"][a.id]["seed"] != lesson_seed, "a review is a new layout"
        assert [h["score"] for h in saved(page)["responses"][a.id]["history"]] == [0, 1]

        assert open_review(page, site_url, "2026-12-02")[1] == []
        assert open_review(page, site_url, "2026-12-03")[1] == [b.id]
        assert open_review(page, site_url, "2026-12-04")[1] == [b.id], "a missed review stays due"
        status, shown, rows = open_review(page, site_url, "2026-12-05")
        assert shown == sorted([a.id, b.id])
        answer(page, a, False, 2)
        assert note(page, a) == "Recorded. This exercise comes back tomorrow (2026-12-06), from box 1 of 5."

        # Python plans the same days from the same answers
        plans = {p.exercise: p for p in schedule(parse(saved(page), "browser"))}
        rows = {r[0]: r for r in review_state(page)[2]}
        for ex in (a, b):
            assert rows[ex.title][1:] == [f"{plans[ex.id].box} of 5", plans[ex.id].last,
                                          "due now" if plans[ex.id].due <= "2026-12-05" else plans[ex.id].due]


def stored(ex, score: int) -> str:
    """An init script that puts one Check of ``ex`` on 2026-12-01 in the browser's saved answers."""
    doc = {"format": "coursewidgets-responses", "version": 2, "responses": {
        ex.id: {"answer": None, "history": [{"at": "2026-12-01T09:00:00Z", "score": score, "max": 1, "confidence": 3}]}}}
    return f"localStorage.setItem({json.dumps(STORE_KEY)}, {json.dumps(json.dumps(doc))});"


def test_a_review_on_a_phone_with_the_keyboard_only(built_site, site_url, browser):
    a, _, _ = two_single_choices(built_site)
    with axe_page(browser, built_site, site_url, init_script=stored(a, 0), **PHONE) as page:
        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert status == "1 exercise is due for review today." and shown == [a.id]
        answer_by_keyboard(page, a)
        assert note(page, a) == "Recorded. This exercise comes back in 3 days (2026-12-05), from box 2 of 5."
        assert page.locator(f"#cw-{a.id} .cw-cbm").inner_text() == (
            "Confidence mark: not given (say how sure you are before you check).")
        assert violations(page) == [], "axe on a phone after a review"


def test_a_review_runs_when_storage_is_refused(built_site, site_url, browser):
    a, _, _ = two_single_choices(built_site)
    keep = stored(a, 1)
    with axe_page(browser, built_site, site_url, allowed_error=theme_storage_error,
                  init_script=keep + REFUSE_WRITES) as page:
        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert status == "1 exercise is due for review today." and shown == [a.id]
        assert page.locator(".cw-storage").count() == 1 and page.locator(".cw-storage").is_visible()
        answer(page, a, True, 3)
        assert page.locator(f"#cw-{a.id} .cw-status").inner_text() == "Score: 1 out of 1."
        assert note(page, a) == "Recorded. This exercise comes back in 3 days (2026-12-05), from box 2 of 5."
        assert violations(page) == [], "axe with the storage warning and a review's marks"


def test_the_review_script_is_on_the_review_page_only(built_site):
    review = (built_site / "chapters" / "review.html").read_text(encoding="utf-8")
    lesson = (built_site / "chapters" / "02-defining-partnership.html").read_text(encoding="utf-8")
    assert "review.js" in review and "review.js" not in lesson
    marked = [ex for ex in BANK.values() if ex.kind != "reflection"]
    assert review.count('class="cw-review-item"') == len(marked)
    assert 'class="cw-sure"' in lesson
