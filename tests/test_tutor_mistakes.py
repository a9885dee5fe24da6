"""Silent mistakes made loud: another assignment's key, assessed work graded without its key, an exercise
given twice. Each is a clear problem (non-zero exit) or a warning, never a quiet row of zeros."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from tutor_data import BANK, response_doc, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.core.layout import draw
from coursewidgets.core.models import Classification
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.keyfile import read_key

SAMPLED = next(ex.id for ex in BANK if isinstance(ex, Classification) and ex.sample)
BY_ID = {ex.id: ex for ex in BANK}


def _assign(tmp_path: Path, title: str, ids: list[str]) -> Path:
    bank = tmp_path / "bank"
    assert main(["assign", *ids, "--title", title, "--mode", "assessed", "--bank", str(bank),
                 "--out", str(tmp_path / title)]) == 0
    return tmp_path / f"{title}-key.json"


def _hand_in(folder: Path, key: Path, students: int) -> None:
    """Assessed response files (no seeds) answering every exercise of ``key`` with the handout's draw."""
    tutor_key = read_key(key)
    folder.mkdir()
    for n in range(students):
        answers = {}
        for ex_id in tutor_key.exercises:
            ex = BY_ID[ex_id]
            shown = draw(ex, tutor_key.seed(ex_id))
            answer = {i: ex.categories[0].id for i in shown} if shown else ("a" if ex_id == "single-choice" else None)
            answers[ex_id] = (answer, shown)
        (folder / f"s{n}.json").write_text(json.dumps(response_doc(f"s{n}", answers)))


@pytest.fixture
def two_assignments(tmp_path: Path, capsys) -> tuple[Path, Path, Path]:
    write_bank(tmp_path / "bank")
    first = _assign(tmp_path, "first", ["single-choice", SAMPLED, "ordering"])
    second = _assign(tmp_path, "second", ["multiple-select", "matching", "reflection"])
    _hand_in(tmp_path / "subs", first, 5)
    capsys.readouterr()
    return first, second, tmp_path / "subs"


def _grade(subs: Path, *extra: str) -> int:
    return main(["grade", str(subs), "--bank", str(subs.parent / "bank"), "--out", str(subs.parent / "out"), *extra])


def test_another_assignments_key_is_a_problem_for_every_file(two_assignments, capsys):
    first, second, subs = two_assignments
    assert _grade(subs, "--key", str(second)) == 1
    out, err = capsys.readouterr()
    for n in range(5):
        assert f"s{n}.json: field 'responses': answers" in err and "graded with another assignment's key?" in err
    assert "graded 0 students" in out
    assert _grade(subs, "--key", str(first)) == 0


def test_a_key_of_the_same_exercises_but_another_handout_is_caught_by_its_draws(tmp_path, capsys):
    write_bank(tmp_path / "bank")
    ids = [SAMPLED, "single-choice"]
    ours = _assign(tmp_path, "ours", ids)
    for n in range(20):  # two secrets may draw the same items by chance: the other handout must draw others
        theirs = _assign(tmp_path, f"theirs{n}", ids)
        if sorted(draw(load_bank(tmp_path / "bank")[SAMPLED], read_key(theirs).seed(SAMPLED)) or []) != \
                sorted(draw(load_bank(tmp_path / "bank")[SAMPLED], read_key(ours).seed(SAMPLED)) or []):
            break
    _hand_in(tmp_path / "subs", ours, 4)
    assert read_key(ours).seed(SAMPLED) != read_key(theirs).seed(SAMPLED)
    assert _grade(tmp_path / "subs", "--key", str(theirs)) == 1
    assert capsys.readouterr().err.count("not the items drawn for this attempt") == 4


def test_assessed_work_without_its_key_warns_that_shown_is_trusted(two_assignments, capsys):
    _, _, subs = two_assignments
    assert _grade(subs) == 0
    err = capsys.readouterr().err
    assert f"warning: 5 files answer {SAMPLED!r} with no seed" in err and "--key" in err
    report = (subs.parent / "out" / "report.html").read_text()
    assert "Warning: 5 files answer" in report
    rows = list(csv.DictReader((subs.parent / "out" / "gradebook.csv").open()))
    assert len(rows) == 5


def test_practice_work_with_seeds_gives_no_warning(tmp_path, capsys):
    from tutor_data import make_class

    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 5)  # every file carries its seeds (format 1 files are migrated without them)
    for path in (tmp_path / "subs").rglob("*.json"):
        if json.loads(path.read_text())["version"] == 1:
            path.unlink()
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("command", [
    ["assign", "single-choice", "ordering", "single-choice", "--title", "Twice"],
    ["export", "ordering", "ordering", "--out", "x.xml"],
])
def test_an_exercise_given_twice_is_refused(tmp_path, capsys, monkeypatch, command):
    bank = write_bank(tmp_path / "bank")
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--bank", str(bank)]) == 1
    err = capsys.readouterr().err
    assert "is given 2 times; each exercise is asked and counted once" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank"]  # nothing written


def test_grade_refuses_a_column_given_twice_and_a_key_listing_one_twice(two_assignments, capsys, tmp_path):
    first, _, subs = two_assignments
    assert _grade(subs, "--exercises", "ordering,single-choice,ordering") == 1
    assert "'ordering' is given 2 times" in capsys.readouterr().err
    data = json.loads(first.read_text())
    data["exercises"].append(data["exercises"][0])
    first.write_text(json.dumps(data))
    assert _grade(subs, "--key", str(first)) == 1
    assert "field 'exercises': lists an exercise twice" in capsys.readouterr().err
