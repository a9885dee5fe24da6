"""bench/panel.py: the keyless sheet a simulated-student panel answers, and the scoring of its answers."""

from __future__ import annotations

import sys
from pathlib import Path

from tutor_data import variant_bank

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
import panel  # noqa: E402

from coursewidgets.core.layout import pick  # noqa: E402
from coursewidgets.core.models import Classification, Matching, MultipleSelect, Ordering, SingleChoice  # noqa: E402

VARIED = variant_bank(6, 2)
BANK = {ex.id: ex for ex in VARIED}


def _key_line(qid, entry):
    v = pick(BANK[entry["exercise"]], entry["seed"])
    letter = {ident: panel.LETTERS[i] for i, ident in enumerate(entry["letters"])}
    if isinstance(v, SingleChoice):
        return f"{qid}: {next(letter[o.id] for o in v.options if o.correct)}"
    if isinstance(v, MultipleSelect):
        return f"{qid}: " + " ".join(letter[o.id] for o in v.options if o.correct)
    if isinstance(v, (Classification, Matching)):
        answers = {e.id: e.answer for e in (v.items if isinstance(v, Classification) else v.pairs)}
        return f"{qid}: " + " ".join(f"{n}{letter[answers[i]]}" for n, i in enumerate(entry["numbers"], 1))
    assert isinstance(v, Ordering)
    return f"{qid}: " + " ".join(letter[s.id] for s in v.steps)


def test_the_sheet_holds_every_variant_and_no_key():
    text, mapping = panel.sheet(BANK, 3)
    assert len(mapping) == sum(len(ex.variants) for ex in VARIED if ex.kind != "reflection")
    for ex in VARIED:
        for v in ex.variants:
            assert (v.prompt in text) == (ex.kind != "reflection")
    assert "KEYFB" not in text and "correct" not in text and "feedback" not in text.lower()


def test_the_key_scores_full_marks_and_guesses_score_less():
    _, mapping = panel.sheet(BANK, 4)
    right = panel.score(BANK, mapping, "\n".join(_key_line(q, e) for q, e in mapping.items()))
    assert right["percent"] == 100.0 and right["max"] > 0
    all_a = panel.score(BANK, mapping, "\n".join(f"{q}: A" for q in mapping))
    assert 0 < all_a["total"] < right["total"]
    assert panel.score(BANK, mapping, "nothing readable")["total"] == 0


def test_the_course_bank_makes_a_sheet(tmp_path):
    assert panel.main(["sheet", str(tmp_path)]) == 0
    assert (tmp_path / "questions.md").read_text().count("## Q") > 20


def test_a_round_asks_one_variant_of_each_exercise():
    for r in (1, 2, 3):
        _, mapping = panel.sheet(BANK, 5, r)
        asked = [(e["exercise"], e["variant"]) for e in mapping.values()]
        assert sorted(asked) == sorted((ex.id, (r - 1) % len(ex.variants)) for ex in VARIED if ex.kind != "reflection")
