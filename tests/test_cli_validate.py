"""`coursewidgets validate` and the command line itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tutor_data import write_bank

from coursewidgets.tutor.cli import main


def test_course_bank_is_valid(capsys):
    assert main(["validate", str(Path(__file__).parents[1] / "exercises")]) == 0
    assert "0 problems" in capsys.readouterr().out


def test_every_problem_reported_with_file_and_field(tmp_path, capsys):
    bank = write_bank(tmp_path)
    (bank / "single-choice.yml").write_text((bank / "single-choice.yml").read_text().replace("outcome: 1", "outcome: 9"))
    (bank / "broken.yml").write_text("id: broken\nkind: [unclosed\n")
    (bank / "wrong-name.yml").write_text((bank / "ordering.yml").read_text())
    assert main(["validate", str(bank)]) == 1
    err = capsys.readouterr().err
    assert "single-choice.yml: field 'outcome'" in err
    assert "broken.yml: not valid YAML" in err
    assert "wrong-name.yml: field 'id'" in err


def test_installed_entry_point_has_help():
    exe = Path(sys.executable).with_name("coursewidgets")
    run = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    for command in ("validate", "assign", "grade", "export"):
        assert command in run.stdout
    run = subprocess.run([str(exe), "grade"], capture_output=True, text=True)
    assert run.returncode == 2 and "submissions" in run.stderr
