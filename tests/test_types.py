"""The package is typed: mypy finds no error in it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_is_clean():
    package = ROOT / "widgets"
    run = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(package / "pyproject.toml"),
                          str(package / "src" / "coursewidgets")], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
