"""The evidence profile readers see: on what kind of copy a chapter's values were read, and how
many a second copy from another owner confirms (:mod:`jingjinji.evidence`)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from jingjinji.data import DataPackage
from jingjinji.evidence import COPY_GRADES, COPY_WORDS, STATUSES, evidence_summary

#: The columns of the profile, as readers see them.
COLUMNS = {"total": "Values", "corroborated": "Confirmed by a second copy",
           "contradicted": "Contradicted by a second copy", "single copy": "Single copy"}


def profile(package: DataPackage, theme: str | None = None) -> pd.DataFrame:
    """Values by kind of copy (strongest first) and corroboration, with a row for all of them:
    of one theme's indicators, or of the whole book."""
    summary = evidence_summary(package, by=None if theme is None else "theme")
    if theme is not None:
        if theme not in summary.index.get_level_values("theme"):
            raise ValueError(f"no values for theme {theme!r} in observations.csv")
        summary = summary.loc[theme]
    grades = [g for g in COPY_GRADES if g in summary.index]
    table = summary.loc[grades, ["total", *STATUSES]]
    table.loc["all"] = table.sum()
    table.index = [COPY_WORDS[g].capitalize() if g in COPY_WORDS else "All kinds"
                   for g in table.index]
    table.index.name = "Read in"
    table.columns.name = None
    return table.rename(columns=COLUMNS)


def profile_table(package: DataPackage, theme: str | None = None) -> Styler:
    """:func:`profile` as a table, its last row (all kinds) in bold."""
    table = profile(package, theme).reset_index()
    last = table.index[-1]
    return table.style.hide(axis="index").apply(
        lambda row: ["font-weight: 600" if row.name == last else "" for _ in row], axis=1)
