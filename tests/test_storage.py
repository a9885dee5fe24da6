"""When the browser refuses storage (a private mode, a full quota), the quizzes still mark answers and
every quiz, and the progress page, says that answers will not be kept and offers them as a file."""

from __future__ import annotations

import json

import pytest
from learner import BLOCK_STORAGE, PROGRESS, REFUSE_WRITES, guarded_page, one_of_each_kind, theme_storage_error

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
