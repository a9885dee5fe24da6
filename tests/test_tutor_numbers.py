"""Numbers no field needs (more digits than Python will convert, 4,300) and other hostile values, in every
file the tools read: response files, key files, handouts, exercise YAML. Each is one clear problem naming
the file; the rest of the class is graded; ``coursewidgets review`` never crashes or hangs (fuzzed)."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tutor_data import make_class, response_doc, write_bank

from coursewidgets.core.bank import ExerciseError
from coursewidgets.core.responses import FORMAT, MAX_BYTES
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.handout import read_handout
from coursewidgets.tutor.keyfile import read_key

HUGE = "7" * 5_000
HUGE_MARK = '"__HUGE__"'
LIMIT_SECONDS = 10


def _with_huge(data: object, sign: str = "") -> str:
    """``data`` as JSON with every ``"__HUGE__"`` string written as a number of 5,000 digits."""
    return json.dumps(data).replace(HUGE_MARK, sign + HUGE)


HOSTILE_PLACES = {
    "answer": {"single-choice": {"answer": "__HUGE__"}},
    "answer-in-a-list": {"multiple-select": {"answer": ["a", ["__HUGE__"]]}},
    "seed": {"single-choice": {"answer": "a", "seed": "__HUGE__"}},
    "confidence": {"single-choice": {"answer": "a", "confidence": "__HUGE__"}},
    "history-score": {"single-choice": {"answer": "a", "history": [{"at": "2026-12-01", "score": "__HUGE__",
                                                                    "max": 1}]}},
    "score": {"single-choice": {"answer": "a", "score": "__HUGE__", "max": "__HUGE__"}},
    "ignored-field": {"single-choice": {"answer": "a", "extra": {"deep": "__HUGE__"}}},
}


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank")


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_huge_number_anywhere_in_a_response_file_is_that_files_problem(tmp_path, bank, capsys, sign):
    subs = tmp_path / "subs"
    make_class(subs, 4)
    for name, responses in HOSTILE_PLACES.items():
        (subs / f"{name}.json").write_text(_with_huge(
            {"format": FORMAT, "version": 2, "student": name, "responses": responses}, sign))
    (subs / "student-field.json").write_text(_with_huge({"format": FORMAT, "version": 2, "student": "__HUGE__"}))
    (subs / "version.json").write_text(_with_huge({"format": FORMAT, "version": "__HUGE__"}))
    status = main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    rows = list(csv.DictReader((tmp_path / "out" / "gradebook.csv").open(encoding="utf-8")))
    assert status == 1 and len(rows) == 4  # everyone else graded
    assert "Traceback" not in err
    for name in [*HOSTILE_PLACES, "student-field", "version"]:
        assert f"{name}.json: holds a number of 5000 digits; no field takes more than 100" in err, name


def test_a_long_but_sane_number_is_still_read(tmp_path, bank, capsys):
    subs = tmp_path / "subs"
    make_class(subs, 2)
    ok = response_doc("fine", {"single-choice": ("a", None)})
    ok["responses"]["single-choice"]["extra"] = 10**40  # an ignored field: 41 digits are no threat
    (subs / "fine.json").write_text(json.dumps(ok))
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "out")]) == 0


def test_huge_numbers_in_key_files_and_handouts_are_clear_errors(tmp_path, bank, capsys):
    key = tmp_path / "key.json"
    key.write_text(_with_huge({"format": "coursewidgets-key", "version": 1, "secret": "0" * 32,
                               "exercises": ["single-choice"], "title": "__HUGE__"}))
    with pytest.raises(ExerciseError, match="not a readable key file: holds a number of 5000 digits"):
        read_key(key)
    subs = tmp_path / "subs"
    make_class(subs, 2)
    assert main(["grade", str(subs), "--bank", str(bank), "--key", str(key), "--out", str(tmp_path / "o")]) == 1
    assert "key.json: not a readable key file: holds a number of 5000 digits" in capsys.readouterr().err
    handout = tmp_path / "x.handout.json"
    handout.write_text(_with_huge({"format": "coursewidgets-handout", "version": 1, "mode": "practice",
                                   "exercises": [{"minutes": "__HUGE__"}]}))
    with pytest.raises(ExerciseError, match="not a readable handout: holds a number of 5000 digits"):
        read_handout(handout)


@pytest.mark.parametrize("value", ["9" * 5_000, "-" + "9" * 5_000, "0x" + "f" * 5_000, "1_" * 3_000 + "1",
                                   "2026-02-30", "2026-13-01 10:00:00"])
def test_numbers_and_days_yaml_cannot_make_are_that_files_problem(tmp_path, capsys, value):
    bank = write_bank(tmp_path / "bank")
    text = (bank / "single-choice.yml").read_text()
    (bank / "single-choice.yml").write_text(text.replace("minutes: 2", f"minutes: {value}", 1) + f"extra: {value}\n")
    assert main(["validate", str(bank)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"{bank / 'single-choice.yml'}: ")
    assert "digits" in lines[0] or "YAML cannot make" in lines[0]
    assert "6 files checked, 5 valid, 1 problems" in captured.out


# ``coursewidgets review`` on a learner's own hostile files: a clear message or a plan, never a crash or a hang


@contextlib.contextmanager
def _time_limit(seconds: float):
    def stop(signum, frame):
        raise TimeoutError(f"took over {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _review(path: Path, capsys) -> tuple[int, str, str]:
    with _time_limit(LIMIT_SECONDS):
        status = main(["review", str(path), "--today", "2026-12-05"])
    out, err = capsys.readouterr()
    assert status in (0, 1), status
    assert "Traceback" not in err
    for text in (out, err):  # nothing a terminal would act on: no escapes, no carriage returns
        assert not any(c in text for c in "\x1b\r\x07\x08"), text[:200]
    return status, out, err


def _entry(**fields: object) -> dict:
    return {"format": FORMAT, "version": 2, "student": "me", "responses": {"single-choice": {"answer": "a", **fields}}}


HOSTILE_REVIEW_FILES: dict[str, bytes | str] = {
    "huge-score": _with_huge(_entry(history=[{"at": "2026-12-01", "score": "__HUGE__", "max": 1}])),
    "huge-at": _with_huge(_entry(history=[{"at": "__HUGE__", "score": 1, "max": 1}])),
    "deep": '{"format": "coursewidgets-responses", "version": 2, "responses": ' + "[" * 200_000 + "]" * 200_000 + "}",
    "deep-version": '{"format": "coursewidgets-responses", "version": ' + "[" * 900 + "]" * 900 + "}",
    "bad-utf8": b'{"format": "coursewidgets-responses", "version": 2, "student": "\xff\xfe"}',
    "surrogate-id": json.dumps({"format": FORMAT, "version": 2, "responses": {
        "\ud800\x1b[2J\r": {"history": [{"at": "2026-12-01", "score": 1, "max": 1}]}}}),
    "escapes-in-field": json.dumps({"format": FORMAT, "version": 2, "responses": {"\x1b]0;owned\x07": {"seed": -1}}}),
    "last-day": json.dumps(_entry(history=[{"at": "9998-12-31", "score": 1, "max": 1}] * 1000)),
    "first-day": json.dumps(_entry(history=[{"at": "1970-01-01", "score": 0, "max": 0}])),
    "nan": '{"format": "coursewidgets-responses", "version": 2, "responses": {"x": {"history": '
           '[{"at": "2026-12-01", "score": NaN, "max": Infinity}]}}}',
    "many": json.dumps({"format": FORMAT, "version": 2, "responses": {
        f"ex-{n}": {"history": [{"at": "2026-12-01", "score": 1, "max": 1}]} for n in range(40_000)}}),
    "too-long": " " * (MAX_BYTES + 1),
    "not-an-object": "[1, 2, 3]",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_REVIEW_FILES))
def test_review_handles_hostile_files(tmp_path, capsys, name):
    path = tmp_path / f"{name}.json"
    data = HOSTILE_REVIEW_FILES[name]
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    status, out, err = _review(path, capsys)
    assert (status == 1) == bool(err)
    if status == 1:
        assert err.startswith(str(path))


def test_review_refuses_what_is_not_a_file_without_blocking(tmp_path, capsys):
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "folder.json").mkdir()
    for name in ("pipe.json", "zero.json", "folder.json", "missing.json"):
        status, _, err = _review(tmp_path / name, capsys)
        assert status == 1 and err.startswith(str(tmp_path / name)), err


_TEXT = st.text(st.characters(blacklist_categories=()), max_size=12)
_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(), _TEXT, st.just("__HUGE__"),
                  st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()))
_VALUE = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                      max_leaves=8)
_CHECK = st.fixed_dictionaries({}, optional={"at": _VALUE | st.dates().map(str), "score": _VALUE | st.integers(0, 3),
                                             "max": _VALUE | st.integers(0, 3), "confidence": _VALUE})
_ENTRY = st.fixed_dictionaries({}, optional={
    "answer": _VALUE, "seed": _VALUE, "shown": _VALUE, "confidence": _VALUE | st.integers(0, 4),
    "history": st.lists(_CHECK | _VALUE, max_size=4) | _VALUE, "score": _VALUE, "max": _VALUE})
_DOC = st.fixed_dictionaries(
    {"format": st.just(FORMAT) | _VALUE, "version": st.sampled_from([1, 2]) | _VALUE,
     "responses": st.dictionaries(_TEXT, _ENTRY | _VALUE, max_size=4) | _VALUE},
    optional={"student": _VALUE, "updated": _VALUE})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=_DOC, cut=st.none() | st.integers(0, 400), sign=st.sampled_from(["", "-"]))
def test_review_never_crashes_on_generated_files(tmp_path, capsys, doc, cut, sign):
    text = _with_huge(doc, sign)
    path = tmp_path / "fuzz.json"
    path.write_text(text[:cut] if cut is not None else text, encoding="utf-8")
    _review(path, capsys)
