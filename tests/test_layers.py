"""The package's folders are its layers: the core imports no UI, and every module is used."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "widgets" / "src" / "coursewidgets"
UI = ("ipywidgets", "IPython", "sphinx", "docutils", "myst_nb", "nbformat", "coursewidgets.render",
      "coursewidgets.site", "coursewidgets.tutor", "coursewidgets.trust")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[:len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("coursewidgets.core")))
def test_core_imports_no_ui(module):
    bad = sorted(i for i in _imports(MODULES[module]) if i.startswith(UI))
    assert not bad, f"{module} imports {bad}: the core must stay free of renderers, Sphinx and ipywidgets"


def test_importing_the_core_loads_no_ui():
    code = ("import sys, coursewidgets.core.grading, coursewidgets.core.responses, coursewidgets.core.bank, "
            "coursewidgets.core.layout; print(sorted(m for m in sys.modules if m.startswith(%r)))" % (UI,))
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", loaded


def test_layer_check_catches_a_ui_import(tmp_path):
    """The AST check above sees a renderer import written either way."""
    probe = PACKAGE / "core" / "_probe_layers.py"
    probe.write_text("from ..render.widget import QuizWidget\nimport ipywidgets\n")
    try:
        assert {"coursewidgets.render.widget", "ipywidgets"} <= _imports(probe)
    finally:
        probe.unlink()


def test_every_module_is_imported_or_an_entry_point():
    used: set[str] = set()
    for path in MODULES.values():
        used |= _imports(path)
    config = (ROOT / "_config.yml").read_text()
    used |= set(re.findall(r"^\s*-\s*(coursewidgets[\w.]*)\s*$", config, re.M))
    used |= set(re.findall(r'"(coursewidgets[\w.]*):', (ROOT / "widgets" / "pyproject.toml").read_text()))
    for settings in (ROOT / "jupyter-config").rglob("*.json"):  # e.g. the Jupyter server's contents manager
        used |= {name.rpartition(".")[0] for name in re.findall(r'"(coursewidgets[\w.]*)"', settings.read_text())}
    for text in [*(ROOT / "chapters").glob("*.md"), *MODULES.values()]:  # lessons, and notebooks the tutor writes
        used |= set(re.findall(r"from (coursewidgets[\w.]*) import", text.read_text()))
    unused = sorted(m for m in MODULES if m not in used and not MODULES[m].name == "__init__.py")
    assert not unused, f"modules nothing imports: {unused}"
