"""The site's JavaScript and the Python core agree: on the layout of every exercise for many seeds (0 and
2**32 - 1 among them), on the grade of thousands of generated answers in response format 2's shapes,
with the items a seed draws and with forged ``shown`` lists, on the confidence mark of every score at
every certainty level, and on the review schedule of thousands of generated histories. With variants
(``VARIED``, one exercise of every kind): on the variant every seed asks, on the seed of a new attempt
(``next_seed``), and on the layout and grade of the variant asked, answers of other variants among them.
The JavaScript gets each exercise as the page carries it (``render.html.page_data``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import EXERCISES
from exercises_for_tests import ALL, VARIED, make, opt

from coursewidgets.core.bank import load_bank
from coursewidgets.core.confidence import describe, mark
from coursewidgets.core.bank import ExerciseError
from coursewidgets.core.responses import Response, parse
from coursewidgets.core.schedule import agenda, plan
from coursewidgets.core.grading import grade
from coursewidgets.core.layout import draw, layout, next_seed, pick, variant_index, variants_of
from coursewidgets.core.models import Classification, Exercise, Matching, MultipleSelect, Ordering, SingleChoice
from coursewidgets.render.html import page_data

pytestmark = pytest.mark.browser
JUNK: list[Any] = [None, True, 0, 2.5, "", "   ", "zzz", [], {}, [1, None], {"a": 1}, ["x", ["y"]], "\u00a0text\u2003"]
PINNED = make("multiple_select", options=[{**opt("first", True), "pin": True}, opt("b", True), opt("c"), opt("d"),
                                          {**opt("none"), "pin": True}]).model_copy(update={"id": "pinned-select"})
EDGE_SEEDS = [0, 1, 2**31 - 1, 2**31, 2**32 - 2, 2**32 - 1]


def exercises() -> list[Exercise]:
    return [*load_bank(EXERCISES).values(), *ALL, PINNED, *VARIED]


def ids_of(ex: Exercise) -> tuple[list[str], list[str]]:
    """(things answered about, values they take) for an exercise."""
    if isinstance(ex, (SingleChoice, MultipleSelect)):
        return [o.id for o in ex.options], []
    if isinstance(ex, Classification):
        return [i.id for i in ex.items], [c.id for c in ex.categories]
    if isinstance(ex, Matching):
        return [p.id for p in ex.pairs], [t.id for t in ex.targets]
    if isinstance(ex, Ordering):
        return [s.id for s in ex.steps], []
    return [], []


def shown_for(ex: Exercise, seed: int, rng: random.Random) -> Any:
    """What a response might carry as ``shown``: the seed's draw, or a forged list of one kind or another."""
    keys, _ = ids_of(ex)
    if not isinstance(ex, Classification) or rng.random() < 0.2:
        return rng.choice([None, rng.choice(JUNK)])
    drawn = draw(ex, seed) or keys
    forged = [
        drawn,
        rng.sample(keys, rng.randint(0, len(keys))),  # any length, known ids
        drawn + rng.sample(keys, 3),  # too long, with repeats
        [drawn[0]] * len(drawn),  # one item over and over
        ["ghost", "__proto__", *drawn],  # unknown ids first
        drawn[::-1][: max(0, len(drawn) - 2)],  # too short
        [*drawn[:2], 7, None, *drawn[2:]],  # not all strings
    ]
    return rng.choice(forged)


def answer_for(ex: Exercise, shown_order: list[str], rng: random.Random) -> Any:
    keys, values = ids_of(ex)
    keys_plus = keys + ["ghost", "__proto__"]
    pick = rng.random()
    if pick < 0.15:
        return rng.choice(JUNK)
    if ex.kind == "single_choice":
        return shown_order[0] if pick < 0.3 else rng.choice(keys_plus)
    if ex.kind == "ordering":
        return shown_order if pick < 0.4 else [rng.choice(keys_plus) for _ in range(rng.randint(0, len(keys) + 2))]
    if ex.kind == "multiple_select":
        return shown_order[: rng.randint(1, len(keys))] if pick < 0.4 else [rng.choice(keys_plus) for _ in range(rng.randint(0, len(keys) + 2))]
    if ex.kind in ("classification", "matching"):
        if pick < 0.4:
            return {k: rng.choice(values) for k in shown_order}
        return {rng.choice(keys_plus): rng.choice(values + ["nope", ""]) for _ in range(rng.randint(0, len(keys)))}
    return rng.choice(["", " \t\n", "My answer", "\u00a0", rng.choice(JUNK)])


def in_page(page, site_url: str, script: str, cases: list[dict[str, Any]],
            url: str = "/chapters/02-defining-partnership.html") -> list[Any]:
    page.goto(f"{site_url}{url}")
    page.wait_for_function("() => !!(window.coursewidgets && window.coursewidgets.layout)")
    return page.evaluate(script, cases)


def test_javascript_and_python_lay_out_alike(site_url, page):
    rng = random.Random(20261129)
    cases = [{"ex": page_data(ex), "seed": seed} for ex in exercises()
             for seed in [*EDGE_SEEDS, *(rng.randrange(2**32) for _ in range(60))]]
    from_js = in_page(page, site_url, "cases => cases.map(c => window.coursewidgets.layout(c.ex, c.seed))", cases)
    by_id = {ex.id: ex for ex in exercises()}
    mismatches = [(c["ex"]["id"], c["seed"], js) for c, js in zip(cases, from_js) if layout(by_id[c["ex"]["id"]], c["seed"]) != js]
    assert len(cases) > 2000
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"
    pinned = {tuple(js["options"]) for c, js in zip(cases, from_js) if c["ex"]["id"] == PINNED.id}
    assert len(pinned) > 3 and all(p[0] == "first" and p[-1] == "none" for p in pinned)


def test_javascript_and_python_grade_alike(site_url, page):
    rng = random.Random(20261122)
    cases = []
    for _ in range(60):
        for ex in exercises():
            seed = rng.choice([*EDGE_SEEDS, rng.randrange(2**32), *([None] if ex.variants else [])])
            shown_order = next(iter(layout(ex, seed or 0).values()), [])
            asked = pick(ex, seed or 0)
            answered = rng.choice(variants_of(ex)) if rng.random() < 0.3 else asked  # now and then another's ids
            cases.append({"ex": page_data(ex), "answer": answer_for(answered, shown_order, rng),
                          "shown": shown_for(asked, seed or 0, rng), "seed": seed})
    from_js = in_page(page, site_url,
                      "cases => cases.map(c => window.coursewidgets.grade(c.ex, c.answer, c.shown, c.seed))", cases)
    by_id = {ex.id: ex for ex in exercises()}
    mismatches = []
    for case, js in zip(cases, from_js):
        py = grade(by_id[case["ex"]["id"]], case["answer"], case["shown"], case["seed"]).as_dict()
        if py != js:
            mismatches.append((case["ex"]["id"], case["answer"], case["shown"], py, js))
    assert len(cases) > 2000
    assert len({(r["score"], r["max"], r["complete"]) for r in from_js}) > 20  # the answers really vary
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"


def test_javascript_and_python_ask_the_same_variant(site_url, page):
    """The variant every seed asks, whole, for every exercise (``VARIED``'s two and three variants among them)."""
    rng = random.Random(20261204)
    cases = [{"ex": page_data(ex), "seed": seed} for ex in exercises()
             for seed in [*EDGE_SEEDS, *(rng.randrange(2**32) for _ in range(20 if ex.variants else 2))]]
    script = """cases => cases.map(c => {
      const {variants, ...asked} = window.coursewidgets.pick(c.ex, c.seed);
      return [window.coursewidgets.variantIndex(c.ex, c.seed), window.coursewidgets.variantsOf(c.ex).length, asked];
    })"""
    from_js = in_page(page, site_url, script, cases)
    by_id = {ex.id: ex for ex in exercises()}
    py = [[variant_index(ex, c["seed"]), len(variants_of(ex)), page_data(pick(ex, c["seed"]))]
          for c in cases for ex in [by_id[c["ex"]["id"]]]]
    assert {(p[0], p[1]) for p in py} >= {(0, 2), (1, 2), (0, 3), (1, 3), (2, 3), (0, 1)}  # every variant is asked
    mismatches = [(c["ex"]["id"], c["seed"], p[:2], js[:2]) for c, p, js in zip(cases, py, from_js) if p != js]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"


def test_javascript_and_python_make_the_same_next_seed(site_url, page):
    """A new attempt's seed from the same 32 random bits and previous seed, at the edges of the range too
    (where moving to another variant would pass 2**32 - 1)."""
    rng = random.Random(20261205)
    edges = [0, 1, 2, 3, 5, 2**32 - 7, 2**32 - 3, 2**32 - 2, 2**32 - 1]
    cases = []
    for ex in [*VARIED, ALL[0]]:
        for bits in [*edges, *(rng.randrange(2**32) for _ in range(300))]:
            for previous in [None, *edges[:6], bits, rng.randrange(2**32)]:
                cases.append({"ex": page_data(ex), "bits": bits, "previous": previous})
    from_js = in_page(page, site_url,
                      "cases => cases.map(c => window.coursewidgets.nextSeed(c.ex, c.bits, c.previous))", cases)
    by_id = {ex.id: ex for ex in [*VARIED, ALL[0]]}
    py = [next_seed(by_id[c["ex"]["id"]], c["bits"], c["previous"]) for c in cases]
    assert all(0 <= s < 2**32 for s in py)
    moved = [(c, s) for c, s in zip(cases, py) if c["previous"] is not None and len(by_id[c["ex"]["id"]].variants) > 1]
    assert all(s % len(by_id[c["ex"]["id"]].variants) != c["previous"] % len(by_id[c["ex"]["id"]].variants)
               for c, s in moved)
    assert any(s != c["bits"] for c, s in moved) and any(c["bits"] > 2**32 - 4 and s != c["bits"] for c, s in moved)
    mismatches = [(c["ex"]["id"], c["bits"], c["previous"], p, js) for c, p, js in zip(cases, py, from_js) if p != js]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"


def test_javascript_and_python_mark_confidence_alike(site_url, page):
    levels: list[Any] = [None, 1, 2, 3, 0, 4, -1, "3", True, [3]]  # (a float 2.0 is the int 2 in JavaScript)
    cases = [{"score": s, "max": m, "level": c} for m in range(0, 13) for s in range(0, m + 1) for c in levels]
    script = """cases => cases.map(c => [window.coursewidgets.confidenceMark(c.score, c.max, c.level),
                                         window.coursewidgets.describeConfidence(c.score, c.max, c.level)])"""
    from_js = in_page(page, site_url, script, cases)
    py = [[mark(c["score"], c["max"], c["level"]), describe(c["score"], c["max"], c["level"])] for c in cases]
    assert len({js[0] for js in from_js}) > 20  # the marks really vary
    mismatches = [(c, p, js) for c, p, js in zip(cases, py, from_js) if p[0] != js[0]]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"
    # the words agree too, except where a mark ends in exactly 5 thousandths (Python rounds such ties to even)
    words = [(c, p, js) for c, p, js in zip(cases, py, from_js) if p[1] != js[1] and (1000 * (p[0] or 0)) % 10 != 5]
    assert not words, words[:3]


def history_for(rng: random.Random) -> list[dict[str, Any]]:
    """A learner's Checks: days spread over months (some with a time, some on the same day, some out of
    order), every mark from 0 to full, every certainty level or none, and reflections' unmarked Checks."""
    start, out = date(2026, 11, 1) + timedelta(days=rng.randrange(60)), []
    day = start
    for _ in range(rng.randrange(0, 14)):
        day += timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 4, 7, 8, 14, 15, 30, 31, 45]))
        at = day.isoformat() + rng.choice(["", "T00:00:00Z", "T23:59:59.999Z", "T10:00:00+00:00", "T06:30:00+05:30",
                                           "T20:00:00-08:00", "T04:00:00Z", "T23:30:00", "T23:30:00-05:00"])
        maximum = rng.choice([0, 1, 1, 2, 4, 12])
        score = rng.choice([maximum, maximum, rng.randint(0, maximum)])
        out.append({"at": at, "score": score, "max": maximum, "confidence": rng.choice([None, 1, 2, 3])})
    if out and rng.random() < 0.2:
        rng.shuffle(out)
    return out


ZONE = "America/Los_Angeles"


def test_javascript_and_python_schedule_alike(site_url, browser):
    """Plans of generated histories, and the day-by-day agenda (five a day) of generated learners, agree in a
    browser set to Los Angeles time and in Python told that time zone."""
    rng = random.Random(20261201)
    cases = [history_for(rng) for _ in range(3000)]
    context = browser.new_context(timezone_id=ZONE)
    try:
        page = context.new_page()
        from_js = in_page(page, site_url, "cases => cases.map(h => window.coursewidgets.review.plan('x', {history: h}))",
                          cases, url="/chapters/review.html")
        learners = [{"today": (date(2026, 11, 1) + timedelta(days=rng.randrange(120))).isoformat(),
                     "responses": {f"e{n}": {"history": history_for(rng)} for n in range(rng.randrange(1, 40))}}
                    for _ in range(150)]
        agendas = page.evaluate("cases => cases.map(c => window.coursewidgets.review.agenda(c, c.today))", learners)
    finally:
        context.close()
    py = [plan("x", Response.model_validate({"history": h}), ZoneInfo(ZONE)) for h in cases]
    py_dicts = [vars(p) if p else None for p in py]
    assert len({(p["box"], p["reviews"]) for p in py_dicts if p}) > 20  # the plans really vary
    assert {p["box"] for p in py_dicts if p} == {1, 2, 3, 4, 5}
    mismatches = [(h, p, js) for h, p, js in zip(cases, py_dicts, from_js) if p != js]
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ; first: {mismatches[0]}"

    py_agendas = [[{"plan": vars(s.plan), "when": s.when, "done": s.done} for s in
                   agenda(parse({"format": "coursewidgets-responses", "version": 2, "responses": c["responses"]}, "t"),
                          date.fromisoformat(c["today"]), ZoneInfo(ZONE))] for c in learners]
    assert sum(s["done"] for a in py_agendas for s in a) > 10 and max(len(a) for a in py_agendas) > 20
    differ = [(c, p, js) for c, p, js in zip(learners, py_agendas, agendas) if p != js]
    assert not differ, f"{len(differ)} of {len(learners)} agendas differ; first: {differ[0][1:]}"


def test_javascript_and_python_accept_the_same_confidence_and_history(site_url, page):
    """A response entry's ``confidence`` and ``history`` are refused by the page exactly when Python refuses
    them (floats that are whole numbers aside: JavaScript cannot tell 2.0 from 2)."""
    check = {"at": "2026-11-29T10:00:00Z", "score": 1, "max": 1, "confidence": 3}
    entries: list[dict[str, Any]] = [{"confidence": c} for c in (1, 2, 3, None, 0, 4, -1, "2", True, 2.5, [3])]
    entries += [{"history": h} for h in (None, [], "2026-11-29", {"at": "2026-11-29"}, [check] * 1000, [check] * 1001)]
    entries += [{"history": [{**check, **change}]} for change in (
        {"at": "2026-11-29"}, {"at": "2026-02-28T23:59:59+05:00"}, {"at": "2026-02-30"}, {"at": "29/11/2026"},
        {"at": "1969-12-31"}, {"at": "1970-01-01"}, {"at": "9998-12-31"}, {"at": "9999-01-01"}, {"at": "20261129"},
        {"at": "\u0662\u0660\u0662\u0666-11-29"}, {"at": 5}, {"at": None}, {"score": -1}, {"score": 0}, {"score": 2.5},
        {"score": "1"}, {"max": 0}, {"max": True}, {"confidence": None}, {"confidence": 5}, {"confidence": "3"})]
    entries += [{"history": [{k: v for k, v in check.items() if k != gone}]} for gone in check]
    docs = [{"format": "coursewidgets-responses", "version": 2, "responses": {"x": {"answer": "a", **e}}} for e in entries]
    from_js = in_page(page, site_url, "docs => docs.map(d => window.coursewidgets.problem(d) === '')", docs)
    py = []
    for doc in docs:
        try:
            parse(doc, "t.json")
            py.append(True)
        except ExerciseError:
            py.append(False)
    assert 10 < sum(py) < len(py) - 10  # both kinds really occur
    mismatches = [(e, p, js) for e, p, js in zip(entries, py, from_js) if p != js]
    assert not mismatches, mismatches[:3]
