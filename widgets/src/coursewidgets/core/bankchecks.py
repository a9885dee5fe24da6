"""Checks on an exercise file beyond its schema: strict YAML reading and the texts a learner sees.

- ``read_yaml``: safe YAML where a key given twice is an error (PyYAML keeps the last one silently),
  and nesting too deep for the parser, a whole number of more than ``MAX_DIGITS`` digits or a value
  YAML cannot make (a day that does not exist) is a problem, not a traceback; so are aliases (``*name``)
  that would repeat values past ``MAX_VALUES`` or hold themselves, found before anything is built.
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
MAX_DIGITS = 100
"""Whole numbers with more digits than this are refused (no field needs more than a few)."""
MAX_VALUES = 100_000
"""Values (every alias followed) a file may stand for; the longest exercise has about a thousand."""
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

    def construct_short_int(self, node: yaml.ScalarNode) -> int:
        """A whole number, refused when it has more than ``MAX_DIGITS`` digits (Python stops at 4,300)."""
        digits = len(str(node.value).replace("_", "").lstrip("+-"))
        if digits > MAX_DIGITS:
            raise yaml.constructor.ConstructorError(None, None, f"a number of {digits} digits; no field takes "
                                                    f"more than {MAX_DIGITS}", node.start_mark)
        return self.construct_yaml_int(node)  # type: ignore[no-untyped-call, no-any-return]


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_short_int)


class Unreadable(ValueError):
    """YAML that parses but cannot be made into values; the message says why."""


class TooDeep(Unreadable):
    """YAML nested deeper than the parser can follow."""


class TooBig(Unreadable):
    """YAML whose aliases (``*name``) would repeat values without end: a "billion laughs" file."""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_size(root: yaml.Node) -> None:
    """``TooBig`` when the values ``root`` stands for, every alias followed, number more than ``MAX_VALUES``,
    or an alias holds itself; counted once per node, so the check is as quick as the file is short."""
    sizes: dict[int, int] = {}
    count = {id(root): 1}
    stack = [(root, iter(_children(root)))]
    while stack:
        node, kids = stack[-1]
        kid = next(kids, None)
        if kid is None:
            stack.pop()
            sizes[id(node)] = size = count.pop(id(node))
            if stack:
                count[id(stack[-1][0])] += size
        elif id(kid) in count:
            raise TooBig("an alias (*name) holds itself, so its value never ends")
        elif id(kid) in sizes:
            count[id(node)] += sizes[id(kid)]
        else:
            count[id(kid)] = 1
            stack.append((kid, iter(_children(kid))))
        if stack and count[id(stack[-1][0])] > MAX_VALUES:
            raise TooBig(f"stands for more than {MAX_VALUES:,} values, every alias (*name) followed "
                         "(a \"billion laughs\" file?)")


def read_yaml(text: str) -> Any:
    """Parse YAML safely; ``yaml.YAMLError`` for a repeated key or a huge number, ``TooDeep`` for runaway
    nesting, ``TooBig`` for aliases that expand without end, ``Unreadable`` for a value YAML cannot make."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()  # type: ignore[no-untyped-call]
        if node is None:
            return None
        _check_size(node)
        return loader.construct_document(node)  # type: ignore[no-untyped-call]
    except RecursionError:
        raise TooDeep("nested too deeply to read") from None
    except Unreadable:
        raise
    except (ValueError, OverflowError) as exc:
        raise Unreadable(f"a value YAML cannot make: {exc}") from None
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]


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
