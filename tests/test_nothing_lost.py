"""Nothing a learner earned is lost or miscounted (issue 22, point 1), in Chromium on the built site: a review
attempt, finished or not, leaves the lesson's checked answer and My progress as they were; a Check with nothing
answered records nothing; Check pressed again on the same answer, or after a change of "How sure are you?",
adds nothing to the history."""

from __future__ import annotations

import pytest
from learner import PROGRESS, REVIEW, one_of_each_kind, saved, shown_variant

pytestmark = pytest.mark.browser


def pick(page, ex, right: bool) -> None:
    """Choose a right (or wrong) option of the variant the page asks."""
    shown, base = shown_variant(page, ex)
    option = next(o.id for o in shown.options if o.correct == right)
    page.locator(f'label[for="{base}-{option}"]').click()


def check(page, ex) -> None:
    page.locator(f"#cw-{ex.id} .cw-check").click()


def progress_row(page, site_url, ex) -> tuple[str, str]:
    page.goto(site_url + PROGRESS)
    row = page.locator(f'[data-progress="{ex.id}"]')
    return row.locator(".cw-state").inner_text(), row.locator(".cw-last").inner_text()


def test_a_review_leaves_the_lesson_answer_and_progress_as_they_were(built_site, site_url, page):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    page.clock.set_fixed_time("2026-12-01T10:00:00Z")
    page.goto(site_url + url)
    pick(page, ex, True)
    page.locator(f'label[for="cw-{ex.id}-sure-3"]').click()
    check(page, ex)
    lesson = saved(page)["responses"][ex.id]
    assert progress_row(page, site_url, ex) == ("Score: 1 out of 1", "Latest check, Tuesday 1 December: 1 out of 1, sure.")

    page.clock.set_fixed_time("2026-12-02T10:00:00Z")
    page.goto(site_url + REVIEW)
    page.locator(f'#cw-review [data-exercise="{ex.id}"]').wait_for()
    pick(page, ex, False)  # touched, not checked: nothing changes
    assert saved(page)["responses"][ex.id] == lesson
    check(page, ex)  # a wrong review: the history grows, the lesson's answer stays
    after = saved(page)["responses"][ex.id]
    assert {k: v for k, v in after.items() if k not in ("history", "updated")} == \
        {k: v for k, v in lesson.items() if k not in ("history", "updated")}
    assert [h["score"] for h in after["history"]] == [1, 0]
    page.locator(f"#cw-review #cw-{ex.id} .cw-retry").click()  # Start again on Review deletes nothing
    assert saved(page)["responses"][ex.id] == after

    assert progress_row(page, site_url, ex) == ("Score: 1 out of 1", "Latest check, Wednesday 2 December: 0 out of 1.")
    page.goto(site_url + url)
    shown, base = shown_variant(page, ex)
    right = next(o.id for o in shown.options if o.correct)
    assert page.locator(f"#{base}-{right}").is_checked()
    assert page.locator(f"#cw-{ex.id} .cw-status").inner_text() == "Score: 1 out of 1."


@pytest.mark.parametrize("kind", ["single_choice", "multiple_select", "classification", "matching"])
def test_a_check_with_nothing_answered_records_nothing(built_site, site_url, page, kind):
    ex, url = one_of_each_kind(built_site)[kind]
    page.goto(site_url + url)
    check(page, ex)
    assert page.locator(f"#cw-{ex.id} .cw-errors").is_visible()
    assert ex.id not in ((saved(page) or {}).get("responses") or {})
    assert progress_row(page, site_url, ex) == ("Not started", "")


def test_checking_again_or_changing_how_sure_adds_nothing(built_site, site_url, page):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    quiz = page.locator(f"#cw-{ex.id}")
    page.goto(site_url + url)
    pick(page, ex, False)
    page.locator(f'label[for="cw-{ex.id}-sure-3"]').click()
    check(page, ex)
    assert quiz.locator(".cw-sure input").first.is_disabled(), "how sure you were goes with the Check whose marks show"
    check(page, ex)
    check(page, ex)
    assert "already checked and recorded" in quiz.locator(".cw-status").inner_text()
    assert [(h["score"], h["confidence"]) for h in saved(page)["responses"][ex.id]["history"]] == [(0, 3)]

    page.reload()  # after a reload too
    assert quiz.locator(".cw-sure input").first.is_disabled()
    check(page, ex)
    assert len(saved(page)["responses"][ex.id]["history"]) == 1

    pick(page, ex, True)  # a changed answer is a new Check, at a level chosen anew
    assert not quiz.locator(".cw-sure input").first.is_disabled()
    page.locator(f'label[for="cw-{ex.id}-sure-1"]').click()
    check(page, ex)
    assert [(h["score"], h["confidence"]) for h in saved(page)["responses"][ex.id]["history"]] == [(0, 3), (1, 1)]
