"""Saved progress: answers survive reloads and moving between pages, the "My progress" page lists every
exercise with its state and the right course total, and one exercise or all of them can be reset."""

from __future__ import annotations

import pytest
from learner import BANK, PROGRESS, maximum, one_of_each_kind, quiz_pages, saved

pytestmark = pytest.mark.browser
MARKED = [ex for ex in BANK.values() if ex.kind != "reflection"]
POSSIBLE = sum(maximum(ex) for ex in MARKED)
REFLECTIONS = len(BANK) - len(MARKED)


def total(marks: int, attempted: int, checked: int, written: int) -> str:
    return (f"Course total: {marks} out of {POSSIBLE} marks. You have attempted {attempted} of {len(MARKED)} marked "
            f"exercises and checked {checked} of them; you have written {written} of {REFLECTIONS} reflections.")


def states(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "[data-progress]", "rows => Object.fromEntries(rows.map(r => [r.dataset.progress, r.querySelector('.cw-state').textContent]))"
    )


def test_answers_survive_reload_and_navigation_and_add_up(built_site, site_url, page):
    kinds = one_of_each_kind(built_site)
    single, single_url = kinds["single_choice"]
    matching, matching_url = kinds["matching"]
    reflection, reflection_url = kinds["reflection"]
    right = next(o.id for o in single.options if o.correct)

    page.goto(site_url + single_url)
    page.locator(f'label[for="cw-{single.id}-{right}"]').click()
    page.locator(f"#cw-{single.id} .cw-check").click()
    page.goto(site_url + matching_url)
    pair = matching.pairs[0]
    page.locator(f"#cw-{matching.id}-{pair.id}").select_option(pair.answer)
    page.goto(site_url + reflection_url)
    page.locator(f"#cw-{reflection.id}-text").fill("Our council and the NHS share a smoking service.")

    page.reload()
    assert page.locator(f"#cw-{reflection.id}-text").input_value() == "Our council and the NHS share a smoking service."
    page.goto(site_url + single_url)
    assert page.locator(f"#cw-{single.id}-{right}").is_checked()
    assert page.locator(f"#cw-{single.id} .cw-status").inner_text() == "Score: 1 out of 1."
    page.goto(site_url + matching_url)
    assert page.locator(f"#cw-{matching.id}-{pair.id}").input_value() == pair.answer

    page.goto(site_url + PROGRESS)
    found = states(page)
    assert sorted(found) == sorted(BANK), "the progress page lists every exercise of the course"
    assert found.pop(single.id) == "Score: 1 out of 1"
    assert found.pop(matching.id) == "Attempted, not checked yet"
    assert found.pop(reflection.id) == "Written"
    assert set(found.values()) == {"Not started"}
    assert page.locator("#cw-total").inner_text() == total(1, 2, 1, 1)
    pages = quiz_pages(built_site)
    links = page.eval_on_selector_all("[data-progress] a", "links => links.map(a => [a.closest('li').dataset.progress, a.href])")
    assert dict(links) == {i: f"{site_url}{pages[i]}#cw-{i}" for i in BANK}, "each title links to its quiz"

    page.locator(f'[data-progress="{single.id}"] .cw-reset').click()
    assert states(page)[single.id] == "Not started"
    assert single.id not in saved(page)["responses"]
    assert page.locator("#cw-total").inner_text() == total(0, 1, 0, 1)
    assert page.locator("#cw-progress-status").inner_text() == f"Reset: {single.title}."

    page.locator("#cw-reset-all").click()
    page.locator("#cw-confirm-no").click()
    assert page.locator("#cw-confirm").is_hidden() and len(saved(page)["responses"]) == 2
    page.locator("#cw-reset-all").click()
    page.locator("#cw-confirm-yes").click()
    assert saved(page)["responses"] == {}
    assert set(states(page).values()) == {"Not started"}
    assert page.locator("#cw-total").inner_text() == total(0, 0, 0, 0)
    page.goto(site_url + single_url)
    assert page.locator(f"#cw-{single.id} input:checked").count() == 0
