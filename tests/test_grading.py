"""Every grading rule, with partial credit and empty or incomplete answers."""

from __future__ import annotations

import pytest
from exercises_for_tests import CLASSIFY, MATCH, MULTI, ORDER, REFLECT, SINGLE

from coursewidgets.core.grading import grade, shown_items, unknown_ids


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
        assert flags(g) == {"a": True, "b": False, "c": False}  # b missed, c wrongly picked

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

    def test_without_shown_all_items_count(self):
        assert grade(CLASSIFY, {}).max == 6

    def test_unknown_shown_ids_are_ignored(self):
        assert shown_items(CLASSIFY, ["nope", "i1"]) == ["i1"]
        assert shown_items(CLASSIFY, ["nope"]) == [i.id for i in CLASSIFY.items]

    def test_answers_outside_the_attempt_do_not_count(self):
        assert grade(CLASSIFY, {"i4": "y", "i5": "x"}, shown=["i0", "i1"]).score == 0

    def test_unknown_category_is_unanswered(self):
        g = grade(CLASSIFY, {"i0": "zzz"}, shown=["i0", "i1"])
        assert (g.score, g.items[0].message) == (0, "Not answered.")


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
        assert (g.score, g.max, g.complete) == (3, 3, True)
        assert all(flags(g).values())

    def test_reversed_scores_nothing(self):
        assert grade(ORDER, ["s4", "s3", "s2", "s1"]).score == 0

    def test_one_shift_keeps_most_pairs(self):
        g = grade(ORDER, ["s4", "s1", "s2", "s3"])
        assert g.score == 2
        assert flags(g) == {"s4": False, "s1": True, "s2": True, "s3": False}
        assert g.items[0].message.startswith("It belongs in position 4.")

    def test_missing_and_repeated_steps(self):
        g = grade(ORDER, ["s1", "s2", "s2", "zzz"])
        assert (g.score, g.complete) == (1, False)
        assert flags(g) == {"s1": True, "s2": False}  # s2 is last but the list is incomplete

    def test_empty(self):
        assert grade(ORDER, []).summary == "Nothing put in order yet."


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
