"""Files readers download from a chapter, written next to the notebooks when a chapter runs.

A chapter writes each file into ``notebooks/downloads/`` (kept out of git) and links to it with
a relative link, which works in JupyterLab as it is and in the book, whose builder copies a linked
file into the site.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

from jingjinji.data import DATA_DIR

#: Where chapters write the files they offer, beside the notebooks that link to them.
FOLDER = Path(__file__).resolve().parent.parent / "notebooks" / "downloads"
#: The data package as one file, and the folder it unpacks to.
DATA_PACKAGE_ZIP = "jing-jin-ji-data.zip"
DATA_PACKAGE_FOLDER = "jing-jin-ji-data"


def _written(name: str, write: Callable[[IO], None], mode: str = "w") -> Path:
    """Write ``downloads/<name>`` with ``write`` and return its path.

    The file is replaced in one step, so a book build and a test run of the same chapter at
    the same time never read it half written.
    """
    FOLDER.mkdir(exist_ok=True)
    path = FOLDER / name
    text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    with tempfile.NamedTemporaryFile(mode, dir=FOLDER, prefix=f".{name}.", delete=False,
                                     **text) as part:
        write(part)
    os.chmod(part.name, 0o644)  # readable by a web server, as any file of the site
    os.replace(part.name, path)
    return path


def write_csv(table: pd.DataFrame, name: str) -> Path:
    """Write ``table`` as ``downloads/<name>`` (UTF-8, no index) and return its path."""
    return _written(name, lambda part: table.to_csv(part, index=False, lineterminator="\n"))


def write_data_package(data_dir: Path = DATA_DIR) -> Path:
    """Write the data package (``datapackage.json`` and every file it describes, as they are in
    ``data_dir``) as one zip file that unpacks to a folder, and return its path."""
    files = sorted(p for p in data_dir.iterdir() if p.is_file())

    def write(part: IO) -> None:
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"{DATA_PACKAGE_FOLDER}/{path.name}")

    return _written(DATA_PACKAGE_ZIP, write, mode="wb")
