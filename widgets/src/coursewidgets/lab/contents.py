"""The Jupyter server's contents manager for the course (set in ``jupyter-config/jupyter_server_config.json``).

It is Jupytext's (a book page opens as a notebook) with one change: a page's Markdown cells reach JupyterLab
with the roles a notebook cannot resolve written out (``readable.py``), and a save puts every cell the learner
left unchanged back as the file has it, so opening, running and autosaving a lesson never rewrites its source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jupytext
from jupytext.async_contentsmanager import AsyncTextFileContentsManager

from .readable import Book


def _markdown_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def _text(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


class LessonContentsManager(AsyncTextFileContentsManager):
    """Jupytext's contents manager, showing a book page's citations and cross-references as readable text."""

    def _book_page(self, path: str) -> tuple[Book, Path] | None:
        """The book that the Markdown file at ``path`` belongs to, and the file; None for anything else."""
        file = Path(self._get_os_path(path))
        book = Book.around(file) if file.suffix == ".md" else None
        return (book, file) if book else None

    async def get(self, path: str, content: bool = True, type: str | None = None, format: str | None = None,
                  **kwargs: Any) -> dict[str, Any]:
        model = await super().get(path, content=content, type=type, format=format, **kwargs)
        try:
            found = model["type"] == "notebook" and model.get("content") and self._book_page(path)
            if found:
                book, file = found
                shown = [book.readable(_text(cell["source"]), file) for cell in _markdown_cells(model["content"])]
                for cell, source in zip(_markdown_cells(model["content"]), shown):
                    cell["source"] = source
        except Exception as exc:  # a broken _toc.yml, _config.yml or .bib must not stop a notebook opening
            self.log.warning("coursewidgets: %s is shown as written: %s", path, exc)
        return model

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        try:
            found = model.get("type") == "notebook" and model.get("content") and self._book_page(path)
            if found and found[1].is_file():
                book, file = found
                on_disk = _markdown_cells(jupytext.read(file))
                original = {book.readable(cell.source, file): cell.source for cell in on_disk}
                for cell in _markdown_cells(model["content"]):
                    cell["source"] = original.get(_text(cell["source"]), cell["source"])
        except Exception as exc:  # then get() showed the page as written too
            self.log.warning("coursewidgets: %s is saved as shown: %s", path, exc)
        return await super().save(model, path)
