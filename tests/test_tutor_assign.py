"""`coursewidgets assign`: the notebook runs in a real kernel, answers set through its widgets land in
the response file, `grade` marks them; an assessed notebook and the handout it loads hold no key."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from tutor_data import BANK, IDS, run_assigned, write_bank

from coursewidgets.tutor.cli import main
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
    assert main(["grade", str(submissions), "--bank", str(folder / "private-bank"), "--out", str(folder / "marks")]) == 0
    rows = list(csv.DictReader((folder / "marks" / "gradebook.csv").open()))
    assert len(rows) == 1 and rows[0]["student"] == "ab123"
    for ex_id, marks in EXPECTED.items():
        assert int(rows[0][ex_id]) == marks
    assert rows[0]["reflection"] == "answered"
    assert (rows[0]["total"], rows[0]["max"]) == ("7", "12")


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
