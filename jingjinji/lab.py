"""What the Jupyter server does for the book's chapters (installed by ``make venv``)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from jingjinji.offline import VEGA_MIME

PNG_MIME = "image/png"


def drop_chart_images(model: dict[str, Any], **_: Any) -> None:
    """Pre-save hook: drop the PNG that JupyterLab's Vega renderer adds beside each chart.

    The chart's Vega spec stays in the output and is drawn again when the notebook is
    reopened, so the saved file holds no picture the spec already describes.
    """
    if model.get("type") != "notebook":
        return
    for cell in model["content"].get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if VEGA_MIME in data:
                data.pop(PNG_MIME, None)


def refresh_git_index(model: dict[str, Any], os_path: str, **_: Any) -> None:
    """Post-save hook: a saved notebook whose stripped content is unchanged reads as unchanged.

    Git reports a file whose size changed as modified without running its clean filter
    (nbstripout), so a saved run would show in ``git status`` although ``git diff`` is
    empty. When the filtered file equals the index, ``git add`` only refreshes the index's
    record of the file; a notebook with real changes is left alone.
    """
    if model.get("type") != "notebook":
        return
    path = Path(os_path)

    def git(*args: str) -> int:
        """Run git on the notebook's file; its exit status."""
        return subprocess.run(["git", *args, "--", path.name], cwd=path.parent,
                              capture_output=True, timeout=60).returncode

    try:  # no git, or a slow one, must never make a save fail
        if git("ls-files", "--error-unmatch") == 0 and git("diff", "--quiet") == 0:
            git("add")
    except (OSError, subprocess.TimeoutExpired):
        return
