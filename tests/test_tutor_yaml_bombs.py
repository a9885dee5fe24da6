"""YAML aliases that expand without end ("billion laughs"), or hold themselves, in one exercise file: a clear
problem for that file, found quickly and in little memory, in ``validate`` and every command that loads a
bank; the other files still load."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from tutor_data import write_bank

from coursewidgets.core.bank import check_bank, check_file

COMMANDS = {
    "validate": ["validate", "{bank}"],
    "assign": ["assign", "single-choice", "--title", "t", "--bank", "{bank}", "--out", "{tmp}/t"],
    "grade": ["grade", "{tmp}", "--bank", "{bank}", "--out", "{tmp}/graded"],
    "export": ["export", "--bank", "{bank}", "--out", "{tmp}/q.xml"],
}


def _chain(levels: int, fanout: int, merge: bool = False) -> str:
    """Each level repeats the one below ``fanout`` times, as a list or by merge keys (``<<``)."""
    if merge:
        lines = ["l0: &l0 {x: 1, y: 2}"]
        lines += [f"l{n}: &l{n}\n  <<: [{', '.join([f'*l{n - 1}'] * fanout)}]" for n in range(1, levels)]
    else:
        lines = ["l0: &l0 [lol, lol]"]
        lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * fanout)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


BOMBS = {
    "classic": _chain(10, 9),
    "narrow-and-deep": _chain(60, 2),
    "wide": _chain(4, 400),
    "merge-keys": _chain(10, 9, merge=True),
    "in-a-field": "id: bomb\nkind: single_choice\nprompt: &f0 [a, b, c, d, e, f, g, h, i, j]\n"
                  + "".join(f"f{n}: &f{n} [{', '.join([f'*f{n - 1}'] * 10)}]\n" for n in range(1, 9)),
    "self": "id: bomb\nitems: &a [one, *a]\n",
    "mapping-self": "id: bomb\nm: &m {k: *m}\n",
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_bomb_is_that_files_problem_quickly_and_in_little_memory(tmp_path, name):
    bank = write_bank(tmp_path / "bank")
    (bank / "bomb.yml").write_text(BOMBS[name])
    tracemalloc.start()
    start = time.perf_counter()
    exercises, problems = check_bank(bank)
    took, (_, peak) = time.perf_counter() - start, tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert took < 5 and peak < 50_000_000, (took, peak)
    assert len(exercises) == 6  # every other file loaded
    assert [(Path(p.file).name, p.field) for p in problems] == [("bomb.yml", "")]
    assert "alias" in problems[0].message and ("holds itself" in problems[0].message or "100,000" in problems[0].message)


def test_a_few_aliases_are_still_fine(tmp_path):
    bank = write_bank(tmp_path / "bank")
    text = (bank / "ordering.yml").read_text()
    (bank / "ordering.yml").write_text(text.replace("title: T", "title: &words Steps", 1).replace("prompt: P", "prompt: *words", 1))
    exercise, problems = check_file(bank / "ordering.yml")
    assert problems == [] and exercise is not None and exercise.prompt == exercise.title == "Steps"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_that_loads_a_bank_refuses_a_bomb(tmp_path, command):
    bank = write_bank(tmp_path / "bank")
    (bank / "bomb.yml").write_text(BOMBS["classic"])
    args = [a.format(bank=bank, tmp=tmp_path) for a in COMMANDS[command]]
    exe = Path(sys.executable).with_name("coursewidgets")
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory)
    assert done.returncode == 1, done.stderr
    assert f"{bank / 'bomb.yml'}: " in done.stderr and "(a \"billion laughs\" file?)" in done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
