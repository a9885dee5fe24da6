"""Spaced review in Python: the Leitner boxes from a learner's history of Checks, and the review command."""

from __future__ import annotations

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from coursewidgets.core.responses import parse
from coursewidgets.core.schedule import DAILY, INTERVALS, agenda, day_of, plan, schedule
from coursewidgets.tutor.cli import main


def doc(**histories):
    responses = {ex: {"answer": None, "history": [{"at": at, "score": s, "max": m, **({"confidence": c} if c else {})}
                                                  for at, s, m, c in h]} for ex, h in histories.items()}
    return parse({"format": "coursewidgets-responses", "version": 2, "responses": responses}, "t.json")


def one(history):
    return plan("x", doc(x=history).responses["x"])


def test_a_first_check_puts_an_exercise_in_box_1_due_the_next_day():
    p = one([("2026-12-01T09:00:00Z", 1, 1, 3)])
    assert (p.box, p.last, p.due, p.reviews) == (1, "2026-12-01", "2026-12-02", 1)


def test_right_on_time_moves_up_through_every_box_and_stays_at_the_top():
    day, history, boxes = date(2026, 12, 1), [], []
    for _ in range(7):
        history.append((day.isoformat(), 2, 2, 3))
        p = one(history)
        boxes.append(p.box)
        day = date.fromisoformat(p.due)
    assert boxes == [1, 2, 3, 4, 5, 5, 5]
    assert INTERVALS == (1, 3, 7, 14, 30)


def test_wrong_goes_back_to_box_1_and_partial_marks_are_wrong():
    history = [("2026-12-01", 1, 1, None), ("2026-12-02", 1, 1, None), ("2026-12-05", 1, 1, None)]
    assert one(history).box == 3
    assert one([*history, ("2026-12-06", 2, 3, 3)]).box == 1
    assert one([*history, ("2026-12-06", 2, 3, 3)]).due == "2026-12-07"


def test_guessing_right_keeps_the_box_so_it_comes_back_sooner():
    sure = one([("2026-12-01", 1, 1, None), ("2026-12-02", 1, 1, 3)])
    guess = one([("2026-12-01", 1, 1, None), ("2026-12-02", 1, 1, 1)])
    assert (sure.box, sure.due) == (2, "2026-12-05")
    assert (guess.box, guess.due) == (1, "2026-12-03")


def test_checking_again_before_it_is_due_does_not_promote():
    p = one([("2026-12-01", 1, 1, 3), ("2026-12-01", 1, 1, 3), ("2026-12-01T23:59:00Z", 1, 1, 3)])
    assert (p.box, p.due, p.reviews) == (1, "2026-12-02", 3)


def test_history_out_of_order_is_read_oldest_first_and_reflections_are_left_out():
    shuffled = one([("2026-12-02", 1, 1, None), ("2026-12-01", 0, 1, None)])
    assert (shuffled.box, shuffled.last) == (2, "2026-12-02")
    assert one([("2026-12-01", 0, 0, None)]) is None
    assert plan("x", parse({"format": "coursewidgets-responses", "version": 2,
                            "responses": {"x": {"answer": "a", "score": 1, "max": 1}}}, "t").responses["x"]) is None


def test_the_schedule_lists_the_soonest_first():
    plans = schedule(doc(b=[("2026-12-01", 1, 1, 3)], a=[("2026-12-01", 1, 1, 3)], c=[("2026-11-20", 0, 1, 3)]))
    assert [p.exercise for p in plans] == ["c", "a", "b"]
    assert [p.is_due(date(2026, 12, 1)) for p in plans] == [True, False, False]


def test_no_day_holds_more_than_five_and_today_does_not_grow():
    crammed = doc(**{f"e{n:02d}": [("2026-12-01T21:00:00Z", n % 2, 1, 3)] for n in range(12)})
    slots = agenda(crammed, date(2026, 12, 2))
    assert [s.when for s in slots] == ["2026-12-02"] * 5 + ["2026-12-03"] * 5 + ["2026-12-04"] * 2
    assert [s.plan.exercise for s in slots][:5] == ["e00", "e01", "e02", "e03", "e04"]
    assert DAILY == 5
    histories = {f"e{n:02d}": [("2026-12-01T21:00:00Z", n % 2, 1, 3)] for n in range(12)}
    histories["e00"] = [*histories["e00"], ("2026-12-02T08:00:00Z", 1, 1, 3)]  # one of today's set reviewed
    slots = agenda(doc(**histories), date(2026, 12, 2))
    today = [(s.plan.exercise, s.done) for s in slots if s.when == "2026-12-02"]
    assert today == [("e00", True), ("e01", False), ("e02", False), ("e03", False), ("e04", False)]


def test_days_are_the_learners_own():
    late = doc(x=[("2026-12-02T04:00:00Z", 1, 1, 3)])  # 20:00 on 1 December in Los Angeles
    assert plan("x", late.responses["x"], ZoneInfo("America/Los_Angeles")).last == "2026-12-01"
    assert plan("x", late.responses["x"], ZoneInfo("Asia/Tokyo")).last == "2026-12-02"
    assert plan("x", doc(x=[("2026-12-01T23:30:00", 1, 1, 3)]).responses["x"], ZoneInfo("Asia/Tokyo")).last == "2026-12-01"
    assert day_of("2026-12-01", ZoneInfo("Asia/Tokyo")) == date(2026, 12, 1)


def test_the_review_command_says_what_is_due_and_why(tmp_path, capsys):
    path = tmp_path / "my-answers.json"
    path.write_text(json.dumps({"format": "coursewidgets-responses", "version": 2, "responses": {
        "continuum-order": {"answer": [], "history": [{"at": "2026-12-01", "score": 0, "max": 4, "confidence": 3}]},
        "leathard-terms": {"answer": {}, "history": [{"at": "2026-12-01", "score": 12, "max": 12},
                                                    {"at": "2026-12-02", "score": 12, "max": 12, "confidence": 3}]}}}))
    assert main(["review", str(path), "--today", "2026-12-02"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Today, Wednesday 2 December: 2 to review, 1 done.",
        "done today             box 2 of 5  leathard-terms (right on Wednesday 2 December: box 2 waits 3 days)",
        "today                  box 1 of 5  continuum-order (0 of 4 on Tuesday 1 December)"]
    assert main(["review", str(path), "--today", "2026-12-10"]) == 0
    assert capsys.readouterr().out.startswith("Today, Thursday 10 December: 2 to review, 0 done.")
    assert main(["review", str(path), "--today", "2027-01-10"]) == 0
    assert "Tuesday 1 December 2026" in capsys.readouterr().out


def test_the_review_command_reports_a_bad_file_with_its_field(tmp_path, capsys):
    path = tmp_path / "my-answers.json"
    path.write_text(json.dumps({"format": "coursewidgets-responses", "version": 2,
                                "responses": {"x": {"history": [{"at": "soon", "score": 1, "max": 1}]}}}))
    assert main(["review", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "responses.x.history.0.at" in err
    with pytest.raises(SystemExit):
        main(["review", str(path), "--today", "tomorrow"])
