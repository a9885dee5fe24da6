"""Every grading rule, with partial credit and empty or incomplete answers."""

from __future__ import annotations

import pytest
from exercises_for_tests import CLASSIFY, MATCH, MULTI, ORDER, REFLECT, SINGLE, make

from coursewidgets.core.grading import MISSED, grade, marking_note, shown_items, shown_problem, unknown_ids
from coursewidgets.core.layout import draw


def flags(g):
    return {i.id: i.correct for i in g.items}


class TestSingleChoice:
    def test_right(self):
        g = grade(SINGLE, "a")
        assert (g.score, g.max, g.complete) == (1, 1, True)
        assert g.items[0].message == "fb a"

    def test_wrong(self):
        g = grade(SINGLE, "b")
        assert (g.score, g.max, g.complete, flags(g)) == (0, 1, True, {"b": False})

    @pytest.mark.parametrize("answer", [None, "", "zzz", ["a"], {"a": 1}, 3])
    def test_no_usable_answer(self, answer):
        g = grade(SINGLE, answer)
        assert (g.score, g.max, g.complete, g.items) == (0, 1, False, ())


class TestMultipleSelect:
    def test_all_right(self):
        g = grade(MULTI, ["a", "b"])
        assert (g.score, g.max, g.complete) == (2, 2, True)

    def test_one_right_one_wrong_cancel(self):
        g = grade(MULTI, ["a", "c"])
        assert g.score == 0
        assert flags(g) == {"a": True, "b": False, "c": False, "d": None}  # b missed, c wrongly picked

    def test_each_option_has_its_own_message(self):
        g = grade(MULTI, ["a", "c"])
        assert [i.message for i in g.items] == ["\u2713 fb a", MISSED + "fb b", "\u2717 fb c", ""]
        assert not any("Not quite" in i.message for i in g.items)

    def test_partial(self):
        assert grade(MULTI, ["b"]).score == 1

    def test_floor_at_zero(self):
        assert grade(MULTI, ["c", "d"]).score == 0

    def test_everything_picked(self):
        assert grade(MULTI, ["a", "b", "c", "d"]).score == 0

    def test_duplicates_count_once(self):
        assert grade(MULTI, ["a", "a", "a"]).score == 1

    def test_empty(self):
        g = grade(MULTI, [])
        assert (g.score, g.complete, g.summary) == (0, False, "No option chosen yet.")


class TestClassification:
    def test_sample_sets_the_maximum(self):
        g = grade(CLASSIFY, {"i0": "y", "i1": "x", "i2": "x"}, shown=["i0", "i1", "i2", "i3"])
        assert (g.score, g.max, g.complete) == (2, 4, False)
        assert flags(g) == {"i0": True, "i1": True, "i2": False, "i3": False}

    def test_wrong_item_names_the_wrong_category(self):
        g = grade(CLASSIFY, {"i2": "x"}, shown=["i2", "i3"])
        assert g.items[0].message == "Not X. fb 2"
        assert g.items[1].message == "Not answered."

    def test_a_short_shown_list_is_still_marked_out_of_the_sample(self):
        g = grade(CLASSIFY, {"i1": "x"}, shown=["i1"])
        assert (g.score, g.max, g.complete) == (1, 4, False)

    def test_a_long_shown_list_is_cut_to_the_sample(self):
        everything = {f"i{n}": "x" if n % 2 else "y" for n in range(6)}
        g = grade(CLASSIFY, everything, shown=[f"i{n}" for n in range(6)] * 3)
        assert (g.score, g.max) == (4, 4)
        assert [i.id for i in g.items] == ["i0", "i1", "i2", "i3"]

    def test_without_shown_nothing_is_marked(self):
        g = grade(CLASSIFY, {"i0": "y"})
        assert (g.score, g.max, g.complete) == (0, 4, False)

    def test_without_a_sample_every_item_counts(self):
        ex = make("classification", **{k: CLASSIFY.model_dump()[k] for k in ("categories", "items")})
        assert grade(ex, {}, shown=["i0"]).max == 6

    def test_unknown_and_repeated_shown_ids_are_ignored(self):
        assert shown_items(CLASSIFY, ["nope", "i1", "i1"]) == ["i1"]
        assert shown_items(CLASSIFY, ["nope"]) == []

    def test_answers_outside_the_attempt_do_not_count(self):
        assert grade(CLASSIFY, {"i4": "y", "i5": "x"}, shown=["i0", "i1"]).score == 0

    def test_unknown_category_is_unanswered(self):
        g = grade(CLASSIFY, {"i0": "zzz"}, shown=["i0", "i1"])
        assert (g.score, g.items[0].message) == (0, "Not answered.")


class TestShownProblem:
    def test_the_draw_is_acceptable(self):
        assert shown_problem(CLASSIFY, draw(CLASSIFY, 42), 42) is None
        assert shown_problem(CLASSIFY, ["i0", "i1", "i2", "i3"], None) is None

    @pytest.mark.parametrize("shown,reason", [
        (None, "missing or not a list"), ("i0", "missing or not a list"), (["i0", 3, "i1", "i2"], "not a list"),
        (["i0"], "lists 1 items; this exercise shows 4"), ([f"i{n}" for n in range(6)], "lists 6 items"),
        (["i0", "i1", "i2", "zz"], "unknown item ids zz"), (["i0", "i1", "i2", "i2"], "repeats an item"),
    ])
    def test_reasons(self, shown, reason):
        assert reason in (shown_problem(CLASSIFY, shown) or "")

    def test_another_draw_is_refused_given_the_seed(self):
        other = next(d for s in range(100) if (d := draw(CLASSIFY, s)) != draw(CLASSIFY, 42))
        assert shown_problem(CLASSIFY, other, 42) == "shown: not the items drawn for this attempt"

    def test_other_kinds_have_no_shown_list(self):
        assert shown_problem(MATCH, ["anything"], 3) is None


class TestMatching:
    def test_full_and_partial(self):
        assert grade(MATCH, {"p1": "t1", "p2": "t2"}).score == 2
        g = grade(MATCH, {"p1": "t1", "p2": "t3"})
        assert (g.score, g.max, g.complete) == (1, 2, True)
        assert g.items[1].message == "Not Spare. f2"

    def test_empty(self):
        g = grade(MATCH, None)
        assert (g.score, g.max, g.complete) == (0, 2, False)


class TestOrdering:
    def test_right_order(self):
        g = grade(ORDER, ["s1", "s2", "s3", "s4"])
        assert (g.score, g.max, g.complete) == (4, 4, True)
        assert all(flags(g).values())
        assert g.items[1].message == "Right: followed by the step that comes next. fb s2"
        assert g.items[3].message == "Right: it comes last. fb s4"

    def test_reversed_scores_nothing(self):
        assert grade(ORDER, ["s4", "s3", "s2", "s1"]).score == 0

    def test_a_rotated_list_keeps_the_marks_of_its_right_neighbours(self):
        """Moodle's "relative to the next item, including last": one place off loses 2 marks, not all 4."""
        g = grade(ORDER, ["s4", "s1", "s2", "s3"])
        assert (g.score, g.max) == (2, 4)
        assert flags(g) == {"s4": False, "s1": True, "s2": True, "s3": False}
        assert g.items[0].message == "Belongs last, at position 4. fb s4"
        assert g.items[3].message == "Belongs at position 3; the step after it should be the one for position 4. fb s3"
        assert grade(ORDER, ["s2", "s3", "s4", "s1"]).score == 2

    def test_one_swap_keeps_the_rest(self):
        g = grade(ORDER, ["s2", "s1", "s3", "s4"])
        assert g.score == 2
        assert flags(g) == {"s2": False, "s1": False, "s3": True, "s4": True}

    def test_missing_and_repeated_steps(self):
        g = grade(ORDER, ["s1", "s2", "s2", "zzz"])
        assert (g.score, g.max, g.complete) == (1, 4, False)
        assert flags(g) == {"s1": True, "s2": False}  # nothing follows s2, where s3 should

    def test_empty(self):
        g = grade(ORDER, [])
        assert (g.summary, g.max) == ("Nothing put in order yet.", 4)


class TestReflection:
    def test_saved_with_model_points(self):
        g = grade(REFLECT, "  My local partnership...  ")
        assert (g.score, g.max, g.complete) == (0, 0, True)
        assert [i.message for i in g.items] == ["point one", "point two"]
        assert all(i.correct is None for i in g.items)

    @pytest.mark.parametrize("answer", ["", "   \n\t", None, ["text"]])
    def test_empty_is_not_an_attempt(self, answer):
        g = grade(REFLECT, answer)
        assert (g.complete, g.items) == (False, ())


def test_marking_notes_say_how_each_kind_is_marked():
    assert marking_note(MULTI) == "One mark for each right tick; each wrong tick takes one away (never below 0)."
    assert marking_note(ORDER) == ("One mark for each step followed by the step that comes next, and one for the "
                                   "last step if it is last.")
    assert {marking_note(ex) for ex in (SINGLE, CLASSIFY, MATCH, REFLECT)} == {
        "One mark for the right answer.", "One mark for each item placed right.",
        "Not marked: compare your answer with the model points."}


def test_unknown_ids_for_tutors():
    assert unknown_ids(SINGLE, "zzz") == ["zzz"]
    assert unknown_ids(MULTI, ["a", "q"]) == ["q"]
    assert unknown_ids(CLASSIFY, {"i0": "x", "ghost": "x", "i1": "nope"}) == ["ghost", "nope"]
    assert unknown_ids(MATCH, {"p1": "t9"}) == ["t9"]
    assert unknown_ids(ORDER, ["s1", "s9"]) == ["s9"]
    assert unknown_ids(REFLECT, "anything") == []


def test_as_dict_round_trips_to_json():
    import json

    d = grade(MATCH, {"p1": "t1"}).as_dict()
    assert json.loads(json.dumps(d))["items"][0] == {"id": "p1", "correct": True, "message": "f1"}
