"""When the browser refuses storage (a private mode, a full quota), the quizzes still mark answers and
every quiz, and the progress page, says that answers will not be kept and offers them as a file. Answers
stored in version 1 of the response format are migrated."""

from __future__ import annotations

import json

import pytest
from learner import (BANK, BLOCK_STORAGE, PROGRESS, REFUSE_WRITES, STORE_KEY, guarded_page, one_of_each_kind,
                     quiz_pages, saved, theme_storage_error, visible_items)

pytestmark = pytest.mark.browser
SCENARIOS = {"quota full": REFUSE_WRITES, "storage blocked": BLOCK_STORAGE}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_quizzes_still_grade_and_warn(built_site, site_url, browser, tmp_path, scenario):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    quiz_id = f"#cw-{ex.id}"
    right = next(o.id for o in ex.options if o.correct)
    with guarded_page(browser, allowed_error=theme_storage_error, init_script=SCENARIOS[scenario]) as page:
        page.goto(site_url + url)
        quizzes = page.locator("section.cw-quiz")
        assert quizzes.count() == page.locator("section.cw-quiz .cw-storage").count() > 0
        warning = page.locator(f"{quiz_id} .cw-storage")
        assert warning.is_visible() and "will be lost" in warning.inner_text()

        page.locator(f'label[for="cw-{ex.id}-{right}"]').click()
        page.locator(f"{quiz_id} .cw-check").click()
        assert page.locator(f"{quiz_id} .cw-status").inner_text() == "Score: 1 out of 1."
        with page.expect_download() as got:
            warning.get_by_role("button", name="Download your answers").click()
        kept = tmp_path / "answers.json"
        got.value.save_as(kept)
        assert json.loads(kept.read_text())["responses"][ex.id]["answer"] == right

        page.goto(site_url + PROGRESS)
        assert page.locator("#cw-progress .cw-storage").is_visible()


def test_a_version_1_record_is_migrated(built_site, site_url, page):
    """Answers saved before response format 2 still show and count. Each entry gets a seed when its quiz
    next shows it, except a sampled classification's, which keeps the items drawn then (no seed draws them)."""
    pages = quiz_pages(built_site)
    sampled = next(ex for ex in BANK.values() if ex.kind == "classification" and ex.sample and ex.id in pages)
    url = pages[sampled.id]
    other = next(BANK[i] for i, u in pages.items() if u == url and BANK[i].kind in ("ordering", "matching"))
    drawn = [i.id for i in sampled.items[: sampled.sample]]  # version 1 kept them in the bank's order
    placed = {i.id: i.answer for i in sampled.items[: sampled.sample - 1]}
    right = [s.id for s in other.steps] if other.kind == "ordering" else {p.id: p.answer for p in other.pairs}
    v1 = {"format": "coursewidgets-responses", "version": 1, "student": "ab123", "responses": {
        sampled.id: {"answer": placed, "shown": drawn, "score": sampled.sample - 1, "max": sampled.sample},
        other.id: {"answer": right, "score": 1, "max": 1}}}
    page.goto(site_url + url)
    page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORE_KEY, v1])
    page.reload()

    doc = saved(page)
    assert doc["version"] == 2 and doc["student"] == "ab123"
    kept, moved = doc["responses"][sampled.id], doc["responses"][other.id]
    assert kept["shown"] == drawn and "seed" not in kept and kept["answer"] == placed
    assert 0 <= moved["seed"] < 2**32 and moved["answer"] == right
    quiz = page.locator(f"#cw-{sampled.id}")
    assert sorted(visible_items(quiz)) == sorted(drawn)
    assert quiz.locator(".cw-status").inner_text() == f"Score: {sampled.sample - 1} out of {sampled.sample}."
    order = visible_items(page.locator(f"#cw-{other.id}"))
    full = len(other.steps) if other.kind == "ordering" else len(other.pairs)
    assert page.locator(f"#cw-{other.id} .cw-status").inner_text() == f"Score: {full} out of {full}."

    page.reload()
    assert saved(page)["responses"][other.id]["seed"] == moved["seed"]
    assert visible_items(page.locator(f"#cw-{other.id}")) == order, "the seed it was given keeps its layout"
    assert page.locator(f"#cw-{sampled.id} .cw-status").inner_text().startswith(f"Score: {sampled.sample - 1} ")
