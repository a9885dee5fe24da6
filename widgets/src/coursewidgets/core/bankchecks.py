"""Checks on an exercise file beyond its schema: strict YAML reading and the texts a learner sees.

- ``read_yaml``: safe YAML where a key given twice is an error (PyYAML keeps the last one silently)
  and nesting too deep for the parser is a problem, not a traceback.
- ``text_problems``: control characters, U+FFFE/U+FFFF and lone surrogates (the page or the Moodle
  XML would be broken), and texts of spaces only, each with its field.
- ``repeated_texts``: two options (categories, targets, items, pairs, steps) that read the same.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .models import Exercise

_BAD_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_PARTS = {"options": "text", "categories": "label", "targets": "label", "items": "text", "pairs": "text",
          "steps": "text"}


class _StrictLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses a mapping with the same key twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is given twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


class TooDeep(ValueError):
    """YAML nested deeper than the parser can follow."""


def read_yaml(text: str) -> Any:
    """Parse YAML safely; ``yaml.YAMLError`` for a repeated key, ``TooDeep`` for runaway nesting."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except RecursionError:
        raise TooDeep("nested too deeply to read") from None


def _strings(data: Any) -> list[tuple[str, str]]:
    """Every string in ``data`` (keys too) with its dotted field path; iterative, so depth cannot crash it."""
    found, stack = [], [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            for k, v in value.items():
                where = f"{path}.{k}" if path else str(k)
                if isinstance(k, str):
                    found.append((where, k))
                stack.append((where, v))
        elif isinstance(value, list):
            stack.extend((f"{path}.{n}", v) for n, v in enumerate(value))
    return sorted(found)


def text_problems(data: Any) -> list[tuple[str, str]]:
    """(field, message) for every text with a character no page or XML may hold, or only spaces."""
    problems = []
    for field, text in _strings(data):
        bad = _BAD_CHAR.search(text)
        if bad:
            problems.append((field, f"holds the character U+{ord(bad.group()):04X}, which no page or Moodle XML "
                                    "file can show; remove it"))
        elif text and not text.strip():
            problems.append((field, "holds only spaces"))
    return problems


def repeated_texts(ex: Exercise) -> list[tuple[str, str]]:
    """(field, message) for each option, category, target, item, pair or step reading like an earlier one."""
    problems = []
    for part, attr in _PARTS.items():
        first: dict[str, int] = {}
        for n, entry in enumerate(getattr(ex, part, None) or []):
            words = " ".join(getattr(entry, attr).split()).casefold()
            if words in first:
                problems.append((f"{part}.{n}.{attr}", f"reads the same as {part}.{first[words]}.{attr}; "
                                                       "learners cannot tell them apart"))
            first.setdefault(words, n)
    return problems
