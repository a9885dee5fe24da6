"""Saved progress: answers survive reloads and moving between pages, the "My progress" page lists every
exercise with its state and the right course total, and one exercise or all of them can be reset. States
come from the saved seed's draw, never from a list of items a file claims."""

from __future__ import annotations

import json

import pytest
from learner import BANK, PROGRESS, maximum, one_of_each_kind, quiz_pages, saved, visible_items

from coursewidgets.core.grading import grade
from coursewidgets.core.layout import draw, layout

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
    assert set(saved(page)["responses"][single.id]) == {"history", "updated"}, "Reset keeps the checks, as Start again"
    assert page.locator("#cw-total").inner_text() == total(0, 1, 0, 1)
    assert page.locator("#cw-progress-status").inner_text().startswith(f"Reset: {single.title}. Your record")

    page.locator("#cw-reset-all").click()
    page.locator("#cw-confirm-no").click()
    assert page.locator("#cw-confirm").is_hidden() and len(saved(page)["responses"]) == 3
    page.locator("#cw-reset-all").click()
    page.locator("#cw-confirm-yes").click()
    assert saved(page)["responses"] == {}
    assert set(states(page).values()) == {"Not started"}
    assert page.locator("#cw-total").inner_text() == total(0, 0, 0, 0)
    page.goto(site_url + single_url)
    assert page.locator(f"#cw-{single.id} input:checked").count() == 0


def test_a_classification_counts_the_items_its_seed_drew(built_site, site_url, page):
    """A loaded file that claims other items were shown is marked on the items its seed draws, out of the sample."""
    ex = next(e for e in BANK.values() if e.kind == "classification" and e.sample)
    seed = 123456789
    claimed = [i.id for i in ex.items[: ex.sample]]
    answer = {i.id: i.answer for i in ex.items if i.id in claimed}
    expected = grade(ex, answer, draw(ex, seed))
    assert expected.score < ex.sample and expected.max == ex.sample
    forged = {"format": "coursewidgets-responses", "version": 2, "student": "", "responses": {
        ex.id: {"answer": answer, "seed": seed, "shown": claimed, "score": ex.sample, "max": ex.sample}}}
    page.goto(site_url + PROGRESS)
    page.locator("#cw-import").set_input_files(files=[{"name": "forged.json", "mimeType": "application/json",
                                                        "buffer": json.dumps(forged).encode()}])
    page.locator("#cw-answers-status").get_by_text("Loaded answers").wait_for()
    assert states(page)[ex.id] == f"Score: {expected.score} out of {ex.sample}"
    page.goto(f"{site_url}{quiz_pages(built_site)[ex.id]}")
    quiz = page.locator(f"#cw-{ex.id}")
    assert visible_items(quiz) == layout(ex, seed)["items"]
    assert quiz.locator(".cw-status").inner_text().startswith(f"Score: {expected.score} out of {ex.sample}.")


def test_confidence_turns_into_advice_and_each_lesson_has_a_bar(built_site, site_url, page):
    """My progress lists what the learner was sure of but got wrong at their latest Check (Sure first, then
    Fairly sure), says how often each level was right, and shows a bar per lesson with its marks."""
    single = [BANK[i] for i in quiz_pages(built_site) if BANK[i].kind == "single_choice"][:4]
    at = "2026-12-01T10:00:00Z"
    checks = {single[0].id: (0, 2), single[1].id: (0, 3), single[2].id: (1, 3), single[3].id: (1, 1)}
    doc = {"format": "coursewidgets-responses", "version": 2, "responses": {
        i: {"answer": next(o.id for o in BANK[i].options if o.correct == bool(score)), "score": score, "max": 1,
            "history": [{"at": at, "score": score, "max": 1, "confidence": level}]}
        for i, (score, level) in checks.items()}}
    page.goto(site_url + PROGRESS)
    page.evaluate("doc => localStorage.setItem('coursewidgets-responses', JSON.stringify(doc))", doc)
    page.reload()
    advice = page.locator("#cw-advice")
    assert advice.is_visible() and advice.locator("h3").inner_text() == "Read these again first"
    assert advice.locator("li").all_inner_texts() == [
        f"{single[1].title}: Sure but wrong: -6, Tuesday 1 December.",
        f"{single[0].title}: Fairly sure but wrong: -2, Tuesday 1 December."]
    assert advice.locator("li a").first.get_attribute("href").endswith(f"#cw-{single[1].id}")
    assert "when sure, 1 of 2; when fairly sure, 0 of 1; when guessing, 1 of 1" in advice.inner_text()
    bars = page.locator(".cw-bar")
    assert bars.count() == len(page.locator("#cw-progress h3").all()) - 1  # every lesson but the advice
    texts = bars.locator(".cw-bar-text").all_inner_texts()
    assert all(" marks" in t or "reflection" in t for t in texts)
    assert sum(int(t.split(" of ")[0]) for t in texts if "marks" in t.split(",")[0]) == 2, texts


def finished_course(at: str = "2026-12-01T10:00:00Z") -> dict:
    """Every exercise answered (the first variant, seed 0) and checked once, as a whole course done in a day."""
    from exercises_for_tests import key_answer

    from coursewidgets.core.layout import variants_of

    responses = {}
    for ex in BANK.values():
        shown = variants_of(ex)[0]
        answer = key_answer(shown, draw(ex, 0) if ex.kind == "classification" else None)
        g = grade(shown, answer, draw(ex, 0)) if ex.kind == "classification" else grade(shown, answer)
        entry = {"answer": answer, "seed": 0}
        if ex.kind != "reflection":
            entry.update(score=g.score, max=g.max, history=[{"at": at, "score": g.score, "max": g.max, "confidence": 2}])
        responses[ex.id] = entry
    return {"format": "coursewidgets-responses", "version": 2, "student": "Sam", "responses": responses}


def test_my_progress_is_short_on_a_phone_and_says_what_each_reset_keeps(built_site, site_url, browser):
    """F15: a bar per lesson with its words; the summary of every answer folded under "Printable summary of your
    answers" and opened for print; Reset on one exercise keeps its record of checks (as Start again does), so it
    stays in the Review plan, and says so; "Reset every exercise" is set apart and looks destructive."""
    from learner import PHONE, REVIEW, guarded_page
    from test_a11y import axe_page, violations

    doc = finished_course()
    with axe_page(browser, built_site, site_url, **PHONE) as page:
        page.clock.set_fixed_time("2026-12-02T10:00:00Z")
        page.goto(site_url + PROGRESS)
        page.evaluate("doc => localStorage.setItem('coursewidgets-responses', JSON.stringify(doc))", doc)
        page.reload()
        screens = page.evaluate("() => document.documentElement.scrollHeight / innerHeight")

        box = page.locator("#cw-summary-box")
        assert box.evaluate("d => d.tagName") == "DETAILS" and box.get_attribute("open") is None
        assert box.locator("summary").inner_text() == "Printable summary of your answers"
        assert page.locator("#cw-summary").is_hidden()
        assert len(page.locator("#cw-summary .cw-summary-item").all()) == len(BANK), "the summary is all there"
        box.locator("summary").click()
        assert page.locator("#cw-summary").is_visible()
        opened = page.evaluate("() => document.documentElement.scrollHeight / innerHeight")
        assert screens < opened - 8 and screens < 20, (screens, opened)
        box.locator("summary").click()

        bars = page.locator(".cw-bar")
        assert bars.count() == len(page.locator("#cw-progress h3").all()) - 1  # every lesson (the advice is the other)
        for bar in bars.all():
            meter = bar.locator("progress")
            assert meter.get_attribute("aria-label").endswith(": share of the marks")
            assert bar.locator(".cw-bar-text").inner_text() and meter.bounding_box()["width"] >= 80

        page.emulate_media(media="print")
        assert page.locator("#cw-summary").is_visible(), "print shows the folded summary"
        assert "Sam" in page.locator("#cw-summary").inner_text()
        assert box.locator("summary").is_hidden() and page.locator("#cw-reset-all").is_hidden()
        page.emulate_media(media="screen")
        page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
        assert box.evaluate("d => d.open"), "printing opens the summary"
        page.evaluate("() => dispatchEvent(new Event('afterprint'))")
        assert not box.evaluate("d => d.open"), "and folds it again afterwards"

        single = next(e for e in BANK.values() if e.kind == "single_choice")
        row = page.locator(f'[data-progress="{single.id}"]')
        reset = row.locator(".cw-reset")
        note = page.locator(f"#{reset.get_attribute('aria-describedby')}")
        assert note.is_visible() and "Start again" in note.inner_text() and "stays in your Review plan" in note.inner_text()
        history = doc["responses"][single.id]["history"]
        reset.click()
        assert row.locator(".cw-state").inner_text() == "Not started" and reset.is_hidden()
        assert row.locator(".cw-last").inner_text().startswith("Latest check, Tuesday 1 December")
        kept = saved(page)["responses"][single.id]
        assert {k: v for k, v in kept.items() if k != "updated"} == {"history": history}
        assert page.locator("#cw-progress-status").inner_text() == (
            f"Reset: {single.title}. Your record of its checks is kept, so it stays in your Review plan.")
        page.goto(site_url + REVIEW)
        page.locator("#cw-plan td, #cw-plan th", has_text=single.title).first.wait_for()  # still in the Review plan

        page.goto(site_url + PROGRESS)
        danger, export = page.locator("#cw-reset-all"), page.locator("#cw-export")
        assert danger.evaluate("b => !!b.closest('.cw-danger-zone')") and not export.evaluate("b => !!b.closest('.cw-danger-zone')")
        look = "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.color]; }"
        assert danger.evaluate(look) == ["rgb(164, 38, 44)", "rgb(255, 255, 255)"] != export.evaluate(look)
        described = page.locator(f"#{danger.get_attribute('aria-describedby')}").inner_text()
        assert "record of checks" in described and "Review plan starts empty" in described
        danger.click()
        assert "Review plan" in page.locator("#cw-confirm-text").inner_text()
        box.locator("summary").click()
        assert violations(page) == []
        page.locator("#cw-confirm-yes").click()
        assert saved(page)["responses"] == {}
        page.goto(site_url + REVIEW)
        page.locator("#cw-review-status", has_text="Nothing to review yet").wait_for()
        assert page.locator("#cw-plan").is_hidden()
