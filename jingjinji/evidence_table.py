"""The evidence profile readers see: on what kind of copy a chapter's values were read, and how
many a second copy from another owner confirms (:mod:`jingjinji.evidence`)."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML
from pandas.io.formats.style import Styler

from jingjinji.copies import COPY_GRADES, COPY_WORDS, THIRD_PARTY
from jingjinji.data import DataPackage
from jingjinji.evidence import (
    STATUSES,
    contradictions,
    evidence_summary,
    observation_evidence,
)
from jingjinji.outputs import scrolling

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


#: The two kinds of point a chart draws: filled, or hollow for a value resting on one copy read
#: on a third party's site or file (legend title "Copy").
SOLID, HOLLOW = "official or confirmed", "one third-party copy"


def row_evidence(package: DataPackage, frame: pd.DataFrame) -> pd.DataFrame:
    """For each row of a chart's frame: ``copies`` (:data:`SOLID` or :data:`HOLLOW`) and
    ``second_copy``, what a second copy says, in words for its tooltip. A row is an observation
    when its indicator, region, year, value and source are one; other rows are derived."""
    key = ["indicator", "region", "year", "source", "value"]
    seen = observation_evidence(package)
    titles = package.sources.set_index("source")["title"]
    matched = frame[key].merge(seen, on=key, how="left")
    words, kinds = [], []
    for status, grade, checked, disagreeing in zip(
            matched["status"], matched["copy"], matched["checked_by"], matched["disagreeing"],
            strict=True):
        third_party = grade in THIRD_PARTY
        kinds.append(HOLLOW if third_party and status == "single copy" else SOLID)
        if not isinstance(status, str):
            words.append("derived from cited values")
        elif status == "contradicted":
            words.append("contradicted by " + "; ".join(titles[s] for s in disagreeing.split(";"))
                         + " (see the data appendix)")
        elif status == "corroborated":
            words.append("agrees: " + "; ".join(titles[s] for s in checked.split(";")))
        else:
            words.append("none found" + (" (rests on one third-party copy)" if third_party
                                         else " (read on an official or state-media site)"))
    return pd.DataFrame({"copies": kinds, "second_copy": words}, index=frame.index)


def second_copies_by_theme(package: DataPackage) -> Styler:
    """Per theme, the values resting on a third-party copy (reprint, export mirror, compilation)
    and the share a copy from another owner confirms, with a row for the whole book."""
    seen = observation_evidence(package).merge(package.indicators[["indicator", "theme"]],
                                               on="indicator")
    weak = seen[seen["copy"].isin(THIRD_PARTY)].assign(
        confirmed=lambda frame: frame["status"] == "corroborated")
    table = weak.groupby("theme").agg(values=("confirmed", "size"),
                                      confirmed=("confirmed", "sum"))
    table.loc["whole book"] = table.sum()
    table["share"] = table["confirmed"] / table["values"]
    table = table.reset_index().rename(columns={
        "theme": "Theme", "values": "Values on a third-party copy",
        "confirmed": "Confirmed by a second copy", "share": "Share confirmed"})
    return table.style.hide(axis="index").format({"Share confirmed": "{:.0%}"})


def contradictions_table(package: DataPackage) -> HTML:
    """Every value a second copy disagrees with: both values, both documents and the note that
    says which is kept and why (scrolling)."""
    found = contradictions(package)
    titles = package.sources.set_index("source")["title"]
    names = package.indicators.set_index("indicator")["name"]
    regions = package.regions.set_index("region")["name_en"]
    table = pd.DataFrame({
        "Indicator": found["indicator"].map(names), "Region": found["region"].map(regions),
        "Year": found["year"],
        "Value": found["value"], "Document": found["source"].map(titles),
        "Second copy": found["other_value"], "Its document": found["other_source"].map(titles),
        "Which is kept, and why": found["note"]})
    return scrolling(table.style.hide(axis="index").format(
        {"Value": "{:,.10g}", "Second copy": "{:,.10g}"}), "Values a second copy contradicts")


def observations_table(package: DataPackage, indicators: list[str], label: str) -> HTML:
    """Every value of some indicators as it was stated — year, value, what the note says of
    it, the document and the kind of copy read — for values too few or too irregular in date
    to draw, scrolling."""
    rows = package.observations[package.observations["indicator"].isin(indicators)].copy()
    rows["order"] = rows["indicator"].map({name: i for i, name in enumerate(indicators)})
    rows = rows.sort_values(["order", "year"])
    names = package.indicators.set_index("indicator")
    sources = package.sources.set_index("source")
    shown = pd.DataFrame({
        "Indicator": rows["indicator"].map(names["name"]) + " ("
        + rows["indicator"].map(names["unit"]) + ")",
        "Year": rows["year"].astype(str),
        "Value": rows["value"].map("{:,g}".format),
        "As stated": rows["note"].fillna(""),
        "Document": rows["source"].map(lambda ids: "; ".join(
            f"{sources.at[i, 'publisher']}, {sources.at[i, 'title']} ({sources.at[i, 'date']})"
            for i in ids.split(";"))),
        "Read in": rows["source"].map(lambda ids: "; ".join(
            COPY_WORDS[sources.at[i, "copy"]] for i in ids.split(";"))),
    })
    return scrolling(shown.style.hide(axis="index"), label)
