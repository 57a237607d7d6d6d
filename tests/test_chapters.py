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
def test_every_shown_expression_is_one_the_book_evaluates(path):
    config = (path.parent.parent / "_config.yml").read_text(encoding="utf-8")
    pattern = re.search(r"nb_eval_name_regex: '([^']*)'", config).group(1)
    refused = [found for text in _sources(path, "markdown") for found in EVAL.findall(text)
               if not re.match(pattern, found)]
    assert not refused, f"{path.name}: the book leaves these unevaluated: {refused}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_prose_has_no_glue_reference_left(path):
    left = [markdown for markdown in _sources(path, "markdown") if "{glue" in markdown]
    assert not left, f"{path.name}: a {{glue}} reference shows as a placeholder in JupyterLab"


def _code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_set_up_cells_are_removed_in_the_book_and_folded_in_lab(path):
    """JupyterLab ignores the book's tags: a set-up cell's code is folded there by its metadata.

    Its output is removed in the book and must be empty (checked in JupyterLab), since
    running a cell in JupyterLab unhides its outputs whatever the metadata says.
    """
    unmatched = [cell.get("id") for cell in _code_cells(path)
                 if ("remove-input" in cell["metadata"].get("tags", []))
                 != bool(cell["metadata"].get("jupyter", {}).get("source_hidden"))]
    assert not unmatched, f"{path.name}: cells {unmatched} removed in the book or folded in " \
                          "JupyterLab, not both"


#: Keywords of the chart helpers whose text a reader sees as the chart's title or caption.
SHOWN_TEXT = ("title", "description", "finding")
#: Numbers that are part of a name or a unit, not values: PM2.5, "per 1,000", "per 100 km²".
NAMES_AND_UNITS = re.compile(r"PM2\.5|per 1,000|per 100 km²|per 10,000")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(19|20)\d\d")


def typed_numbers(code: str) -> list[str]:
    """Numbers typed in the titles and descriptions of a chapter's charts (years aside)."""
    typed = []
    for node in ast.walk(ast.parse(code)):
        if not (isinstance(node, ast.keyword) and node.arg in SHOWN_TEXT):
            continue
        parts = node.value.values if isinstance(node.value, ast.JoinedStr) else [node.value]
        texts = [part.value for inner in parts for part in ast.walk(inner)
                 if isinstance(part, ast.Constant) and isinstance(part.value, str)
                 and not isinstance(inner, ast.FormattedValue)]
        typed += [number for text in texts
                  for number in NUMBER.findall(NAMES_AND_UNITS.sub("", text))
                  if not YEAR.fullmatch(number)]
    return typed


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_no_number_is_typed_in_a_chart_title_or_description(path):
    typed = typed_numbers("\n".join(_sources(path, "code")))
    assert not typed, f"{path.name}: numbers typed in chart titles or descriptions: {typed}"


def test_a_typed_number_is_found_and_a_computed_one_is_not():
    planted = ('charts.bar_chart(pkg, s, title=f"Rose from {low:.0f} to 38 in 2024",\n'
               '                 description=("Bar chart. " "Ends near 4.5 µg/m³ per 1,000."))')
    assert typed_numbers(planted) == ["38", "4.5"]


def _formatted_once(tree: ast.Module) -> dict[str, str]:
    """Expressions a chapter formats into a variable for its prose (``x = f"{expr:spec}"``)."""
    return {ast.unparse(node.value.values[0].value): node.targets[0].id for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr)
            and len(node.value.values) == 1
            and isinstance(node.value.values[0], ast.FormattedValue)}


def formatted_again(code: str) -> list[str]:
    """Values a chart title formats anew although the chapter already formatted them."""
    tree = ast.parse(code)
    once = _formatted_once(tree)
    return [f"{ast.unparse(value.value)} (already {once[ast.unparse(value.value)]})"
            for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg in SHOWN_TEXT
            for value in ast.walk(node.value) if isinstance(value, ast.FormattedValue)
            and ast.unparse(value.value) in once]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_a_title_shows_the_value_the_prose_shows(path):
    again = formatted_again("\n".join(_sources(path, "code")))
    assert not again, f"{path.name}: chart titles format again: {again}"


def test_a_value_formatted_twice_is_found():
    planted = 'fall = f"{1 - a / b:.0%}"\ncharts.bar_chart(pkg, s, title=f"Fell {1 - a / b:.1%}")'
    assert formatted_again(planted) == ["1 - a / b (already fall)"]
