"""How to cite the book and each of its figures, from ``CITATION.cff`` (the one place the
book's title, authors, version, release date, repository and licence are written).

Under each figure of the book a line says how to cite it; the book's Sphinx extension puts the
figure's address into it (the page is known only when the page is written), and writes the
same facts into every page's footer.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path

import yaml

CFF = Path(__file__).resolve().parent.parent / "CITATION.cff"
#: Marks where the figure's address goes in its cite line (filled in by the book's extension).
ADDRESS_CLASS = "jj-cite-address"


@dataclass(frozen=True)
class Book:
    """The book as ``CITATION.cff`` describes it."""

    title: str
    authors: str
    version: str
    released: str
    repository: str
    license: str

    @property
    def short_title(self) -> str:
        """The title before its subtitle."""
        return self.title.split(":")[0]


@functools.cache
def book(path: Path = CFF) -> Book:
    """The book's citation metadata."""
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [k for k in ("title", "authors", "version", "date-released", "repository-code",
                           "license") if k not in cff]
    if missing:
        raise ValueError(f"{path.name}: missing {missing}")
    return Book(title=cff["title"], authors=", ".join(a["name"] for a in cff["authors"]),
                version=str(cff["version"]), released=str(cff["date-released"]),
                repository=cff["repository-code"], license=cff["license"])


def figure_citation(label: str, title: str, anchor: str) -> str:
    """The cite line of one figure, as HTML; its address is filled in when the page is written."""
    meta = book()
    return (f'<p class="jj-cite">Cite: {html.escape(meta.authors)}, '
            f"“{html.escape(title)}”, {html.escape(label)} in <i>{html.escape(meta.short_title)}"
            f"</i>, version {html.escape(meta.version)} ({html.escape(meta.released)}), "
            f'<span class="{ADDRESS_CLASS}" data-anchor="{html.escape(anchor)}"></span>.</p>')
