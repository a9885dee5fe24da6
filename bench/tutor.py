"""Tutor figures: grading classes of 10,000 and 100,000 response files with ``coursewidgets grade`` (wall time,
CPU time, peak memory), next to executing notebooks with nbclient as nbgrader's autograder would (a small
sample, extrapolated)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from figures import figure

CLASSES = (10_000, 100_000)
CLASS = CLASSES[0]
SAMPLE = 3
GOAL = "goal for 100,000: < 60 s wall, < 2 GB, on 2 cores"


def _memory(pid: int) -> int:
    """Bytes a process and all its descendants hold in memory (Linux /proc): the sum of their proportional
    set sizes, so pages that forked workers share with their parent count once, not once per process."""
    total, stack = 0, [pid]
    while stack:
        here = stack.pop()
        try:
            rollup = Path(f"/proc/{here}/smaps_rollup").read_text()
            children = Path(f"/proc/{here}/task/{here}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")), 0)
        stack.extend(int(c) for c in children)
    return total


def _replicate(seed: Path, folder: Path, copies: int) -> None:
    """``copies`` renamed copies of every file of ``seed`` (each a new student), written into ``folder``."""
    for path in sorted(seed.rglob("*.json")):
        text, stem = path.read_text(encoding="utf-8"), path.stem
        for n in range(copies):
            out = folder / path.parent.name / f"copy-{n}" / f"{stem}-{n}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text.replace(f'"{stem}"', f'"{stem}-{n}"'), encoding="utf-8")


def _grade(bank: Path, subs: Path, out: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the command and its workers) and peak memory of the process tree."""
    exe = Path(sys.executable).with_name("coursewidgets")
    before, start = os.times(), time.perf_counter()
    proc = subprocess.Popen([str(exe), "grade", str(subs), "--bank", str(bank), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def watch() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _memory(proc.pid))
            time.sleep(0.25)

    watcher = threading.Thread(target=watch)
    watcher.start()
    proc.wait()
    watcher.join()
    took, after = time.perf_counter() - start, os.times()
    if proc.returncode:
        raise SystemExit(f"grade failed with status {proc.returncode}")
    return took, after.children_user - before.children_user + after.children_system - before.children_system, peak


@figure
def class_grading(work: Path) -> list[tuple[str, str]]:
    """The whole command (start-up included) on 10,000 and 100,000 generated submissions, side by side; the
    machine's load is printed too, as other work on it stretches the wall time (CPU time does not stretch)."""
    from tutor_data import make_class, write_bank

    bank, seed = write_bank(work / "tutor-bank"), work / "class-seed"
    make_class(seed, CLASSES[0])
    rows = []
    for size in CLASSES:
        subs = seed if size == CLASSES[0] else work / f"class-{size}"
        if size != CLASSES[0]:
            _replicate(seed, subs, size // CLASSES[0])
        took, cpu, peak = _grade(bank, subs, work / f"graded-{size}")
        rows.append((f"grade {size:,} response files (CSV, report, {size:,} feedback pages)",
                     f"{took:.1f} s wall, {cpu:.1f} s CPU, peak {peak / 2**30:.2f} GB ({size / took:,.0f} files/s; "
                     f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})"))
    rows.append(("", GOAL))
    return rows


@figure
def variant_class_grading(work: Path) -> list[tuple[str, str]]:
    """The same class on a bank of 40 exercises with 3 variants each (issue 19's goal: as fast as above)."""
    from tutor_data import make_class, variant_bank, write_bank

    exercises = variant_bank(40, 3)
    bank, subs = write_bank(work / "variant-bank", exercises), work / "variant-class"
    make_class(subs, CLASS, bank=exercises)
    exe = Path(sys.executable).with_name("coursewidgets")
    start = time.perf_counter()
    subprocess.run([str(exe), "grade", str(subs), "--bank", str(bank), "--out", str(work / "variant-graded")],
                   check=True, capture_output=True)
    took = time.perf_counter() - start
    return [(f"grade {CLASS:,} response files on 40 exercises x 3 variants",
             f"{took:.1f} s wall ({CLASS / took:,.0f} files/s; goal < 30 s on 2 cores)")]


@figure
def notebook_execution(work: Path) -> list[tuple[str, str]]:
    """nbclient executing the assigned notebook with its answers, as nbgrader autograding would."""
    from tutor_data import run_assigned

    start = time.perf_counter()
    for n in range(SAMPLE):
        run_assigned(work / f"nb-{n}", "practice")
    each = (time.perf_counter() - start) / SAMPLE
    return [(f"execute one notebook with nbclient (mean of {SAMPLE})", f"{each:.2f} s"),
            (f"execute {CLASS:,} notebooks (extrapolated)", f"{each * CLASS:,.0f} s (~{each * CLASS / 60:.0f} min)")]
