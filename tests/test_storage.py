"""When the browser refuses storage (a private mode, a full quota), the quizzes still mark answers, answers
saved before still show and download, and one warning per page says that changes will not be kept and
offers the answers as a file. A damaged saved answer is set aside with a message, the rest still load,
and the damaged record can be downloaded. Answers stored in version 1 of the response format are migrated."""

from __future__ import annotations

import json

import pytest
from learner import (BANK, BLOCK_STORAGE, PROGRESS, REFUSE_WRITES, STORE_KEY, guarded_page, one_of_each_kind,
                     quiz_pages, saved, shown_variant, theme_storage_error, visible_items)

from coursewidgets.core.responses import FORMAT, VERSION

pytestmark = pytest.mark.browser
SCENARIOS = {"quota full": REFUSE_WRITES, "storage blocked": BLOCK_STORAGE}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_quizzes_still_grade_and_warn(built_site, site_url, browser, tmp_path, scenario):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    quiz_id = f"#cw-{ex.id}"
    with guarded_page(browser, allowed_error=theme_storage_error, init_script=SCENARIOS[scenario]) as page:
        page.goto(site_url + url)
        assert page.locator("section.cw-quiz").count() > 1
        warning = page.locator(".cw-storage")
        assert warning.count() == 1, "one warning for the page, not one in every quiz"
        assert page.locator("section.cw-quiz .cw-storage").count() == 0, "no quiz starts with the warning"
        assert warning.is_visible() and "will be lost" in warning.inner_text()

        shown, base = shown_variant(page, ex)
        right = next(o.id for o in shown.options if o.correct)
        page.locator(f'label[for="{base}-{right}"]').click()
        page.locator(f"{quiz_id} .cw-check").click()
        assert page.locator(f"{quiz_id} .cw-status").inner_text() == "Score: 1 out of 1."
        with page.expect_download() as got:
            warning.get_by_role("button", name="Download your answers").click()
        kept = tmp_path / "answers.json"
        got.value.save_as(kept)
        assert json.loads(kept.read_text())["responses"][ex.id]["answer"] == right

        page.goto(site_url + PROGRESS)
        assert page.locator("#cw-progress .cw-storage").is_visible()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_refused_storage_leaves_the_theme_working_and_warns_first(built_site, site_url, browser, scenario):
    """With storage refused the theme throws nothing (no error of any kind is allowed here), its colour-mode
    button still switches, and the warning is at the top of the page, on the first screen of a phone."""
    _, url = one_of_each_kind(built_site)["single_choice"]
    with guarded_page(browser, init_script=SCENARIOS[scenario], viewport={"width": 360, "height": 740}) as page:
        page.goto(site_url + url)
        warning = page.locator(".cw-storage")
        assert warning.count() == 1 and warning.bounding_box()["y"] < 740
        assert "load the file on My progress" in warning.inner_text()
        before = page.evaluate("() => document.documentElement.dataset.theme")
        page.locator(".theme-switch-button").first.click()
        after = page.evaluate("() => document.documentElement.dataset.theme")
        assert after != before and after in ("light", "dark"), (before, after)


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
    assert quiz.locator(".cw-status").inner_text().startswith(f"Score: {sampled.sample - 1} out of {sampled.sample}.")
    order = visible_items(page.locator(f"#cw-{other.id}"))
    full = len(other.steps) if other.kind == "ordering" else len(other.pairs)
    assert page.locator(f"#cw-{other.id} .cw-status").inner_text() == f"Score: {full} out of {full}."

    page.reload()
    assert saved(page)["responses"][other.id]["seed"] == moved["seed"]
    assert visible_items(page.locator(f"#cw-{other.id}")) == order, "the seed it was given keeps its layout"
    assert page.locator(f"#cw-{sampled.id} .cw-status").inner_text().startswith(f"Score: {sampled.sample - 1} ")


def seed_answers(page, site_url: str, url: str, doc: dict | str) -> None:
    """Store ``doc`` (or raw text) as this browser's saved answers, then reload ``url``."""
    page.goto(site_url + url)
    raw = doc if isinstance(doc, str) else json.dumps(doc)
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [STORE_KEY, raw])
    page.reload()


def test_answers_saved_before_still_show_and_download_when_saving_is_refused(built_site, site_url, browser, tmp_path):
    kinds = one_of_each_kind(built_site)
    single, url = kinds["single_choice"]
    reflection, reflection_url = kinds["reflection"]
    right = next(o.id for o in single.options if o.correct)
    doc = {"format": FORMAT, "version": VERSION, "student": "ab123", "responses": {
        single.id: {"answer": right, "score": 1, "max": 1},
        reflection.id: {"answer": "Written before the disk filled up."}}}
    with guarded_page(browser, allowed_error=theme_storage_error) as page:
        seed_answers(page, site_url, url, doc)
        page.context.add_init_script(REFUSE_WRITES)  # from now on the browser refuses every write
        page.goto(site_url + url)
        assert page.locator(f"#cw-{single.id}-{right}").is_checked()
        assert page.locator(f"#cw-{single.id} .cw-status").inner_text() == "Score: 1 out of 1."
        assert page.locator(".cw-storage").count() == 1

        page.goto(site_url + reflection_url)
        text = page.locator(f"#cw-{reflection.id}-text")
        assert text.input_value() == "Written before the disk filled up."
        text.fill("Written before the disk filled up. And a line added now.")
        with page.expect_download() as got:
            page.locator(".cw-storage").get_by_role("button", name="Download your answers").click()
        kept = tmp_path / "answers.json"
        got.value.save_as(kept)
        rescued = json.loads(kept.read_text())
        assert rescued["student"] == "ab123"
        assert rescued["responses"][single.id]["answer"] == right
        assert rescued["responses"][reflection.id]["answer"] == "Written before the disk filled up. And a line added now."

        page.goto(site_url + PROGRESS)
        assert page.locator(f'[data-progress="{single.id}"] .cw-state').inner_text() == "Score: 1 out of 1"
        assert page.locator(f'[data-progress="{reflection.id}"] .cw-state').inner_text() == "Written"
        assert page.locator("#cw-total").inner_text().startswith("Course total: 1 out of ")


@pytest.mark.parametrize("damage", ["one entry", "whole record"])
def test_a_damaged_record_is_reported_the_rest_kept_and_the_backup_offered(built_site, site_url, page, tmp_path,
                                                                          damage):
    kinds = one_of_each_kind(built_site)
    single, url = kinds["single_choice"]
    other = kinds["matching"][0]
    right = next(o.id for o in single.options if o.correct)
    doc = {"format": FORMAT, "version": VERSION, "student": "", "responses": {
        single.id: {"answer": right, "score": 1, "max": 1}, other.id: {"answer": {}, "score": "two"}}}
    raw = json.dumps(doc) if damage == "one entry" else json.dumps(doc)[:-9]
    seed_answers(page, site_url, url, raw)

    note = page.locator(".cw-damaged")
    assert note.count() == 1 and note.is_visible()
    if damage == "one entry":
        assert f"the saved answer to \u201c{other.id}\u201d could not be read" in note.inner_text()
        assert "Your other answers are kept." in note.inner_text()
        assert page.locator(f"#cw-{single.id}-{right}").is_checked()
        assert page.locator(f"#cw-{single.id} .cw-status").inner_text() == "Score: 1 out of 1."
    else:
        assert "are damaged and could not be read" in note.inner_text()
    with page.expect_download() as got:
        note.get_by_role("button", name="Download the damaged copy").click()
    backup = tmp_path / "backup.json"
    got.value.save_as(backup)
    assert backup.read_text() == raw, "the damaged record is kept as it was"

    page.goto(site_url + PROGRESS)
    assert page.locator(".cw-damaged").get_by_role("button", name="Download the damaged copy").is_visible()
    state = page.locator(f'[data-progress="{single.id}"] .cw-state').inner_text()
    assert state == ("Score: 1 out of 1" if damage == "one entry" else "Not started")
