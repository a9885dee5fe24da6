"""A tutor's files are never lost or taken over: grade replaces only what its manifest says it wrote, at
any depth of its --out folder, and assign never writes the key into the folder handed out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tutor_data import IDS, make_class, write_bank

from coursewidgets.tutor import outputs
from coursewidgets.tutor.cli import main


@pytest.fixture
def graded(tmp_path: Path, capsys) -> tuple[list[str], Path]:
    """The grade command line for a small class, run once into ``out``."""
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 4)
    out = tmp_path / "out"
    args = ["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)]
    assert main(args) == 0
    capsys.readouterr()
    return args, out


def _refused(args: list[str], capsys, *names: str) -> None:
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "holds files grade did not write" in err, err
    for name in names:
        assert name in err, (name, err)


TUTOR_FILES = ["feedback/notes.txt", "feedback/extra.html", "feedback/a/b/c/deep.html", "archive/2025/gradebook.csv",
               "feedback/student-0001.html.bak", "README"]


@pytest.mark.parametrize("name", TUTOR_FILES)
def test_a_tutors_file_at_any_depth_stops_grade_and_stays(graded, capsys, name):
    args, out = graded
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_text("the tutor's own")
    _refused(args, capsys, name)
    assert (out / name).read_text() == "the tutor's own"
    assert all(p.read_bytes() == data for p, data in before.items())  # the last run's outputs untouched too


def test_an_edited_output_is_the_tutors_now(graded, capsys):
    args, out = graded
    with (out / "gradebook.csv").open("a") as f:
        f.write("my note,,,\n")
    _refused(args, capsys, "gradebook.csv (changed since grade wrote it)")
    assert "my note" in (out / "gradebook.csv").read_text()


def test_links_and_empty_folders_in_out_are_refused(graded, capsys, tmp_path):
    args, out = graded
    (tmp_path / "precious.txt").write_text("keep")
    (out / "feedback" / "link.html").symlink_to(tmp_path / "precious.txt")
    _refused(args, capsys, "feedback/link.html")
    (out / "feedback" / "link.html").unlink()
    (out / "feedback" / "empty").mkdir()
    _refused(args, capsys, "feedback/empty")
    (out / "feedback" / "empty").rmdir()
    assert main(args) == 0 and (tmp_path / "precious.txt").read_text() == "keep"


def test_a_rerun_with_nothing_changed_replaces_the_outputs(graded, capsys):
    args, out = graded
    (out / "feedback" / "student-0001.html").write_text("stale")  # not what grade wrote: refused
    _refused(args, capsys, "feedback/student-0001.html (changed since")
    (out / "feedback" / "student-0001.html").unlink()  # a page removed: nothing of the tutor's is at stake
    assert main(args) == 0
    assert (out / "feedback" / "student-0001.html").read_text().startswith("<!DOCTYPE html>")


FORGERIES = {
    "no marker": None,
    "the old text marker": "Written by coursewidgets grade; it replaces this folder whole.\n",
    "not JSON": "{",
    "unfinished": {"format": outputs.FORMAT, "version": 1, "complete": False, "files": {}},
    "wrong digests": {"format": outputs.FORMAT, "version": 1, "complete": True,
                      "files": {"gradebook.csv": "0" * 64, "report.html": "0" * 64, "feedback/x.html": "0" * 64}},
    "huge number": '{"format": "%s", "version": 1%s}' % (outputs.FORMAT, "0" * 5000),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_folder_grade_never_wrote_is_not_taken_over_though_its_names_are_grades(tmp_path, capsys, forgery):
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 2)
    out = tmp_path / "marks"
    (out / "feedback").mkdir(parents=True)
    for name in ("gradebook.csv", "report.html", "feedback/x.html"):
        (out / name).write_text(f"the tutor's {name}")
    marker = FORGERIES[forgery]
    if marker is not None:
        (out / outputs.MARKER).write_text(marker if isinstance(marker, str) else json.dumps(marker))
    _refused(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(out)], capsys, "gradebook.csv")
    assert (out / "feedback" / "x.html").read_text() == "the tutor's feedback/x.html"


def test_an_empty_folder_is_taken(tmp_path):
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 2)
    (tmp_path / "out").mkdir()
    assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 0


def test_crash_leftovers_are_cleared_only_when_wholly_grades(graded, tmp_path):
    args, out = graded
    mine_old, mine_new = tmp_path / ".out.old-backup", tmp_path / ".out.new-drafts"
    for folder in (mine_old, mine_new):
        folder.mkdir()
        (folder / "draft.txt").write_text("mine")
    assert main(args) == 0
    assert (mine_old / "draft.txt").read_text() == "mine" and (mine_new / "draft.txt").read_text() == "mine"


# assign: the key never goes into the folder handed out


@pytest.mark.parametrize("where", ["out/key.md", "out/sub/deeper/key.json", "link/key.md", "out/./../out/k.md"])
def test_assign_refuses_a_key_inside_the_handout_folder(tmp_path, capsys, where):
    bank = write_bank(tmp_path / "bank")
    (tmp_path / "out" / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "out", target_is_directory=True)
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*"))
    status = main(["assign", *IDS, "--title", "Week 3", "--mode", "assessed", "--bank", str(bank),
                   "--out", str(tmp_path / "out"), "--key", str(tmp_path / where)])
    err = capsys.readouterr().err
    assert status == 1 and "field '--key': is inside the --out folder" in err and "Traceback" not in err
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*")) == before  # nothing written


def test_assign_takes_a_key_beside_the_handout_folder(tmp_path, monkeypatch):
    bank = write_bank(tmp_path / "bank")
    monkeypatch.chdir(tmp_path)
    assert main(["assign", *IDS, "--title", "Week 3", "--mode", "assessed", "--bank", str(bank),
                 "--out", "out", "--key", "out-key.md"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["week-3.handout.json", "week-3.ipynb"]
