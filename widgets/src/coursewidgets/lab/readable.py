"""What a notebook cannot resolve, written as a reader would see it on the site.

jupyterlab-myst renders a notebook's MyST on its own: it knows nothing of the book around it, so it shows a
citation as its bare key with a warning sign and a glossary term or a reference to another page as a broken
link. ``Book.readable`` rewrites those roles in a page's Markdown: citations as author and year from the
book's BibTeX files (``[Leathard, 1994]``, ``Leathard [1994]``, as the site's author-year style prints them),
terms, ``{doc}`` and ``{ref}`` as links to the page that holds them, and a ``{bibliography}`` as a list of the
BibTeX entries. Targets inside the page itself are left for jupyterlab-myst, which resolves them. Code blocks
are left as written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

ROLE = re.compile(r"\{(?P<name>cite(?::\w+)?|term|doc|ref|numref)\}`(?P<body>[^`]+)`")
TITLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
CITE_KEY = re.compile(r"^\s*(?:\{[^{}]*\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{[^{}]*\})?\s*$")
FENCE = re.compile(r"^\s*(?P<mark>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
LABEL = re.compile(r"^\((?P<label>[^()\s]+)\)=\s*$")
HEADING = re.compile(r"^#+\s+(?P<title>.+?)\s*#*\s*$")
GLOSSARY = re.compile(r"^\s*(`{3,}|:{3,})\{glossary\}", re.M)
BIBLIOGRAPHY = re.compile(r"^(?P<mark>`{3,}|:{3,})\{bibliography\}[^\n]*\n(?P<options>.*?)^(?P=mark)[ \t]*$\n?",
                          re.M | re.S)
TEXTUAL = {"t", "ts", "ct", "cts"}


@dataclass(frozen=True)
class Page:
    """One page of the book: its file, title and the labels it defines (label → the heading it names)."""

    path: Path
    title: str
    labels: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> Page:
        lines = _body(path.read_text(encoding="utf-8")).splitlines()
        labels = {m["label"]: _next_heading(lines[n + 1:]) or m["label"]
                  for n, line in enumerate(lines) if (m := LABEL.match(line))}
        return cls(path, _next_heading(lines) or path.stem, labels)


@dataclass(frozen=True)
class Book:
    """The pages of a Jupyter Book (from ``_toc.yml``) and its citations (from ``_config.yml``'s BibTeX files)."""

    root: Path
    pages: dict[Path, Page]
    entries: list[Any]  # pybtex entries of the BibTeX files, in file order
    glossary: Path | None  # the page with the glossary directive

    @cached_property
    def citations(self) -> dict[str, tuple[str, str]]:
        """key → (authors as the author-year style names them, year)."""
        return {entry.key: _authors_year(entry) for entry in self.entries}

    @classmethod
    def around(cls, path: Path) -> Book | None:
        """The book ``path`` belongs to (the nearest folder above it with ``_toc.yml``), if any."""
        root = next((p for p in Path(path).resolve().parents if (p / "_toc.yml").is_file()), None)
        return cls.at(root) if root else None

    @classmethod
    def at(cls, root: Path) -> Book:
        toc = (root / "_toc.yml").read_text(encoding="utf-8")
        files = [_page_file(root / name) for name in re.findall(r"(?:file|root):\s*(\S+)", toc)]
        settings = root / "_config.yml"
        config = yaml.safe_load(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
        from pybtex.database import parse_file

        entries = [e for bib in (config or {}).get("bibtex_bibfiles", [])
                   for e in parse_file(str(root / bib)).entries.values()]
        pages = {f.resolve(): Page.read(f) for f in files if f}
        glossary = next((p for p in pages if GLOSSARY.search(p.read_text(encoding="utf-8"))), None)
        return cls(root, pages, entries, glossary)

    def readable(self, markdown: str, page: Path) -> str:
        """``markdown`` (from ``page``) with the roles a notebook cannot resolve written out; code left alone."""
        page, out = Path(page).resolve(), []
        markdown = BIBLIOGRAPHY.sub(lambda m: self._bibliography(m["options"]), markdown)
        fences: list[tuple[str, bool]] = []  # open fences, innermost last: (mark, holds code)
        prose: list[str] = []  # lines outside code since the last fence: a role may run over a line break

        def flush() -> None:
            out.append(ROLE.sub(lambda m: self._role(m["name"], " ".join(m["body"].split()), page), "".join(prose)))
            prose.clear()

        for line in markdown.splitlines(keepends=True):
            fence, code = FENCE.match(line), any(holds_code for _, holds_code in fences)
            if fence and fences and not fence["info"].strip() and _closes(fence["mark"], fences[-1][0]):
                flush()
                fences.pop()
            elif fence and not code:
                flush()
                fences.append((fence["mark"], not fence["info"].strip().startswith("{")))
            elif not code:
                prose.append(line)
                continue
            out.append(line)
        flush()
        return "".join(out)

    def _role(self, name: str, body: str, page: Path) -> str:
        if name.startswith("cite"):
            return self._cite(name.partition(":")[2], body)
        titled = TITLED.match(body)
        text, target = (titled["text"], titled["target"]) if titled else ("", body)
        if name == "term":
            return f"{{term}}`{body}`" if self.glossary == page else _link(text or target, self.glossary, page)
        if name == "doc":
            found = _page_file(self.root / target.lstrip("/") if target.startswith("/") else page.parent / target)
            title = self.pages[found.resolve()].title if found and found.resolve() in self.pages else target
            return _link(text or title, found, page)
        if target in self.pages.get(page, Page(page, "", {})).labels:
            return f"{{{name}}}`{body}`"
        holder = next((p for p in self.pages.values() if target in p.labels), None)
        return _link(text or (holder.labels[target] if holder else target), holder.path if holder else None, page)

    def _bibliography(self, options: str) -> str:
        """Every entry of the book's BibTeX files as a Markdown list, formatted in the directive's ``:style:``."""
        from pybtex.plugin import find_plugin

        name = re.search(r"^:style:\s*(\S+)", options, re.M)
        style = find_plugin("pybtex.style.formatting", name[1] if name else "plain")()
        return "".join(f"- {' '.join(e.text.render(_backend('markdown')).split())}\n"
                       for e in style.format_entries(style.sort(self.entries)))

    def _cite(self, style: str, body: str) -> str:
        keys = [m["key"] if (m := CITE_KEY.match(part)) else part.strip() for part in body.split(",")]
        citations = self.citations
        found = [citations.get(key, (key, "")) for key in keys]
        if style.startswith("author"):
            return ", ".join(authors for authors, _ in found)
        if style.startswith("year"):
            return ", ".join(year for _, year in found)
        if style in TEXTUAL:
            return ", ".join(f"{authors} [{year}]" if year else authors for authors, year in found)
        return "[" + ", ".join(f"{authors}, {year}" if year else authors for authors, year in found) + "]"


@cache
def _backend(name: str) -> Any:
    from pybtex.plugin import find_plugin

    return find_plugin("pybtex.backends", name)()


def _plain(latex: str) -> str:
    from pybtex.richtext import Text

    return Text.from_latex(latex).render(_backend("plaintext"))


def _authors_year(entry: Any) -> tuple[str, str]:
    """An entry's authors as the author-year style names them (one, two, or the first et al.), and its year."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_plain(" ".join(person.last_names)) for person in people]
    if len(names) > 2:
        authors = f"{names[0]} et al."
    else:
        authors = " and ".join(names) or _plain(entry.fields.get("title", entry.key))
    return authors, entry.fields.get("year", "")


def _body(text: str) -> str:
    """A page's text without its YAML front matter."""
    if text.startswith("---\n") and (end := text.find("\n---", 4)) != -1:
        return text[end + 4:]
    return text


def _closes(mark: str, opened: str) -> bool:
    return mark[0] == opened[0] and len(mark) >= len(opened)


def _next_heading(lines: list[str]) -> str | None:
    return next((h["title"] for line in lines if (h := HEADING.match(line))), None)


def _page_file(path: Path) -> Path | None:
    """The file of a page named with or without its suffix."""
    for candidate in (path, path.with_name(path.name + ".md"), path.with_name(path.name + ".ipynb")):
        if candidate.is_file():
            return candidate
    return None


def _link(text: str, target: Path | None, page: Path) -> str:
    """A Markdown link from ``page`` to ``target``; plain text when there is no target."""
    if target is None:
        return text
    return f"[{text}]({quote(Path(os.path.relpath(target, page.parent)).as_posix())})"
