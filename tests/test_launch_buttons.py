"""Every lesson page of the built site has a download of the lesson as .ipynb and, once _config.yml names a real
repository (not the placeholder), a Binder button for that repository and branch, opening that lesson in
JupyterLab."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import jupytext
import nbformat
import pytest
import yaml
from conftest import LESSONS, ROOT

from coursewidgets.site.theme import PLACEHOLDER, tidy_header

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


class _Buttons(HTMLParser):
    """The header buttons' links, by their title."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and "dropdown-item" in (a.get("class") or "") and a.get("title") and a.get("href"):
            self.links[a["title"]] = a["href"]


def buttons(page: Path) -> dict[str, str]:
    parser = _Buttons()
    parser.feed(page.read_text())
    return parser.links


def test_config_names_a_github_repository_and_binder():
    repo = urlparse(CONFIG["repository"]["url"])
    assert repo.scheme == "https" and repo.hostname == "github.com" and len(repo.path.strip("/").split("/")) == 2
    assert CONFIG["repository"]["branch"]
    assert urlparse(CONFIG["launch_buttons"]["binderhub_url"]).scheme == "https"
    assert CONFIG["launch_buttons"]["notebook_interface"] == "jupyterlab"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_page_buttons(built_site: Path, lesson: Path):
    source = lesson.relative_to(ROOT).as_posix()
    page = built_site / Path(source).with_suffix(".html")
    links = buttons(page)

    if CONFIG["repository"]["url"].startswith(PLACEHOLDER):
        assert "Launch on Binder" not in links, "no Binder button leads to the placeholder repository"
    else:
        check_binder(links["Launch on Binder"], source)

    download = urlparse(urljoin(page.as_uri(), links["Download notebook file"]))
    notebook = nbformat.read(download.path, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert code == [c.source for c in jupytext.read(lesson).cells if c.cell_type == "code"]
    assert notebook.metadata.kernelspec.name == "python3"


def check_binder(link: str, source: str) -> None:
    binder = urlparse(link)
    org_repo = urlparse(CONFIG["repository"]["url"]).path.strip("/")
    assert f"{binder.scheme}://{binder.netloc}" == CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
    assert binder.path == f"/v2/gh/{org_repo}/{CONFIG['repository']['branch']}"
    assert parse_qs(binder.query)["urlpath"] == [f"lab/tree/{source}"]


def test_the_binder_button_is_hidden_only_while_the_repository_is_the_placeholder():
    binder = {"type": "link", "text": "Binder", "url": "https://mybinder.org/v2/gh/x/y/main"}
    other = {"type": "link", "text": "JupyterHub", "url": "https://hub.example.org"}
    buttons = [{"label": "download-buttons", "buttons": []}, {"label": "launch-buttons", "buttons": [binder]}]
    assert tidy_header(buttons, "https://github.com/example/partnership-working-course") == buttons[:1]
    assert tidy_header(buttons, "https://github.com/uni/partnership-course") == buttons
    both = [{"label": "launch-buttons", "buttons": [binder, other]}]
    assert tidy_header(both, PLACEHOLDER + "course") == [{"label": "launch-buttons", "buttons": [other]}]


def test_the_header_has_no_full_screen_button_and_print_says_print(built_site: Path):
    page = (built_site / "chapters" / "02-defining-partnership.html").read_text(encoding="utf-8")
    assert "toggleFullScreen()" not in page
    assert 'title="Print to PDF"' in page and '<span class="btn__text-container">Print</span>' in page
    assert ">.pdf<" not in page
