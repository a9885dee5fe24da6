"""Variants on the tutor's side: handouts ask one variant, the key lists them all, the grader marks the
variant each seed asks and reports answers to another, feedback shows the variant asked, the report
analyses every variant."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from tutor_data import make_class, response_doc, variant_bank, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.core.layout import pick, variant_index
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.gradebook import grade_class
from coursewidgets.tutor.keyfile import read_key
from coursewidgets.tutor.report import render_report
from coursewidgets.tutor.stats import variant_stats

BANK = variant_bank(12, 3)


def _right(ex):
    kind, v = ex.kind, ex
    if kind == "single_choice":
        return next(o.id for o in v.options if o.correct)
    if kind == "multiple_select":
        return [o.id for o in v.options if o.correct]
    if kind == "classification":
        return {i.id: i.answer for i in v.items}
    if kind == "matching":
        return {p.id: p.answer for p in v.pairs}
    if kind == "ordering":
        return [s.id for s in v.steps]
    return "A reflection."


def test_a_class_on_a_bank_of_variants_gets_the_marks_worked_out_independently(tmp_path):
    expected = make_class(tmp_path / "class", 60, seed=3, bank=BANK)
    book = grade_class(tmp_path / "class", {ex.id: ex for ex in BANK})
    assert book.problems == []
    got = {row.student: {i: g.score for i, g in row.grades.items() if g} for row in book.rows}
    assert got == {s: {i: m for i, m in marks.items()} for s, marks in expected.items()}
    assert {k for row in book.rows for k in row.asked.values()} == {0, 1, 2}


def test_an_answer_to_another_variant_is_reported_and_the_rest_graded(tmp_path):
    ex, folder = BANK[0], tmp_path / "class"
    folder.mkdir()
    seed = 7
    wrong = _right(pick(ex, seed + 1))
    (folder / "cheat.json").write_text(json.dumps(response_doc("cheat", {ex.id: (wrong, None, seed)})))
    (folder / "nobody.json").write_text(json.dumps(response_doc("nobody", {ex.id: ("zz-none", None, seed)})))
    (folder / "honest.json").write_text(json.dumps(response_doc("honest", {ex.id: (_right(pick(ex, seed)), None, seed)})))
    book = grade_class(folder, {ex.id: ex})
    assert [r.student for r in book.rows] == ["honest"] and book.rows[0].grades[ex.id].score == 1
    reasons = {p.file.rsplit("/", 1)[-1]: p.message for p in book.problems}
    assert f"holds ids of variant {variant_index(ex, seed + 1) + 1}" in reasons["cheat.json"]
    assert f"asks variant {variant_index(ex, seed) + 1}" in reasons["cheat.json"]
    assert "do not exist: zz-none" in reasons["nobody.json"]


def test_assessed_handout_asks_one_variant_and_the_key_lists_every_one(tmp_path):
    bank = write_bank(tmp_path / "bank", BANK[:5])
    ids = [ex.id for ex in BANK[:5]]
    out = tmp_path / "week"
    assert main(["assign", *ids, "--bank", str(bank), "--title", "Week", "--mode", "assessed", "--out", str(out)]) == 0
    handout = json.loads((out / "week.handout.json").read_text())
    key = read_key(tmp_path / "week-key.json")
    answer_key = (tmp_path / "week-key.md").read_text()
    for ex, shown in zip(BANK[:5], handout["exercises"]):
        asked = variant_index(ex, key.seed(ex.id))
        assert shown["prompt"] == ex.variants[asked].prompt
        others = [v for k, v in enumerate(ex.variants) if k != asked]
        text = json.dumps(shown)
        assert not any(v.prompt in text for v in others)
        for v in ex.variants:
            assert v.prompt in answer_key
        assert f"Variant {asked + 1} of 3 (the handout asks this one)" in answer_key
    # the students answer the variant their handout asked: graded with the key, not the response's seed
    subs = tmp_path / "subs"
    subs.mkdir()
    answers = {ex.id: (_right(pick(ex, key.seed(ex.id))), None, 123) for ex in BANK[:5] if ex.kind != "classification"}
    (subs / "s.json").write_text(json.dumps(response_doc("s", answers)))
    assert main(["grade", str(subs), "--bank", str(bank), "--key", str(tmp_path / "week-key.json"),
                 "--out", str(tmp_path / "marks")]) == 0
    row, = csv.DictReader((tmp_path / "marks" / "gradebook.csv").open())
    scored = [ex for ex in BANK[:5] if ex.kind not in ("classification", "reflection")]
    assert all(int(row[ex.id]) == pick(ex, 0).marks for ex in scored)
    page = next((tmp_path / "marks" / "feedback").glob("*.html")).read_text()
    for ex in scored:
        asked = variant_index(ex, key.seed(ex.id))
        assert ex.variants[asked].prompt in page
        assert not any(v.prompt in page for k, v in enumerate(ex.variants) if k != asked)


def test_report_analyses_each_variant_and_flags_unequal_ones(tmp_path):
    ex, folder = BANK[0], tmp_path / "class"
    folder.mkdir()
    rng = random.Random(1)
    for n in range(90):
        seed = n  # variant n % 3
        easy = n % 3 != 2 or rng.random() < 0.3  # variant 3 is much harder
        answer = _right(pick(ex, seed)) if easy else next(o.id for o in pick(ex, seed).options if not o.correct)
        (folder / f"s{n}.json").write_text(json.dumps(response_doc(f"s{n}", {ex.id: (answer, None, seed)})))
    book = grade_class(folder, {ex.id: ex})
    each = variant_stats(book)[ex.id]
    assert [v.students for v in each] == [30, 30, 30]
    assert each[0].facility == 1.0 and each[2].facility < 0.5
    html = render_report(book)
    assert "Variants" in html and f"{ex.id}, variant 3" in html and "not equally hard" in html


def test_the_course_bank_loads_with_its_variants():
    bank = load_bank(Path(__file__).parents[1] / "exercises")
    assert all(v.id == ex.id for ex in bank.values() for v in ex.variants)
