"""The notebook path in a real JupyterLab: a server started on 127.0.0.1 through the repository's
``start`` script (as Binder starts it), driven in headless Chromium like a learner would."""

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

import pytest

from coursewidgets.core.bank import load_exercise
from coursewidgets.core.layout import draw
from coursewidgets.core.responses import load

pytestmark = pytest.mark.browser
LESSON = "chapters/02-defining-partnership.md"


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

    exercise = load_exercise("leathard-terms", repo_copy / "exercises")
    labels = {c.id: c.label for c in exercise.categories}
    right = {i.text: labels[i.answer] for i in exercise.items}
    quiz = page.locator(".jp-OutputArea-output", has_text=exercise.title)
    dropdowns = quiz.locator(".widget-dropdown")
    dropdowns.first.wait_for(state="attached")  # off-screen cells are not laid out (content-visibility)
    quiz.scroll_into_view_if_needed()
    assert dropdowns.count() == exercise.sample
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

    saved = load(repo_copy / "chapters" / "my-answers.json").responses["leathard-terms"]
    assert (saved.score, saved.max, len(saved.answer)) == (exercise.sample - 1, exercise.sample, exercise.sample)
    assert saved.shown == draw(exercise, saved.seed)  # the widget's layout came from the saved seed


def test_binder_link_opens_lesson_as_notebook(lab: str, page):
    """The site's Binder button opens lab/tree/<lesson>.md; that path must open a notebook too."""
    page.set_default_timeout(60_000)
    page.goto(lab.replace("/lab?", f"/lab/tree/{LESSON}?reset&"))  # reset: no tabs left from another test
    page.locator(".jp-NotebookPanel").wait_for()
    assert page.locator(".jp-FileEditor").count() == 0
