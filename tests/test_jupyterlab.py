"""The notebook path in a real JupyterLab: a server started on 127.0.0.1 through the repository's
``start`` script (as Binder starts it), driven in headless Chromium like a learner would: the lesson reads
as on the site (MyST drawn by jupyterlab-myst, no markup left), runs, and saves answers with the learner's name."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jupytext
import pytest
from conftest import LESSONS, ROOT

from coursewidgets.core.bank import load_exercise
from coursewidgets.core.layout import variants_of
from coursewidgets.core.layout import draw
from coursewidgets.core.responses import load
from coursewidgets.render.quiz import NAME_LABEL

pytestmark = pytest.mark.browser
LESSON = "chapters/02-defining-partnership.md"
ADMONITIONS = ("admonition", "note", "tip", "hint", "important", "warning", "caution", "attention", "danger",
               "error", "seealso")
DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(?P<name>[\w-]+)\}", re.M)
# What MyST source looks like when it is shown instead of drawn: fences, roles, directive options, and the
# notebook renderer's own complaints
RAW_MYST = re.compile(r"```|~~~|:::|\{[\w:-]+\}`|^\s*:[\w-]+:\s|Unknown (?:Directive|Role)", re.M)


@pytest.fixture(scope="module")
def lab(repo_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab serving a copy of the repository; yields its URL with the token. Stopped afterwards."""
    home = tmp_path_factory.mktemp("jupyter")  # no settings, workspaces or kernels from this machine's user
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    env.pop("JUPYTER_CONFIG_PATH", None)
    cmd = [str(repo_copy / "start"), str(Path(sys.executable).with_name("jupyter-lab")), "--no-browser",
           "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0", f"--IdentityProvider.token={secrets.token_hex(16)}",
           f"--ServerApp.root_dir={repo_copy}", *(["--allow-root"] if os.geteuid() == 0 else [])]
    log = (home / "server.log").open("w")
    server = subprocess.Popen(cmd, cwd=repo_copy, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield wait_for_server(home / "runtime", server, home / "server.log")
    finally:
        server.terminate()  # the server shuts its kernels down
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def wait_for_server(runtime: Path, server: subprocess.Popen, log: Path) -> str:
    """The server's URL with token, once its info file is written and its API answers."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"JupyterLab exited:\n{log.read_text()[-4000:]}"
        for info in runtime.glob(f"jpserver-{server.pid}.json"):
            found = json.loads(info.read_text())
            url, token = found["url"].rstrip("/"), found["token"]
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                    return f"{url}/lab?token={token}"
            except OSError:
                pass
        time.sleep(0.5)
    raise AssertionError(f"JupyterLab did not start in 60 s:\n{log.read_text()[-4000:]}")


def open_lesson_by_double_click(page, url: str) -> None:
    page.goto(url)
    page.locator(".jp-LauncherCard", has_text="Python 3").first.wait_for()  # kernels listed: Lab is ready
    browser = page.locator(".jp-DirListing-content")
    for part in LESSON.split("/"):
        browser.locator(".jp-DirListing-item", has_text=part).dblclick()
    page.locator(".jp-NotebookPanel").wait_for(timeout=60_000)


def test_lesson_runs_in_jupyterlab(lab: str, page, repo_copy: Path, artifacts: Path):
    page.set_default_timeout(60_000)
    open_lesson_by_double_click(page, lab)
    assert page.locator(".jp-FileEditor").count() == 0, "the lesson opened as text, not as a notebook"
    page.get_by_text(re.compile(r"^Python 3 .*\| Idle$")).wait_for()  # the status bar: the kernel is ready

    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    cites, admonitions = check_lesson_reads_as_on_the_site(page, repo_copy / LESSON)
    assert cites and admonitions, "the lesson checked has citations and admonitions"

    exercise = load_exercise("leathard-terms", repo_copy / "exercises")
    labels = {c.id: c.label for c in exercise.categories}
    right = {i.text: labels[i.answer] for v in variants_of(exercise) for i in v.items}  # whichever is asked
    quiz = page.locator(".jp-OutputArea-output", has_text=exercise.title)
    dropdowns = quiz.locator(".widget-dropdown")
    dropdowns.first.wait_for(state="attached")  # off-screen cells are not laid out (content-visibility)
    quiz.scroll_into_view_if_needed()
    assert dropdowns.count() == exercise.sample
    name = page.get_by_role("textbox", name=NAME_LABEL)  # the first quiz of the lesson asks, labelled
    assert name.count() == 1
    name.fill("ab123")
    name.press("Enter")
    for n in range(exercise.sample):
        term = dropdowns.nth(n).locator("label").text_content().strip()  # the DOM's text, even off-screen
        wrong = next(label for label in labels.values() if label != right[term])
        dropdowns.nth(n).locator("select").select_option(label=wrong if n == 0 else right[term])
    quiz.get_by_role("button", name="Check").click()

    feedback = quiz.locator(".widget-html-content", has_text="out of")
    feedback.wait_for()
    page.screenshot(path=str(artifacts / "jupyterlab-leathard.png"))
    assert f"{exercise.sample - 1} out of {exercise.sample}." in feedback.text_content()
    assert "Not quite" in feedback.text_content()
    assert "my-answers.json" in quiz.text_content()

    doc = load(repo_copy / "chapters" / "my-answers.json")
    saved = doc.responses["leathard-terms"]
    assert (saved.score, saved.max, len(saved.answer)) == (exercise.sample - 1, exercise.sample, exercise.sample)
    assert saved.shown == draw(exercise, saved.seed)  # the widget's layout came from the saved seed
    assert doc.student == "ab123", "the answers carry the name the learner typed"


def test_server_gives_lessons_readable_and_saves_them_unchanged(lab: str, repo_copy: Path):
    """The course's contents manager (jupyter-config/): JupyterLab gets the lesson with its citations and
    cross-references written out, and saving that notebook back (as autosave does) leaves the lesson as it was."""
    url, _, token = lab.partition("/lab?token=")
    api = f"{url}/api/contents/{LESSON}?token={token}"
    with urllib.request.urlopen(f"{api}&type=notebook&content=1", timeout=60) as got:
        model = json.load(got)
    text = "\n".join(c["source"] for c in model["content"]["cells"] if c["cell_type"] == "markdown")
    assert not re.findall(r"\{(?:cite[\w:]*|term|doc|ref|numref)\}`", text)
    before, written = cell_sources(repo_copy / LESSON), (repo_copy / LESSON).stat().st_mtime_ns
    put = urllib.request.Request(api, method="PUT", headers={"Content-Type": "application/json"},
                                 data=json.dumps({"type": "notebook", "format": "json",
                                                  "content": model["content"]}).encode())
    with urllib.request.urlopen(put, timeout=60):
        pass
    assert (repo_copy / LESSON).stat().st_mtime_ns != written, "the lesson was not written"
    assert cell_sources(repo_copy / LESSON) == before == cell_sources(ROOT / LESSON)


def cell_sources(lesson: Path) -> list[str]:
    return [cell.source for cell in jupytext.read(lesson).cells]


@pytest.mark.parametrize("lesson", [p.relative_to(ROOT).as_posix() for p in LESSONS])
def test_every_lesson_reads_as_on_the_site(lab: str, page, repo_copy: Path, lesson: str):
    page.set_default_timeout(60_000)
    page.goto(lab.replace("/lab?", f"/lab/tree/{lesson}?reset&"))
    page.locator(".jp-NotebookPanel").wait_for()
    check_lesson_reads_as_on_the_site(page, repo_copy / lesson)


def check_lesson_reads_as_on_the_site(page, lesson: Path) -> tuple[int, int]:
    """Every Markdown cell drawn by jupyterlab-myst: no MyST markup or citation key left in its text, and
    every admonition of the source drawn as one (an ``aside`` with the admonition's class). Returns how many
    citation keys and admonitions the lesson has."""
    source = [cell.source for cell in jupytext.read(lesson).cells if cell.cell_type == "markdown"]
    drawn = page.locator(".jp-MarkdownCell .myst")
    deadline = time.monotonic() + 60
    while drawn.count() < len(source) and time.monotonic() < deadline:  # cells are added in batches
        time.sleep(0.5)
    assert drawn.count() == len(source), "a Markdown cell is not drawn by jupyterlab-myst"
    text = "\n".join(drawn.all_text_contents())
    assert not RAW_MYST.findall(text), f"raw MyST markup shows: {RAW_MYST.findall(text)}"
    keys = {k.strip() for s in source for body in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", s) for k in body.split(",")}
    assert not [k for k in keys if k in text], "a citation shows as its key"
    expected = [m["name"] for s in source for m in DIRECTIVE.finditer(s) if m["name"] in ADMONITIONS]
    asides = page.locator(".jp-MarkdownCell .myst aside.myst-admonition")
    assert asides.count() == len(expected), "an admonition is not drawn as one"
    assert all(header.strip() for header in asides.locator(".myst-admonition-header").all_text_contents())
    return len(keys), len(expected)


def test_binder_link_opens_lesson_as_notebook(lab: str, page):
    """The site's Binder button opens lab/tree/<lesson>.md; that path must open a notebook too."""
    page.set_default_timeout(60_000)
    page.goto(lab.replace("/lab?", f"/lab/tree/{LESSON}?reset&"))  # reset: no tabs left from another test
    page.locator(".jp-NotebookPanel").wait_for()
    assert page.locator(".jp-FileEditor").count() == 0
