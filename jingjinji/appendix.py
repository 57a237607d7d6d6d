"""The data appendix's long outputs, generated from the data package: each scrolls inside its
cell (:func:`jingjinji.outputs.scrolling`)."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Markdown
from pandas.io.formats.style import Styler

from jingjinji import copies, publishers
from jingjinji.copies import COPY_WORDS
from jingjinji.coverage import coverage_table, gap_table
from jingjinji.data import DataPackage
from jingjinji.outputs import scrolling

#: The columns of the regions table, and how areas are written (no trailing zeros).
REGION_COLUMNS = ["region", "name_en", "name_zh", "level", "parent", "seat", "lon", "lat",
                  "area_km2", "area_source"]


def _where(read_at: str) -> str:
    """Where a copy was read: a web page as a link named by its site, else the file or package."""
    site = copies.host(read_at)
    return f"[{site}](<{read_at}>)" if site else f"`{read_at}`"


def source_items(package: DataPackage) -> list[str]:
    """Every source as a Markdown list item: publisher, title, date, locator, where read and
    the kind of copy it is, note."""
    items = []
    for s in package.sources.sort_values("source").itertuples():
        item = f"- `{s.source}` — **{s.publisher}**, *{s.title}* ({s.date}). {s.locator}."
        if isinstance(s.url, str) and s.url and s.url != s.read_at:
            item += f" Original: <{s.url}>."
        unrelated = " (an unrelated site)" if copies.is_junk(s.read_at) else ""
        item += f" Read at {_where(s.read_at)}: {COPY_WORDS[s.copy]}{unrelated}."
        if isinstance(s.note, str) and s.note:
            item += f" {s.note}"
        items.append(item)
    return items


def regional_releases_table(package: DataPackage) -> Styler:
    """Values of one province released by another's body in a release about the whole region
    (:func:`publishers.regional_releases`): indicator, region, year, value with its unit, the
    releasing body and the source."""
    listed = publishers.regional_releases(package)
    names = package.regions.set_index("region")["name_en"]
    indicators = package.indicators.set_index("indicator")
    units = listed["indicator"].map(indicators["unit"])
    table = pd.DataFrame({
        "Indicator": listed["indicator"].map(indicators["name"]),
        "Region": listed["region"].map(names), "Year": listed["year"],
        "Value": [f"{v:,.10g} {u}" for v, u in zip(listed["value"], units, strict=True)],
        "Released by": listed["publisher"].map(publishers.short_name),
        "Source": listed["source"]})
    return table.style.hide(axis="index")


def sources_list(package: DataPackage) -> HTML:
    """The list of every source, scrolling."""
    return scrolling(Markdown("\n".join(source_items(package))), "Sources")


def unrelated_copies(package: DataPackage) -> pd.DataFrame:
    """The sources read only on a site unrelated to their publisher (:func:`copies.is_junk`):
    id, the site and how many values rest on each, most values first (the sources list gives
    each document)."""
    web = package.sources[package.sources["read_at"].map(copies.is_junk)]
    cited = package.observations["source"].str.split(";").explode().value_counts()
    table = pd.DataFrame({"Source": web["source"], "Read on": web["read_at"].map(copies.host),
                          "Values": web["source"].map(cited).fillna(0).astype(int)})
    return table.sort_values(["Values", "Source"], ascending=[False, True])


def web_copy_counts(package: DataPackage) -> tuple[int, int]:
    """How many sources were read on a web page, and how many of those on an unrelated site."""
    web = package.sources["read_at"].map(copies.host).notna()
    return int(web.sum()), int(package.sources["read_at"].map(copies.is_junk).sum())


def unrelated_table(package: DataPackage) -> HTML:
    """:func:`unrelated_copies` as a table, scrolling."""
    return scrolling(unrelated_copies(package).style.hide(axis="index"),
                     "Sources read only on unrelated sites")


def indicators_list(package: DataPackage) -> HTML:
    """Every indicator with its unit, definition and how many values it has, scrolling."""
    counts = coverage_table(package).groupby("indicator").agg(
        regions=("region", "nunique"), values=("years", "sum"))
    items = []
    for i in package.indicators.itertuples():
        if i.indicator in counts.index:
            have = counts.loc[i.indicator]
            values, regions = int(have["values"]), int(have["regions"])
            found = (f"{values} value{'s' if values != 1 else ''} for {regions} "
                     f"region{'s' if regions != 1 else ''}")
        else:
            found = "no values yet"
        items.append(f"- `{i.indicator}` — **{i.name}** ({i.unit}; {i.theme}). "
                     f"{i.description} *{found.capitalize()}.*")
    return scrolling(Markdown("\n".join(items)), "Indicators")


def gaps_table(package: DataPackage) -> HTML:
    """Indicator × region: the years still missing (:func:`gap_table`), scrolling."""
    return scrolling(gap_table(package).style, "Years still missing, by indicator and region")


def regions_table(package: DataPackage) -> HTML:
    """The regions with their codes, names, seats and areas, scrolling."""
    table = package.regions[REGION_COLUMNS].style.hide(axis="index").format(
        {"area_km2": lambda v: f"{v:,.2f}".rstrip("0").rstrip(".")}, precision=5, na_rep="")
    return scrolling(table, "Regions")
