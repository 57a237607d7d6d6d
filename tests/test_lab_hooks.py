"""The Jupyter server's save hooks (jingjinji.lab), without a server."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from jingjinji.lab import PNG_MIME, drop_chart_images, refresh_git_index
from jingjinji.offline import VEGA_MIME


def _notebook(*outputs: dict) -> dict:
    cell = {"cell_type": "code", "source": "chart", "metadata": {}, "outputs": list(outputs),
            "execution_count": 1}
    return {"type": "notebook", "content": {"cells": [cell], "metadata": {}}}


def test_drop_chart_images_keeps_the_spec_and_other_pictures():
    chart = {"output_type": "execute_result", "data": {VEGA_MIME: {}, PNG_MIME: "iVBOR"}}
    picture = {"output_type": "display_data", "data": {PNG_MIME: "iVBOR"}}
    model = _notebook(chart, picture)
    drop_chart_images(model)
    chart_data, picture_data = (o["data"] for o in model["content"]["cells"][0]["outputs"])
    assert list(chart_data) == [VEGA_MIME]
    assert list(picture_data) == [PNG_MIME]


def test_drop_chart_images_leaves_other_files_alone():
    model = {"type": "file", "content": "text"}
    drop_chart_images(model)
    assert model == {"type": "file", "content": "text"}


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


def _repository(tmp_path: Path) -> Path:
    """A repository whose clean filter keeps only a notebook's first line (a stand-in for
    nbstripout: what follows is 'output')."""
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@t")
    _git(tmp_path, "config", "user.name", "t")
    _git(tmp_path, "config", "filter.strip.clean", "head -n 1")
    (tmp_path / ".gitattributes").write_text("*.ipynb filter=strip\n")
    (tmp_path / "a.ipynb").write_text("source\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "a")
    return tmp_path / "a.ipynb"


def test_refresh_git_index_clears_a_save_that_only_added_outputs(tmp_path):
    notebook = _repository(tmp_path)
    notebook.write_text("source\n" + json.dumps({"outputs": "x" * 1000}) + "\n")
    assert _git(tmp_path, "status", "--porcelain") != "", "git lists the larger file"
    refresh_git_index({"type": "notebook"}, os_path=str(notebook))
    assert _git(tmp_path, "status", "--porcelain") == ""


def test_refresh_git_index_leaves_real_edits_unstaged(tmp_path):
    notebook = _repository(tmp_path)
    notebook.write_text("edited source\n")
    refresh_git_index({"type": "notebook"}, os_path=str(notebook))
    assert _git(tmp_path, "status", "--porcelain") == " M a.ipynb\n"
