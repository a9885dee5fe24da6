"""Read a JSON file someone else wrote (a response file, a handout, a key) without letting it stop or stall us.

- ``read_regular``: the bytes of a regular file, at most ``limit``; a FIFO, device or socket is refused
  without blocking, and nothing past the limit is read.
- ``decode``: JSON to data. A number of more than ``MAX_DIGITS`` digits (Python refuses to convert
  4,300 and more, and nothing we read needs 20), nesting deeper than ``MAX_DEPTH``, NaN or Infinity (not
  JSON), bad UTF-8 and bad JSON each raise ``Unreadable`` with a message to show; never a traceback. A byte
  order mark, or UTF-16 or UTF-32 as a Windows editor may save a file, is read as such.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_DEPTH = 32
"""Deeper JSON than this is refused (a real response file is 4 levels deep)."""
MAX_DIGITS = 100
"""Longer whole numbers than this are refused (a seed has 10 digits)."""


class Unreadable(ValueError):
    """A file that cannot be read as the JSON it should be; the message says why."""


def read_regular(path: Path | str, limit: int, follow: bool = True) -> bytes:
    """At most ``limit`` bytes of the regular file at ``path`` (a link at ``path`` itself is refused unless
    ``follow``); ``Unreadable`` for anything else. Never blocks."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Unreadable(f"cannot open: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise Unreadable("not a regular file (a folder, device, FIFO or socket); not read")
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"file is over {limit} bytes; the limit is {limit}")
    return data


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise Unreadable(f"holds a number of {digits} digits; no field takes more than {MAX_DIGITS}")
    return int(text)


def _not_json(text: str) -> Any:
    raise Unreadable(f"holds {text}, which is not a JSON number")


def depth(data: Any) -> int:
    """How deeply lists and objects nest in ``data``, counted up to ``MAX_DEPTH + 1`` (iterative)."""
    deepest, stack = 0, [(data, 1)] if isinstance(data, (dict, list)) else []
    while stack:
        value, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((v, level + 1) for v in (value.values() if isinstance(value, dict) else value)
                     if isinstance(v, (dict, list)))
    return deepest


def decode(data: bytes | str, pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """Parse JSON (UTF-8, or UTF-16/32 as ``json`` detects them, a byte order mark allowed); ``Unreadable``
    for bad text, bad JSON, NaN or Infinity, a huge number or deep nesting."""
    try:
        text = data.decode(json.detect_encoding(data)) if isinstance(data, bytes) else data
        value = json.loads(text, parse_int=_integer, parse_constant=_not_json, object_pairs_hook=pairs_hook)
    except RecursionError:
        raise Unreadable(f"nested more than {MAX_DEPTH} levels deep") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Unreadable(f"not a readable JSON file: {exc}") from None
    if depth(value) > MAX_DEPTH:
        raise Unreadable(f"nested more than {MAX_DEPTH} levels deep")
    return value
