"""Every lesson page of the built site has a Binder button for the repository and branch that
_config.yml names, opening that lesson in JupyterLab, and a download of the lesson as .ipynb."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import jupytext
import nbformat
import pytest
import yaml
from conftest import LESSONS, ROOT

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

    binder = urlparse(links["Launch on Binder"])
    org_repo = urlparse(CONFIG["repository"]["url"]).path.strip("/")
    assert f"{binder.scheme}://{binder.netloc}" == CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
    assert binder.path == f"/v2/gh/{org_repo}/{CONFIG['repository']['branch']}"
    assert parse_qs(binder.query)["urlpath"] == [f"lab/tree/{source}"]

    download = urlparse(urljoin(page.as_uri(), links["Download notebook file"]))
    notebook = nbformat.read(download.path, as_version=4)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert code == [c.source for c in jupytext.read(lesson).cells if c.cell_type == "code"]
    assert notebook.metadata.kernelspec.name == "python3"
