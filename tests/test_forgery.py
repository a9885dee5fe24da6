"""Edited response files: each forgery is reported for its student with the reason, never graded for
extra marks and never a crash, while the rest of the class is graded (assessed work, `grade --key`)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from tutor_data import BANK, IDS, response_doc, write_bank

from coursewidgets.core.grading import grade
from coursewidgets.core.layout import draw
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.keyfile import read_key

CLASSIFY = next(ex for ex in BANK if ex.kind == "classification")
KEY = {i.id: i.answer for i in CLASSIFY.items}
ALL_ITEMS = [i.id for i in CLASSIFY.items]


def right(shown: list[str]) -> dict[str, str]:
    return {i: KEY[i] for i in shown if i in KEY}


def other_draw(not_this: list[str]) -> list[str]:
    """A draw of other items (a draw is compared as a set: the same items in another order are that draw)."""
    return next(d for s in range(1000) if set(d := draw(CLASSIFY, s) or []) != set(not_this))


def forgeries(drawn: list[str]) -> dict[str, tuple[Any, str]]:
    """File name -> (its JSON data, words the reported reason must contain)."""
    def doc(student: str, entry: dict[str, Any], version: Any = 2) -> dict[str, Any]:
        return {"format": "coursewidgets-responses", "version": version, "student": student,
                "responses": {"classification": entry}}

    elsewhere = other_draw(drawn)
    return {
        # the two: a shown list of the one item got right, and every item claimed shown
        "only-what-i-knew.json": (doc("f01", {"answer": right(drawn[:1]), "shown": drawn[:1]}),
                                  "lists 1 items; this exercise shows 4"),
        "all-items.json": (doc("f02", {"answer": right(ALL_ITEMS), "shown": ALL_ITEMS}), "lists 6 items"),
        "repeats.json": (doc("f03", {"answer": right(drawn[:1]), "shown": drawn[:1] * 4}), "repeats an item"),
        "another-exercise.json": (doc("f04", {"answer": {}, "shown": ["p1", "p2", "t1", "t2"]}),
                                  "unknown item ids p1, p2, t1, t2"),
        "not-the-draw.json": (doc("f05", {"answer": right(elsewhere), "shown": elsewhere}),
                              "not the items drawn for this attempt"),
        "own-seed.json": (doc("f06", {"answer": right(elsewhere), "shown": elsewhere,
                                      "seed": next(s for s in range(1000) if draw(CLASSIFY, s) == elsewhere)}),
                          "not the items drawn for this attempt"),
        "huge-shown.json": (doc("f07", {"answer": right(ALL_ITEMS), "shown": ALL_ITEMS * 20_000}),
                            "lists 120000 items"),
        "no-shown.json": (doc("f08", {"answer": right(ALL_ITEMS)}), "missing or not a list"),
        "v1-claims-v2.json": (doc("f09", {"answer": right(elsewhere), "shown": elsewhere}, version=2),
                              "not the items drawn"),
        "v2-claims-v1.json": (doc("f10", {"answer": right(elsewhere), "shown": elsewhere, "seed": 1}, version=1),
                              "not the items drawn"),
        "negative-seed.json": (doc("f11", {"answer": {}, "shown": drawn, "seed": -1}), "field 'responses.classification.seed'"),
        "string-seed.json": (doc("f12", {"answer": {}, "shown": drawn, "seed": "12345"}), "valid integer"),
        "float-seed.json": (doc("f13", {"answer": {}, "shown": drawn, "seed": 1.5}), "valid integer"),
        "bool-seed.json": (doc("f14", {"answer": {}, "shown": drawn, "seed": True}), "valid integer"),
        "huge-seed.json": (doc("f15", {"answer": {}, "shown": drawn, "seed": 2**64}), "less than 4294967296"),
        "shown-not-a-list.json": (doc("f16", {"answer": {}, "shown": "i0,i1,i2,i3"}), "valid list"),
        "shown-of-numbers.json": (doc("f17", {"answer": {}, "shown": [0, 1, 2, 3]}), "valid string"),
        "string-version.json": (doc("f18", {"answer": {}, "shown": drawn}, version="2"), "format version '2'"),
        "bool-version.json": (doc("f19", {"answer": {}, "shown": drawn}, version=True), "format version True"),
        "huge-answer.json": ({**doc("f21", {}), "responses": {"multiple-select": {"answer": [f"x{n}" for n in range(200_000)]}}},
                             "do not exist: x0, x1, x10, x100, x1000 and 199995 more"),
        "entry-not-an-object.json": ({**doc("f20", {}), "responses": {"classification": 12}}, "valid dictionary"),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, str]], str, int, list[str]]:
    tmp = tmp_path_factory.mktemp("forgery")
    bank = write_bank(tmp / "bank")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["assign", *IDS, "--title", "Check", "--mode", "assessed", "--bank", str(bank),
                     "--out", str(tmp / "check")]) == 0
    key = read_key(tmp / "check-key.json")
    drawn = draw(CLASSIFY, key.seed("classification") or 0) or []
    subs = tmp / "handed-in"
    subs.mkdir()
    honest = {"h1": (right(drawn), drawn), "h2": ({**right(drawn), drawn[0]: "x" if KEY[drawn[0]] == "y" else "y"}, drawn)}
    for student, (answer, shown) in honest.items():  # the rest of the class, graded as usual
        data = response_doc(student, {"classification": (answer, shown), "ordering": (["s1", "s2", "s3", "s4"], None)})
        data["responses"]["classification"].update(score=99, max=99)  # what the file claims is ignored
        (subs / f"{student}.json").write_text(json.dumps(data))
    (subs / "h3.json").write_text(json.dumps(response_doc("h3", {"classification": (right(drawn), drawn)}, version=1)))
    cases = forgeries(drawn)
    for name, (data, _) in cases.items():
        (subs / name).write_text(json.dumps(data))
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        status = main(["grade", str(subs), "--bank", str(bank), "--key", str(tmp / "check-key.json"),
                       "--out", str(tmp / "marks")])
    assert "1 files migrated from format 1" in out.getvalue()
    rows = {r["student"]: r for r in csv.DictReader((tmp / "marks" / "gradebook.csv").open())}
    return rows, err.getvalue(), status, drawn


@pytest.mark.parametrize("name", sorted(forgeries(["i0", "i1", "i2", "i3"])))
def test_each_forgery_is_reported_with_its_reason(graded, name):
    rows, err, status, drawn = graded
    reason = forgeries(drawn)[name][1]
    hits = [line for line in err.splitlines() if f"/{name}" in line]
    assert hits, f"{name} not reported"
    assert any(reason in line for line in hits), (name, hits)
    student = forgeries(drawn)[name][0].get("student")
    assert student not in rows  # never graded, so never extra marks
    assert status == 1


def test_the_rest_of_the_class_is_graded(graded):
    rows, *_ = graded
    assert set(rows) == {"h1", "h2", "h3"}
    assert (rows["h1"]["classification"], rows["h2"]["classification"], rows["h3"]["classification"]) == ("4", "3", "4")
    assert rows["h1"]["max"] == rows["h3"]["max"] == str(1 + 2 + 4 + 2 + 4)
    assert rows["h3"]["note"] == "migrated from format 1" and rows["h1"]["note"] == ""


def test_without_the_grader_the_file_still_cannot_set_the_maximum():
    """The grading function itself: a sampled classification is worth its sample, whatever ``shown`` says."""
    g = grade(CLASSIFY, right(ALL_ITEMS), shown=ALL_ITEMS[:1])
    assert (g.score, g.max) == (1, 4)
    g = grade(CLASSIFY, right(ALL_ITEMS), shown=ALL_ITEMS * 50)
    assert (g.score, g.max) == (4, 4)


def test_a_bad_key_file_is_a_clear_error(tmp_path, capsys):
    bank = write_bank(tmp_path / "bank")
    (tmp_path / "subs").mkdir()
    for text, words in [("{", "not a readable key file"), ('{"format": "coursewidgets-key", "version": 1}', "secret"),
                        (json.dumps({"format": "coursewidgets-key", "version": 1, "secret": "ab" * 16,
                                     "exercises": ["nope"]}), "unknown exercise id 'nope'")]:
        path: Path = tmp_path / "k.json"
        path.write_text(text)
        assert main(["grade", str(tmp_path / "subs"), "--bank", str(bank), "--key", str(path),
                     "--out", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert str(path) in err and words in err


def test_without_a_key_a_shown_list_must_be_the_draw_of_its_own_seed(tmp_path):
    from coursewidgets.tutor.gradebook import check_submission

    bank = {ex.id: ex for ex in BANK}
    seed, other = 5, other_draw(draw(CLASSIFY, 5) or [])
    for shown, ok in [(draw(CLASSIFY, seed), True), (other, False)]:
        path = tmp_path / "a.json"
        path.write_text(json.dumps(response_doc("a", {"classification": (right(shown or []), shown, seed)})))
        doc, problems = check_submission(path, bank, tmp_path)
        assert (doc is not None, [p.message for p in problems]) == (
            (True, []) if ok else (False, ["not the items drawn for this attempt"]))
