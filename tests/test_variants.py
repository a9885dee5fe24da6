"""Variants: an exercise as a small pool of questions; which one is asked follows from the attempt's seed."""

from __future__ import annotations

import random

import pytest
import yaml
from exercises_for_tests import SINGLE, VARIED, opt

from coursewidgets.core.bank import check_bank
from coursewidgets.core.grading import grade, shown_problem, unknown_ids, variant_problem
from coursewidgets.core.layout import draw, layout, next_seed, pick, variant_index, variants_of
from coursewidgets.core.models import ExerciseAdapter
from coursewidgets.tutor.cli import main

FILE = {"id": "pool", "kind": "single_choice", "title": "T", "level": "apply", "outcome": 4, "source": "S",
        "variants": [{"prompt": "First case", "options": [opt("a-right", True), opt("a-wrong")]},
                     {"prompt": "Second case", "options": [opt("b-right", True), opt("b-wrong")]}]}


def _problems(tmp_path, data):
    (tmp_path / "pool.yml").write_text(yaml.safe_dump(data))
    return [(p.field, p.message) for p in check_bank(tmp_path)[1]]


def test_a_file_with_variants_loads_as_whole_exercises(tmp_path):
    assert _problems(tmp_path, FILE) == []
    ex = check_bank(tmp_path)[0]["pool"]
    assert [v.prompt for v in variants_of(ex)] == ["First case", "Second case"]
    assert ex.prompt == "First case" and all(v.id == "pool" and v.level == "apply" for v in ex.variants)
    assert ExerciseAdapter.validate_python(ex.model_dump()) == ex  # a handout's copy loads back the same


def test_a_file_without_variants_is_its_own_only_variant():
    assert variants_of(SINGLE) == (SINGLE,)
    assert all(pick(SINGLE, s) is SINGLE and variant_index(SINGLE, s) == 0 for s in (0, 1, 7, 2**32 - 1))


@pytest.mark.parametrize("change, field, words", [
    (lambda d: d["variants"][1]["options"][0].update(correct=False), "variants.1.options", "variant 2: exactly one"),
    (lambda d: d["variants"][1]["options"][1].update(id="a-wrong"), "variants.1.options.1.id", "reuses 'a-wrong'"),
    (lambda d: d["variants"][0].update(level="remember"), "variants.0.level", "every variant shares it"),
    (lambda d: d["variants"][1].update(colour="red"), "variants.1.colour", "variant 2: Extra inputs"),
    (lambda d: d["variants"][1].pop("prompt"), "variants.1.prompt", "variant 2: Field required"),
    (lambda d: d.update(variants=d["variants"][:1]), "variants", "two or more"),
])
def test_a_bad_variant_is_named_by_variant_and_field(tmp_path, change, field, words):
    data = yaml.safe_load(yaml.safe_dump(FILE))
    change(data)
    problems = _problems(tmp_path, data)
    assert len(problems) == 1 and problems[0][0] == field and words in problems[0][1], problems


def test_every_variant_is_worth_the_same(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(FILE))
    data["kind"] = "multiple_select"
    data["variants"][1]["options"][1]["correct"] = True
    (field, message), = _problems(tmp_path, data)
    assert field == "variants.1" and "worth 2 marks, variant 1 1" in message


def test_validate_command_reports_file_variant_and_field(tmp_path, capsys):
    data = yaml.safe_load(yaml.safe_dump(FILE))
    data["variants"][1]["options"][0]["text"] = "   "
    (tmp_path / "pool.yml").write_text(yaml.safe_dump(data))
    assert main(["validate", str(tmp_path)]) == 1
    assert "pool.yml: field 'variants.1.options.0.text'" in capsys.readouterr().err


@pytest.mark.parametrize("ex", VARIED, ids=lambda e: e.kind)
def test_the_seed_picks_the_variant_for_layout_draw_and_grading(ex):
    n = len(ex.variants)
    for seed in range(12):
        asked = ex.variants[seed % n]
        assert pick(ex, seed) is asked and variant_index(ex, seed) == seed % n
        assert layout(ex, seed) == layout(asked, seed) and draw(ex, seed) == draw(asked, seed)
    right = {"single_choice": lambda v: next(o.id for o in v.options if o.correct),
             "multiple_select": lambda v: [o.id for o in v.options if o.correct],
             "classification": lambda v: {i.id: i.answer for i in v.items},
             "matching": lambda v: {p.id: p.answer for p in v.pairs},
             "ordering": lambda v: [s.id for s in v.steps],
             "reflection": lambda v: "my answer"}[ex.kind]
    for seed in range(6):
        answer, shown = right(pick(ex, seed)), draw(ex, seed)
        assert grade(ex, answer, shown, seed).score == grade(pick(ex, seed), answer, shown).score
        other = right(pick(ex, seed + 1))
        if ex.kind != "reflection":
            assert grade(ex, answer, shown, seed).score == pick(ex, seed).marks
            assert grade(ex, other, draw(ex, seed + 1), seed).score == 0
            assert variant_problem(ex, answer, seed) is None
            assert f"variant {(seed + 1) % n + 1}" in variant_problem(ex, other, seed)
            assert unknown_ids(ex, other, seed)


def test_answers_of_no_variant_are_reported():
    ex = VARIED[0]
    assert variant_problem(ex, "zz", 0) == "answer: answers items that do not exist: zz"


def test_shown_is_checked_against_the_variant_the_seed_asks():
    ex = VARIED[2]
    for seed in range(6):
        assert shown_problem(ex, draw(ex, seed), seed) is None
        assert shown_problem(ex, draw(ex, seed + 1), seed) is not None


@pytest.mark.parametrize("ex", VARIED, ids=lambda e: e.kind)
def test_a_new_attempt_asks_another_variant(ex):
    rng, n = random.Random(5), len(ex.variants)
    asked = {k: 0 for k in range(n)}
    for _ in range(3000):
        previous, bits = rng.getrandbits(32), rng.getrandbits(32)
        seed = next_seed(ex, bits, previous)
        assert 0 <= seed < 2**32 and seed % n != previous % n
        asked[seed % n] += 1
    assert min(asked.values()) > 3000 / n * 0.8  # every variant comes up about as often
    assert next_seed(ex, 2**32 - 1, 2**32 - 1) < 2**32
    assert next_seed(SINGLE, 1234, 1234) == 1234 and next_seed(ex, 99) == 99


def test_history_keeps_which_variant_was_answered(tmp_path):
    from coursewidgets.core.bank import ExerciseError
    from coursewidgets.core.responses import Response, load, parse, record

    path = tmp_path / "answers.json"
    record(path, "pool", Response(answer="b-right", seed=5, score=1, max=1), variant=1)
    record(path, "pool", Response(answer="a-right", seed=6, score=1, max=1), variant=0)
    assert [h.variant for h in load(path).responses["pool"].history] == [1, 0]
    bad = {"format": "coursewidgets-responses", "version": 2, "student": "", "responses": {"pool": {
        "answer": "a", "history": [{"at": "2026-12-01", "score": 1, "max": 1, "variant": -1}]}}}
    with pytest.raises(ExerciseError, match="variant"):
        parse(bad, "answers.json")
