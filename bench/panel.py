"""Panels of simulated students for the quiz bank: a keyless question sheet out, an answer sheet scored.

    python bench/panel.py sheet OUT_DIR [--seed N] [--round R]  # OUT_DIR/questions.md (for the panel), OUT_DIR/map.json
    python bench/panel.py score OUT_DIR ANSWERS.txt     # per exercise and variant, and the total

The sheet holds every variant of every marked exercise (with ``--round R``, one variant of each, the R-th, as a
learner meets one at a time; rounds 1, 2, 3 cover every variant of up to three) as a learner meets it (title, prompt, the parts in
one seeded layout, a sampled classification's drawn items) with neutral labels (letters for options,
categories, targets and steps; numbers for items) and nothing that marks an answer: no key, feedback,
source or level. ``map.json`` (never shown to the panel) turns labels back into ids. Answers are lines
``Q07: B`` (single), ``Q07: A C`` (multiple), ``Q07: 1B 2A 3C`` (items to categories or targets),
``Q07: C A B D`` (steps, first to last); the Python grader marks them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "widgets" / "src"))

from coursewidgets.core.bank import load_bank  # noqa: E402
from coursewidgets.core.grading import grade  # noqa: E402
from coursewidgets.core.layout import layout, pick, variants_of  # noqa: E402
from coursewidgets.core.models import Classification, Exercise, Matching, Ordering, Reflection  # noqa: E402

LETTERS = string.ascii_uppercase
HOW = {
    "single_choice": "Choose one letter.",
    "multiple_select": "Choose every letter that applies (one or more).",
    "classification": "Give each numbered item one letter, e.g. 1B 2A.",
    "matching": "Give each numbered item one letter, e.g. 1B 2A (a letter may be left unused).",
    "ordering": "Give the letters in the right order, first to last.",
}


def _seed_for(ex: Exercise, k: int, rng: random.Random) -> int:
    """A random seed that asks variant ``k``."""
    n = len(variants_of(ex))
    return n * rng.randrange(2**32 // n) + k


def _question(qid: str, ex: Exercise, k: int, seed: int) -> tuple[str, dict[str, Any]]:
    """One question of the sheet as Markdown, and what its labels mean."""
    v, lay = pick(ex, seed), layout(ex, seed)
    lines = [f"## {qid}: {ex.title}", "", v.prompt, ""]
    entry: dict[str, Any] = {"exercise": ex.id, "variant": k, "seed": seed, "kind": ex.kind}
    if ex.kind in ("single_choice", "multiple_select"):
        entry["letters"] = lay["options"]
        texts = {o.id: o.text for o in v.options}  # type: ignore[union-attr]
        lines += [f"{LETTERS[i]}. {texts[o]}" for i, o in enumerate(lay["options"])]
    elif isinstance(v, (Classification, Matching)):
        choices = v.categories if isinstance(v, Classification) else v.targets
        order = lay.get("targets") or [c.id for c in choices]
        labels = {c.id: c.label for c in choices}
        texts = {e.id: e.text for e in (v.items if isinstance(v, Classification) else v.pairs)}
        entry["letters"], entry["numbers"], entry["shown"] = order, lay["items"], lay.get("shown")
        lines += ["Items:", *(f"{i + 1}. {texts[e]}" for i, e in enumerate(lay["items"])), "", "Choices:",
                  *(f"{LETTERS[i]}. {labels[c]}" for i, c in enumerate(order))]
    elif isinstance(v, Ordering):
        texts = {s.id: s.text for s in v.steps}
        entry["letters"] = lay["order"]
        lines += [f"{LETTERS[i]}. {texts[s]}" for i, s in enumerate(lay["order"])]
    lines += ["", f"*{HOW[ex.kind]}* Answer as a line `{qid}: ...`", ""]
    return "\n".join(lines), entry


def sheet(bank: dict[str, Exercise], seed: int, round_: int | None = None) -> tuple[str, dict[str, Any]]:
    """The panel's question sheet (every variant of every marked exercise, or in round R the R-th variant of
    each, in a shuffled order) and its map."""
    rng = random.Random(seed)
    asks = [(ex, k) for ex in bank.values() if not isinstance(ex, Reflection) for k in range(len(variants_of(ex)))
            if round_ is None or k == (round_ - 1) % len(variants_of(ex))]
    rng.shuffle(asks)
    parts, mapping = ["# Questions", ""], {}
    for n, (ex, k) in enumerate(asks, 1):
        qid = f"Q{n:02d}"
        text, mapping[qid] = _question(qid, ex, k, _seed_for(ex, k, rng))
        parts.append(text)
    return "\n".join(parts), mapping


def parse_answer(entry: dict[str, Any], text: str) -> Any:
    """A panel's answer (labels) as the answer ids the grader reads; None when unreadable."""
    letters = entry["letters"]

    def letter(c: str) -> str | None:
        i = LETTERS.find(c.upper())
        return letters[i] if 0 <= i < len(letters) else None

    if entry["kind"] in ("classification", "matching"):
        pairs = re.findall(r"(\d+)\s*[:=\-]?\s*([A-Za-z])\b", text)
        numbers = entry["numbers"]
        return {numbers[int(n) - 1]: letter(c) for n, c in pairs if 0 < int(n) <= len(numbers) and letter(c)}
    picked = [x for x in (letter(c) for c in re.findall(r"\b([A-Za-z])\b", text)) if x]
    if entry["kind"] == "single_choice":
        return picked[0] if picked else None
    return picked


def score(bank: dict[str, Exercise], mapping: dict[str, Any], answers: str) -> dict[str, Any]:
    """Marks per question, per exercise and in all, graded by the Python grader."""
    given = dict(re.findall(r"^\s*\**(Q\d+)\**\s*[:.)]\s*(.*)$", answers, flags=re.M))
    per: dict[str, dict[str, Any]] = {}
    total = out_of = 0
    for qid, entry in mapping.items():
        ex = bank[entry["exercise"]]
        g = grade(ex, parse_answer(entry, given.get(qid, "")), entry.get("shown"), entry["seed"])
        row = per.setdefault(ex.id, {"score": 0, "max": 0, "variants": {}})
        row["score"] += g.score
        row["max"] += g.max
        row["variants"][entry["variant"] + 1] = f"{g.score}/{g.max}"
        total, out_of = total + g.score, out_of + g.max
    return {"total": total, "max": out_of, "percent": round(100 * total / out_of, 1) if out_of else 0.0,
            "exercises": per}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sheet")
    s.add_argument("out", type=Path)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--round", type=int, dest="round_", help="one variant of each exercise: the R-th (from 1)")
    r = sub.add_parser("score")
    r.add_argument("out", type=Path)
    r.add_argument("answers", type=Path)
    p.add_argument("--bank", type=Path, default=ROOT / "exercises")
    args = p.parse_args(argv)
    bank = load_bank(args.bank)
    if args.command == "sheet":
        args.out.mkdir(parents=True, exist_ok=True)
        text, mapping = sheet(bank, args.seed, args.round_)
        (args.out / "questions.md").write_text(text)
        (args.out / "map.json").write_text(json.dumps(mapping, indent=1))
        print(f"wrote {args.out / 'questions.md'} ({len(mapping)} questions) and {args.out / 'map.json'}")
        return 0
    result = score(bank, json.loads((args.out / "map.json").read_text()), args.answers.read_text())
    for ex_id, row in sorted(result["exercises"].items()):
        print(f"{ex_id:<28} {row['score']:>3}/{row['max']:<3} {' '.join(f'v{k}:{m}' for k, m in row['variants'].items())}")
    print(f"TOTAL {result['total']}/{result['max']} = {result['percent']}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
