"""The bank's item-writing rules hold for every variant, not only the first one (issue 20): each variant is a
question a learner meets, so each must be fair on its own, and no variant may hand another exercise its answer."""

from __future__ import annotations

import re
from statistics import mean

import pytest
from test_exercise_bank import (ABSOLUTE, BANK, BARE_OPENINGS, CASE_NAMES, HIGHER, even_allocation, feedback_entries,
                                key_and_distractor_lengths, words)

from coursewidgets.core.layout import variants_of
from coursewidgets.core.models import Classification, Matching, MultipleSelect, Reflection, SingleChoice

BODIES = [(ex, n, v) for ex in BANK.values() if not isinstance(ex, Reflection) for n, v in enumerate(variants_of(ex))]
SINGLE_BODIES = [(ex, n, v) for ex, n, v in BODIES if isinstance(v, SingleChoice)]
BARE_NAME_BODIES = [b for b in SINGLE_BODIES if max(len(o.text.split()) for o in b[2].options) <= 2]


def body_id(body) -> str:
    ex, n, _ = body
    return f"{ex.id}[{n}]"


@pytest.mark.parametrize("body", BODIES, ids=body_id)
def test_every_variant_has_fair_options_and_feedback_that_says_why(body):
    ex, _, v = body
    entries = feedback_entries(v)
    assert len({fb for _, _, fb in entries}) == len(entries), "a feedback string is repeated"
    for text, label, feedback in entries:
        assert not BARE_OPENINGS.match(feedback), feedback
        assert len([w for w in words(feedback) if w not in set(words(label))]) >= 12, text
    for option in getattr(v, "options", []):
        assert not ABSOLUTE.search(option.text), option.id
    if ex.level in HIGHER:
        assert any(name in " ".join([v.prompt, *(t for t, _, _ in entries)]) for name in CASE_NAMES), ex.id


@pytest.mark.parametrize("body", BARE_NAME_BODIES, ids=body_id)
def test_a_key_among_bare_names_is_neither_the_longest_nor_the_shortest(body):
    """Where the options are names (two words at most), nothing but their look can guide a guess: a test-wise
    student picks the longest or the odd one out, so the key is neither the longest nor the shortest name."""
    key, others = key_and_distractor_lengths(body[2])
    assert min(others) < key < max(others), [o.text for o in body[2].options]


def test_key_length_gives_nothing_away_across_every_single_choice_variant():
    """The issue's rule: the key is the longest option in at most a third of single-choice bodies over all
    variants; the shortest in at most a quarter; never exactly as long as a distractor."""
    lengths = [(body_id(b), key_and_distractor_lengths(b[2])) for b in SINGLE_BODIES]
    longest = [i for i, (key, others) in lengths if key >= max(others)]
    shortest = [i for i, (key, others) in lengths if key < min(others)]
    assert len(longest) * 3 <= len(lengths), longest
    assert len(shortest) * 4 <= len(lengths), shortest
    assert [i for i, (key, others) in lengths if key in others] == []


@pytest.mark.parametrize("body", [b for b in BODIES if isinstance(b[2], MultipleSelect)], ids=body_id)
def test_multiple_select_variants_keep_about_half_right_and_lengths_even(body):
    options = body[2].options
    right = [len(o.text) for o in options if o.correct]
    wrong = [len(o.text) for o in options if not o.correct]
    assert 0.3 <= len(right) / len(options) <= 0.6
    assert mean(wrong) / 1.15 <= mean(right) <= 1.15 * mean(wrong)


@pytest.mark.parametrize("body", [b for b in BODIES if isinstance(b[2], (Classification, Matching))], ids=body_id)
def test_sorting_variants_are_balanced_and_not_in_target_order(body):
    v = body[2]
    if isinstance(v, Classification):
        sizes = [sum(i.answer == c.id for i in v.items) for c in v.categories]
        shown = even_allocation(sizes, v.sample) if v.sample else sizes
        assert max(shown) / sum(shown) <= 1 / len(sizes) + 0.15, shown  # uneven allowed, as in test_exercise_bank
    else:
        index = {t.id: n for n, t in enumerate(v.targets)}
        answers = [index[p.answer] for p in v.pairs]
        assert answers != sorted(answers)
        assert sum(a == n for n, a in enumerate(answers)) * 2 < len(answers)


def test_no_option_is_printed_in_another_exercises_question():
    """A test-wise learner reads every stem on the site: an option that stands in another exercise's prompt is
    a cue (the measured leak between eastbrook-diagnosis and unsuccessful-signs)."""
    stems = [(ex.id, re.sub(r"\s+", " ", v.prompt.lower())) for ex, _, v in BODIES]
    leaks = [(ex.id, o.id, other) for ex, _, v in BODIES for o in getattr(v, "options", [])
             for other, stem in stems if other != ex.id and re.sub(r"\s+", " ", o.text.lower()) in stem]
    assert leaks == []
