"""The response file: one learner's answers, as notebooks write it and the site exports it.

Version 1 of the format (JSON)::

    {"format": "coursewidgets-responses", "version": 1,
     "student": "ab123", "updated": "2026-11-22T10:00:00+00:00",
     "responses": {"leathard-terms": {"answer": {...}, "shown": [...], "updated": "..."}}}

``shown`` is optional (the classification items drawn for the attempt); ``score`` and ``max``
may be present as the learner saw them, but graders always grade ``answer`` again.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bank import ExerciseError, Problem, field_path

FORMAT: Literal["coursewidgets-responses"] = "coursewidgets-responses"
VERSION: Literal[1] = 1
MAX_BYTES = 5_000_000


class Response(BaseModel):
    """One exercise's saved answer."""

    model_config = ConfigDict(extra="ignore")
    answer: Any = None
    shown: list[str] | None = None
    score: int | None = None
    max: int | None = None
    updated: str | None = None


class ResponseFile(BaseModel):
    """A learner's answers to any number of exercises."""

    model_config = ConfigDict(extra="ignore")
    format: Literal["coursewidgets-responses"]
    version: Literal[1]
    student: str = Field(default="", max_length=200)
    updated: str | None = None
    responses: dict[str, Response] = Field(default_factory=dict)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def empty(student: str = "") -> ResponseFile:
    return ResponseFile(format=FORMAT, version=VERSION, student=student, updated=now())


def parse(data: Any, source: str) -> ResponseFile:
    """Validate decoded JSON as a response file; errors name ``source`` and the field."""
    if isinstance(data, dict) and data.get("format") == FORMAT and data.get("version") != VERSION:
        raise ExerciseError([Problem(source, "version", f"format version {data.get('version')!r} is not {VERSION}")])
    try:
        return ResponseFile.model_validate(data)
    except ValidationError as exc:
        raise ExerciseError([Problem(source, field_path(e["loc"]), e["msg"]) for e in exc.errors()]) from None


def load(path: Path) -> ResponseFile:
    """Read a response file, refusing oversized, undecodable or foreign files with a clear error."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExerciseError([Problem(str(path), "", f"file is {size} bytes; the limit is {MAX_BYTES}")])
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExerciseError([Problem(str(path), "", f"not a readable JSON file: {exc}")]) from None
    return parse(data, str(path))


def umask() -> int:
    """The process's file-creation mask (read without changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, mode: int = 0o666) -> None:
    """Write ``text`` atomically: a crash leaves the old file or the new one, never half of one.

    The file gets ``mode`` less the umask, as an ordinary write would (``0o600``: the owner's only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, mode & ~umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(path: Path, doc: ResponseFile) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    write_atomic(path, json.dumps(doc.model_dump(exclude_none=True), indent=1, ensure_ascii=False))


def record(path: Path, exercise_id: str, response: Response, student: str = "") -> ResponseFile:
    """Add one answer to the file at ``path``. An unreadable file is kept aside, never overwritten.

    A non-empty ``student`` replaces the name already in the file (the learner may correct it).
    """
    try:
        doc = load(path) if path.exists() else empty(student)
    except ExerciseError:
        path.replace(path.with_name(f"{path.name}.unreadable-{datetime.now():%Y%m%d%H%M%S}"))
        doc = empty(student)
    stamped = response.model_copy(update={"updated": now()})
    doc = doc.model_copy(update={"responses": {**doc.responses, exercise_id: stamped}, "updated": now(),
                                 "student": student or doc.student})
    save(path, doc)
    return doc
