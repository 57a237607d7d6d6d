"""The chapters' sources: every number a chapter computes reaches the page, and every number
the prose shows is computed in the chapter."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
EVAL = re.compile(r"\{eval\}`([^`]*)`")


def _sources(path: Path, kind: str) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == kind]


def _names(tree: ast.AST, context: type) -> set[str]:
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, context)}


def _assigned_at_top(tree: ast.Module) -> set[str]:
    """Names a chapter assigns in its cells' top level (plain or unpacked)."""
    return {name for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets for name in _names(target, ast.Store)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_computed_name_is_used_and_every_shown_name_computed(path):
    code = ast.parse("\n".join(_sources(path, "code")))
    expressions = [found for text in _sources(path, "markdown") for found in EVAL.findall(text)]
    shown = {name for expression in expressions for name in _names(ast.parse(expression), ast.Load)}
    unused = _assigned_at_top(code) - _names(code, ast.Load) - shown
    assert not unused, f"{path.name}: computed but never used: {sorted(unused)}"
    undefined = shown - _names(code, ast.Store) - set(dir(__builtins__))
    assert not undefined, f"{path.name}: shown in the prose but never computed: {sorted(undefined)}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_prose_has_no_glue_reference_left(path):
    left = [markdown for markdown in _sources(path, "markdown") if "{glue" in markdown]
    assert not left, f"{path.name}: a {{glue}} reference shows as a placeholder in JupyterLab"
