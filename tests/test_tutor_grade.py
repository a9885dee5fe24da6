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

from coursewidgets.core import responses
from coursewidgets.core.bank import load_bank
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


def test_gradebook_written_atomically(tmp_path, monkeypatch):
    """If writing fails half way, the old gradebook stays whole and no temporary file is left."""
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 5)
    out = tmp_path / "out"
    out.mkdir()
    (out / "gradebook.csv").write_text("old,whole\n")

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(responses.os, "fsync", crash)
    with pytest.raises(OSError):
        main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)])
    monkeypatch.undo()
    assert (out / "gradebook.csv").read_text() == "old,whole\n"
    assert [p.name for p in out.iterdir()] == ["gradebook.csv"]


def test_progress_bar_when_asked(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 12)
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "grading [" in err and "12/12 files" in err
    main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path)])
    assert "grading [" not in capsys.readouterr().err  # quiet when stderr is not a terminal


def test_columns_default_to_exercises_answered(tmp_path):
    bank = write_bank(tmp_path / "bank")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.json").write_text(json.dumps(response_doc("a", {"ordering": (["s1", "s2", "s3", "s4"], None)})))
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path)]) == 0
    rows = list(csv.reader((tmp_path / "gradebook.csv").open()))
    assert rows == [["student", "ordering", "total", "max", "percent", "note"], ["a", "4", "4", "4", "100.0", ""]]


def test_student_names_are_not_spreadsheet_formulas(tmp_path):
    bank = write_bank(tmp_path / "bank")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.json").write_text(json.dumps(response_doc('=HYPERLINK("http://x")', {"single-choice": ("a", None)})))
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path)]) == 0
    assert list(csv.reader((tmp_path / "gradebook.csv").open()))[1][0] == '\'=HYPERLINK("http://x")'


def test_missing_folder_is_reported(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    assert main(["grade", str(tmp_path / "nope"), "--bank", str(bank), "--out", str(tmp_path)]) == 1
    assert "nope: no such folder" in capsys.readouterr().err


def test_a_file_without_a_name_is_graded_under_its_file_name(tmp_path):
    bank = load_bank(write_bank(tmp_path / "bank"))
    subs = tmp_path / "handed-in"
    subs.mkdir()
    (subs / "alice.json").write_text(json.dumps(response_doc("  ", {"single-choice": ("a", None)})))
    book = grade_class(subs, bank)
    assert [(r.student, r.grades["single-choice"].score) for r in book.rows] == [("alice", 1)]
    assert book.problems == []
