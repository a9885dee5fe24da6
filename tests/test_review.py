"""The Review page in Chromium with a controlled clock: exercises answered wrong and right in the lessons come
back on the days the Leitner plan says, each in a new layout, saying why and linking to the section to read
again; at most five a day, with progress through today's set; days in the learner's own time zone; each review
is recorded and says when it comes back; the page's plan agrees with Python's; a quiz that cannot be fetched
says so; a review still runs when storage is refused; axe finds nothing in any state. Also: the page's script is on the review page only, and the lessons' quizzes ask how sure you are."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from learner import (BANK, PHONE, REFUSE_WRITES, REVIEW, STORE_KEY, answer_by_keyboard, guarded_page, quiz_pages,
                     saved, shown_variant, theme_storage_error)
from test_a11y import axe_page, violations

from coursewidgets.core.layout import variants_of
from coursewidgets.core.responses import parse
from coursewidgets.core.schedule import agenda, day_words

pytestmark = pytest.mark.browser
NOTHING_YET = "Nothing to review yet. Check an exercise in a lesson, and it comes back here when it is due."


def answer(page, ex, right: bool, level: int | None) -> None:
    """Choose the right (or a wrong) option of the variant the page asks, say how sure, and Check."""
    asked, base = shown_variant(page, ex)
    option = next(o.id for o in asked.options if o.correct == right)
    page.locator(f'label[for="{base}-{option}"]').click()
    if level:
        page.locator(f'label[for="cw-{ex.id}-sure-{level}"]').click()
    page.locator(f"#cw-{ex.id} .cw-check").click()


def review_state(page) -> tuple[str, list[str], list[list[str]]]:
    """The status line, the exercises whose quiz is shown for review, and the plan's rows."""
    status = page.locator("#cw-review-status").inner_text()
    shown = page.evaluate("() => [...document.querySelectorAll('#cw-review-due [data-review]:has(section.cw-quiz)')]"
                          ".map(w => w.dataset.review)")
    rows = page.evaluate("() => [...document.querySelectorAll('#cw-plan tbody tr')].map(r => [...r.cells].map(c => c.textContent))")
    return status, sorted(shown), rows


def open_review(page, site_url: str, day: str, at: str = "10:00:00Z") -> tuple[str, list[str], list[list[str]]]:
    page.clock.set_fixed_time(f"{day}T{at}")
    page.goto(site_url + REVIEW)
    page.wait_for_function("() => { const t = document.getElementById('cw-review-status').textContent;"
                           " return t !== '' && !t.startsWith('Loading'); }")
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
        for ex, right in ((a, False), (b, True)):
            page.goto(site_url + pages[ex.id])
            answer(page, ex, right, 3)
        lesson = saved(page)["responses"][a.id]

        status, shown, rows = open_review(page, site_url, "2026-12-01")
        assert shown == [] and len(rows) == 2 and {r[3] for r in rows} == {"tomorrow, Wednesday 2 December"}
        assert status == "Nothing is due today. Next: tomorrow, Wednesday 2 December (2 exercises)."

        # day 2: both are due, each in a new attempt with nothing chosen, each saying why and where to read
        status, shown, rows = open_review(page, site_url, "2026-12-02")
        minutes = a.minutes + b.minutes
        assert status == f"Today: 0 of 2 done, about {minutes} minutes left." and shown == sorted([a.id, b.id])
        assert {r[3] for r in rows} == {"today"}
        assert page.locator("[data-review] .cw-question input:checked").count() == 0
        for ex in (a, b):  # a review is a new attempt: it asks another variant than the lesson's Check
            lesson_variant = saved(page)["responses"][ex.id]["seed"] % len(variants_of(ex))
            assert len(variants_of(ex)) > 1 and variants_of(ex).index(shown_variant(page, ex)[0]) != lesson_variant
        why = page.locator(f'[data-review="{a.id}"] .cw-review-why')
        assert why.inner_text().startswith("Due because you had 0 of 1 on Tuesday 1 December. From ")
        href = why.locator("a").get_attribute("href")
        page_of, anchor = href.split("#")
        assert page_of.endswith(pages[a.id].rsplit("/", 1)[1])
        lesson_html = (built_site / pages[a.id].lstrip("/")).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in lesson_html and lesson_html.index(f'id="{anchor}"') < lesson_html.index(f'id="cw-{a.id}"')
        assert page.locator(f'[data-review="{b.id}"] .cw-review-why').inner_text().startswith(
            "Due after its wait of 1 day in box 1 of 5.")
        answer(page, a, True, 3)
        assert note(page, a) == "Recorded. It is now in box 2 of 5 and comes back Saturday 5 December."
        assert page.locator("#cw-review-status").inner_text() == (
            f"Today: 1 of 2 done, about {b.minutes} minutes left.")
        answer(page, b, True, 1)  # right, but a guess: it stays in box 1
        assert note(page, b) == "Recorded. It is now in box 1 of 5 and comes back tomorrow, Thursday 3 December."
        assert page.locator("#cw-review-status").inner_text() == (
            "Done for today: 2 of 2 reviewed. Next: tomorrow, Thursday 3 December (1 exercise).")
        assert violations(page) == [], "axe with a review's marks showing"
        assert saved(page)["responses"][a.id]["seed"] == lesson["seed"], "a review leaves the lesson's attempt as it was"
        assert [h["score"] for h in saved(page)["responses"][a.id]["history"]] == [0, 1]

        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert shown == [] and status.startswith("Done for today: 2 of 2 reviewed.")
        assert page.locator("#cw-review-due .cw-review-did").count() == 2
        assert open_review(page, site_url, "2026-12-03")[1] == [b.id]
        assert open_review(page, site_url, "2026-12-04")[1] == [b.id], "a missed review stays due"
        status, shown, rows = open_review(page, site_url, "2026-12-05")
        assert shown == sorted([a.id, b.id])
        answer(page, a, False, 2)
        assert note(page, a).startswith("Recorded. It is now in box 1 of 5 and comes back tomorrow, Sunday 6 December. "
                                        "Before then, read again: ")

        # Python plans the same days from the same answers
        slots = {s.plan.exercise: s for s in agenda(parse(saved(page), "browser"), date(2026, 12, 5))}
        rows = {r[0]: r for r in review_state(page)[2]}
        for ex in (a, b):
            s = slots[ex.id]
            assert rows[ex.title][1] == f"{s.plan.box} of 5"
            assert rows[ex.title][3] == ("done today" if s.done else "today" if s.when == "2026-12-05" else
                                         f"tomorrow, {day_words(s.when, date(2026, 12, 5))}")


def stored(*exercises, score: int = 0, at: str = "2026-12-01T09:00:00Z") -> str:
    """An init script that puts one Check of each exercise, at ``at``, in the browser's saved answers (on the first
    page opened: later pages keep what the learner did)."""
    doc = {"format": "coursewidgets-responses", "version": 2, "responses": {
        ex.id: {"answer": None, "history": [{"at": at, "score": score, "max": 1, "confidence": 3}]} for ex in exercises}}
    key = json.dumps(STORE_KEY)
    return f"if (!localStorage.getItem({key})) localStorage.setItem({key}, {json.dumps(json.dumps(doc))});"


def test_a_crammed_evening_gives_a_steady_week(built_site, site_url, browser):
    """Twelve exercises checked on one day: five a day come back, the oldest due first, and the page says how
    far through today's set the learner is; the first review is on a phone's first screen."""
    marked = sorted(i for i in quiz_pages(built_site) if BANK[i].kind == "single_choice")[:12]
    assert len(marked) == 12
    with axe_page(browser, built_site, site_url, init_script=stored(*(BANK[i] for i in marked)), **PHONE) as page:
        status, shown, rows = open_review(page, site_url, "2026-12-02")
        assert shown == marked[:5]
        minutes = sum(BANK[i].minutes for i in marked[:5])
        assert status == (f"Today: 0 of 5 done, about {minutes} minutes left. "
                          "7 more due are spread over the next days, at most 5 a day.")
        assert [r[3] for r in rows] == ["today"] * 5 + ["tomorrow, Thursday 3 December"] * 5 + ["Friday 4 December"] * 2
        assert page.locator("#cw-review-status").bounding_box()["y"] < 740, "today's review starts on the first screen"
        first = BANK[marked[0]]
        answer(page, first, True, 2)
        assert page.locator("#cw-review-status").inner_text().startswith("Today: 1 of 5 done")
        assert review_state(page)[1] == marked[:5], "today's set does not grow as the learner works through it"
        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert shown == marked[1:5] and status.startswith("Today: 1 of 5 done")


def test_days_are_the_learners_own(built_site, site_url, browser):
    """In Los Angeles a Check at 20:00 on 1 December is on 1 December: it is due the next morning there."""
    a, _, pages = two_single_choices(built_site)
    with axe_page(browser, built_site, site_url, timezone_id="America/Los_Angeles") as page:
        page.clock.set_fixed_time("2026-12-02T04:00:00Z")
        page.goto(site_url + pages[a.id])
        answer(page, a, True, 3)
        status, shown, rows = open_review(page, site_url, "2026-12-02", "17:00:00Z")  # 09:00 on 2 December there
        assert shown == [a.id] and rows[0][2] == "Tuesday 1 December: 1 of 1"
        slots = agenda(parse(saved(page), "browser"), date(2026, 12, 2), ZoneInfo("America/Los_Angeles"))
        assert [(s.plan.last, s.when) for s in slots] == [("2026-12-01", "2026-12-02")]
        assert agenda(parse(saved(page), "browser"), date(2026, 12, 2), ZoneInfo("Asia/Tokyo"))[0].when == "2026-12-03"


def test_a_quiz_that_will_not_load_says_so(built_site, site_url, browser):
    a, _, _ = two_single_choices(built_site)
    with guarded_page(browser, allowed_error=lambda e: "Failed to load resource" in e, init_script=stored(a)) as page:
        page.route(f"**/_static/cw-review/{a.id}.html", lambda route: route.abort())
        status, _, _ = open_review(page, site_url, "2026-12-02")
        assert status == "Today's review could not load today's exercises. Check your connection, then reload this page."


def test_a_review_on_a_phone_with_the_keyboard_only(built_site, site_url, browser):
    a, _, _ = two_single_choices(built_site)
    with axe_page(browser, built_site, site_url, init_script=stored(a), **PHONE) as page:
        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert status.startswith("Today: 0 of 1 done") and shown == [a.id]
        answer_by_keyboard(page, a)
        assert note(page, a) == "Recorded. It is now in box 2 of 5 and comes back Saturday 5 December."
        assert page.locator(f"#cw-{a.id} .cw-cbm").inner_text() == (
            "No confidence mark: you did not say how sure you were.")
        assert violations(page) == [], "axe on a phone after a review"


def test_a_review_runs_when_storage_is_refused(built_site, site_url, browser):
    a, _, _ = two_single_choices(built_site)
    keep = stored(a, score=1)
    with axe_page(browser, built_site, site_url, allowed_error=theme_storage_error,
                  init_script=keep + REFUSE_WRITES) as page:
        status, shown, _ = open_review(page, site_url, "2026-12-02")
        assert status.startswith("Today: 0 of 1 done") and shown == [a.id]
        assert page.locator(".cw-storage").count() == 1 and page.locator(".cw-storage").is_visible()
        answer(page, a, True, 3)
        assert page.locator(f"#cw-{a.id} .cw-status").inner_text() == "Score: 1 out of 1."
        assert note(page, a) == "Recorded. It is now in box 2 of 5 and comes back Saturday 5 December."
        assert violations(page) == [], "axe with the storage warning and a review's marks"


def test_the_review_script_is_on_the_review_page_only(built_site):
    review = (built_site / "chapters" / "review.html").read_text(encoding="utf-8")
    lesson = (built_site / "chapters" / "02-defining-partnership.html").read_text(encoding="utf-8")
    assert "review.js" in review and "review.js" not in lesson
    marked = [ex for ex in BANK.values() if ex.kind != "reflection"]
    assert 'class="cw-quiz"' not in review, "the quizzes are fetched when due: the page does not grow with the bank"
    fragments = {p.stem for p in (built_site / "_static" / "cw-review").glob("*.html")}
    assert fragments == {ex.id for ex in marked}
    index = json.loads((built_site / "_static" / "cw-review" / "index.json").read_text(encoding="utf-8"))
    assert set(index) == {ex.id for ex in marked}
    assert 'class="cw-sure"' in lesson
