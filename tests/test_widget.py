"""The live ipywidget quiz, driven from Python: set values, press Check, read the feedback."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import EXERCISES
from exercises_for_tests import CLASSIFY, MATCH, MULTI, ORDER, REFLECT, SINGLE, VARIED, key_answer

from coursewidgets import Quiz, quiz
from coursewidgets.core.grading import MISSED, grade, marking_note
from coursewidgets.core.layout import draw, layout, pick, variant_index
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
    assert "Right: followed by the step that comes next." in w.feedback.value


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
    key = {i.id: i.answer for v in q.exercise.variants for i in v.items}  # the seed picks the variant
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


def _name_box(q: Quiz):
    """The labelled name field a quiz shows above its questions, or None."""
    import ipywidgets

    first = q.widget.children[0]
    found = first.children[0] if isinstance(first, ipywidgets.VBox) else None
    return found if isinstance(found, ipywidgets.Text) else None


def test_first_quiz_asks_the_name_once_and_answers_carry_it(tmp_path):
    saved = tmp_path / "lesson" / "my-answers.json"
    saved.parent.mkdir()
    first = quiz("why-not-one-sector", bank=EXERCISES, responses=saved)
    second = quiz("who-definition", bank=EXERCISES, responses=saved)
    box = _name_box(first)
    assert box is not None and box.description == "Your name or student ID" and box.value == ""
    assert _name_box(second) is None, "only the first quiz of the folder asks"
    assert _name_box(quiz("why-not-one-sector", bank=EXERCISES, responses=saved)) is not None, "a rerun asks again"

    box.value = " ab123 "  # typed, then Enter or leaving the field
    assert json.loads(saved.read_text())["student"] == "ab123"
    second.widget.choice.value = second.widget.choice.options[0][1]
    second.widget.check.click()
    doc = json.loads(saved.read_text())
    assert doc["student"] == "ab123" and "who-definition" in doc["responses"]
    again = _name_box(quiz("why-not-one-sector", bank=EXERCISES, responses=saved))
    assert again is not None and again.value == "ab123", "the next lesson in the folder shows the saved name"


def test_without_a_name_answers_are_saved_unnamed(tmp_path):
    saved = tmp_path / "my-answers.json"
    q = quiz("who-definition", bank=EXERCISES, responses=saved)
    q.widget.choice.value = q.widget.choice.options[0][1]
    q.widget.check.click()
    assert json.loads(saved.read_text())["student"] == ""  # graded under the file's name (test_tutor_grade)


def test_an_unreadable_answer_file_is_not_overwritten_by_the_name(tmp_path):
    saved = tmp_path / "my-answers.json"
    saved.write_text("{not json")
    box = _name_box(quiz("who-definition", bank=EXERCISES, responses=saved))
    box.value = "ab123"
    assert saved.read_text() == "{not json"


# ---------- variants ----------

def _answer(w: QuizWidget, given) -> None:
    """Put ``given`` (an answer by id) into the widget's controls."""
    ex = w.asked
    if ex.kind == "single_choice":
        w.choice.value = given
    elif ex.kind == "multiple_select":
        for ident, box in w.boxes.items():
            box.value = ident in given
    elif ex.kind in ("classification", "matching"):
        for ident, choice in given.items():
            w.selects[ident].value = choice
    elif ex.kind == "ordering":
        w.order = list(given)
        w._build_order()
    else:
        w.text.value = given


@pytest.mark.parametrize("ex", VARIED, ids=lambda ex: ex.kind)
def test_the_widget_asks_the_variant_of_its_seed_and_grades_it(ex):
    asked = set()
    for seed in (0, 1, 2, 5, 2**32 - 1):
        w = QuizWidget(ex, seed=seed)
        variant = pick(ex, seed)
        asked.add(variant_index(ex, seed))
        assert w.asked == variant and f"<p>{variant.prompt}</p>" in w.title.value
        assert w._texts().keys() <= {e.id for part in ("options", "items", "pairs", "steps")
                                     for e in getattr(variant, part, None) or []}
        _answer(w, key_answer(variant, w.shown))
        result = w.submit()  # what Check does
        assert result == grade(ex, w.answer, w.shown, seed) == grade(variant, w.answer, w.shown)
        assert result.score == result.max and result.complete
        said = variant.model_points[0] if ex.kind == "reflection" else f"{result.max} out of {result.max}."
        assert said in w.feedback.value
    assert asked == set(range(len(ex.variants)))


@pytest.mark.parametrize("ex", VARIED, ids=lambda ex: ex.kind)
def test_start_again_asks_another_variant_each_time(ex):
    kept = []
    w = QuizWidget(ex, seed=7, on_start=lambda e, r: kept.append(r))
    before = variant_index(ex, w.seed)
    for _ in range(12):
        w.retry.click()
        now = variant_index(ex, w.seed)
        assert now != before and w.asked == pick(ex, w.seed)
        before = now
    assert [r.seed for r in kept][-1] == w.seed and all(r.answer is None for r in kept)
    assert QuizWidget(SINGLE, on_start=lambda e, r: kept.append(r)).retry.click() is None and len(kept) == 12


@pytest.mark.parametrize("ex", VARIED, ids=lambda ex: ex.kind)
def test_a_saved_answer_comes_back_in_its_variant(ex):
    for seed in (3, 4, 8):
        variant = pick(ex, seed)
        shown = draw(ex, seed)
        answer = key_answer(variant, shown)
        w = QuizWidget(ex, saved=Response(answer=answer, seed=seed, shown=shown, score=1, max=1))
        given = sorted(w.answer) if ex.kind == "multiple_select" else w.answer
        assert w.seed == seed and w.asked == variant and given == answer
        assert w.feedback.value.startswith(f"<p><strong>{grade(ex, answer, shown, seed).summary}")


POOL = {"id": "pool", "kind": "single_choice", "title": "Choosing a way of working", "level": "apply", "outcome": 4,
        "source": "S", "variants": [{"prompt": f"Case {n}", "options": [
            {"id": f"{v}-right", "text": f"The right way in case {n}", "correct": True, "feedback": "Yes."},
            {"id": f"{v}-wrong", "text": f"A wrong way in case {n}", "feedback": "No."}]} for n, v in enumerate("abc", 1)]}


def test_running_the_cell_again_after_start_again_asks_the_new_variant(tmp_path):
    (tmp_path / "pool.yml").write_text(yaml.safe_dump(POOL))
    saved = tmp_path / "my-answers.json"
    w = quiz("pool", bank=tmp_path, responses=saved).widget
    w.choice.value = key_answer(w.asked)
    w.check.click()
    answered = variant_index(w.exercise, w.seed)
    again = quiz("pool", bank=tmp_path, responses=saved).widget  # run the cell again: the same question, answered
    assert (again.seed, again.answer) == (w.seed, w.answer)
    again.retry.click()
    entry = json.loads(saved.read_text())["responses"]["pool"]
    assert entry["seed"] == again.seed and "answer" not in entry
    assert [h["variant"] for h in entry["history"]] == [answered], "the Check keeps which variant it answered"
    rerun = quiz("pool", bank=tmp_path, responses=saved).widget  # run the cell again after Start again
    assert rerun.seed == again.seed and variant_index(rerun.exercise, rerun.seed) != answered
    assert rerun.answer is None and rerun.feedback.value == ""
