"""`coursewidgets assign`: the notebook runs in a real kernel, answers set through its widgets land in
the response file, `grade` marks them; an assessed notebook and the handout it loads hold no key."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from tutor_data import BANK, IDS, run_assigned, write_bank

from coursewidgets.core.layout import layout
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.keyfile import exercise_seed, read_key
from coursewidgets.tutor.handout import KEY_FIELDS
from coursewidgets.core.models import Classification, Matching, MultipleSelect, Ordering, Reflection, SingleChoice

EXPECTED = {"single-choice": 1, "multiple-select": 0, "classification": 4, "matching": 1, "ordering": 1}


def _executed(mode: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    folder = tmp_path_factory.mktemp(mode)
    return mode, folder, *run_assigned(folder, mode)


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    return _executed("practice", tmp_path_factory)


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    return _executed("assessed", tmp_path_factory)


@pytest.fixture(params=["practice", "assessed"])
def executed(request: pytest.FixtureRequest) -> tuple[Any, ...]:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def test_notebook_answers_are_graded(executed):
    mode, folder, path, feedback, _ = executed
    responses = path.with_name("week-3-partners.responses.json")
    doc = json.loads(responses.read_text())
    assert doc["student"] == "ab123" and set(doc["responses"]) == set(IDS)
    if mode == "assessed":
        assert all("Answer recorded" in f for f in feedback.values())
        assert all("score" not in r for r in doc["responses"].values())
    else:
        assert "1 out of 1." in feedback["single-choice"] and "Answer recorded" in feedback["single-choice"]
    submissions = folder / "submissions"
    submissions.mkdir()
    responses.rename(submissions / responses.name)
    key = ["--key", str(folder / "week-3-partners-key.json")] if mode == "assessed" else []
    assert main(["grade", str(submissions), "--bank", str(folder / "private-bank"), "--out", str(folder / "marks"),
                 *key]) == 0
    rows = list(csv.DictReader((folder / "marks" / "gradebook.csv").open()))
    assert len(rows) == 1 and rows[0]["student"] == "ab123"
    for ex_id, marks in EXPECTED.items():
        assert int(rows[0][ex_id]) == marks
    assert rows[0]["reflection"] == "answered"
    assert (rows[0]["total"], rows[0]["max"]) == ("7", "13")


def _keys(data: Any) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def _secrets() -> list[str]:
    """Every text that would tell a student which answer is right."""
    found: list[str] = []
    for ex in BANK:
        if isinstance(ex, (SingleChoice, MultipleSelect)):
            found += [o.feedback for o in ex.options]
        elif isinstance(ex, (Classification, Matching)):
            found += [e.feedback for e in (ex.items if isinstance(ex, Classification) else ex.pairs)]
        elif isinstance(ex, Ordering):
            found += [s.feedback for s in ex.steps]
        elif isinstance(ex, Reflection):
            found += ex.model_points
    return found


def test_assessed_notebook_and_handout_hold_no_key(assessed):
    _, _, path, feedback, kernel = assessed
    handout = json.loads(path.with_name("week-3-partners.handout.json").read_text())
    shipped = [path.read_text(), json.dumps(handout), json.dumps(feedback)]
    # nothing that marks an answer: no key fields, no feedback, no model points, no item -> category
    assert not _keys(handout) & set(KEY_FIELDS)
    for secret in _secrets():
        assert not any(secret in text for text in shipped), secret
    views = {v["id"]: v for v in handout["exercises"]}
    for ex in BANK:
        for part in ("options", "items", "pairs", "steps"):
            for entry in views[ex.id].get(part, []):
                assert set(entry) == {"id", "text"}, entry
    ordering = next(ex for ex in BANK if isinstance(ex, Ordering))
    assert [s["id"] for s in views[ordering.id]["steps"]] != [s.id for s in ordering.steps]
    # the layouts come from the tutor's secret, which only the key file holds; the handout keeps no seed
    secret = read_key(path.parent.parent / "week-3-partners-key.json").secret
    assert not any(secret in text for text in shipped) and not _keys(handout) & {"seed", "secret"}
    for ex in BANK:
        lay = layout(ex, exercise_seed(secret, ex.id))
        assert views[ex.id]["layout"] == lay
        for part, key in (("options", "options"), ("items", "items"), ("pairs", "items"), ("steps", "order")):
            if part in views[ex.id]:
                assert [e["id"] for e in views[ex.id][part]] == lay[key]
    classify = next(ex for ex in BANK if isinstance(ex, Classification))
    assert len(views[classify.id]["items"]) == classify.sample  # only the drawn items are handed out
    drawn = layout(classify, exercise_seed(secret, classify.id))["shown"]
    key_md = (path.parent.parent / "week-3-partners-key.md").read_text()
    assert f"The handout shows these 4 items: {', '.join(drawn)}." in key_md
    # nor in the kernel: the exercises it holds are blank where the key would be
    for ex in kernel:
        assert not any(o["correct"] for o in ex.get("options", []))
        assert all(e["answer"] == "" and e["feedback"] == "" for e in ex.get("items", []) + ex.get("pairs", []))
        assert ex.get("model_points", []) == []


def test_answer_key_is_kept_out_of_the_handout(executed):
    mode, folder, path, *_ = executed
    key = (folder / "week-3-partners-key.md").read_text()
    assert "KEYFB-pair-1" in key and "**Right**: Option text a" in key and "coursewidgets grade" in key
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".responses.json")) == [
        "week-3-partners.handout.json", "week-3-partners.ipynb"]


def test_unknown_ids_are_reported(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    assert main(["assign", "nope", "--title", "T", "--bank", str(bank), "--out", str(tmp_path)]) == 1
    assert "unknown exercise id 'nope'" in capsys.readouterr().err


def test_default_folder_is_named_after_the_title(tmp_path, monkeypatch):
    bank = write_bank(tmp_path / "bank")
    monkeypatch.chdir(tmp_path)
    assert main(["assign", "ordering", "--title", "Week 4", "--mode", "assessed", "--bank", str(bank)]) == 0
    assert sorted(p.name for p in (tmp_path / "week-4").iterdir()) == ["week-4.handout.json", "week-4.ipynb"]
    assert (tmp_path / "week-4-key.md").is_file()
    assert "--key " + str(tmp_path / "week-4-key.json") in (tmp_path / "week-4-key.md").read_text()
    assert len(read_key(tmp_path / "week-4-key.json").secret) == 32


def test_each_assessed_assignment_has_its_own_secret(tmp_path):
    bank = write_bank(tmp_path / "bank")
    for name in ("a", "b"):
        assert main(["assign", "multiple-select", "--title", name, "--mode", "assessed", "--bank", str(bank),
                     "--out", str(tmp_path / name)]) == 0
    assert read_key(tmp_path / "a-key.json").secret != read_key(tmp_path / "b-key.json").secret


def test_a_practice_assignment_has_no_secret(tmp_path):
    bank = write_bank(tmp_path / "bank")
    assert main(["assign", "ordering", "--title", "P", "--bank", str(bank), "--out", str(tmp_path / "p")]) == 0
    assert not (tmp_path / "p-key.json").exists()


def _assigned(tmp_path: Path, mode: str) -> Path:
    bank = write_bank(tmp_path / "bank")
    assert main(["assign", *IDS, "--title", "W", "--mode", mode, "--bank", str(bank), "--out", str(tmp_path / "w")]) == 0
    return tmp_path / "w" / "w.handout.json"


def test_a_practice_notebook_run_again_shows_each_saved_answer_in_its_layout(tmp_path, capsys):
    from coursewidgets.tutor.student import Assignment

    work = Assignment(_assigned(tmp_path, "practice"))
    work.student.value = "ab123"
    first = work.quiz("classification")
    first.selects[first.shown[0]].value = "x"
    first.check.click()
    again = Assignment(work.responses.parent / "w.handout.json").quiz("classification")
    assert (again.seed, again.shown, list(again.selects), again.answer) == (
        first.seed, first.shown, list(first.selects), first.answer)
    fresh = [Assignment(work.responses.parent / "w.handout.json").quiz("ordering").seed for _ in range(3)]
    assert len(set(fresh)) > 1  # each learner (each run without a saved answer) gets their own shuffle


def test_an_assessed_notebook_shows_and_records_the_handouts_layout(tmp_path):
    from coursewidgets.tutor.student import Assignment

    handout = _assigned(tmp_path, "assessed")
    secret = read_key(tmp_path / "w-key.json").secret
    work = Assignment(handout)
    work.student.value = "ab123"
    quizzes = {i: work.quiz(i) for i in IDS}
    lay = {i: layout(ex, exercise_seed(secret, i)) for i, ex in zip(IDS, BANK)}
    assert list(quizzes["multiple-select"].boxes) == lay["multiple-select"]["options"]
    assert list(quizzes["classification"].selects) == lay["classification"]["items"]
    assert quizzes["ordering"].order == lay["ordering"]["order"]
    quizzes["classification"].check.click()
    saved = json.loads(work.responses.read_text())["responses"]["classification"]
    assert saved["shown"] == lay["classification"]["shown"] and "seed" not in saved
    assert "One mark for each item placed right." in quizzes["classification"].children[0].value  # the rule shows
