"""Collect and read the files of a class folder without letting one of them stop the class.

A class folder may hold anything unzip or a student made: links out of the folder, FIFOs and device
files named ``*.json``, names that are not UTF-8, answers nested thousands deep, the same key twice.
Each such file becomes a ``Problem`` with its reason; nothing here blocks, follows a link out of the
folder or reads more than ``MAX_BYTES`` (plus one, to know a file is too long).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..core.bank import ExerciseError, Problem
from ..core.jsonread import Unreadable, decode, read_regular
from ..core.responses import MAX_BYTES, ResponseFile, parse
from .handout import SUFFIX as HANDOUT_SUFFIX
from .names import printable


def shown(path: Path | str | bytes) -> str:
    """A path as text every output can hold (a name that is not UTF-8 shows its bytes as ``\\xe9``)."""
    return printable(os.fsencode(path).decode("utf-8", "backslashreplace"))


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _target(link: Path) -> Path | None:
    """Where a link leads, or None for a loop of links."""
    try:
        return link.resolve()
    except (RuntimeError, OSError):
        return None


def submission_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The ``*.json`` files below ``folder`` (any case; not hidden, not handouts), and a problem for
    each link that leads out of the folder (never followed)."""
    root = folder.resolve()
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(shown(exc.filename), "", f"cannot open this folder: {exc.strerror}"))

    for here, dirs, files in os.walk(folder, onerror=unreadable):
        base = Path(here)
        for name in [d for d in dirs if (base / d).is_symlink()]:
            dirs.remove(name)
            target = _target(base / name)
            if not _hidden(name) and (target is None or not _inside(target, root)):
                problems.append(Problem(shown(base / name), "", "a link to a folder outside the class folder; not followed"))
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in files:
            lower = name.lower()
            if not _hidden(name) and lower.endswith(".json") and not lower.endswith(HANDOUT_SUFFIX):
                found.append(base / name)
    return sorted(found), problems


def read_bytes(path: Path, root: Path) -> bytes:
    """The bytes of a regular file found by ``submission_files`` in ``root``; ``ExerciseError`` for
    anything else (a link out of the folder, a FIFO, a device, a file over the size limit). Never blocks."""
    where = shown(path)
    real = _target(path) if path.is_symlink() else path  # folders are walked without following links
    if real is None:
        raise ExerciseError([Problem(where, "", "a link in a loop of links; not read")])
    if real is not path and not _inside(real, root):
        raise ExerciseError([Problem(where, "", f"a link to {shown(real)}, outside the class folder; not read")])
    try:
        return read_regular(real, MAX_BYTES, follow=False)
    except Unreadable as exc:
        raise ExerciseError([Problem(where, "", str(exc))]) from None


class _Repeated(ValueError):
    pass


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _Repeated(twice)
    return data


def decode_json(data: bytes, where: str) -> Any:
    """Parse JSON text, refusing bad UTF-8, a key given twice in one object, huge numbers and deep nesting."""
    try:
        return decode(data, pairs_hook=_no_repeats)
    except _Repeated as exc:
        raise ExerciseError([Problem(where, shown(exc.args[0]), "given twice in one object; "
                                     "which one counts is unclear, so the file is not graded")]) from None
    except Unreadable as exc:
        raise ExerciseError([Problem(where, "", str(exc))]) from None


def read_submission(path: Path, root: Path) -> ResponseFile:
    """One response file of the class folder ``root`` (resolved), validated; ``ExerciseError`` if not."""
    where = shown(path)
    return parse(decode_json(read_bytes(path, root), where), where)
