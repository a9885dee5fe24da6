"""Write everything one ``grade`` run makes as one unit: all new or all old.

The run's files are written into a hidden sibling of the output folder (``.<name>.new-*``), flushed to
disk, and then put in the output folder's place:

- on Linux by one ``renameat2(RENAME_EXCHANGE)`` call, which swaps the two folders atomically; the
  old outputs are then deleted;
- elsewhere by two renames (the old folder to ``.<name>.old-*``, the new one to its place). If the
  machine stops between them, the output folder is missing until the next run, which first puts
  ``.<name>.old-*`` back (the previous run's outputs, whole).

Files may be written into the staging folder by other processes too (``write``: ``grade``'s workers write
the feedback pages where they make them); only their digests come back to the manifest.

A crash before the swap leaves the old outputs untouched (and a ``.new-*`` folder the next run
deletes). The output folder is grade's own: each run writes a manifest (``MARKER``) of every file it wrote
with its SHA-256, and a folder is replaced only when everything in it, at any depth, is a file that
manifest lists, unchanged. Anything else (a tutor's note in ``feedback/``, an edited gradebook, a folder
that merely holds files of grade's names, a link) makes grade refuse, naming it, so nothing of the tutor's
is ever deleted. Leftovers of a crash are cleared on the same terms.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from ..core.bank import ExerciseError, Problem
from ..core.jsonread import Unreadable, decode, read_regular
from ..core.responses import umask
from .files import shown

MARKER = ".coursewidgets-grade"
FORMAT, VERSION = "coursewidgets-grade-outputs", 1
MAX_MANIFEST = 100_000_000


def _manifest(folder: Path) -> dict[str, str] | None:
    """What a finished run wrote into ``folder`` (relative path -> SHA-256), from its marker; else None."""
    try:
        data = decode(read_regular(folder / MARKER, MAX_MANIFEST, follow=False))
    except Unreadable:
        return None
    if not isinstance(data, dict) or (data.get("format"), data.get("version"), data.get("complete")) != (
            FORMAT, VERSION, True):
        return None
    files = data.get("files")
    return files if isinstance(files, dict) and all(isinstance(v, str) for v in files.values()) else None


def _entries(folder: Path) -> tuple[dict[str, bool], list[str]]:
    """Everything below ``folder`` by relative path (True for a regular file, False for a folder), and the
    paths that are neither (links, FIFOs) or could not be opened. Links are never followed."""
    found: dict[str, bool] = {}
    odd: list[str] = []

    def unreadable(exc: OSError) -> None:
        odd.append(os.path.relpath(exc.filename, folder) if exc.filename else "?")

    for here, dirs, files in os.walk(folder, onerror=unreadable):
        for name in [*dirs, *files]:
            path = os.path.join(here, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                found[rel] = stat.S_ISREG(mode)
            else:
                odd.append(rel)
    return found, odd


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def foreign(folder: Path) -> list[str]:
    """What below ``folder`` grade did not write: not in its manifest, changed since, or no manifest at all."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found, odd = _entries(folder)
    if not found and not odd:
        return []
    written = _manifest(folder)
    if written is None:
        return odd + sorted(found)
    folders = {str(parent) for p in written for parent in PurePosixPath(p).parents}
    strange = [p for p, is_file in found.items() if p != MARKER and (p not in written if is_file else p not in folders)]
    changed = [f"{p} (changed since grade wrote it)" for p, is_file in found.items()
               if is_file and p in written and not strange and _digest(folder / p) != written[p]]
    return odd + sorted(strange) + changed


def _check(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ExerciseError([Problem(shown(out), "--out", "is a file; give a folder for the outputs")])
    if out.is_symlink():
        raise ExerciseError([Problem(shown(out), "--out", "is a link; give grade's own folder")])
    others = foreign(out)
    if others:
        listed = ", ".join(shown(n) for n in others[:5]) + (" ..." if len(others) > 5 else "")
        raise ExerciseError([Problem(shown(out), "--out", f"holds files grade did not write ({listed}); grade "
                                     "replaces its output folder whole, so give a new or empty folder")])


def _recover(out: Path) -> None:
    """Undo what a crash mid-swap left: put the old outputs back if the folder is missing; drop leftovers
    that are wholly grade's (anything else is left alone)."""
    olds = [p for p in sorted(out.parent.glob(f".{glob.escape(out.name)}.old-*")) if _manifest(p) is not None
            and not foreign(p)]
    if not out.exists() and olds:
        olds.pop().rename(out)
    news = [p for p in out.parent.glob(f".{glob.escape(out.name)}.new-*") if (p / MARKER).is_file()]
    for leftover in [*olds, *news]:
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


def _mark(folder: Path, written: Mapping[str, str], complete: bool) -> None:
    data = {"format": FORMAT, "version": VERSION, "complete": complete,
            "note": "Written by coursewidgets grade: what it wrote here. It replaces this folder whole, "
                    "and only while everything in it is listed here unchanged.", "files": written}
    (folder / MARKER).write_text(json.dumps(data, indent=0, ensure_ascii=False), encoding="utf-8")


class Written(str):
    """The SHA-256 of a file ``write`` already put in the staging folder: given for the file's text."""


def write(folder: Path, name: str, text: str) -> Written:
    """Write one output file into the staging ``folder`` (any process may); its digest for the manifest."""
    data = text.encode("utf-8", "backslashreplace")
    path = os.path.join(folder, name)
    try:
        stream = open(path, "wb")
    except FileNotFoundError:  # the first file of its subfolder
        sub = folder / os.path.dirname(name)
        sub.mkdir(parents=True, exist_ok=True)
        sub.chmod(0o777 & ~umask())
        stream = open(path, "wb")
    with stream:
        stream.write(data)
    return Written(hashlib.sha256(data).hexdigest())


Files = Mapping[str, str] | Iterable[tuple[str, str]]
"""Path inside the output folder -> text (or ``Written``), as a mapping or as pairs as they are made."""


def _write(folder: Path, files: Files) -> None:
    """Write the files (as they come) and their manifest, then flush them all to disk at once (one
    ``fsync`` per file would cost seconds)."""
    folder.chmod(0o777 & ~umask())
    _mark(folder, {}, complete=False)
    made = iter(files.items() if isinstance(files, Mapping) else files)
    try:
        written = {name: text if isinstance(text, Written) else write(folder, name, text) for name, text in made}
    finally:
        getattr(made, "close", lambda: None)()  # a failed run stops its workers before its folder is deleted
    _mark(folder, written, complete=True)
    _sync(folder)


def publish(out: Path, files: Files | Callable[[Path], Files]) -> None:
    """Make ``out`` hold exactly ``files``, replacing the last run's as one unit; ``files`` may also be made
    from the staging folder's path (to ``write`` files there elsewhere)."""
    out = out.resolve()
    _recover(out)
    _check(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new-"))
    try:
        _write(stage, files(stage) if callable(files) else files)
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
