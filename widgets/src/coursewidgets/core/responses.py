"""The response file: one learner's answers, as notebooks write it and the site exports it.

Version 2 of the format (JSON)::

    {"format": "coursewidgets-responses", "version": 2,
     "student": "ab123", "updated": "2026-11-22T10:00:00+00:00",
     "responses": {"leathard-terms": {"answer": {...}, "seed": 123456789, "shown": [...],
                                      "score": 3, "max": 12, "updated": "..."}}}

``seed`` (an integer 0 <= seed < 2**32) fixes the attempt's layout (``core.layout``); v2 writers
give it for every exercise, except an assessed notebook, whose handout fixed the layout (the tutor's
key has its seed). ``shown`` lists the items a sampled classification drew
(``layout.draw(exercise, seed)``). ``score`` and ``max`` are what the learner saw; graders always
grade ``answer`` again. ``confidence`` (1, 2 or 3: how sure the learner said they were, see
``core.confidence``) is optional. ``history`` lists every Check of the exercise, oldest first, as
``{"at": ISO-8601, "score", "max", "confidence", "variant"}`` (``variant``: which of the exercise's
variants was answered, from 0; optional); ``core.schedule`` plans reviews from it. Other fields are
ignored.

Version 1 had no ``seed``. ``parse`` and ``load`` still read it: they migrate it to version 2 in
memory (any ``seed`` a version 1 file carries is dropped) and set ``migrated_from`` to 1, which is
never written back. Writers always write version 2.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StrictInt, ValidationError, field_validator

from .bank import ExerciseError, Problem, field_path
from .jsonread import Unreadable, decode, read_regular

FORMAT: Literal["coursewidgets-responses"] = "coursewidgets-responses"
VERSION: Literal[2] = 2
OLD_VERSIONS = (1,)
MAX_BYTES = 5_000_000
Seed = Annotated[StrictInt, Field(ge=0, lt=2**32)]
Level = Annotated[StrictInt, Field(ge=1, le=3)]
MAX_HISTORY = 1000
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_YEAR, LAST_YEAR = 1970, 9998
"""A Check's ``at`` starts with a real day of these years (the page checks the same)."""


class Review(BaseModel):
    """One Check of an exercise: when, the marks, how sure the learner said they were, and which variant."""

    model_config = ConfigDict(extra="ignore")
    at: str
    score: StrictInt = Field(ge=0)
    max: StrictInt = Field(ge=0)
    confidence: Level | None = None
    variant: StrictInt | None = Field(default=None, ge=0, le=999)

    @field_validator("at")
    @classmethod
    def _iso(cls, value: str) -> str:
        try:
            ok = bool(DAY.match(value)) and FIRST_YEAR <= date.fromisoformat(value[:10]).year <= LAST_YEAR
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(f"not an ISO-8601 date (YYYY-MM-DD...) of the years {FIRST_YEAR} to {LAST_YEAR}")
        return value


class Response(BaseModel):
    """One exercise's saved answer."""

    model_config = ConfigDict(extra="ignore")
    answer: Any = None
    seed: Seed | None = None
    shown: list[str] | None = None
    score: int | None = None
    max: int | None = None
    confidence: Level | None = None
    history: list[Review] | None = Field(default=None, max_length=MAX_HISTORY)
    updated: str | None = None


class ResponseFile(BaseModel):
    """A learner's answers to any number of exercises."""

    model_config = ConfigDict(extra="ignore")
    format: Literal["coursewidgets-responses"]
    version: Literal[2]
    student: str = Field(default="", max_length=200)
    updated: str | None = None
    responses: dict[str, Response] = Field(default_factory=dict)
    _migrated_from: int | None = PrivateAttr(default=None)

    @property
    def migrated_from(self) -> int | None:
        """The version this document was read as, when it was migrated on reading; else None."""
        return self._migrated_from


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def empty(student: str = "") -> ResponseFile:
    return ResponseFile(format=FORMAT, version=VERSION, student=student, updated=now())


def _version(data: Any) -> Any:
    return data.get("version") if isinstance(data, dict) and data.get("format") == FORMAT else VERSION


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 document as version 2: the same fields, with no seeds."""
    responses = data.get("responses")
    if isinstance(responses, dict):
        responses = {k: ({f: v for f, v in r.items() if f != "seed"} if isinstance(r, dict) else r)
                     for k, r in responses.items()}
    return {**data, "version": VERSION, "responses": responses if responses is not None else {}}


def parse(data: Any, source: str) -> ResponseFile:
    """Validate decoded JSON as a response file (migrating version 1); errors name ``source`` and the field."""
    version = _version(data)
    old = type(version) is int and version in OLD_VERSIONS
    if not old and not (type(version) is int and version == VERSION):
        raise ExerciseError([Problem(source, "version", f"format version {version!r} is not {VERSION} (or 1)")])
    try:
        doc = ResponseFile.model_validate(_migrate(data) if old else data)
    except ValidationError as exc:
        raise ExerciseError([Problem(source, field_path(e["loc"]), e["msg"]) for e in exc.errors()]) from None
    if old:
        doc._migrated_from = version
    return doc


def load(path: Path) -> ResponseFile:
    """Read a response file, refusing oversized, undecodable or foreign files with a clear error."""
    try:
        data = decode(read_regular(path, MAX_BYTES))
    except Unreadable as exc:
        raise ExerciseError([Problem(str(path), "", str(exc))]) from None
    return parse(data, str(path))


def read_document(path: Path, fmt: str, version: int, what: str) -> dict[str, Any]:
    """A JSON file whose ``format`` and ``version`` must be ``fmt`` and ``version`` (handouts, key files)."""
    try:
        data = decode(read_regular(path, MAX_BYTES))
    except Unreadable as exc:
        raise ExerciseError([Problem(str(path), "", f"not a readable {what}: {exc}")]) from None
    if not isinstance(data, dict) or data.get("format") != fmt or data.get("version") != version:
        raise ExerciseError([Problem(str(path), "format", f"not a {fmt} file, version {version}")])
    return data


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


def record(path: Path, exercise_id: str, response: Response, student: str = "",
           variant: int | None = None) -> ResponseFile:
    """Add one answer to the file at ``path``. An unreadable file is kept aside, never overwritten.

    A non-empty ``student`` replaces the name already in the file (the learner may correct it). The
    exercise's ``history`` is kept, and a checked answer (one with a ``score``) adds its Check to it,
    with the ``variant`` answered.
    """
    try:
        doc = load(path) if path.exists() else empty(student)
    except ExerciseError:
        path.replace(path.with_name(f"{path.name}.unreadable-{datetime.now():%Y%m%d%H%M%S}"))
        doc = empty(student)
    old = doc.responses.get(exercise_id)
    history = list(old.history or []) if old else []
    if response.score is not None and response.max:
        history.append(Review(at=now(), score=response.score, max=response.max, confidence=response.confidence,
                              variant=variant))
    stamped = response.model_copy(update={"updated": now(), "history": history[-MAX_HISTORY:] or None})
    doc = doc.model_copy(update={"responses": {**doc.responses, exercise_id: stamped}, "updated": now(),
                                 "student": student or doc.student})
    save(path, doc)
    return doc


def saved_response(path: Path | None, exercise_id: str) -> Response | None:
    """The answer saved for ``exercise_id`` in the response file at ``path``, if it has a readable one."""
    if path is None or not path.is_file():
        return None
    try:
        return load(path).responses.get(exercise_id)
    except ExerciseError:
        return None
