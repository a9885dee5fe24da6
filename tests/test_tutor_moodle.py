"""`coursewidgets export`: Moodle XML that parses and has the structure Moodle's XML importer reads
(question/format/xml/format.php: import_multichoice, import_match, import_essay)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tutor_data import BANK, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.tutor.cli import main
from coursewidgets.core.models import Classification, Matching, MultipleSelect, Ordering, Reflection, SingleChoice


@pytest.fixture(scope="module")
def questions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ET.Element]:
    tmp = tmp_path_factory.mktemp("moodle")
    out = tmp / "quiz.xml"
    assert main(["export", "--bank", str(write_bank(tmp / "bank")), "--out", str(out)]) == 0
    assert out.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.parse(out).getroot()
    assert root.tag == "quiz"
    return {q.findtext("idnumber"): q for q in root.findall("question") if q.get("type") != "category"}


def ex(kind: type) -> object:
    return next(e for e in BANK if isinstance(e, kind))


def _common(q: ET.Element, exercise: object) -> None:
    assert q.findtext("name/text") == exercise.title  # type: ignore[attr-defined]
    assert q.find("questiontext").get("format") == "html"
    assert exercise.prompt in q.findtext("questiontext/text")  # type: ignore[attr-defined]
    assert q.find("generalfeedback/text") is not None
    assert float(q.findtext("defaultgrade")) >= 0


def test_every_exercise_exported(questions):
    assert sorted(questions) == sorted(e.id for e in BANK)


def test_single_choice(questions):
    single = ex(SingleChoice)
    q = questions[single.id]
    _common(q, single)
    assert q.get("type") == "multichoice" and q.findtext("single") == "true"
    answers = q.findall("answer")
    assert [a.get("fraction") for a in answers] == ["100" if o.correct else "0" for o in single.options]
    for a, o in zip(answers, single.options):
        assert a.get("format") == "html" and o.text in a.findtext("text") and o.feedback in a.findtext("feedback/text")


def test_multiple_select_fractions_add_to_100(questions):
    multi = ex(MultipleSelect)
    q = questions[multi.id]
    _common(q, multi)
    assert q.get("type") == "multichoice" and q.findtext("single") == "false"
    fractions = [float(a.get("fraction")) for a in q.findall("answer")]
    assert fractions == [50.0 if o.correct else -50.0 for o in multi.options]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100)
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        assert q.find(f"{tag}/text") is not None


@pytest.mark.parametrize("kind", [Classification, Matching])
def test_classification_and_matching_become_matching(questions, kind):
    exercise = ex(kind)
    q = questions[exercise.id]
    _common(q, exercise)
    assert q.get("type") == "matching"
    subs = [(s.findtext("text"), s.findtext("answer/text")) for s in q.findall("subquestion")]
    labels = {c.id: c.label for c in (exercise.categories if kind is Classification else exercise.targets)}
    entries = exercise.items if kind is Classification else exercise.pairs
    assert subs[: len(entries)] == [(f"<p>{e.text}</p>", labels[e.answer]) for e in entries]
    used = {e.answer for e in entries}
    assert subs[len(entries):] == [("", label) for i, label in labels.items() if i not in used]
    for e in entries:  # Moodle has no per-item feedback: it is listed in the general feedback
        assert e.feedback in q.findtext("generalfeedback/text")


def test_ordering_is_moodles_ordering_marked_relative_to_the_next_item(questions):
    """The course's rule is Moodle's "relative to the next item (including last)": the steps go over in the right
    order (each answer's fraction is its place), with that grading type."""
    order = ex(Ordering)
    q = questions[order.id]
    _common(q, order)
    assert q.get("type") == "ordering"
    assert q.findtext("gradingtype") == "RELATIVE_NEXT_INCLUDE_LAST"
    assert (q.findtext("selecttype"), q.findtext("selectcount")) == ("ALL", str(len(order.steps)))
    answers = [(a.get("fraction"), a.findtext("text")) for a in q.findall("answer")]
    assert answers == [(str(n), f"<p>{s.text}</p>") for n, s in enumerate(order.steps, 1)]
    assert q.findall("subquestion") == []
    for s in order.steps:
        assert s.feedback in q.findtext("generalfeedback/text")


def test_reflection_becomes_essay(questions):
    reflect = ex(Reflection)
    q = questions[reflect.id]
    _common(q, reflect)
    assert q.get("type") == "essay" and q.findtext("defaultgrade") == "0"
    assert q.findtext("responseformat") == "editor"
    for point in reflect.model_points:
        assert point in q.findtext("graderinfo/text") and point in q.findtext("generalfeedback/text")


def test_course_bank_exports(tmp_path: Path):
    """Every exercise of the course exports, with text that needs escaping kept intact."""
    out, course = tmp_path / "course.xml", Path(__file__).parents[1] / "exercises"
    assert main(["export", "--bank", str(course), "--out", str(out)]) == 0
    questions = ET.parse(out).getroot().findall("question")
    bank = load_bank(course)
    assert sum(q.get("type") == "category" for q in questions) == len(bank)
    assert len(questions) == len(bank) + sum(len(ex.variants or (ex,)) for ex in bank.values())


def test_export_chosen_ids_and_unknown(tmp_path: Path, capsys):
    bank = write_bank(tmp_path / "bank")
    out = tmp_path / "two.xml"
    assert main(["export", "matching", "ordering", "--bank", str(bank), "--out", str(out)]) == 0
    assert [q.findtext("idnumber") for q in ET.parse(out).getroot() if q.get("type") != "category"] == [
        "matching", "ordering"]
    assert main(["export", "nope", "--bank", str(bank), "--out", str(out)]) == 1
    assert "unknown exercise id 'nope'" in capsys.readouterr().err


def test_each_exercise_has_a_category_holding_one_question_per_variant(tmp_path):
    from exercises_for_tests import VARIED
    from coursewidgets.tutor.moodle import moodle_xml

    root = ET.fromstring(moodle_xml([*VARIED, BANK[0]]))
    current, filed = None, {}
    for q in root.findall("question"):
        if q.get("type") == "category":
            current = q.findtext("category/text")
        else:
            filed.setdefault(current, []).append(q)
    for ex in [*VARIED, BANK[0]]:
        path = f"$course$/top/Partnership working/{ex.title} [{ex.id}]"
        asked = ex.variants or (ex,)
        assert [q.findtext("questiontext/text").split("</p>")[0] for q in filed[path]] == [
            f"<p>{v.prompt}" for v in asked]
        ids = [f"{ex.id}-v{k + 1}" for k in range(len(asked))] if ex.variants else [ex.id]
        assert [q.findtext("idnumber") for q in filed[path]] == ids
        assert len({q.findtext("defaultgrade") for q in filed[path]}) == 1  # every variant worth the same
