"""Response format v2: seeds, migration of version 1, refusal of edited files."""

from __future__ import annotations

import json

import pytest

from coursewidgets.core.bank import ExerciseError
from coursewidgets.core.responses import Response, load, parse, record

V1 = {"format": "coursewidgets-responses", "version": 1, "student": "ab123",
      "responses": {"leathard-terms": {"answer": {"a": "b"}, "shown": ["a"], "seed": 5, "score": 1}}}


def test_version_1_is_migrated_in_memory():
    doc = parse(V1, "v1.json")
    assert (doc.version, doc.migrated_from) == (2, 1)
    entry = doc.responses["leathard-terms"]
    assert (entry.answer, entry.shown, entry.seed) == ({"a": "b"}, ["a"], None)  # a v1 file cannot bring a seed


def test_version_2_keeps_its_seed_and_is_not_migrated():
    doc = parse({**V1, "version": 2}, "v2.json")
    assert (doc.migrated_from, doc.responses["leathard-terms"].seed) == (None, 5)


def test_a_file_cannot_claim_to_be_migrated():
    assert parse({**V1, "version": 2, "migrated_from": 1}, "x.json").migrated_from is None


@pytest.mark.parametrize("version", [3, 0, True, "2", 2.0, None])
def test_other_versions_are_refused(version):
    with pytest.raises(ExerciseError, match="format version"):
        parse({**V1, "version": version}, "odd.json")


@pytest.mark.parametrize("seed", [-1, 2**32, "123", 1.5, True, [1]])
def test_bad_seeds_are_refused_with_the_field(seed):
    data = {**V1, "version": 2, "responses": {"x": {"answer": "a", "seed": seed}}}
    with pytest.raises(ExerciseError) as err:
        parse(data, "bad.json")
    assert err.value.problems[0].field.startswith("responses.x.seed")
    assert err.value.problems[0].file == "bad.json"


def test_recording_into_a_version_1_file_writes_version_2(tmp_path):
    path = tmp_path / "my-answers.json"
    path.write_text(json.dumps(V1), encoding="utf-8")
    record(path, "continuum-order", Response(answer=["x"], seed=9))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == 2 and "migrated_from" not in saved
    assert saved["responses"]["continuum-order"]["seed"] == 9
    assert saved["responses"]["leathard-terms"]["answer"] == {"a": "b"}
    assert load(path).migrated_from is None
