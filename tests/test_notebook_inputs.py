"""What a chapter's execution depends on: the modules it imports (followed through the package)
and the data, compared without docstrings or comments."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from notebook_inputs import code_digest, modules_used, notebook_digest  # noqa: E402


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "jingjinji"
    package.mkdir()
    (package / "__init__.py").write_text("from jingjinji.data import load\n")
    (package / "data.py").write_text('"""Data."""\n\ndef load():\n    return 1\n')
    (package / "charts.py").write_text("from jingjinji.theme import COLOUR\n")
    (package / "theme.py").write_text("COLOUR = 'red'\n")
    (package / "maps.py").write_text("X = 1\n")
    return package


def test_imports_are_followed_through_the_package(tmp_path):
    package = _package(tmp_path)
    used = modules_used("import jingjinji as jj\nfrom jingjinji import charts\n", package)
    assert used == {"jingjinji", "jingjinji.data", "jingjinji.charts", "jingjinji.theme"}


def test_docstrings_comments_and_layout_do_not_count():
    before = 'def f(x):\n    """Old words."""\n    return x + 1\n'
    after = 'def f(x):  # a comment\n    """New words."""\n\n    return x + 1\n'
    assert code_digest(before) == code_digest(after)
    assert code_digest(before) != code_digest(before.replace("+ 1", "+ 2"))


def _notebook(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "chapter.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": [source]}]}))
    return path


def test_a_chapter_depends_on_its_modules_and_the_data_only(tmp_path):
    package, data = _package(tmp_path), tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n")
    chapter = _notebook(tmp_path, "from jingjinji import charts\n")
    first = notebook_digest(chapter, package, data)
    (package / "maps.py").write_text("X = 2\n")  # not imported by the chapter
    (package / "data.py").write_text('"""Other words."""\n\ndef load():\n    return 1\n')
    assert notebook_digest(chapter, package, data) == first
    (package / "theme.py").write_text("COLOUR = 'blue'\n")
    second = notebook_digest(chapter, package, data)
    assert second != first
    (data / "a.csv").write_text("x\n2\n")
    assert notebook_digest(chapter, package, data) != second


def test_a_file_every_chapter_reads_counts(tmp_path):
    package, data = _package(tmp_path), tmp_path / "data"
    data.mkdir()
    cff = tmp_path / "CITATION.cff"
    cff.write_text("version: 0.1.0\n")
    chapter = _notebook(tmp_path, "from jingjinji import charts\n")
    first = notebook_digest(chapter, package, data, (cff,))
    cff.write_text("version: 0.2.0\n")
    assert notebook_digest(chapter, package, data, (cff,)) != first
