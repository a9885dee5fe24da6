"""The tutor's secret for assessed work: made by ``assign``, kept in ``<title>-key.json``, read by ``grade``.

An assessed handout shows one layout per exercise to the whole class (options, targets and steps in
a shuffled order; for a sampled classification the items drawn). Its seed is the first 4 bytes (big
endian) of HMAC-SHA256(secret, exercise id), with the secret's text as the key. The handout holds the
layouts, never the seed or the secret, so nothing a student receives tells them what the grader expects;
given the key file, the grader works out the same draw and refuses any other ``shown`` list.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.bank import ExerciseError, Problem
from ..core.responses import read_document

FORMAT = "coursewidgets-key"
VERSION = 1


def new_secret() -> str:
    """A fresh random secret: 32 hex digits (128 bits)."""
    return secrets.token_hex(16)


def exercise_seed(secret: str, exercise_id: str) -> int:
    """The layout seed of one exercise of an assessed assignment."""
    digest = hmac.new(secret.encode("utf-8"), exercise_id.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass(frozen=True)
class Key:
    """An assessed assignment's secret and the exercises it was made for."""

    title: str
    secret: str
    exercises: tuple[str, ...]

    def seed(self, exercise_id: str) -> int | None:
        """The seed the handout used for ``exercise_id``; None for an exercise not in the assignment."""
        return exercise_seed(self.secret, exercise_id) if exercise_id in self.exercises else None

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "title": self.title, "secret": self.secret,
                "exercises": list(self.exercises)}


def read_key(path: Path) -> Key:
    """Read a key file, with an error naming the file and the field when it is not one."""
    data = read_document(path, FORMAT, VERSION, "key file")
    secret, ids = data.get("secret"), data.get("exercises")
    if not isinstance(secret, str) or not re.fullmatch(r"[0-9a-f]{32,}", secret):
        raise ExerciseError([Problem(str(path), "secret", "must be at least 32 hex digits")])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ExerciseError([Problem(str(path), "exercises", "must be a list of exercise ids")])
    if len(set(ids)) != len(ids):
        raise ExerciseError([Problem(str(path), "exercises", "lists an exercise twice; each is asked once")])
    return Key(str(data.get("title", "")), secret, tuple(ids))
