"""Builds of a copy of the book: data-aware re-execution, reproducibility, failing chapters.

Each check builds the book (or a part of it) in a temporary copy of the project, so the real
``_build`` is left alone. They run after the unit tests in ``make test`` (marker ``rebuild``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.rebuild

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
COPIED = ["_config.yml", "_toc.yml", "CITATION.cff", "_ext", "_templates", "data", "jingjinji",
          "notebooks"]
#: What a copy leaves out: files the build writes (a build running beside the copy may be
#: writing them as it is taken), as a clean checkout has none.
GENERATED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "downloads")
EXECUTED = "Executed notebook in"
#: A small book: the data appendix alone reads every table of the package.
TOC = "format: jb-book\nroot: notebooks/07_data\n"


def _copy_project(target: Path, toc: str = TOC) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=GENERATED)
        else:
            shutil.copy2(source, target / name)
    (target / "_toc.yml").write_text(toc, encoding="utf-8")
    return target


def _build(project: Path) -> subprocess.CompletedProcess:
    """Build the copy; its own ``jingjinji`` (and so its own ``data/``) comes first on the path."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([JUPYTER_BOOK, "build", str(project), "-W", "-n", "--keep-going"],
                          capture_output=True, text=True, cwd=project, env=env)


def _fresh_build(tmp_path_factory, name: str) -> Path:
    project = _copy_project(tmp_path_factory.mktemp(name))
    result = _build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert EXECUTED in result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def first_build(tmp_path_factory) -> tuple[Path, str]:
    """A built copy of the small book, and its page as first built."""
    project = _fresh_build(tmp_path_factory, "first")
    return project, _page(project)


@pytest.fixture(scope="module")
def built(first_build) -> Path:
    return first_build[0]


def _page(project: Path) -> str:
    return (project / "_build" / "html" / "notebooks" / "07_data.html").read_text("utf-8")


def test_unchanged_inputs_reuse_the_executed_notebooks(built):
    result = _build(built)
    assert result.returncode == 0
    assert EXECUTED not in result.stdout + result.stderr


UUID = re.compile(r"altair-viz-[0-9a-f]{32}|\bT_[0-9a-f]{5}|\bid=\"[0-9a-f-]{36}\"")


def _normalised(html: str) -> str:
    return UUID.sub("ID", html)


def test_two_builds_from_the_same_inputs_give_the_same_page(first_build, tmp_path_factory):
    second = _fresh_build(tmp_path_factory, "second")
    assert _normalised(_page(second)) == _normalised(first_build[1])


def test_changed_data_re_executes_and_shows_the_change(built):
    sources = built / "data" / "sources.csv"
    with sources.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    probe = {"source": "zz_rebuild_probe", "publisher": "Probe publisher",
             "title": "Probe document", "date": "2024", "locator": "nowhere",
             "read_at": "https://www.stats.gov.cn/probe", "copy": "publisher"}
    with sources.open("a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow([probe.get(c, "") for c in header])
    result = _build(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert EXECUTED in result.stdout + result.stderr
    assert "zz_rebuild_probe" in _page(built)


def test_only_code_a_chapter_imports_re_executes_it(built):
    data_py = built / "jingjinji" / "data.py"
    text = data_py.read_text(encoding="utf-8")
    data_py.write_text(text.replace('"""Load the book', '"""Read the book', 1), encoding="utf-8")
    result = _build(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert EXECUTED not in result.stdout + result.stderr, "a docstring edit re-executed"
    data_py.write_text(data_py.read_text(encoding="utf-8") + "\n_PROBE = 1\n", encoding="utf-8")
    result = _build(built)
    assert result.returncode == 0, result.stdout[-3000:]
    assert EXECUTED in result.stdout + result.stderr, "a code change did not re-execute"

def test_a_failing_cell_fails_the_build_naming_chapter_and_cell(tmp_path):
    project = _copy_project(tmp_path / "broken")
    notebook_path = project / "notebooks" / "07_data.ipynb"
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    notebook["cells"].insert(2, {"cell_type": "code", "execution_count": None, "id": "broken",
                                 "metadata": {}, "outputs": [],
                                 "source": "raise RuntimeError('deliberately broken cell')"})
    notebook_path.write_text(json.dumps(notebook), encoding="utf-8")
    result = _build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "07_data" in output and "deliberately broken cell" in output
