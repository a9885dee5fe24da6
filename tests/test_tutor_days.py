"""Checks saved with a UTC offset count on the learner's day (here in UTC and five hours west); the report's top and bottom 27% groups are sized in
exact integer arithmetic (one student too many at 900, 1,700, 3,300 ... in floating point)."""

from __future__ import annotations

import json
from fractions import Fraction
from math import ceil

import pytest

from coursewidgets.core.responses import Response
from datetime import timedelta, timezone

from coursewidgets.core.schedule import day_of, plan
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.gradebook import Gradebook, Row, groups


@pytest.mark.parametrize("at, day", [
    ("2026-12-01T23:30:00-05:00", "2026-12-02"),
    ("2026-12-01T00:30+01:00", "2026-11-30"),
    ("2026-12-01T00:30:00.123+0100", "2026-11-30"),
    ("2026-12-01T19:00-05:00", "2026-12-02"),
    ("2026-12-01T18:59-05:00", "2026-12-01"),
    ("2026-12-31T20:00:00-05:00", "2027-01-01"),
    ("2028-02-28T22:00-03:00", "2028-02-29"),
    ("1970-01-01T00:00+00:01", "1969-12-31"),
    ("2026-12-01T23:59:59.999Z", "2026-12-01"),
    ("2026-12-01T10:00:00+00:00", "2026-12-01"),
    ("2026-12-01T23:00", "2026-12-01"),  # no offset: taken as UTC
    ("2026-12-01", "2026-12-01"),
    ("2026-12-01T25:00+05:00", "2026-12-01"),  # not a time: the date as written
    ("2026-12-01 23:30-05:00", "2026-12-02"),
])
def test_a_checks_day_is_its_day_where_the_learner_is(at, day):
    assert day_of(at, timezone.utc).isoformat() == day


@pytest.mark.parametrize("at, day", [
    ("2026-12-02T03:30:00Z", "2026-12-01"),  # the evening before, five hours west
    ("2026-12-01T23:30:00-05:00", "2026-12-01"),
    ("2026-12-02T04:59:59+00:00", "2026-12-01"),
    ("2026-12-02T05:00:00+00:00", "2026-12-02"),
])
def test_west_of_greenwich_a_late_check_counts_on_the_learners_evening(at, day):
    assert day_of(at, timezone(timedelta(hours=-5))).isoformat() == day


def test_a_check_saved_west_of_greenwich_counts_on_the_day_where_the_plan_is_made():
    entry = Response.model_validate({"history": [
        {"at": "2026-12-01T10:00:00Z", "score": 1, "max": 1, "confidence": 3},
        {"at": "2026-12-01T23:30:00-05:00", "score": 1, "max": 1, "confidence": 3},  # 2 December in UTC
    ]})
    p = plan("x", entry, timezone.utc)
    assert p is not None and (p.box, p.last, p.due) == (2, "2026-12-02", "2026-12-05")
    west = plan("x", entry, timezone(timedelta(hours=-5)))
    assert west is not None and (west.box, west.last) == (1, "2026-12-01")  # both Checks on one day there


def test_the_review_command_counts_in_this_computers_time_zone(tmp_path, capsys, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"format": "coursewidgets-responses", "version": 2, "responses": {"x": {"history": [
        {"at": "2026-12-01T23:30:00-05:00", "score": 1, "max": 1}]}}}))
    assert main(["review", str(path), "--today", "2026-12-02"]) == 0
    assert "right on Wednesday 2 December" in capsys.readouterr().out


def _book(n: int) -> Gradebook:
    return Gradebook([], [Row(f"s{k}", f"s{k}.json", {}) for k in range(n)], [])


@pytest.mark.parametrize("n", [2, 3, 99, 100, 900, 1700, *range(3300, 3701, 100), 10_000, 100_000])
def test_each_group_is_27_percent_rounded_up_exactly(n):
    bottom, top = groups(_book(n))
    assert len(bottom) == len(top) == ceil(Fraction(27, 100) * n)
