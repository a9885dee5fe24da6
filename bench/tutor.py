"""Tutor figures: grading a class of 10,000 response files with ``coursewidgets grade``, next to executing
the same number of notebooks with nbclient as nbgrader's autograder would (a small sample, extrapolated)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from figures import figure

CLASS = 10_000
SAMPLE = 3


@figure
def class_grading(work: Path) -> list[tuple[str, str]]:
    """Wall and CPU time of the whole command (start-up included) on 10,000 generated submissions; the
    machine's load is printed too, as other work on it stretches the wall time."""
    from tutor_data import make_class, write_bank

    bank, subs = write_bank(work / "tutor-bank"), work / "class"
    make_class(subs, CLASS)
    exe = Path(sys.executable).with_name("coursewidgets")
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([str(exe), "grade", str(subs), "--bank", str(bank), "--out", str(work / "graded")], check=True,
                   capture_output=True)
    took, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return [(f"grade {CLASS:,} response files (CSV, report, {CLASS:,} feedback pages)",
             f"{took:.1f} s wall, {cpu:.1f} s CPU ({CLASS / took:,.0f} files/s; goal < 30 s on 2 cores; "
             f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")]


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
