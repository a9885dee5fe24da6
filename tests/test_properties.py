"""Property tests: whatever shape an answer takes, grading never raises, stays in range and is stable;
no ``shown`` list changes an exercise's worth; every seed lays each part out once."""

from __future__ import annotations

from exercises_for_tests import ALL
from hypothesis import given, settings
from hypothesis import strategies as st

from coursewidgets.core.grading import grade, shown_problem
from coursewidgets.core.layout import draw, layout

ID_LIKE = st.sampled_from(["a", "b", "c", "d", "i0", "i1", "i3", "x", "y", "t1", "t2", "p1", "p2", "s1", "s2", "s4"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | ID_LIKE,
    lambda children: st.lists(children, max_size=6) | st.dictionaries(st.text(max_size=5) | ID_LIKE, children, max_size=6),
    max_leaves=20,
)
ANSWERS = JSON | st.lists(ID_LIKE, max_size=8) | st.dictionaries(ID_LIKE, ID_LIKE, max_size=8)


@settings(max_examples=300, deadline=None)
@given(exercise=st.sampled_from(ALL), answer=ANSWERS, shown=st.none() | st.lists(ID_LIKE, max_size=6) | JSON)
def test_grading_is_total_bounded_and_deterministic(exercise, answer, shown):
    g = grade(exercise, answer, shown)
    assert 0 <= g.score <= g.max
    assert g.max >= 0
    assert g == grade(exercise, answer, shown)
    assert g.complete in (True, False)


@settings(max_examples=300, deadline=None)
@given(exercise=st.sampled_from(ALL), answer=ANSWERS, shown=st.none() | st.lists(ID_LIKE, max_size=12) | JSON)
def test_no_shown_list_changes_what_an_exercise_is_worth(exercise, answer, shown):
    assert grade(exercise, answer, shown).max == grade(exercise, None).max


@settings(max_examples=200, deadline=None)
@given(exercise=st.sampled_from(ALL), seed=st.integers(0, 2**32 - 1))
def test_every_layout_shows_each_part_once_and_its_draw(exercise, seed):
    lay = layout(exercise, seed)
    for key, ids in lay.items():
        assert len(set(ids)) == len(ids), key
    if "shown" in lay:
        assert lay["shown"] == draw(exercise, seed) and sorted(lay["items"]) == sorted(lay["shown"])
        assert shown_problem(exercise, lay["shown"], seed) is None
    assert lay == layout(exercise, seed)
