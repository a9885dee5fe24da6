"""The report's statistics against values worked out by hand on small classes, and the per-student
feedback pages. The arithmetic for each expected value is written out beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exercises_for_tests import make, opt
from tutor_data import BANK, response_doc, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.tutor.analysis import flagged_questions
from coursewidgets.tutor.feedback import feedback_files, page_names
from coursewidgets.tutor.gradebook import Gradebook, grade_class, item_stats
from coursewidgets.tutor.report import render_report
from coursewidgets.tutor.stats import class_mastery, distractors, mastery, needs_help, reliability

OPTIONS = [opt("a", True), opt("b"), opt("c")]
QUIZ = [make("single_choice", id="q1", outcome=1, options=OPTIONS),
        make("single_choice", id="q2", outcome=1, options=OPTIONS),
        make("single_choice", id="q3", outcome=2, options=OPTIONS),
        make("reflection", id="r", outcome=2, model_points=["Name a shared goal."])]
# Five students; marks (q1, q2, q3): A 1,1,1 = 3; B 1,1,0 = 2; C 1,0,1 = 2; D 0,1,0 = 1; E 0,0,0 = 0.
# Ranked by percentage (ties in name order): E, D, B, C, A; 27% of 5 rounded up is 2: bottom E, D; top C, A.
CHOICES = {"A": "aaa", "B": "aab", "C": "aba", "D": "bac", "E": "bcb"}


def _class(folder: Path, bank: list, answers: dict[str, dict]) -> Gradebook:
    subs = folder / "subs"
    subs.mkdir(parents=True)
    for student, given in answers.items():
        (subs / f"{student}.json").write_text(json.dumps(response_doc(student, given)))
    return grade_class(subs, load_bank(write_bank(folder / "bank", bank)))


@pytest.fixture
def small(tmp_path: Path) -> Gradebook:
    answers = {s: {f"q{n + 1}": (c, None) for n, c in enumerate(picks)} for s, picks in CHOICES.items()}
    answers["A"]["r"] = ("Partners agree a shared goal.", None)
    return _class(tmp_path, QUIZ, answers)


def test_kr20_alpha_if_left_out_and_sem_by_hand(small):
    rel = reliability(small)
    # p = .6, .6, .4; sum of pq = .24 * 3 = .72; totals 3,2,2,1,0: mean 1.6, variance 5.2 / 5 = 1.04
    # KR-20 = 3/2 * (1 - .72 / 1.04) = 6/13
    assert rel.name == "KR-20"
    assert rel.alpha == pytest.approx(6 / 13)
    assert rel.sd == pytest.approx(1.04 ** 0.5)
    assert rel.sem == pytest.approx(0.56 ** 0.5)  # sqrt(1.04 * (1 - 6/13)) = sqrt(.56)
    # without q1: totals 2,1,1,1,0 (variance .4), items .24 + .24: 2 * (1 - .48/.4) = -.4
    # without q2: totals 2,1,2,0,0 (variance .8): 2 * (1 - .48/.8) = .8
    # without q3: totals 2,2,1,1,0 (variance .56): 2 * (1 - .48/.56) = 2/7
    assert rel.without == pytest.approx({"q1": -0.4, "q2": 0.8, "q3": 2 / 7})


def test_distractor_shares_by_hand(small):
    found = {(c.exercise.id, c.choice): c for cs in distractors(small).values() for c in cs}
    # q1: a by A, B, C; b by D, E; c by nobody. Top C, A; bottom E, D.
    assert (found["q1", "a"].share, found["q1", "a"].top, found["q1", "a"].bottom) == (0.6, 1.0, 0.0)
    assert (found["q1", "b"].share, found["q1", "b"].top, found["q1", "b"].bottom) == (0.4, 0.0, 1.0)
    assert found["q1", "c"].share == 0 and found["q1", "c"].unpicked
    # q2: a by A, B, D; b by C (top); c by E (bottom)
    assert (found["q2", "b"].share, found["q2", "b"].top, found["q2", "b"].bottom) == (0.2, 0.5, 0.0)
    assert found["q2", "b"].strong_pick and not found["q2", "c"].strong_pick
    assert not found["q2", "a"].strong_pick  # the right answer is never flagged
    assert "r" not in distractors(small)


def test_discrimination_mastery_and_flags_by_hand(small):
    disc = {s.exercise.id: s.discrimination for s in item_stats(small)}
    assert disc == pytest.approx({"q1": 1.0, "q2": 0.0, "q3": 1.0})  # top share minus bottom share
    shares = {row.student: mastery(small, row) for row in small.rows}
    # outcome 1 = q1 + q2 (2 marks), outcome 2 = q3 (the reflection carries no marks)
    assert shares == {"A": {1: 1.0, 2: 1.0}, "B": {1: 1.0, 2: 0.0}, "C": {1: 0.5, 2: 1.0},
                      "D": {1: 0.5, 2: 0.0}, "E": {1: 0.0, 2: 0.0}}
    assert {s: needs_help(m) for s, m in shares.items()} == {"A": [], "B": [2], "C": [], "D": [2], "E": [1, 2]}
    assert class_mastery(small) == pytest.approx({1: 0.6, 2: 0.4})  # (1+1+.5+.5+0)/5, (1+0+1+0+0)/5
    flags = flagged_questions(small, reliability(small), distractors(small))
    assert set(flags) == {"q1", "q2"}  # q3: discriminates (+1.00), every wrong option chosen, by the bottom group
    assert any("discrimination +0.00" in r for r in flags["q2"]) and any("raises alpha to 0.80" in r for r in flags["q2"])
    assert flags["q1"] == ["1 wrong option(s) nobody chose"]


def test_cronbach_alpha_and_target_shares_by_hand(tmp_path):
    match = make("matching", targets=[{"id": "t1", "label": "One"}, {"id": "t2", "label": "Two"},
                                      {"id": "t3", "label": "Spare"}],
                 pairs=[{"id": "p1", "text": "first", "answer": "t1", "feedback": "f1"},
                        {"id": "p2", "text": "second", "answer": "t2", "feedback": "f2"}])
    single = make("single_choice", options=OPTIONS)
    book = _class(tmp_path, [match, single], {
        "s1": {"matching": ({"p1": "t1", "p2": "t2"}, None), "single-choice": ("a", None)},  # 2 + 1
        "s2": {"matching": ({"p1": "t1", "p2": "t3"}, None), "single-choice": ("a", None)},  # 1 + 1
        "s3": {"matching": ({"p1": "t2", "p2": "t1"}, None), "single-choice": ("b", None)},  # 0 + 0
    })
    rel = reliability(book)
    # X = 2,1,0 (variance 2/3), Y = 1,1,0 (2/9); totals 3,2,0 (variance 42/27): 2 * (1 - 24/42) = 6/7
    assert rel.name == "Cronbach's alpha" and rel.alpha == pytest.approx(6 / 7)
    found = {(c.item, c.choice): c for c in distractors(book)["matching"]}
    assert set(found) == {("p1", "t2"), ("p1", "t3"), ("p2", "t1"), ("p2", "t3")}  # wrong targets only
    # ranked s3 (0%), s2 (67%), s1 (100%); 27% of 3 rounded up is 1: bottom s3, top s1
    assert (found["p1", "t2"].share, found["p1", "t2"].top, found["p1", "t2"].bottom) == pytest.approx((1 / 3, 0, 1))
    assert (found["p2", "t3"].share, found["p2", "t3"].top, found["p2", "t3"].bottom) == pytest.approx((1 / 3, 0, 0))
    assert found["p1", "t3"].share == 0


def test_sampled_items_count_only_students_shown_them(tmp_path):
    classify = next(ex for ex in BANK if ex.kind == "classification")  # i<n>: x when n is odd, else y
    book = _class(tmp_path, [classify], {
        "s1": {"classification": ({"i0": "x", "i1": "x", "i2": "y", "i3": "y"}, ["i0", "i1", "i2", "i3"])},
        "s2": {"classification": ({"i0": "y", "i4": "y", "i5": "x", "i1": "y"}, ["i0", "i4", "i5", "i1"])},
    })
    found = {(c.item, c.choice): c.share for c in distractors(book)["classification"]}
    assert found["i0", "x"] == 0.5  # both shown i0, s1 chose x
    assert found["i1", "y"] == 0.5  # both shown i1, s2 chose y
    assert found["i3", "y"] == 1.0  # only s1 shown i3, and chose y
    assert found["i2", "x"] == 0.0 and found["i4", "x"] == 0.0  # each shown to one student, who was right


def test_undefined_statistics_say_so(tmp_path):
    book = _class(tmp_path, QUIZ, {"only": {"q1": ("a", None)}})
    rel = reliability(book)
    assert rel.alpha is None and rel.sem is None
    assert "not defined" in render_report(book)


def test_feedback_pages_hold_answers_marks_feedback_and_model_points(small):
    pages = feedback_files(small, "Week <3>")
    assert sorted(pages) == [f"feedback/{n}.html" for n in "abcde"]
    a = pages["feedback/a.html"]
    assert "Feedback for A" in a and "Week &lt;3&gt;" in a and "Total: 3 out of 3." in a
    assert "You chose: text a" in a and "fb a" in a and "Right." in a
    assert "Partners agree a shared goal." in a and "Name a shared goal." in a  # reflection and its model points
    e = pages["feedback/e.html"]
    assert "You chose: text c" in e and "Not right." in e and "fb c" in e
    assert "<script" not in a and "http" not in a and "<link" not in a


def test_feedback_page_names_are_unique_and_escaped(tmp_path):
    names = ["<b>Ann</b>", "ann", "Ann!", "José", "???"]
    book = _class(tmp_path, QUIZ, {f"f{n}": {"q1": ("a", None)} for n in range(len(names))})
    renamed = Gradebook(book.exercises, [type(r)(name, r.file, r.grades, r.responses)
                                         for r, name in zip(book.rows, names)], [])
    files = page_names(renamed)
    assert files == ["b-ann-b.html", "ann.html", "ann-2.html", "josé.html", "student.html"]
    page = feedback_files(renamed, "T")["feedback/b-ann-b.html"]
    assert "&lt;b&gt;Ann&lt;/b&gt;" in page and "<b>Ann</b>" not in page
    report = render_report(renamed, "T", files)
    assert 'href="feedback/b-ann-b.html"' in report and "<b>Ann</b>" not in report
