"""Certainty-based marking: the marks of Gardner-Medwin's scheme as Moodle gives them, their place in the
response format (strictly checked), and the widget asking "How sure are you?" and saving the answer's history."""

from __future__ import annotations

import json

import pytest
from exercises_for_tests import MULTI, REFLECT, SINGLE

from coursewidgets import Quiz
from coursewidgets.core.bank import ExerciseError
from coursewidgets.core.confidence import choice_label, confidently_wrong, describe, mark
from coursewidgets.core.responses import Response, parse, record
from coursewidgets.render.html import render_html
from coursewidgets.render.widget import QuizWidget

DOC = {"format": "coursewidgets-responses", "version": 2, "responses": {}}


@pytest.mark.parametrize(("score", "maximum", "level", "expected"), [
    (1, 1, 1, 1), (0, 1, 1, 0), (1, 1, 2, 2), (0, 1, 2, -2), (1, 1, 3, 3), (0, 1, 3, -6),
    # partial credit (Moodle's adjust_fraction): no marks is wrong, else the reward times the share
    (1, 2, 1, 0.5), (1, 2, 2, 1), (1, 2, 3, 1.5), (3, 4, 3, 2.25), (0, 4, 3, -6),
])
def test_marks_follow_the_scheme(score, maximum, level, expected):
    assert mark(score, maximum, level) == expected


@pytest.mark.parametrize("level", [None, 0, 4, True, 2.0, "3"])
def test_no_level_no_mark(level):
    assert mark(1, 1, level) is None
    assert describe(1, 1, level) == "No confidence mark: you did not say how sure you were."


def test_reflections_carry_no_mark():
    assert mark(0, 0, 3) is None


def test_the_learner_reads_the_mark_and_the_stakes():
    assert describe(0, 1, 3) == "Sure but wrong: -6."
    assert describe(1, 1, 3) == "Sure and right: +3."
    assert describe(1, 2, 3) == "Sure and partly right (1 of 2): +1.5."
    assert describe(3, 4, 3) == "Sure and partly right (3 of 4): +2.25."
    assert describe(0, 1, 2) == "Fairly sure but wrong: -2."
    assert describe(0, 1, 1) == "Guessing and wrong: 0."
    assert describe(12, 12, 1) == "Guessing and right: +1."
    assert [choice_label(n) for n in (1, 2, 3)] == [
        "Guessing (+1 if right, 0 if wrong)", "Fairly sure (+2 if right, -2 if wrong)", "Sure (+3 if right, -6 if wrong)"]


def test_confidently_wrong_means_sure_and_not_fully_right():
    assert confidently_wrong(0, 1, 3) and confidently_wrong(3, 4, 3)
    assert not confidently_wrong(4, 4, 3) and not confidently_wrong(0, 1, 2) and not confidently_wrong(0, 0, 3)
    assert not confidently_wrong(0, 1, None)


def test_confidence_and_history_load():
    entry = {"answer": "a", "seed": 1, "confidence": 2,
             "history": [{"at": "2026-11-29T10:00:00+00:00", "score": 1, "max": 1, "confidence": 3},
                         {"at": "2026-11-30", "score": 0, "max": 1}]}
    doc = parse({**DOC, "responses": {"x": entry}}, "ok.json")
    got = doc.responses["x"]
    assert got.confidence == 2 and [h.confidence for h in got.history] == [3, None]


@pytest.mark.parametrize(("entry", "field"), [
    ({"confidence": 0}, "confidence"), ({"confidence": 4}, "confidence"), ({"confidence": "2"}, "confidence"),
    ({"confidence": True}, "confidence"), ({"confidence": 2.0}, "confidence"),
    ({"history": "yesterday"}, "history"), ({"history": [{"score": 1, "max": 1}]}, "history.0.at"),
    ({"history": [{"at": "29/11/2026", "score": 1, "max": 1}]}, "history.0.at"),
    ({"history": [{"at": "2026-02-30", "score": 1, "max": 1}]}, "history.0.at"),
    ({"history": [{"at": "2026-11-29", "score": -1, "max": 1}]}, "history.0.score"),
    ({"history": [{"at": "2026-11-29", "score": 1, "max": 1, "confidence": 5}]}, "history.0.confidence"),
    ({"history": [{"at": "2026-11-29", "score": 1, "max": 1}] * 1001}, "history"),
])
def test_bad_confidence_or_history_is_refused_with_the_field(entry, field):
    with pytest.raises(ExerciseError) as err:
        parse({**DOC, "responses": {"x": {"answer": "a", **entry}}}, "bad.json")
    problem = err.value.problems[0]
    assert problem.file == "bad.json" and problem.field.startswith(f"responses.x.{field}")


def test_recording_keeps_the_history_and_adds_each_check(tmp_path):
    path = tmp_path / "my-answers.json"
    record(path, "x", Response(answer="b", score=0, max=1, confidence=3))
    record(path, "x", Response(answer="a"))  # saved, not checked: no review
    record(path, "x", Response(answer="a", score=1, max=1))
    record(path, "r", Response(answer="text", score=0, max=0))  # a reflection is never reviewed
    saved = json.loads(path.read_text(encoding="utf-8"))["responses"]
    assert [(h["score"], h.get("confidence")) for h in saved["x"]["history"]] == [(0, 3), (1, None)]
    assert "history" not in saved["r"]


def test_the_widget_asks_how_sure_and_saves_it(tmp_path):
    path = tmp_path / "my-answers.json"
    q = Quiz(SINGLE, path)
    w = q.widget
    assert w.sure in w.children and w.confidence is None
    w.choice.value, w.sure.value = "b", 3
    w.check.click()
    assert "0 out of 1." in w.feedback.value and "Sure but wrong: -6." in w.feedback.value
    entry = json.loads(path.read_text(encoding="utf-8"))["responses"][SINGLE.id]
    assert entry["confidence"] == 3 and entry["history"][0]["confidence"] == 3
    w.retry.click()
    assert w.sure.value is None
    w.choice.value = "a"
    w.check.click()
    assert "No confidence mark" in w.feedback.value
    entry = json.loads(path.read_text(encoding="utf-8"))["responses"][SINGLE.id]
    assert "confidence" not in entry and len(entry["history"]) == 2


def test_reflections_and_record_only_quizzes_do_not_ask():
    assert QuizWidget(REFLECT).confidence is None and QuizWidget(REFLECT).sure not in QuizWidget(REFLECT).children
    recorder = QuizWidget(MULTI, on_record=lambda *_: "Answer recorded.")
    assert recorder.sure not in recorder.children


def test_the_page_asks_in_a_fieldset_outside_the_question():
    html = render_html(SINGLE)
    assert '<fieldset class="cw-sure"><legend>How sure are you?' in html
    assert html.index('class="cw-sure"') > html.index("</fieldset>")  # after the question's own fieldset
    assert html.count('type="radio" name="cw-single-choice-sure"') == 3
    assert "cw-sure" not in render_html(REFLECT)


def test_the_report_shows_who_was_sure_and_wrong_per_exercise(tmp_path):
    from tutor_data import BANK, write_bank

    from coursewidgets.core.bank import load_bank
    from coursewidgets.tutor.gradebook import grade_class
    from coursewidgets.tutor.misconceptions import sure_and_wrong
    from coursewidgets.tutor.report import charts, render_report

    single, multi = BANK[0], BANK[1]
    answers = [  # (single choice, its level), (multiple select, its level)
        (("b", 3), (["a", "b"], 3)),  # sure and wrong; sure and right
        (("c", 3), (["a"], 3)),  # sure and wrong; sure and half right (still wrong)
        (("b", 2), (["a", "b"], None)),  # fairly sure and wrong: not counted; no level
        (("a", 3), (["c"], 1)),  # sure and right; guessing and wrong
    ]
    for n, ((s_answer, s_level), (m_answer, m_level)) in enumerate(answers):
        entries = {single.id: {"answer": s_answer, "seed": 1, "confidence": s_level},
                   multi.id: {"answer": m_answer, "seed": 2, **({"confidence": m_level} if m_level else {})}}
        (tmp_path / f"s{n}.json").write_text(json.dumps({"format": "coursewidgets-responses", "version": 2,
                                                         "student": f"s{n}", "responses": entries}))
    book = grade_class(tmp_path, load_bank(write_bank(tmp_path / "bank")))
    assert not book.problems
    found = {s.exercise.id: (s.count, s.students) for s in sure_and_wrong(book)}
    assert found == {single.id: (2, 4), multi.id: (1, 4)}
    chart = next(c for c in charts(book) if c.uid == "sure")
    assert chart.rows[0] == (single.id, 50.0, "50% (2 of 4)")
    assert "Sure and wrong" in render_report(book)
