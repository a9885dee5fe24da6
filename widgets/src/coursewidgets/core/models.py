"""Exercise models: one YAML file in ``exercises/`` becomes one of these.

Pure data: no file access, no UI. ``Exercise`` is a tagged union on ``kind``.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union, get_args

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

    @model_validator(mode="after")
    def _one_correct(self) -> SingleChoice:
        _unique([o.id for o in self.options], "option")
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("options: exactly one option must have correct: true")
        return self


class MultipleSelect(_Marked):
    kind: Literal["multiple_select"]
    options: list[Option] = Field(min_length=2)

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
ExerciseAdapter: TypeAdapter[Exercise] = TypeAdapter(Exercise)
KINDS = ("single_choice", "multiple_select", "classification", "matching", "ordering", "reflection")
