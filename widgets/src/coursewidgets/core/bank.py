"""Load exercises from YAML files, with errors that name the file and the field."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .bankchecks import Unreadable, read_yaml, repeated_texts, text_problems
from .models import KINDS, Exercise, ExerciseAdapter, expand

BANK_ENV = "COURSEWIDGETS_BANK"
MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: field '{self.field}'" if self.field else self.file
        return f"{where}: {self.message}"


class ExerciseError(ValueError):
    """Raised when an exercise file or id is unusable; ``problems`` lists every cause."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def field_path(loc: tuple[int | str, ...]) -> str:
    """A validation error's place as ``a.0.b``, without the union tags pydantic puts first and after
    ``variants.N``."""
    parts = list(loc)
    tags = [n for n, p in enumerate(parts) if p in KINDS and (n == 0 or parts[n - 2:n - 1] == ["variants"])]
    return ".".join(str(p) for n, p in enumerate(parts) if n not in tags)


def _validation_problems(name: str, exc: ValidationError, variant: int | None = None) -> list[Problem]:
    prefix, told = ("", "") if variant is None else (f"variants.{variant}.", f"variant {variant + 1}: ")
    problems = []
    for err in exc.errors():
        field, message = field_path(err["loc"]), _message(err["msg"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            field = "kind"
        elif err["type"] == "value_error" and ":" in message:  # model checks name their field first
            field, message = (s.strip() for s in message.split(":", 1))
        problems.append(Problem(name, (prefix + field).rstrip("."), told + message))
    return problems


def _variant_problems(name: str, data: dict) -> list[Problem]:
    """Each variant of a file checked on its own, its problems named ``variants.N.field`` (N from 0)."""
    try:
        whole = expand(data)["variants"]
    except ValueError as exc:
        field, message = str(exc).split(":", 1)
        return [Problem(name, field, message.strip())]
    problems = []
    for n, variant in enumerate(whole):
        try:
            ExerciseAdapter.validate_python(variant)
        except ValidationError as exc:
            problems += _validation_problems(name, exc, n)
    return problems


def _message(msg: str) -> str:
    return msg.removeprefix("Value error, ")


def check_file(path: Path) -> tuple[Exercise | None, list[Problem]]:
    """Parse and validate one exercise file; return the exercise or the problems found."""
    name = str(path)
    if not path.is_file():  # a FIFO would block the read, a device would never end
        return None, [Problem(name, "", "not a regular file; not read")]
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, [Problem(name, "", f"file is over {MAX_FILE_BYTES:,} bytes; an exercise needs far less")]
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, Unreadable) as exc:
        return None, [Problem(name, "", f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        return None, [Problem(name, "", f"not valid YAML{where}: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "must be a YAML mapping of fields")]
    bad_texts = text_problems(data)
    if bad_texts:
        return None, [Problem(name, field, message) for field, message in bad_texts]
    if isinstance(data.get("variants"), list) and data.get("kind") in KINDS:
        problems = _variant_problems(name, data)
        if problems:
            return None, problems
    try:
        exercise = ExerciseAdapter.validate_python(data)
    except ValidationError as exc:
        return None, _validation_problems(name, exc)
    if exercise.id != path.stem:
        return None, [Problem(name, "id", f"{exercise.id!r} must match the file name {path.stem!r}")]
    repeated = [p for v in (exercise.variants or (exercise,)) for p in repeated_texts(v)]
    if repeated:
        return None, [Problem(name, field, message) for field, message in repeated]
    return exercise, []


def exercise_files(folder: Path) -> list[Path]:
    """The exercise files of a folder: ``*.yml`` and ``*.yaml`` in any case, not starting with ``_``."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yml", ".yaml") and not p.name.startswith("_"))


def _same_id(files: list[Path]) -> dict[Path, Problem]:
    """A problem for each file whose name gives the same id as another's (``x.yml`` beside ``x.yaml``)."""
    by_id: dict[str, list[Path]] = {}
    for path in files:
        by_id.setdefault(path.stem, []).append(path)
    return {path: Problem(str(path), "id", f"{path.stem!r} is also the id of "
                          f"{', '.join(p.name for p in paths if p != path)}; keep one file per exercise")
            for paths in by_id.values() if len(paths) > 1 for path in paths}


def check_bank(folder: Path) -> tuple[dict[str, Exercise], list[Problem]]:
    """Validate every exercise file of a folder; return the good ones and all problems."""
    bank: dict[str, Exercise] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return bank, [Problem(str(folder), "", "no such folder of exercises")]
    files = exercise_files(folder)
    same = _same_id(files)
    problems += same.values()
    for path in (p for p in files if p not in same):
        exercise, found = check_file(path)
        problems += found
        if exercise is not None:
            bank[exercise.id] = exercise
    return bank, problems


def load_bank(folder: Path) -> dict[str, Exercise]:
    """Every exercise of a folder by id; raise ``ExerciseError`` listing all problems."""
    bank, problems = check_bank(folder)
    if problems:
        raise ExerciseError(problems)
    return bank


def find_bank(start: Path | None = None) -> Path:
    """The exercise folder: ``$COURSEWIDGETS_BANK``, else ``exercises/`` here or in a parent folder."""
    if os.environ.get(BANK_ENV):
        return Path(os.environ[BANK_ENV])
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder / "exercises"
    raise ExerciseError([Problem(str(here), "", f"no exercises/ folder here or above; set {BANK_ENV}")])


def load_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """One exercise by id, from its own file, with a clear error if unknown or invalid."""
    folder = folder or find_bank()
    candidates = [p for p in exercise_files(folder) if p.stem == exercise_id]
    if len(candidates) > 1:
        raise ExerciseError(list(_same_id(candidates).values()))
    path = candidates[0] if candidates else None
    if path is None:
        known = ", ".join(p.stem for p in exercise_files(folder)) or "none"
        raise ExerciseError([Problem(str(folder), "", f"unknown exercise id {exercise_id!r}; known ids: {known}")])
    exercise, problems = check_file(path)
    if exercise is None:
        raise ExerciseError(problems)
    return exercise
