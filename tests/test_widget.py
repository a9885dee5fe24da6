"""The live ipywidget quiz, driven from Python: set values, press Check, read the feedback."""

from __future__ import annotations

import json

from conftest import EXERCISES
from exercises_for_tests import CLASSIFY, MATCH, MULTI, ORDER, REFLECT, SINGLE

from coursewidgets import Quiz, quiz
from coursewidgets.core.grading import MISSED, marking_note
from coursewidgets.core.layout import draw, layout
from coursewidgets.core.responses import Response
from coursewidgets.render.widget import QuizWidget


def test_single_choice():
    w = QuizWidget(SINGLE)
    w.choice.value = "b"
    w.check.click()
    assert "0 out of 1." in w.feedback.value and "Not quite" in w.feedback.value and "fb b" in w.feedback.value


def test_multiple_select_partial_credit_and_a_missed_option():
    w = QuizWidget(MULTI)
    w.boxes["a"].value = True
    w.check.click()
    assert "1 out of 2." in w.feedback.value
    assert MISSED + "fb b" in w.feedback.value and "Not quite" not in w.feedback.value
    assert "fb c" not in w.feedback.value  # a wrong option left alone gets no line


def test_options_are_shown_in_the_seeds_layout_and_the_seed_is_saved():
    for seed in (1, 2, 3, 99):
        w = QuizWidget(MULTI, seed=seed)
        assert list(w.boxes) == layout(MULTI, seed)["options"]
        assert w.response().seed == seed
    w = QuizWidget(SINGLE, seed=5)
    assert [v for _, v in w.choice.options] == layout(SINGLE, 5)["options"]
    assert marking_note(SINGLE) in w.children[0].value


def test_start_again_gives_a_new_layout():
    w = QuizWidget(ORDER, seed=1)
    seeds = set()
    for _ in range(8):
        w.retry.click()
        seeds.add(w.seed)
        assert w.order == layout(ORDER, w.seed)["order"]
    assert len(seeds) > 1


def test_classification_draws_a_sample_and_grades_it():
    w = QuizWidget(CLASSIFY, seed=3)
    assert len(w.selects) == 4 and w.shown == draw(CLASSIFY, 3) and list(w.selects) == layout(CLASSIFY, 3)["items"]
    for item in CLASSIFY.items:
        if item.id in w.selects:
            w.selects[item.id].value = item.answer
    w.check.click()
    assert "4 out of 4." in w.feedback.value


def test_matching_rows_and_targets_follow_the_layout():
    w = QuizWidget(MATCH, seed=11)
    lay = layout(MATCH, 11)
    assert list(w.selects) == lay["items"]
    assert [v for _, v in w.selects["p1"].options][1:] == lay["targets"]


def test_matching_incomplete():
    w = QuizWidget(MATCH)
    w.selects["p1"].value = "t1"
    w.check.click()
    assert "1 out of 2. Some parts are not answered yet." in w.feedback.value
    assert "Not answered." in w.feedback.value


def test_ordering_with_up_and_down():
    w = QuizWidget(ORDER)
    while w.order != ["s1", "s2", "s3", "s4"]:  # bubble into place with the buttons' handler
        n = next(i for i in range(3) if w.order[i] > w.order[i + 1])
        w.move(n, 1)
    w.check.click()
    assert "4 out of 4." in w.feedback.value
    assert [row.children[0].value for row in w.controls.children][0].startswith("1. ")
    assert "Right place (position 1)." in w.feedback.value


def test_a_saved_answer_comes_back_in_its_layout():
    shown = draw(CLASSIFY, 77)
    answer = {i: "x" for i in shown}
    w = QuizWidget(CLASSIFY, saved=Response(answer=answer, seed=77, shown=shown, score=1, max=4))
    assert w.seed == 77 and w.shown == shown and w.answer == answer
    assert "out of 4." in w.feedback.value
    w = QuizWidget(ORDER, saved=Response(answer=["s4", "s3", "s2", "s1"], seed=3))
    assert w.order == ["s4", "s3", "s2", "s1"] and w.feedback.value == ""


def test_reflection_shows_model_points_after_an_attempt():
    w = QuizWidget(REFLECT)
    w.check.click()
    assert "point one" not in w.feedback.value
    w.text.value = "Our health and wellbeing board..."
    w.check.click()
    assert "point one" in w.feedback.value and "point two" in w.feedback.value


def test_start_again_clears_the_answer():
    w = QuizWidget(SINGLE)
    w.choice.value = "a"
    w.check.click()
    w.retry.click()
    assert w.choice.value is None and w.feedback.value == ""


def test_leathard_quiz_from_the_bank_saves_answers(tmp_path):
    saved = tmp_path / "answers.json"
    q = quiz("leathard-terms", bank=EXERCISES, responses=saved)
    w = q.widget
    assert len(w.selects) == 12
    key = {i.id: i.answer for i in q.exercise.items}
    for n, (item_id, select) in enumerate(w.selects.items()):
        select.value = key[item_id] if n < 10 else next(c.id for c in q.exercise.categories if c.id != key[item_id])
    w.check.click()
    assert "10 out of 12." in w.feedback.value
    doc = json.loads(saved.read_text())
    entry = doc["responses"]["leathard-terms"]
    assert doc["format"] == "coursewidgets-responses" and doc["version"] == 2
    assert (entry["score"], entry["max"], sorted(entry["shown"])) == (10, 12, sorted(w.selects))
    assert entry["shown"] == draw(q.exercise, entry["seed"])
    again = quiz("leathard-terms", bank=EXERCISES, responses=saved).widget  # run the cell again: same layout
    assert (again.seed, list(again.selects), again.answer) == (w.seed, list(w.selects), w.answer)


def test_mimebundle_carries_widget_and_static_html():
    bundle = Quiz(SINGLE)._repr_mimebundle_()
    assert 'class="cw-quiz"' in bundle["text/html"] and 'type="radio"' in bundle["text/html"]
    assert "text/plain" in bundle
