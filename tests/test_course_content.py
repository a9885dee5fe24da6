"""The exercise bank covers the course brief: outcomes, kinds, reflective questions, lesson use."""

from __future__ import annotations

import re
from collections import Counter

import yaml
from conftest import EXERCISES, ROOT

from coursewidgets.core.bank import check_bank
from coursewidgets.core.layout import variants_of
from coursewidgets.core.models import KINDS
from coursewidgets.site.quizzes import QUIZ_CALL

BANK, PROBLEMS = check_bank(EXERCISES)
OUTCOMES = yaml.safe_load((EXERCISES / "_outcomes.yml").read_text())
LESSON_TEXT = {p.stem: p.read_text() for p in (ROOT / "chapters").glob("*.md")}
USED = Counter(i for text in LESSON_TEXT.values() for i in QUIZ_CALL.findall(text))

# The brief's seven reflective questions, and the exercise that asks each one.
REFLECTIVE_QUESTIONS = {
    "partnerships in your area": "reflect-local-partnerships",
    "added value of partnership": "reflect-added-value",
    "networking, coordinating, cooperating, collaborating": "reflect-networking-continuum",
    "Farrant (1986)": "reflect-farrant",
    "what makes a partnership strategic": "reflect-strategic",
    "signs of an unsuccessful partnership": "reflect-unsuccessful",
    "partnership skills in your training": "reflect-training-skills",
}


def test_every_exercise_file_validates():
    assert PROBLEMS == []
    assert len(BANK) >= 30


def test_outcomes_are_the_briefs_seven():
    assert sorted(OUTCOMES) == [1, 2, 3, 4, 5, 6, 7]


def test_every_outcome_has_at_least_two_exercises():
    per_outcome = Counter(ex.outcome for ex in BANK.values())
    assert all(per_outcome[n] >= 2 for n in OUTCOMES), per_outcome


def test_all_six_kinds_are_used():
    assert {ex.kind for ex in BANK.values()} == set(KINDS)


def test_every_exercise_is_used_by_a_lesson_and_every_call_is_known():
    assert set(BANK) - set(USED) == set()
    assert set(USED) - set(BANK) == set()


def test_every_reflective_question_is_a_reflection_exercise():
    for question, ident in REFLECTIVE_QUESTIONS.items():
        assert BANK[ident].kind == "reflection", question
        assert len(BANK[ident].model_points) >= 3, question


def test_leathard_quiz_asks_every_term_whose_column_is_certain():
    """Only terms among the 37 whose column is certain, in every column, over its variants (round 8 keeps in the
    draw only terms whose look does not give their column); the lesson's table prints all 52 (tests/test_lessons.py)."""
    terms = {(i.text, i.answer) for v in variants_of(BANK["leathard-terms"]) for i in v.items}
    counts = Counter(answer for _, answer in terms)
    assert len(terms) <= 37 and counts["concept"] <= 15 and counts["process"] <= 15 and 0 < counts["agency"] <= 7
    assert {"Federation", "Liaison", "Healthy alliances", "Intersectoral"} <= {text for text, _ in terms}


def test_sources_are_named_accurately():
    """The chapter's slips ("Plampling", "corporate") appear only when quoted as the chapter's (the exercise
    that asked about the slip is now a tutor note)."""
    yml = [p.read_text() for p in EXERCISES.glob("*.yml")]
    everything = " ".join(LESSON_TEXT.values()) + " ".join(yml)
    assert "Plamping, Gordon and Pratt" in everything
    assert re.findall(r'(?<!["“])Plampling', everything) == []
    assert re.findall(r'(?<!["“])corporate partnership', everything, flags=re.I) == []
