"""Binder: repo2docker accepts the repository's own files, and an environment built from
requirements.txt alone (what Binder installs) runs every lesson.

The fresh environment is the slowest test of the suite (about two minutes, most of it pip resolving):
it is marked ``slow``; ``pytest -m "not slow"`` skips it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LESSONS, ROOT

# Run by the fresh environment's Python: execute every lesson (MyST markdown, converted by jupytext) in its
# own kernel, all at once, from the lesson's folder; report each kernel's sys.prefix (the environment that ran it).
RUN_LESSONS = """
import asyncio
import sys
from pathlib import Path

import jupytext, nbclient, nbformat


async def run(lesson):
    nb = jupytext.read(lesson)
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
    await nbclient.NotebookClient(nb, timeout=180, resources={"metadata": {"path": str(lesson.parent)}}).async_execute()
    return f"{lesson.name} {nb.cells[-1].outputs[0]['text'].strip()}"


async def main():
    print(*await asyncio.gather(*(run(Path(arg)) for arg in sys.argv[1:])), sep="\\n")

asyncio.run(main())
"""


def runtime_python(repo: Path) -> str:
    """The Python version Binder installs: runtime.txt's ``python-X.Y``."""
    name, _, version = (repo / "runtime.txt").read_text().strip().partition("-")
    assert name == "python", "runtime.txt must read python-X.Y"
    return version


def test_runtime_matches_this_python(repo_copy: Path):
    """The fresh-environment test below stands for Binder only if it runs the Python Binder installs."""
    assert runtime_python(repo_copy) == f"{sys.version_info.major}.{sys.version_info.minor}"


def test_requirements_are_pinned(repo_copy: Path):
    lines = [line.strip() for line in (repo_copy / "requirements.txt").read_text().splitlines()]
    loose = [line for line in lines if line and not line.startswith(("#", "-e ./")) and "==" not in line]
    assert loose == [], f"unpinned requirements: {loose}"
    assert {"jupyterlab", "jupyterlab-myst", "jupytext", "ipywidgets"} <= {line.split("==")[0] for line in lines}


def test_repo2docker_accepts_the_repository(repo_copy: Path):
    """repo2docker's generated Dockerfile (no image is built; there is no Docker engine here)."""
    run = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--no-run", "--debug", str(repo_copy)],
                         capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-4000:]
    assert f"Building conda environment for python={runtime_python(repo_copy)}" in out
    # requirements.txt installs a local package (-e ./widgets), so the whole repository is copied first
    copied = out.find("COPY --chown=0:0 src/ ${REPO_DIR}/")
    assert 0 <= copied < out.find('pip install --no-cache-dir -r "requirements.txt"'), out[-4000:]
    assert 'R2D_ENTRYPOINT="${REPO_DIR}/start"' in out, "the start script (course Jupyter settings) is not used"


@pytest.mark.slow
def test_fresh_environment_runs_every_lesson(repo_copy: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(PYTHONNOUSERSITE="1", PIP_DISABLE_PIP_VERSION_CHECK="1", JUPYTER_DATA_DIR=str(tmp_path / "data"))
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    install = subprocess.run([python, "-m", "pip", "install", "-q", "--no-compile", "-r", "requirements.txt"],
                             cwd=repo_copy, env=env, capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    check = subprocess.run([python, "-m", "pip", "check"], env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout

    lessons = [str(repo_copy / p.relative_to(ROOT)) for p in LESSONS]
    run = subprocess.run([python, "-c", RUN_LESSONS, *lessons], cwd=repo_copy, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-4000:]
    ran = dict(line.split(" ", 1) for line in run.stdout.splitlines())
    assert ran == {Path(p).name: str(venv) for p in lessons}
    shutil.rmtree(venv)  # about 400 MB
