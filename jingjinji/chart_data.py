"""The data behind each figure, as the CSV a reader downloads from under it: every row the chart
draws, with its unit, status and copy, and the full citation of its source — publisher,
document, date, locator, address, the kind of copy read and where — from ``sources.csv``.

A chart's CSV is written when its chapter runs (:func:`jingjinji.downloads.write_csv`) and named
for its figure ("figure-2-3-gdp.csv"); the figure's caption links to it.
"""

from __future__ import annotations

import re

import pandas as pd

from jingjinji.copies import COPY_WORDS
from jingjinji.data import DataPackage
from jingjinji.downloads import write_csv
from jingjinji.figures import FigureRef

#: Columns first, in this order, when a chart's frame has them; the others follow.
LEADING = ["region", "name_en", "indicator", "name", "year", "value", "unit", "status", "note",
           "copies", "second_copy"]
#: Columns of a chart's frame that only build its tooltips (the citation replaces them).
TOOLTIP_ONLY = ["document"]
#: What each citation column holds, from ``sources.csv``.
CITATION = {"publisher": "publisher", "document": "title", "document_date": "date",
            "locator": "locator", "url": "url", "copy_read": "copy", "read_at": "read_at"}


def file_name(figure: FigureRef) -> str:
    """The CSV's name: the figure's label and name ("figure-2-3-gdp.csv")."""
    label = re.sub(r"[^a-z0-9]+", "-", figure.label.lower()).strip("-")
    return f"{label}-{figure.anchor.removeprefix('fig-').replace('_', '-')}.csv"


def chart_table(package: DataPackage, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows a chart draws, with the citation of the source ids of each ``source`` (or
    ``<prefix>_source``) column; several ids in one cell (``a;b``) give "; "-joined citations."""
    table = frame.drop(columns=[c for c in TOOLTIP_ONLY if c in frame]).reset_index(drop=True)
    order = [c for c in LEADING if c in table] + [c for c in table if c not in LEADING]
    table = table[order]
    sources = package.sources.set_index("source")
    for column in [c for c in order if c == "source" or c.endswith("_source")]:
        prefix = column.removesuffix("source")
        for name, field in CITATION.items():
            table[prefix + name] = table[column].map(lambda ids, f=field: _cited(sources, ids, f))
    return table


def _cited(sources: pd.DataFrame, ids: object, field: str) -> str:
    """One field of the sources (sources.csv by id) behind ``a;b`` source ids, "; "-joined
    ("" without a source)."""
    if not isinstance(ids, str) or not ids:
        return ""
    values = [sources.at[i, field] for i in ids.split(";")]
    if field == "copy":
        values = [COPY_WORDS[v] for v in values]
    return "; ".join("" if pd.isna(v) else str(v) for v in values)


def write_chart_data(package: DataPackage, frame: pd.DataFrame, figure: FigureRef) -> str:
    """Write the figure's CSV beside the chapters and return its name."""
    name = file_name(figure)
    write_csv(chart_table(package, frame), name)
    return name
