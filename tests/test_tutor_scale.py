"""What lets grade take a MOOC cohort gives the same outputs: files checked and graded, and pages made, in
worker processes, and a large class's pages in hashed subfolders that the report links. (``make bench``
times 10,000 and 100,000 files.)"""

from __future__ import annotations

import gc
import re
import tracemalloc
from pathlib import Path

import pytest
from pydantic import BaseModel
from tutor_data import BANK, make_class, write_bank

from coursewidgets.core.grading import Grade, ItemFeedback
from coursewidgets.tutor import feedback, parallel
from coursewidgets.tutor.cli import main
from coursewidgets.tutor.gradebook import grade_class


def _outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def graded_class(tmp_path: Path) -> tuple[Path, Path]:
    bank = write_bank(tmp_path / "bank")
    make_class(tmp_path / "subs", 40)
    (tmp_path / "subs" / "broken.json").write_text("{")
    return bank, tmp_path / "subs"


def test_worker_processes_give_the_very_same_outputs(graded_class, tmp_path, monkeypatch):
    bank, subs = graded_class
    assert parallel.cores() >= 1
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "serial")]) == 1
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    started = []
    real = parallel.ProcessPoolExecutor

    def counting(*args, **kwargs):
        started.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", counting)
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(tmp_path / "parallel")]) == 1
    assert len(started) == 2  # the files, then the pages
    serial, parallel_out = _outputs(tmp_path / "serial"), _outputs(tmp_path / "parallel")
    assert serial.keys() == parallel_out.keys() and len(serial) == 43
    assert serial == parallel_out


def test_a_large_class_gets_its_pages_in_hashed_subfolders_the_report_links(graded_class, tmp_path, monkeypatch):
    bank, subs = graded_class
    monkeypatch.setattr(feedback, "SHARD_FROM", 10)
    out = tmp_path / "out"
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(out)]) == 1
    pages = sorted((out / "feedback").rglob("*.html"))
    assert len(pages) == 40 and all(re.fullmatch(r"[0-9a-f]{2}", p.parent.name) for p in pages)
    assert len({p.parent for p in pages}) > 10  # spread, not one folder
    links = re.findall(r'href="(feedback/[^"]+)"', (out / "report.html").read_text())
    assert sorted(out / link for link in links) == pages
    monkeypatch.setattr(feedback, "SHARD_FROM", 1000)
    assert main(["grade", str(subs), "--bank", str(bank), "--out", str(out)]) == 1  # its own earlier outputs
    assert len(list((out / "feedback").glob("*.html"))) == 40


def _reachable(start: object) -> list[object]:
    seen, stack, found = set(), [start], []
    while stack:
        here = stack.pop()
        if id(here) not in seen and not isinstance(here, type):
            seen.add(id(here))
            found.append(here)
            stack.extend(gc.get_referents(here))
    return found


def test_a_graded_class_keeps_each_students_marks_and_answers_only(tmp_path, monkeypatch):
    """A class of 100,000 fits in memory with its workers because the gradebook keeps, per student, the marks
    and answers its outputs need: about 3 KB. Keeping every parsed file and every item's feedback took 9 KB."""
    students = 1000
    make_class(tmp_path / "subs", students)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10**9)  # measured here, in this process
    gc.collect()
    tracemalloc.start()
    try:
        book = grade_class(tmp_path / "subs", {ex.id: ex for ex in BANK})
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(book.rows) == students and not book.problems
    assert kept / students < 5_000, f"{kept / students:,.0f} bytes per student"
    held = [o for o in _reachable(book.rows) if isinstance(o, (Grade, ItemFeedback, BaseModel))]
    assert not held, f"the gradebook holds {type(held[0]).__name__} objects"
