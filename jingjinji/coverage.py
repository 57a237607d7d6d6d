"""What the data package covers, and what it does not: for the appendix and the chapters."""

from __future__ import annotations

import altair as alt
import pandas as pd

from jingjinji.data import DataPackage
from jingjinji.describe import spans
from jingjinji.figures import FigureRef
from jingjinji.theme import WIDTH, finish

#: The book's span: the strategy's decade and the year before it.
BOOK_YEARS = range(2013, 2025)
#: The years for which most annual statistics have been published so far.
PUBLISHED_YEARS = BOOK_YEARS[:-1]
#: The three provinces and China, the regions most series cover.
PROVINCES_AND_CHINA = ["CN-BJ", "CN-TJ", "CN-HE", "CN"]


def coverage_table(package: DataPackage) -> pd.DataFrame:
    """One row per indicator and region: number of years, first and last year, sources."""
    table = package.observations.groupby(["indicator", "region"]).agg(
        years=("year", "nunique"), first=("year", "min"), last=("year", "max"),
        sources=("source", "nunique")).reset_index()
    return table.sort_values(["indicator", "region"]).reset_index(drop=True)


def missing_years(package: DataPackage, indicator: str, regions: list[str],
                  years: range = BOOK_YEARS) -> dict[str, list[int]]:
    """For each region, the years of ``years`` with no observation of the indicator."""
    obs = package.observations[package.observations["indicator"] == indicator]
    return {region: [y for y in years if y not in set(obs.loc[obs["region"] == region, "year"])]
            for region in regions}


def gap_sentences(package: DataPackage, indicators: list[str], regions: list[str],
                  years: range = PUBLISHED_YEARS) -> dict[str, str]:
    """For each indicator, 'Beijing 2013–2015; Hebei 2020' naming the regions' missing years."""
    names = package.regions.set_index("region")["name_en"]
    return {indicator: "; ".join(f"{names[region]} {year_spans(missing)}" for region, missing
                                 in missing_years(package, indicator, regions, years).items()
                                 if missing)
            for indicator in indicators}


def gap_table(package: DataPackage, regions: list[str] = PROVINCES_AND_CHINA,
              years: range = BOOK_YEARS) -> pd.DataFrame:
    """Indicator × region: the years of the book's span still missing ('' when complete)."""
    names = package.regions.set_index("region")["name_en"]
    rows = {}
    for indicator in package.indicators["indicator"]:
        missing = missing_years(package, indicator, regions, years)
        rows[indicator] = {names[r]: year_spans(m) if m else "" for r, m in missing.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "indicator"
    return table


def year_spans(years: list[int]) -> str:
    """'2013–2015, 2019' for [2013, 2014, 2015, 2019]; 'all' for the whole book span."""
    return "all" if years == list(BOOK_YEARS) else spans(years)


def coverage_chart(package: DataPackage, *, title: str, description: str,
                   figure: FigureRef | None = None) -> alt.TopLevelMixin:
    """Indicator × region × year: a cell for every observation, coloured by status."""
    obs = package.observations.merge(package.regions[["region", "name_en"]], on="region")
    obs = obs.merge(package.indicators[["indicator", "name", "unit"]], on="indicator")
    obs["row"] = obs["name"] + " — " + obs["name_en"]
    order = {name: i for i, name in enumerate(package.indicators["indicator"])}
    obs = obs.assign(order=obs["indicator"].map(order) * 100 + obs["region"].rank(method="dense"))
    rows = list(dict.fromkeys(obs.sort_values("order")["row"]))
    table = obs[["region", "name_en", "indicator", "name", "year", "value", "unit", "status",
                 "source"]]
    obs["shown"] = [f"{v:,.6g} {u}" for v, u in zip(obs["value"], obs["unit"], strict=True)]
    # Each cell carries its row's number; the row's label is looked up once per row.
    obs["r"] = obs["row"].map({row: i for i, row in enumerate(rows)})
    labels = alt.LookupData(pd.DataFrame({"r": range(len(rows)), "row": rows}), "r", ["row"])
    obs = obs[["r", "year", "shown", "status", "source"]]
    chart = alt.Chart(obs).transform_lookup(lookup="r", from_=labels).mark_rect(
        stroke="white", strokeWidth=1).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("row:N", title=None, sort=rows),
        color=alt.Color("status:N", title="Status",
                        scale=alt.Scale(domain=["reported", "derived", "revised"],
                                        range=["#0072B2", "#E69F00", "#CC79A7"])),
        tooltip=[alt.Tooltip("row:N", title="Indicator — region"),
                 alt.Tooltip("year:O", title="Year"), alt.Tooltip("shown:N", title="Value"),
                 alt.Tooltip("source:N", title="Source id")],
    ).properties(width=WIDTH, height=max(60, 16 * len(rows)))
    return finish(chart, package, title=title, description=description, sources=obs["source"],
                  figure=figure, table=table)
