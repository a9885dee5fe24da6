"""What lets grade take a MOOC cohort gives the same outputs: files checked and graded, and pages made, in
worker processes, and a large class's pages in hashed subfolders that the report links. (``make bench``
times 10,000 and 100,000 files.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tutor_data import make_class, write_bank

from coursewidgets.tutor import feedback, parallel
from coursewidgets.tutor.cli import main


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
