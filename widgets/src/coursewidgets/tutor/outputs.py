"""Write everything one ``grade`` run makes as one unit: all new or all old.

The run's files are written into a hidden sibling of the output folder (``.<name>.new-*``), flushed to
disk, and then put in the output folder's place:

- on Linux by one ``renameat2(RENAME_EXCHANGE)`` call, which swaps the two folders atomically; the
  old outputs are then deleted;
- elsewhere by two renames (the old folder to ``.<name>.old-*``, the new one to its place). If the
  machine stops between them, the output folder is missing until the next run, which first puts
  ``.<name>.old-*`` back (the previous run's outputs, whole).

A crash before the swap leaves the old outputs untouched (and a ``.new-*`` folder the next run
deletes). The output folder is grade's own: a folder holding anything grade did not write is refused,
so nothing of the tutor's is ever replaced.
"""

from __future__ import annotations

import ctypes
import glob
import os
import shutil
import tempfile
from pathlib import Path

from ..core.bank import ExerciseError, Problem
from ..core.responses import umask
from .files import shown

MARKER = ".coursewidgets-grade"
OURS = {"gradebook.csv", "report.html", "feedback", MARKER}
"""What an output folder may hold: what grade writes."""


def _check(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExerciseError([Problem(shown(out), "--out", "is a file; give a folder for the outputs")])
    others = sorted(p.name for p in out.iterdir() if p.name not in OURS) if out.is_dir() else []
    if others:
        listed = ", ".join(shown(n) for n in others[:5]) + (" ..." if len(others) > 5 else "")
        raise ExerciseError([Problem(shown(out), "--out", f"holds files grade did not write ({listed}); grade "
                                     "replaces its output folder whole, so give a new or empty folder")])


def _recover(out: Path) -> None:
    """Undo what a crash mid-swap left: put the old outputs back if the folder is missing; drop leftovers."""
    olds = sorted(out.parent.glob(f".{glob.escape(out.name)}.old-*"))
    if not out.exists() and olds:
        olds.pop().rename(out)
    for leftover in [*olds, *out.parent.glob(f".{glob.escape(out.name)}.new-*")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux ``renameat2``); False where the system cannot."""
    rename2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename2 is None:
        return False
    at_cwd, exchange = -100, 2
    return rename2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) == 0


def _sync(folder: Path) -> None:
    """Flush every file written to ``folder``'s file system to disk: one ``syncfs`` (Linux), else ``sync``."""
    syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    fd = os.open(folder, os.O_RDONLY)
    try:
        if syncfs is None or syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def _write(folder: Path, files: dict[str, str]) -> None:
    """Write the files, then flush them all to disk at once (one ``fsync`` per file would cost seconds)."""
    every = {**files, MARKER: "Written by coursewidgets grade; it replaces this folder whole.\n"}
    for sub in sorted({(folder / name).parent for name in every}):
        sub.mkdir(parents=True, exist_ok=True)
        sub.chmod(0o777 & ~umask())
    for name, text in every.items():
        (folder / name).write_text(text, encoding="utf-8", errors="backslashreplace", newline="")
    _sync(folder)


def publish(out: Path, files: dict[str, str]) -> None:
    """Make ``out`` hold exactly ``files`` (path inside ``out`` -> text), replacing the last run's as one unit."""
    out = out.resolve()
    _recover(out)
    _check(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        _write(stage, files)
        if not out.exists():
            stage.rename(out)
        elif _exchange(stage, out):
            shutil.rmtree(stage)
        else:
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
            out.replace(old)
            stage.rename(out)
            shutil.rmtree(old)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
