"""Exercise models: one YAML file in ``exercises/`` becomes one of these.

Pure data: no file access, no UI. ``Exercise`` is a tagged union on ``kind``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]
Level = Literal["remember", "understand", "apply", "analyse"]
LEVELS: tuple[str, ...] = get_args(Level)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """A choice in a single-choice or multiple-select question."""

    id: Ident
    text: Text
    correct: bool = False
    feedback: Text
    pin: bool = Field(default=False, description="keep this option at its place when options are shuffled")


class Category(_Strict):
    """A bucket that classification items are sorted into."""

    id: Ident
    label: Text


class Placement(_Strict):
    """A classification item or a matching pair, and the id of the category or target it belongs to."""

    id: Ident
    text: Text
    answer: Ident
    feedback: Text
    layout_dependent: bool = Field(
        default=False, description="classification only: the item's category depends on a source layout that was lost"
    )


class Step(_Strict):
    """One item of an ordering exercise; the list order is the right order."""

    id: Ident
    text: Text
    feedback: Text


class _Base(_Strict):
    id: Ident
    title: Text
    outcome: int = Field(ge=1, le=7, description="learning outcome number in the course brief")
    minutes: int = Field(default=3, ge=1, le=60)
    source: Text = Field(description="where in the sources the answer comes from")
    prompt: Text
    variants: tuple[Exercise, ...] = Field(
        default=(), description="every variant, each a whole exercise; this exercise's own body is the first")

    @model_validator(mode="before")
    @classmethod
    def _from_file(cls, data: Any) -> Any:
        """A file's ``variants`` list of bodies becomes whole exercises; the first body fills the top level."""
        return expand(data)

    @model_validator(mode="after")
    def _variants_agree(self) -> _Base:
        if self.variants:
            check_variants(self)
        return self

    @property
    def marks(self) -> int:
        """The marks an attempt is worth (0 for a reflection)."""
        return 0


class _Marked(_Base):
    level: Level = Field(description="the thinking it asks for: remember, understand, apply or analyse")


_PLURAL = {"option": "options", "category": "categories", "target": "targets", "item": "items", "pair": "pairs",
           "step": "steps"}


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            raise ValueError(f"{_PLURAL[what]}.{n}.id: duplicate {what} id {ident!r}")
        seen.add(ident)


def _check_answers(entries: list[Placement], field: str, choices: list[Category], what: str) -> None:
    """Ids are unique and every entry's ``answer`` names one of ``choices``."""
    _unique([c.id for c in choices], what)
    _unique([e.id for e in entries], field.rstrip("s"))
    known = {c.id for c in choices}
    for n, entry in enumerate(entries):
        if entry.answer not in known:
            raise ValueError(f"{field}.{n}.answer: {entry.answer!r} is not a {what} id")


class SingleChoice(_Marked):
    kind: Literal["single_choice"]
    options: list[Option] = Field(min_length=2)

    @property
    def marks(self) -> int:
        return 1

    @model_validator(mode="after")
    def _one_correct(self) -> SingleChoice:
        _unique([o.id for o in self.options], "option")
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("options: exactly one option must have correct: true")
        return self


class MultipleSelect(_Marked):
    kind: Literal["multiple_select"]
    options: list[Option] = Field(min_length=2)

    @property
    def marks(self) -> int:
        return sum(o.correct for o in self.options)

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleSelect:
        _unique([o.id for o in self.options], "option")
        if not any(o.correct for o in self.options):
            raise ValueError("options: at least one option must have correct: true")
        return self


class Classification(_Marked):
    kind: Literal["classification"]
    categories: list[Category] = Field(min_length=2)
    items: list[Placement] = Field(min_length=2)
    sample: int | None = Field(default=None, ge=2, description="items drawn per attempt; all when absent")

    @property
    def marks(self) -> int:
        return self.sample or len(self.items)

    @model_validator(mode="after")
    def _answers_are_categories(self) -> Classification:
        _check_answers(self.items, "items", self.categories, "category")
        if self.sample is not None and self.sample > len(self.items):
            raise ValueError("sample: larger than the number of items")
        return self


class Matching(_Marked):
    kind: Literal["matching"]
    targets: list[Category] = Field(min_length=2, description="what each prompt is matched to")
    pairs: list[Placement] = Field(min_length=2)

    @property
    def marks(self) -> int:
        return len(self.pairs)

    @model_validator(mode="after")
    def _answers_are_targets(self) -> Matching:
        _check_answers(self.pairs, "pairs", self.targets, "target")
        flagged = [n for n, p in enumerate(self.pairs) if p.layout_dependent]
        if flagged:
            raise ValueError(f"pairs.{flagged[0]}.layout_dependent: only classification items may set it")
        return self


class Ordering(_Marked):
    kind: Literal["ordering"]
    steps: list[Step] = Field(min_length=3, description="in the right order")

    @property
    def marks(self) -> int:
        return len(self.steps)

    @model_validator(mode="after")
    def _unique_steps(self) -> Ordering:
        _unique([s.id for s in self.steps], "step")
        return self


class Rubric(_Strict):
    """What a strong, an adequate and a weak answer to a reflection look like, for tutors."""

    strong: Text
    adequate: Text
    weak: Text

    def levels(self) -> list[tuple[str, str]]:
        """(label, description) from strong to weak."""
        return [("Strong", self.strong), ("Adequate", self.adequate), ("Weak", self.weak)]


class Reflection(_Base):
    kind: Literal["reflection"]
    model_points: list[Text] = Field(min_length=1)
    exemplar: Text = Field(description="a short model answer, for tutors")
    rubric: Rubric


Exercise = Annotated[
    Union[SingleChoice, MultipleSelect, Classification, Matching, Ordering, Reflection],
    Field(discriminator="kind"),
]
for _model in (SingleChoice, MultipleSelect, Classification, Matching, Ordering, Reflection):
    _model.model_rebuild()
ExerciseAdapter: TypeAdapter[Exercise] = TypeAdapter(Exercise)
KINDS = ("single_choice", "multiple_select", "classification", "matching", "ordering", "reflection")

SHARED = ("id", "kind", "title", "level", "outcome", "minutes")
"""Fields every variant of an exercise shares; a variant body may not give them."""
_ENTRIES = ("options", "items", "pairs", "steps")


def expand(data: Any) -> Any:
    """A file's form (shared fields and ``variants``, a list of bodies) as whole exercises.

    Anything else passes unchanged: a file without ``variants``, or variants that are whole already.
    """
    if not isinstance(data, dict) or not isinstance(data.get("variants"), list):
        return data
    bodies = data["variants"]
    if not bodies or not all(isinstance(b, dict) for b in bodies) or any("kind" in b for b in bodies):
        return data
    for n, body in enumerate(bodies):
        for key in (*SHARED, "variants"):
            if key in body:
                raise ValueError(f"variants.{n}.{key}: variant {n + 1} may not give {key!r}; every variant shares it")
    shared = {k: v for k, v in data.items() if k != "variants"}
    whole = [{**shared, **body} for body in bodies]
    return {**whole[0], "variants": whole}


def check_variants(ex: Any) -> None:
    """Variants share their fields and marks, ids are not reused between them, and the first is the exercise."""
    variants = ex.variants
    if len(variants) < 2:
        raise ValueError("variants: give two or more variants, or none")
    seen: dict[str, int] = {}
    for n, v in enumerate(variants):
        if v.variants:
            raise ValueError(f"variants.{n}.variants: variant {n + 1} holds variants of its own")
        for key in SHARED:
            if getattr(v, key, None) != getattr(ex, key, None):
                raise ValueError(f"variants.{n}.{key}: variant {n + 1} differs from the exercise; all share it")
        if v.marks != ex.marks:
            raise ValueError(f"variants.{n}: variant {n + 1} is worth {v.marks} marks, variant 1 {ex.marks}; "
                             "every variant must be worth the same")
        for part in _ENTRIES:
            for e, entry in enumerate(getattr(v, part, None) or []):
                if seen.setdefault(entry.id, n) != n:
                    raise ValueError(f"variants.{n}.{part}.{e}.id: variant {n + 1} reuses {entry.id!r} from "
                                     f"variant {seen[entry.id] + 1}; ids must differ between variants")
    if ex.model_dump(exclude={"variants"}) != variants[0].model_dump(exclude={"variants"}):
        raise ValueError("variants.0: must be the exercise's own body")
