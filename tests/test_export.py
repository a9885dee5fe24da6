"""Hand-in: the learner downloads their answers as a response file (the format the tutor's grader reads)
and as a printable summary, and loads the file into a fresh browser profile. A corrupt or foreign file
is refused with a clear message and changes nothing; a file of format version 1 is migrated."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from learner import BANK, PHONE, PROGRESS, answer_by_keyboard, guarded_page, maximum, one_of_each_kind, saved, visible_items

from coursewidgets.core import responses
from coursewidgets.core.layout import layout
from coursewidgets.core.grading import grade, shown_problem

pytestmark = pytest.mark.browser
REFLECTION = "Trust grew when the two teams ran a small joint clinic first."


def test_export_then_import_on_a_fresh_profile(built_site, site_url, browser, tmp_path):
    kinds = one_of_each_kind(built_site)
    with guarded_page(browser) as page:
        for ex, url in kinds.values():
            page.goto(site_url + url)
            answer_by_keyboard(page, ex, reflection=REFLECTION)
        page.goto(site_url + PROGRESS)
        page.locator("#cw-student").fill("ab123")
        page.locator("#cw-student").press("Tab")
        with page.expect_download() as got:
            page.locator("#cw-export").click()
        exported = tmp_path / got.value.suggested_filename
        got.value.save_as(exported)
        with page.expect_download() as got:
            page.locator("#cw-summary-download").click()
        summary = tmp_path / got.value.suggested_filename
        got.value.save_as(summary)
        before = saved(page)

    assert exported.suffix == ".json" and summary.suffix == ".html"
    doc = responses.load(exported)  # the tutor's grader reads it as it is
    assert doc.student == "ab123" and doc.version == responses.VERSION
    assert sorted(doc.responses) == sorted(ex.id for ex, _ in kinds.values())
    for ex, _ in kinds.values():
        r = doc.responses[ex.id]
        result = grade(ex, r.answer, r.shown)
        assert result.complete and result.score == maximum(ex)
        assert (r.seed is None) == (ex.kind == "reflection"), "each marked answer carries its attempt's seed"
        assert shown_problem(ex, r.shown, r.seed) is None
    text = summary.read_text(encoding="utf-8")
    assert "ab123" in text and REFLECTION in text
    assert all(ex.title in text for ex, _ in kinds.values())

    with guarded_page(browser, **PHONE) as page:
        page.goto(site_url + PROGRESS)
        assert saved(page) is None, "a fresh profile starts empty"
        page.locator("#cw-import").set_input_files(str(exported))
        expect(page.locator("#cw-answers-status")).to_contain_text(f"Loaded answers to {len(kinds)} exercises")
        assert saved(page)["responses"] == before["responses"]
        assert page.locator("#cw-student").input_value() == "ab123"
        for ex, url in kinds.values():
            page.goto(site_url + url)
            status = page.locator(f"#cw-{ex.id} .cw-status").inner_text()
            if ex.kind == "reflection":
                assert page.locator(f"#cw-{ex.id}-text").input_value() == REFLECTION
            else:
                assert status == f"Score: {maximum(ex)} out of {maximum(ex)}."


GOOD = {"format": "coursewidgets-responses", "version": 1, "student": "", "responses": {}}
BAD_FILES = {
    "corrupt": b'{"format": "coursewidgets-responses", "version": 1, "respo',
    "not-json": b"\x89PNG\r\n\x1a\n",
    "other-format": json.dumps({"format": "gradebook", "version": 1, "responses": {}}).encode(),
    "newer-version": json.dumps({**GOOD, "version": 3}).encode(),
    "bad-seed": json.dumps({**GOOD, "version": 2, "responses": {"leathard-terms": {"answer": {}, "seed": -1}}}).encode(),
    "damaged-entry": json.dumps({**GOOD, "responses": {"leathard-terms": {"answer": {}, "score": "ten"}}}).encode(),
    "other-course": json.dumps({**GOOD, "responses": {"not-in-this-course": {"answer": "a"}}}).encode(),
    "prototype-names": json.dumps({**GOOD, "responses": {
        "__proto__": {"answer": "a"}, "constructor": {"answer": "a"}, "valueOf": {"answer": "a"}}}).encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_are_refused_and_change_nothing(built_site, site_url, page, name):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    page.goto(site_url + url)
    right = next(o.id for o in ex.options if o.correct)
    page.locator(f'label[for="cw-{ex.id}-{right}"]').click()
    page.goto(site_url + PROGRESS)
    before = page.evaluate("() => localStorage.getItem('coursewidgets-responses')")
    shown = page.locator("#cw-progress").inner_text()

    page.locator("#cw-import").set_input_files(files=[{"name": f"{name}.json", "mimeType": "application/json",
                                                        "buffer": BAD_FILES[name]}])
    error = page.locator("#cw-import-error")
    error.wait_for()
    assert error.evaluate("e => e === document.activeElement")
    assert error.inner_text().startswith("There is a problem")
    assert f"\u201c{name}.json\u201d was not loaded, and nothing was changed: " in error.inner_text()
    assert page.evaluate("() => localStorage.getItem('coursewidgets-responses')") == before
    assert page.locator("#cw-progress").inner_text() == shown


def answers_file(name: str, entries: dict) -> dict:
    """A file of answers (in the format every version of the course reads) for ``set_input_files``."""
    return {"name": name, "mimeType": "application/json", "buffer": json.dumps({**GOOD, "responses": entries}).encode()}


def test_an_import_too_big_to_save_is_refused_and_messages_never_disagree(page, site_url):
    """Two files of 3 MB each fit the 5 MB file limit, but not this browser's storage together; the second is
    refused as not saved (not reported as loaded), and only the newest message shows."""
    first, second, small = [ex for ex in BANK.values() if ex.kind == "reflection"][:3]
    status, error = page.locator("#cw-answers-status"), page.locator("#cw-import-error")
    page.goto(site_url + PROGRESS)
    page.locator("#cw-import").set_input_files(files=[answers_file("small.json", {small.id: {"answer": "Short."}})])
    expect(status).to_contain_text("Loaded answers to 1 exercise from \u201csmall.json\u201d.")
    page.locator("#cw-import").set_input_files(files=[answers_file("big-1.json", {first.id: {"answer": "a" * 3_000_000}})])
    expect(status).to_contain_text("Loaded answers to 1 exercise from \u201cbig-1.json\u201d.", timeout=60_000)
    before = page.evaluate("() => localStorage.getItem('coursewidgets-responses')")

    page.locator("#cw-import").set_input_files(files=[answers_file("big-2.json", {second.id: {"answer": "b" * 3_000_000}})])
    error.wait_for(timeout=60_000)
    assert "\u201cbig-2.json\u201d was not loaded, and nothing was changed: this browser would not save it" in error.inner_text()
    assert status.inner_text() == "", "the earlier success message is gone"
    assert page.evaluate("() => localStorage.getItem('coursewidgets-responses')") == before
    assert page.locator(f'[data-progress="{second.id}"] .cw-state').inner_text() == "Not started"

    page.locator("#cw-import").set_input_files(files=[answers_file("small.json", {small.id: {"answer": "Again."}})])
    expect(status).to_contain_text("Loaded answers to 1 exercise from \u201csmall.json\u201d.")
    assert error.is_hidden(), "the old error is gone"
    page.reload()
    assert sorted(saved(page)["responses"]) == sorted([small.id, first.id])


def test_a_version_1_file_is_loaded_and_kept_as_version_2(built_site, site_url, page):
    ex, url = one_of_each_kind(built_site)["single_choice"]
    right = next(o.id for o in ex.options if o.correct)
    v1 = {**GOOD, "student": "ab123", "responses": {ex.id: {"answer": right, "score": 1, "max": 1}}}
    page.goto(site_url + PROGRESS)
    page.locator("#cw-import").set_input_files(files=[{"name": "old.json", "mimeType": "application/json",
                                                        "buffer": json.dumps(v1).encode()}])
    expect(page.locator("#cw-answers-status")).to_contain_text("in an older format (version 1)")
    assert saved(page)["version"] == 2 and saved(page)["responses"][ex.id]["answer"] == right
    assert page.locator(f'[data-progress="{ex.id}"] .cw-state').inner_text() == "Score: 1 out of 1"
    page.goto(site_url + url)
    assert page.locator(f"#cw-{ex.id}-{right}").is_checked()
    entry = saved(page)["responses"][ex.id]
    assert visible_items(page.locator(f"#cw-{ex.id}")) == layout(ex, entry["seed"])["options"]
