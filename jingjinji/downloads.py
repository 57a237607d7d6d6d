"""Files readers download from a chapter, written next to the notebooks when a chapter runs.

A chapter writes each file into ``notebooks/downloads/`` (kept out of git) and links to it with
a relative link, which works in JupyterLab as it is and in the book, whose builder copies a linked
file into the site.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

#: Where chapters write the files they offer, beside the notebooks that link to them.
FOLDER = Path(__file__).resolve().parent.parent / "notebooks" / "downloads"


def write_csv(table: pd.DataFrame, name: str) -> Path:
    """Write ``table`` as ``downloads/<name>`` (UTF-8, no index) and return its path.

    The file is replaced in one step, so a book build and a test run of the same chapter at
    the same time never read it half written.
    """
    FOLDER.mkdir(exist_ok=True)
    path = FOLDER / name
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=FOLDER,
                                     prefix=f".{name}.", delete=False) as part:
        table.to_csv(part, index=False, lineterminator="\n")
    os.chmod(part.name, 0o644)  # readable by a web server, as any file of the site
    os.replace(part.name, path)
    return path
