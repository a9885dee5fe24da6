"""Text a student or a file system gave us, made safe to show and to compare. Pure, no I/O.

- ``printable``: any text (a lone surrogate from a JSON escape, control characters) as text every
  output can encode: escapes instead of what cannot be shown.
- ``brief``: the same, cut short (for messages quoting what a file holds).
- ``tidy``: a student's name as shown (NFC, no zero-width characters, single spaces).
- ``same_student``: the key under which two names count as the same student (Unicode compatibility
  form, case, spaces, zero-width characters and full-width letters do not tell students apart).
- ``spreadsheet_safe``: a cell a spreadsheet will not run as a formula, whatever separator it splits on.
- ``file_stem``: a file name from a title or a name, in any script.
"""

from __future__ import annotations

import re
import unicodedata

_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")
_FORMULA = re.compile(r"(^|[,;|\t\r\n])(\s*)(?=[=+\-@\t\r])")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


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
