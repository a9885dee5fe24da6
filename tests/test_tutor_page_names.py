"""Feedback page names a tutor's computer can hold: never a Windows device name (with any extension, in any
case, with trailing dots or spaces), and never two names that a disk ignoring case or Unicode form (Windows,
macOS) would store as one file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_tutor_stats import QUIZ, _class

from coursewidgets.tutor.feedback import feedback_files, page_names
from coursewidgets.tutor.gradebook import Gradebook

DEVICES = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}


_GRADED: list[Gradebook] = []


def _book(tmp_path: Path, names: list[str]) -> Gradebook:
    """One graded student's row under each of ``names``."""
    if not _GRADED:
        _GRADED.append(_class(tmp_path, QUIZ, {"f0": {"q1": ("a", None)}}))
    book = _GRADED[0]
    row = book.rows[0]
    return Gradebook(book.exercises, [type(row)(name, f"f{n}.json", row.grades, row.responses)
                                      for n, name in enumerate(names)], [])


def _device(name: str) -> bool:
    base = unicodedata.normalize("NFKC", name.split(".")[0].rstrip(" .")).casefold()
    return base in DEVICES


def _same_file(a: str, b: str) -> bool:
    """Would a case- and normalisation-insensitive disk hold ``a`` and ``b`` as one file? (Checked three ways.)"""
    return (a.upper() == b.upper() or unicodedata.normalize("NFD", a).casefold() == unicodedata.normalize("NFD", b).casefold()
            or unicodedata.normalize("NFKD", a.casefold()) == unicodedata.normalize("NFKD", b.casefold()))


def _check(names: list[str]) -> None:
    for name in names:
        assert not _device(name), name
        assert name.endswith(".html") and "/" not in name and "\\" not in name
    for n, a in enumerate(names):
        for b in names[n + 1:]:
            assert not _same_file(a, b), (a, b)


DEVICE_NAMES = ["CON", "con", "Con.", "nul", "NUL ", "prn...", "Aux", "COM1", "com9", "LPT1", "lpt9", "COM¹", "ＣＯＮ",
                "c o n", "Com0", "NUL.txt", "con.tar.gz", "LPT²"]


def test_device_names_are_never_page_names(tmp_path):
    names = page_names(_book(tmp_path, DEVICE_NAMES))
    _check(names)
    assert names[0] == "file-con.html" and len(set(names)) == len(names)


TRICKY = ["Ann", "ANN", "ann", "Straße", "STRASSE", "strasse", "José", "Jose\u0301", "ΣΊΣΥΦΟΣ", "σίσυφος", "σίσυφοσ",
          "\u212aelvin", "Kelvin", "\u212bngstr\u00f6m", "\u00c5ngstr\u00f6m", "İstanbul", "istanbul", "ǅemal", "Ǆemal",
          "dža", "ﬁona", "fiona", "FIONA", "ann-2", "Ann 2", "file-con", "con",
          "ılgaz", "Ilgaz", "ilgaz"]  # dotless ı upper-cases to I, as Windows compares names


def test_names_one_case_insensitive_disk_would_merge_are_kept_apart(tmp_path):
    book = _book(tmp_path, TRICKY)
    names = page_names(book)
    _check(names)
    files = feedback_files(book, "T")
    assert len(files) == len(TRICKY) and {f"feedback/{n}" for n in names} == set(files)


_ALPHABET = st.sampled_from(list("aAcCoOnNuUlLpPrRxXmMß. 1290¹²") + ["\u0301", "İ", "ı", "σ", "ς", "Σ", "\u212a", "ﬁ", "Ｃ"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=6), min_size=1, max_size=25))
def test_generated_names_give_portable_distinct_pages(tmp_path_factory, names):
    _check(page_names(_book(tmp_path_factory.getbasetemp(), names)))
