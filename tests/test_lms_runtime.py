"""The SCORM packages in a real run-time: scorm-again as the LMS in Chromium (tests/lms/lms.html frames the
package's launch page as an LMS does). What the course sends (score, completion, success, interactions) is
what Python's grader gives for the answers saved; no API call ends in an error code; Initialize happens once
per launch however many lessons the learner visits; the answers come back on a relaunch in a fresh browser
profile from the CMI data the LMS kept; Start again, a refused SetValue and a package opened with no LMS at
all behave as the README says."""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest
from learner import (BANK, PHONE, REFUSE_WRITES, answer_by_keyboard, guarded_page, one_of_each_kind, quiz_pages, saved,
                     tab_to, theme_storage_error)
from lms_expected import expected, graded, observed
from lms_tools import InFrame, Lms, exit_of, lms_url, packages, stored  # noqa: F401 (fixtures)

from coursewidgets.core.layout import draw, layout, pick
from coursewidgets.core.models import Exercise

pytestmark = pytest.mark.browser
VERSIONS = ["1.2", "2004"]
WRITING = "Trust; shared goals \u2014 100% \u201cagreed\u201d. \u00c7a va | cw1: a:b.c"
"""A reflection with the characters an encoding might trip on."""


@pytest.fixture(scope="module")
def course(built_site) -> dict[str, Exercise]:
    """The exercises the lessons show: the course the LMS scores."""
    return {ident: BANK[ident] for ident in sorted(quiz_pages(built_site))}


def healthy(lms: Lms) -> None:
    """No API call ended in an error code, Initialize came once, and content never set "not attempted"."""
    calls = lms.calls()
    assert [c for c in calls if c["code"] != "0"] == []
    assert [c["fn"] for c in calls].count("LMSInitialize" if lms.version == "1.2" else "Initialize") == 1
    assert not any(c["value"] == "not attempted" for c in calls)


def kept(responses: dict[str, Any], course: dict[str, Exercise], version: str) -> dict[str, Any]:
    """What suspend_data must bring back of each answer: the answer, its seed, the confidence and whether it
    was checked (a reflection's writing only in SCORM 2004)."""
    return {i: {"answer": e.get("answer"), "seed": e.get("seed"), "confidence": e.get("confidence"),
                "checked": isinstance(e.get("score"), int)}
            for i, e in responses.items() if "answer" in e and (version != "1.2" or course[i].kind != "reflection")}


def answers_for(course: dict[str, Exercise], rng: random.Random, right: bool) -> dict[str, Any]:
    """A saved answer to every exercise, as the pages save them: right ones, or any a learner might give
    (some parts left out, some not checked)."""
    out = {}
    for ident, whole in course.items():
        seed = rng.getrandbits(32)
        ex = pick(whole, seed)  # the variant the seed asks
        entry: dict[str, Any] = {} if ex.kind == "reflection" else {"seed": seed}
        if ex.kind in ("single_choice", "multiple_select"):
            good = [o.id for o in ex.options if o.correct]
            ids = [o.id for o in ex.options]
            answer: Any = (good[0] if right else rng.choice(ids)) if ex.kind == "single_choice" else \
                (good if right else rng.sample(ids, rng.randint(1, len(ids))))
        elif ex.kind == "classification":
            items = draw(whole, seed) or [i.id for i in ex.items]
            key = {i.id: i.answer for i in ex.items}
            answer = {i: key[i] if right else rng.choice([c.id for c in ex.categories]) for i in items
                      if right or rng.random() < 0.9}
        elif ex.kind == "matching":
            answer = {p.id: p.answer if right else rng.choice([t.id for t in ex.targets]) for p in ex.pairs}
        elif ex.kind == "ordering":
            answer = [s.id for s in ex.steps] if right else layout(whole, seed)["order"]
        else:
            answer = WRITING
        entry["answer"] = answer
        if ex.kind != "reflection" and rng.random() < 0.7:
            entry["confidence"] = rng.choice([1, 2, 3])
        if right or rng.random() < 0.8:
            g = graded(whole, entry)
            entry.update(score=g.score, max=g.max)
        out[ident] = entry
    return out


@pytest.mark.parametrize("version", VERSIONS)
def test_a_learner_in_several_lessons_and_on_another_device(built_site, course, lms_url, browser, version):
    """A learner answers a quiz of every kind by keyboard at phone width, lesson after lesson, in one launch;
    the LMS then holds Python's marks. Relaunched in a fresh profile, the answers and the page come back."""
    kinds = sorted(one_of_each_kind(built_site).values(), key=lambda pair: pair[1])
    assert len({url for _, url in kinds}) >= 2, "the quizzes are in two lessons at least"
    with guarded_page(browser, **PHONE) as page:
        lms = Lms(page, lms_url, version)
        lms.launch()
        for n, (ex, url) in enumerate(kinds):
            frame = lms.goto(url)
            frame.locator(f"#cw-{ex.id} :is(input, select, textarea, button)").first.focus()
            answer_by_keyboard(InFrame(page, frame), ex, right=n % 2 == 0)
            frame.wait_for_function(f"() => document.querySelector('#cw-{ex.id} .cw-status').textContent !== ''")
        answers = stored(lms.course())
        assert set(answers) == {ex.id for ex, _ in kinds}
        assert observed(lms.cmi(), version) == expected(course, answers, version)
        cmi = lms.close()
        healthy(lms)
        assert [c["fn"] for c in lms.calls()][-2:] == (["LMSCommit", "LMSFinish"] if version == "1.2"
                                                       else ["Commit", "Terminate"])
        assert exit_of(cmi, version) == "suspend"
    where = kinds[-1][1]
    with guarded_page(browser, **PHONE) as page:  # another device
        lms = Lms(page, lms_url, version)
        frame = lms.launch(json.loads(json.dumps(cmi)))
        assert frame.url.endswith(where), "the learner is back on the page they left"
        assert kept(stored(frame), course, version) == kept(answers, course, version)
        for ex in (ex for ex, url in kinds if url == where and ex.kind != "reflection"):
            assert frame.locator(f"#cw-{ex.id} .cw-status").text_content().startswith("Score:"), "shown as checked"
        assert observed(lms.cmi(), version) == expected(course, answers, version)
        healthy(lms)


@pytest.mark.parametrize("right", [True, False], ids=["all-right", "any"])
@pytest.mark.parametrize("version", VERSIONS)
def test_the_whole_bank_answered_fits_and_comes_back(course, lms_url, browser, version, right):
    """Every exercise answered (all right, or as any learner might): the LMS holds Python's marks, suspend_data
    fits the version's limit (4,096 characters in SCORM 1.2), and a relaunch brings every answer back."""
    answers = answers_for(course, random.Random(f"{version}{right}"), right)
    with guarded_page(browser) as page:
        lms = Lms(page, lms_url, version)
        frame = lms.launch()
        frame.evaluate("doc => localStorage.setItem('coursewidgets-responses', JSON.stringify(doc))",
                       {"format": "coursewidgets-responses", "version": 2, "student": "", "responses": answers})
        lms.goto("/chapters/progress.html")  # the frame shows another page: the launch page sends what changed
        assert observed(lms.cmi(), version) == expected(course, answers, version)
        cmi = lms.close()
        healthy(lms)
    suspend = cmi["suspend_data"]
    assert len(suspend) <= (4096 if version == "1.2" else 64000), len(suspend)
    finished = "" if version == "1.2" else "normal"
    assert exit_of(cmi, version) == (finished if right else "suspend")
    with guarded_page(browser) as page:
        lms = Lms(page, lms_url, version)
        frame = lms.launch(cmi)
        assert kept(stored(frame), course, version) == kept(answers, course, version)
        healthy(lms)


def test_start_again_takes_the_answer_out_of_the_lms(built_site, course, lms_url, browser):
    """"Start again" after a Check: the score, completion and suspend_data lose the answer at once; the
    interaction keeps what was checked (the LMS's record of that Check)."""
    ex, url = one_of_each_kind(built_site)["single_choice"]
    with guarded_page(browser, **PHONE) as page:
        lms = Lms(page, lms_url, "2004")
        lms.launch()
        frame = lms.goto(url)
        frame.locator(f"#cw-{ex.id} input").first.focus()
        answer_by_keyboard(InFrame(page, frame), ex)
        before = observed(lms.cmi(), "2004")
        assert before["score"]["raw"] == 1 and ex.id in before["interactions"]
        tab_to(InFrame(page, frame), f"el => el.classList.contains('cw-retry') && !!el.closest('#cw-{ex.id}')")
        page.keyboard.press("Enter")
        frame.wait_for_function(f"() => document.querySelector('#cw-{ex.id} .cw-status').textContent.startsWith('Cleared')")
        after = observed(lms.cmi(), "2004")
        assert ex.id not in stored(frame) or "answer" not in stored(frame)[ex.id]
        want = expected(course, stored(frame), "2004")
        assert (after["score"], after["status"]) == (want["score"], want["status"])
        assert after["score"]["raw"] == 0 and after["interactions"] == before["interactions"]
        cmi = lms.close()
        healthy(lms)
    entries = dict(part.split(":", 1) for part in cmi["suspend_data"].removeprefix("cw1|").split(";"))
    # only its place among the interactions stays, and with variants the new attempt's seed (a relaunch asks
    # the variant "Start again" drew)
    assert re.fullmatch(r"8[0-9a-z]*\.[0-9a-z]{2}", entries[ex.id]), entries[ex.id]


def test_a_refused_value_gives_one_notice_and_the_learner_carries_on(built_site, course, lms_url, browser):
    """The LMS answers one SetValue with error 405: one clear notice, and every other value still goes."""
    kinds = one_of_each_kind(built_site)
    with guarded_page(browser, **PHONE) as page:
        lms = Lms(page, lms_url, "1.2")
        lms.launch(refuse="cmi.core.score.raw")
        for kind in ("single_choice", "ordering"):
            ex, url = kinds[kind]
            frame = lms.goto(url)
            frame.locator(f"#cw-{ex.id} :is(input, button)").first.focus()
            answer_by_keyboard(InFrame(page, frame), ex)
            assert frame.locator(f"#cw-{ex.id} .cw-status").text_content().startswith("Score:")
        notices = lms.notices()
        assert len(notices) == 1 and "did not accept" in notices[0] and "cmi.core.score.raw: error 405" in notices[0]
        got, want = observed(lms.cmi(), "1.2"), expected(course, stored(lms.course()), "1.2")
        assert got["interactions"] == want["interactions"] and got["status"] == want["status"]
        refused = [c for c in lms.calls() if c["code"] != "0"]
        assert refused and all(c["element"] == "cmi.core.score.raw" for c in refused)


def test_with_no_lms_the_package_is_the_site(built_site, lms_url, browser):
    """Opened on its own, the launch page hands over to the course's start page; quizzes save as on the site."""
    ex, url = one_of_each_kind(built_site)["single_choice"]
    with guarded_page(browser) as page:
        page.goto(f"{lms_url}/scorm12/lms-launch.html")
        page.wait_for_url("**/scorm12/intro.html")
        page.goto(f"{lms_url}/scorm12{url}")
        page.locator(f"#cw-{ex.id} input").first.focus()
        answer_by_keyboard(page, ex)
        assert saved(page)["responses"][ex.id]["score"] == 1
        assert page.locator(".cw-lms-notice").count() == 0


def test_answers_reach_the_lms_when_the_browser_refuses_storage(built_site, course, lms_url, browser):
    """With storage refused (a full quota, some private modes) a checked answer still reaches the LMS."""
    ex, url = one_of_each_kind(built_site)["ordering"]
    with guarded_page(browser, allowed_error=theme_storage_error, init_script=REFUSE_WRITES) as page:
        lms = Lms(page, lms_url, "2004")
        lms.launch()
        frame = lms.goto(url)
        frame.locator(f"#cw-{ex.id} button").first.focus()
        answer_by_keyboard(InFrame(page, frame), ex)
        answers = frame.evaluate("id => ({[id]: coursewidgets.store.get(id)})", ex.id)
        assert answers[ex.id]["score"] == len(ex.steps)  # kept in the page's memory only (storage refused)
        assert observed(lms.cmi(), "2004") == expected(course, answers, "2004")
        cmi = lms.close()
        healthy(lms)
    assert f"|{ex.id}:" in cmi["suspend_data"]
