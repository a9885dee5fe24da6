"""Seeded layouts: mulberry32 bit for bit, the shuffle, pinned options, the stratified draw."""

from __future__ import annotations

from collections import Counter
from math import comb, prod

import pytest
from conftest import EXERCISES
from exercises_for_tests import CLASSIFY, MATCH, MULTI, ORDER, REFLECT, SINGLE, make, opt

from coursewidgets.core.bank import load_bank
from coursewidgets.core.layout import allocation, draw, is_seed, layout, mulberry32, shuffle, variants_of
from coursewidgets.core.models import Classification

# mulberry32's first outputs, computed with the JavaScript function in SPEC-issue11.md under Node.js
JS_OUTPUTS = {
    0: [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197],
    123456789: [0.2577907438389957, 0.9707721115555614, 0.7853280142880976],
    2147483648: [0.8205775609239936, 0.4481089550536126, 0.7836112855002284],
    4294967295: [0.8964226141106337, 0.189478256739676, 0.7156526781618595],
}


@pytest.mark.parametrize("seed", sorted(JS_OUTPUTS))
def test_mulberry32_matches_javascript(seed):
    rng = mulberry32(seed)
    assert [rng() for _ in range(3)] == JS_OUTPUTS[seed]


def test_shuffle_is_fisher_yates_from_the_end():
    class Fixed:
        """rng() values that pick j = 0 at every step."""

        def __call__(self) -> float:
            return 0.0

    assert shuffle(["a", "b", "c", "d"], Fixed()) == ["b", "c", "d", "a"]
    items = ["a", "b", "c"]
    assert shuffle(items, mulberry32(1)) is not items and items == ["a", "b", "c"]


@pytest.mark.parametrize("value,ok", [(0, True), (2**32 - 1, True), (2**32, False), (-1, False), ("5", False),
                                      (True, False), (1.0, False), (None, False)])
def test_is_seed(value, ok):
    assert is_seed(value) is ok


def test_layout_refuses_a_bad_seed():
    with pytest.raises(ValueError, match="seed must be an integer"):
        layout(SINGLE, -1)


def test_layouts_are_permutations_and_vary_with_the_seed():
    for ex, key, ids in [(SINGLE, "options", ["a", "b", "c"]), (MULTI, "options", ["a", "b", "c", "d"]),
                         (ORDER, "order", ["s1", "s2", "s3", "s4"]), (MATCH, "targets", ["t1", "t2", "t3"])]:
        seen = {tuple(layout(ex, seed)[key]) for seed in range(200)}
        assert all(sorted(s) == sorted(ids) for s in seen)
        assert len(seen) > 3, ex.id
    assert layout(REFLECT, 7) == {}
    assert layout(SINGLE, 99) == layout(SINGLE, 99)


def test_first_option_is_each_option_about_equally_often():
    firsts = Counter(layout(MULTI, seed)["options"][0] for seed in range(4000))
    assert set(firsts) == {"a", "b", "c", "d"} and min(firsts.values()) > 850


def test_ordering_never_starts_in_the_right_order():
    key = [s.id for s in ORDER.steps]
    assert all(layout(ORDER, seed)["order"] != key for seed in range(500))


def test_pinned_options_keep_their_place():
    ex = make("single_choice", options=[opt("a", True), opt("b"), opt("c"), {**opt("none"), "pin": True}])
    orders = [layout(ex, seed)["options"] for seed in range(300)]
    assert all(o[3] == "none" for o in orders)
    assert {o[0] for o in orders} == {"a", "b", "c"}


def test_allocation_is_even_and_capped():
    assert allocation([30, 15, 7], 12) == [4, 4, 4]
    assert allocation([2, 20, 20], 10) == [2, 4, 4]
    assert allocation([5, 5, 5], 4) == [2, 1, 1]
    assert allocation([1, 1], 5) == [1, 1]


def test_classification_layout_shows_the_draw_shuffled():
    lay = layout(CLASSIFY, 5)
    assert lay["shown"] == draw(CLASSIFY, 5)
    assert sorted(lay["items"]) == sorted(lay["shown"]) and len(lay["shown"]) == 4
    assert draw(SINGLE, 5) is None
    unsampled = make("classification", categories=CLASSIFY.model_dump()["categories"],
                     items=CLASSIFY.model_dump()["items"])
    assert sorted(layout(unsampled, 5)["items"]) == [f"i{n}" for n in range(6)] and draw(unsampled, 5) is None


def test_leathard_draw_is_stratified():
    variants = variants_of(load_bank(EXERCISES)["leathard-terms"])
    assert any(len(v.items) > v.sample for v in variants if isinstance(v, Classification) and v.sample)
    for ex in variants:
        assert isinstance(ex, Classification) and ex.sample
        answer = {i.id: i.answer for i in ex.items}
        per_column = Counter(answer.values())
        sizes = [per_column[c] for c in ("concept", "process", "agency")]
        quota = dict(zip(("concept", "process", "agency"), allocation(sizes, ex.sample)))
        for seed in range(300):
            shown = draw(ex, seed)
            assert shown is not None and len(set(shown)) == ex.sample
            assert Counter(answer[i] for i in shown) == quota
        possible = prod(comb(per_column[c], quota[c]) for c in quota)
        seen = len({tuple(sorted(draw(ex, s) or [])) for s in range(200)})
        assert seen >= min(50, 0.8 * possible), "attempts draw varied sets of terms"
