"""Text a student or a file system gave us, made safe to show and to compare. Pure, no I/O.

- ``printable``: any text (a lone surrogate from a JSON escape, control characters) as text every
  output can encode: escapes instead of what cannot be shown.
- ``brief``: the same, cut short (for messages quoting what a file holds).
- ``tidy``: a student's name as shown (NFC, no zero-width characters, single spaces).
- ``same_student``: the key under which two names count as the same student (Unicode compatibility
  form, case, spaces, zero-width characters and full-width letters do not tell students apart).
- ``spreadsheet_safe``: a cell a spreadsheet will not run as a formula, whatever separator it splits on.
- ``file_stem``: a file name from a title or a name, in any script.
- ``portable_stem`` and ``file_key``: a file name every disk a tutor may zip it to can hold (no Windows
  device name such as ``con`` or ``com1``), and the key under which two names are one file on a disk that
  ignores case or Unicode form (Windows, macOS).
- ``one_line``: text for a terminal: every character that is not printable (line breaks, tabs, escapes,
  zero-width characters) written as an escape, cut short.
"""

from __future__ import annotations

import re
import unicodedata

_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_FORMULA = re.compile(r"(^|[,;|\t\r\n])(\s*)(?=[=+\-@\t\r])")


def _escape(match: re.Match[str]) -> str:
    return _escape_char(match.group())


def printable(text: str) -> str:
    """``text`` with lone surrogates, control characters and non-characters written as escapes."""
    return _UNSHOWABLE.sub(_escape, text) if _UNSHOWABLE.search(text) else text


def brief(text: str, limit: int = 300) -> str:
    """``printable(text)``, cut to ``limit`` characters (a 4 MB id quoted in a message stays readable)."""
    shown = printable(text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def tidy(name: str) -> str:
    """A student's name as shown: NFC, printable, zero-width characters dropped, spaces collapsed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", printable(name)))
    return _SPACES.sub(" ", text).strip()


def same_student(name: str) -> str:
    """The key two names share when they are the same student's (NFKC, casefolded, tidied)."""
    key = _INVISIBLE.sub("", unicodedata.normalize("NFKC", printable(name)))
    return unicodedata.normalize("NFKC", _SPACES.sub(" ", key).strip().casefold())


def spreadsheet_safe(text: str) -> str:
    """A ``'`` before every part of ``text`` that a spreadsheet would read as a formula when it splits
    cells on commas, semicolons, tabs or bars (``Lee;=cmd|...``), and line breaks made spaces."""
    return _FORMULA.sub(r"\1\2'", text).replace("\r", " ").replace("\n", " ")


def file_stem(text: str, limit: int = 60) -> str:
    """Lower-case letters and digits of any script joined by hyphens, at most ``limit`` characters
    (cut at a hyphen): ``"Week 3: partners"`` -> ``"week-3-partners"``; ``""`` if there are none."""
    name = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFKC", printable(text)).casefold()).strip("-")
    if len(name) > limit:
        cut = name[:limit + 1]
        name = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).strip("-")
    return name


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line of a terminal: characters ``str.isprintable`` refuses escaped, at most ``limit``."""
    cut = text[: limit + 1]
    shown = cut if cut.isprintable() else "".join(c if c.isprintable() else _escape_char(c) for c in cut)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


_DEVICES = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
            *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789")}
"""Names Windows keeps for devices, whatever the extension or case (``NUL.html``, ``com1.tar.gz``)."""


def file_key(name: str) -> str:
    """Two file names are one file on a disk that ignores case and Unicode form when their keys are equal
    (upper-cased before folding, as Windows compares: dotless ``ı`` and ``i`` are both ``I`` there)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).upper().casefold())


def portable_stem(stem: str) -> str:
    """``stem`` (NFC) as a name every system can create and open: a Windows device name, before its first
    dot and trailing dots and spaces, gets ``file-`` in front (``con`` -> ``file-con``)."""
    stem = unicodedata.normalize("NFC", stem)
    device = file_key(stem.split(".", 1)[0].rstrip(". ")) in _DEVICES
    return f"file-{stem}" if device else stem
