"""The book's chart theme: one colour per region (and per city, theme and verdict), fonts and
sizes, the source line generated from ``sources.csv``, and the finishing every chart gets (its
title stating the finding, the source line, a description for screen readers)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd

from jingjinji.chart_data import write_chart_data
from jingjinji.data import DataPackage
from jingjinji.figures import FigureRef
from jingjinji.publishers import short_name

#: One fixed colour per region (Okabe–Ito palette, safe for colour-blind readers).
REGION_COLORS: dict[str, str] = {
    "CN-BJ": "#D55E00",
    "CN-TJ": "#0072B2",
    "CN-HE": "#009E73",
    "CN": "#555555",
}
#: Colours for Hebei's cities and Xiong'an, given out in the order of regions.csv.
CITY_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#CC79A7", "#8C564B", "#9467BD", "#17BECF",
                                "#BCBD22", "#E377C2", "#000000", "#AD8F00", "#6A3D9A", "#B15928")
THEME_COLORS: dict[str, str] = {
    "overview": "#555555",
    "ecology": "#009E73",
    "economy": "#0072B2",
    "healthcare": "#CC79A7",
    "transport": "#E69F00",
}
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
#: Charts take the width of the page's text column (Vega-Lite "container" sizing).
WIDTH = "container"
SOURCE_WRAP = 56
TITLE_WRAP = 44
#: One colour per verdict of the claims ledger, in the order of :data:`jingjinji.rubric.VERDICTS`.
VERDICT_COLORS = ["#009E73", "#7FCDBB", "#D55E00", "#999999", "#DDDDDD"]


@alt.theme.register("jingjinji", enable=True)
def jingjinji_theme() -> alt.theme.ThemeConfig:
    """Fonts, sizes and quiet axes shared by every chart of the book."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 560, "continuousHeight": 300, "stroke": None},
            "autosize": {"type": "fit-x", "contains": "padding"},
            "title": {"fontSize": 14, "fontWeight": 600, "anchor": "start", "subtitleFontSize": 10,
                      "subtitleColor": "#444444", "subtitlePadding": 6, "offset": 12},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6",
                     "domainColor": "#888888", "tickColor": "#888888", "labelColor": "#333333",
                     "titleColor": "#333333"},
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "top",
                       "direction": "vertical", "labelLimit": 260},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 45, "filled": True},
            "background": "white",
        }
    }


def region_color(package: DataPackage, region: str) -> str:
    """The region's fixed colour: its own for China and the provinces, else a city colour."""
    if region in REGION_COLORS:
        return REGION_COLORS[region]
    cities = [r for r in package.regions["region"] if r not in REGION_COLORS]
    return CITY_COLORS[cities.index(region) % len(CITY_COLORS)]


def region_scale(package: DataPackage, regions: Iterable[str]) -> alt.Scale:
    """A colour scale over the regions' English names, in the book's fixed colours."""
    names = package.regions.set_index("region")["name_en"]
    regions = list(regions)
    return alt.Scale(domain=[names[r] for r in regions],
                     range=[region_color(package, r) for r in regions])


def _chosen_sources(package: DataPackage, source_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of sources.csv for these ids (sorted), refusing an unknown id."""
    ids = sorted(set(source_ids))
    if not ids:
        raise ValueError("a chart needs at least one source id from sources.csv")
    sources = package.sources.set_index("source")
    unknown = [s for s in ids if s not in sources.index]
    if unknown:
        raise KeyError(f"unknown source id(s) {unknown} (see data/sources.csv)")
    return sources.loc[ids]


def source_line(package: DataPackage, source_ids: Iterable[str]) -> list[str]:
    """The chart's short 'Source: ...' line, generated from sources.csv: the publisher of most
    documents (the first by name among equals) and how many others; the book lists every
    document under the figure (:func:`source_citations`) and in its data appendix."""
    counts = _chosen_sources(package, source_ids)["publisher"].map(short_name).value_counts()
    first = min(counts.index, key=lambda name: (-counts[name], name))
    others = len(counts) - 1
    more = f" and {others} other{'s' if others > 1 else ''}" if others else ""
    return textwrap.wrap(f"Source: {first}{more} (all in the data appendix).",
                         SOURCE_WRAP)


def source_citations(package: DataPackage, source_ids: Iterable[str]) -> list[str]:
    """Each document behind a chart, cited in full: publisher, title, date and locator."""
    return [f"{row.publisher}, {row.title} ({row.date}); {row.locator}."
            for row in _chosen_sources(package, source_ids).itertuples()]


def finish(chart: alt.TopLevelMixin, package: DataPackage, *, title: str, description: str,
           sources: Iterable[str], subtitle: str | None = None,
           figure: FigureRef | None = None,
           table: pd.DataFrame | None = None) -> alt.TopLevelMixin:
    """Give a chart its title (the finding), generated source line and description, and its
    number and anchor when it is one of the chapter's figures; ``table``, the rows it draws,
    is then written as the figure's CSV (:mod:`jingjinji.chart_data`), linked from its caption."""
    if not title.strip() or not description.strip():
        raise ValueError("every chart needs a title that states its finding and a description")
    sources = list(sources)
    lines = (textwrap.wrap(subtitle, SOURCE_WRAP) if subtitle else []) + source_line(package,
                                                                                      sources)
    chart = chart.properties(
        title=alt.TitleParams(text=textwrap.wrap(title, TITLE_WRAP), subtitle=lines),
        description=description,
    )
    if figure is not None:
        meta = {"label": figure.label, "anchor": figure.anchor,
                "sources": source_citations(package, sources)}
        if table is not None:
            meta["data"] = write_chart_data(package, table, figure)
        chart = chart.properties(usermeta={"figure": meta})
    return chart
