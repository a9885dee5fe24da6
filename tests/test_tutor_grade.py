"""`coursewidgets grade` on a class of 200+ generated submissions mixed with every kind of bad file."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from tutor_data import IDS, SCORED, make_class, response_doc, write_bank

from coursewidgets.core.bank import load_bank
from coursewidgets.tutor import outputs
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.gradebook import grade_class
from coursewidgets.core.responses import MAX_BYTES

MAX = {"single-choice": 1, "multiple-select": 2, "classification": 4, "matching": 2, "ordering": 4}


def _bad_files(folder: Path) -> dict[str, str]:
    """Write one file of every bad kind; return file name -> words its reported reason must contain."""
    bad = folder / "bad"
    bad.mkdir()
    good = response_doc("x", {"single-choice": ("a", None)})
    files = {
        "corrupt.json": ('{"format": "coursewidgets-responses", "version": 1, "stud', "not a readable JSON"),
        "version.json": (json.dumps({**good, "student": "v", "version": 3}), "format version 3"),
        "unknown-exercise.json": (json.dumps(response_doc("u", {"no-such-exercise": ("a", None)})),
                                  "unknown exercise id 'no-such-exercise'"),
        "ghost-item.json": (json.dumps(response_doc("g", {"matching": ({"p1": "t1", "ghost": "t9"}, None)})),
                            "do not exist: ghost, t9"),
        "ghost-option.json": (json.dumps(response_doc("h", {"single-choice": ("zzz", None)})), "do not exist: zzz"),
        "oversized.json": (json.dumps({**good, "student": "o", "pad": "x" * (MAX_BYTES + 10)}), "the limit is"),
        "foreign.json": (json.dumps({"hello": "world"}), "field 'format'"),
    }
    for name, (text, _) in files.items():
        (bad / name).write_text(text)
    return {name: reason for name, (_, reason) in files.items()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, int]], dict[str, str], int, str]:
    tmp = tmp_path_factory.mktemp("class")
    bank = write_bank(tmp / "bank")
    subs = tmp / "submissions"
    expected = make_class(subs, 210)
    reasons = _bad_files(subs)
    # student-0007 hands in twice: both files are reported and neither is graded
    shutil.copy(subs / "group-0" / "student-0007.json", subs / "bad" / "second-try.json")
    reasons["second-try.json"] = "also handed in"
    reasons["student-0007.json"] = "also handed in"
    del expected["student-0007"]
    (subs / "week-3.handout.json").write_text("{}")  # a handout beside the answers is not a submission
    out = tmp / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(["grade", str(subs), "--bank", str(bank), "--out", str(out), "--exercises", ",".join(IDS)])
    return out, expected, reasons, status, err.getvalue()


def test_every_good_submission_is_graded_correctly(graded):
    out, expected, *_ = graded
    rows = list(csv.DictReader((out / "gradebook.csv").open()))
    assert [r["student"] for r in rows] == sorted(expected)
    assert list(rows[0]) == ["student", *IDS, "total", "max", "percent", "note"]
    for row in rows:
        marks = expected[row["student"]]
        number = int(row["student"].split("-")[1])
        assert row["note"] == ("migrated from format 1" if number % 5 == 0 else "")
        for ex_id in SCORED:
            assert int(row[ex_id]) == marks.get(ex_id, 0), (row["student"], ex_id)
        assert row["reflection"] == ("answered" if "reflection" in marks else "not answered")
        assert int(row["total"]) == sum(marks.get(i, 0) for i in SCORED)
        assert int(row["max"]) == sum(MAX.values())
        assert float(row["percent"]) == pytest.approx(100 * int(row["total"]) / int(row["max"]), abs=0.05)


def test_every_bad_file_is_reported_with_its_reason(graded):
    _, _, reasons, status, err = graded
    assert status == 1
    lines = err.splitlines()
    for name, reason in reasons.items():
        hits = [line for line in lines if f"/{name}" in line]
        assert hits, f"{name} not reported"
        assert any(reason in line for line in hits), (name, hits)
    assert not any("handout" in line for line in lines)


def test_report_is_written_with_the_problems(graded):
    out, _, reasons, *_ = graded
    html = (out / "report.html").read_text()
    assert "<svg" in html and "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    for name in reasons:
        assert name in html


def _old_outputs(out: Path) -> None:
    """An earlier run's outputs (written by grade, so grade may replace them)."""
    outputs.publish(out, {"gradebook.csv": "old,whole\n", "report.html": "<p>old report</p>"})


def test_outputs_are_written_as_one_unit(tmp_path, monkeypatch, capsys):
    """If writing fails half way, the old gradebook and report both stay whole and no temporary file is left."""
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 5)
    out = tmp_path / "out"
    _old_outputs(out)

    def crash(folder: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "_sync", crash)  # every file written, then flushing them to disk fails
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)]) == 1
    monkeypatch.undo()
    assert "disk full" in capsys.readouterr().err
    assert (out / "gradebook.csv").read_text() == "old,whole\n"
    assert (out / "report.html").read_text() == "<p>old report</p>"
    assert sorted(p.name for p in out.iterdir()) == [outputs.MARKER, "gradebook.csv", "report.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "out", "subs"]
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)]) == 0
    assert "old" not in (out / "gradebook.csv").read_text() and "old report" not in (out / "report.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "out", "subs"]


def test_a_crash_between_the_two_renames_is_undone_by_the_next_run(tmp_path, monkeypatch):
    """Where folders cannot be swapped in one call: old folder renamed aside, machine stops; the next run
    puts the old outputs back whole before it starts, then replaces them."""
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 3)
    out = tmp_path / "out"
    _old_outputs(out)
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    real_rename = Path.rename

    def stop(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt("power cut")  # after out -> .out.old-*, before .out.new-* -> out

    monkeypatch.setattr(Path, "rename", stop)
    with pytest.raises(KeyboardInterrupt):
        main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)])
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not out.exists() and [p.name[:9] for p in tmp_path.glob(".out.old-*")] == [".out.old-"]
    outputs._recover(out)  # what the next run does first
    assert (out / "report.html").read_text() == "<p>old report</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "out", "subs"]
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)]) == 0
    assert "old report" not in (out / "report.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "out", "subs"]


def test_out_must_be_grades_own_folder(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 2)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "mine")]) == 1
    assert "holds files grade did not write (notes.txt)" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "file")]) == 1
    assert "file: field '--out': is a file" in capsys.readouterr().err


def test_progress_bar_when_asked(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 12)
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "out"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "grading [" in err and "12/12 files" in err
    main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "out")])
    assert "grading [" not in capsys.readouterr().err  # quiet when stderr is not a terminal


def test_columns_default_to_exercises_answered(tmp_path):
    bank = write_bank(tmp_path / "bank")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.json").write_text(json.dumps(response_doc("a", {"ordering": (["s1", "s2", "s3", "s4"], None)})))
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 0
    rows = list(csv.reader((tmp_path / "out" / "gradebook.csv").open()))
    assert rows == [["student", "ordering", "total", "max", "percent", "note"], ["a", "4", "4", "4", "100.0", ""]]


def test_student_names_are_not_spreadsheet_formulas(tmp_path):
    bank = write_bank(tmp_path / "bank")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.json").write_text(json.dumps(response_doc('=HYPERLINK("http://x")', {"single-choice": ("a", None)})))
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 0
    assert list(csv.reader((tmp_path / "out" / "gradebook.csv").open()))[1][0] == '\'=HYPERLINK("http://x")'


def test_missing_folder_is_reported(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    assert main(["grade", str(tmp_path / "nope"), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 1
    assert "nope: no such folder" in capsys.readouterr().err


def test_a_file_without_a_name_is_graded_under_its_file_name(tmp_path):
    bank = load_bank(write_bank(tmp_path / "bank"))
    subs = tmp_path / "handed-in"
    subs.mkdir()
    (subs / "alice.json").write_text(json.dumps(response_doc("  ", {"single-choice": ("a", None)})))
    book = grade_class(subs, bank)
    assert [(r.student, r.grades["single-choice"].score) for r in book.rows] == [("alice", 1)]
    assert book.problems == []
