"""The book's chart theme and the helpers every chapter draws with.

Every chart made here carries a title, a source line generated from ``sources.csv``, a
``description`` for screen readers and tooltips with units. Each region has one colour on every
chart of the book.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd

from jingjinji.data import DataPackage

#: One fixed colour per region (Okabe–Ito palette, safe for colour-blind readers).
REGION_COLORS: dict[str, str] = {
    "CN-BJ": "#D55E00",
    "CN-TJ": "#0072B2",
    "CN-HE": "#009E73",
    "CN": "#555555",
}
THEME_COLORS: dict[str, str] = {
    "overview": "#555555",
    "ecology": "#009E73",
    "economy": "#0072B2",
    "healthcare": "#CC79A7",
    "transport": "#E69F00",
}
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
WIDTH = 560
SOURCE_WRAP = 110


@alt.theme.register("jingjinji", enable=True)
def jingjinji_theme() -> alt.theme.ThemeConfig:
    """Fonts, sizes and quiet axes shared by every chart of the book."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": 15, "fontWeight": 600, "anchor": "start", "subtitleFontSize": 11,
                      "subtitleColor": "#444444", "subtitlePadding": 6, "offset": 12},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6",
                     "domainColor": "#888888", "tickColor": "#888888", "labelColor": "#333333",
                     "titleColor": "#333333"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top"},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 45, "filled": True},
            "background": "white",
        }
    }


def region_scale(package: DataPackage, regions: Iterable[str]) -> alt.Scale:
    """A colour scale over the regions' English names, in the book's fixed colours."""
    names = package.regions.set_index("region")["name_en"]
    regions = list(regions)
    return alt.Scale(domain=[names[r] for r in regions],
                     range=[REGION_COLORS.get(r, REGION_COLORS["CN-HE"]) for r in regions])


def source_line(package: DataPackage, source_ids: Iterable[str]) -> list[str]:
    """'Source: ...' lines naming the publishers and documents of the given source ids."""
    ids = sorted(set(source_ids))
    if not ids:
        raise ValueError("a chart needs at least one source id from sources.csv")
    sources = package.sources.set_index("source")
    unknown = [s for s in ids if s not in sources.index]
    if unknown:
        raise KeyError(f"unknown source id(s) {unknown} (see data/sources.csv)")
    parts = []
    for publisher, group in sources.loc[ids].groupby("publisher", sort=True):
        if len(group) == 1:
            row = group.iloc[0]
            parts.append(f"{publisher}, {row['title']} ({row['date']})")
        else:
            years = sorted(d[:4] for d in group["date"])
            span = years[0] if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
            parts.append(f"{publisher}, {len(group)} documents ({span})")
    text = "Source: " + "; ".join(parts) + ". Details in the data appendix."
    return textwrap.wrap(text, SOURCE_WRAP)


def finish(chart: alt.TopLevelMixin, package: DataPackage, *, title: str, description: str,
           sources: Iterable[str], subtitle: str | None = None) -> alt.TopLevelMixin:
    """Give a chart its title (the finding), generated source line and description."""
    if not title.strip() or not description.strip():
        raise ValueError("every chart needs a title that states its finding and a description")
    lines = ([subtitle] if subtitle else []) + source_line(package, sources)
    return chart.properties(
        title=alt.TitleParams(text=title, subtitle=lines), description=description
    )


def _with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """Add an empty row for every missing year inside each region's span, so lines break."""
    frames = []
    for region, group in series.groupby("region", sort=False):
        years = range(int(group["year"].min()), int(group["year"].max()) + 1)
        full = group.set_index("year").reindex(years).reset_index()
        full["region"] = region
        full["name_en"] = group["name_en"].iloc[0]
        frames.append(full)
    return pd.concat(frames, ignore_index=True)


def event_rules(package: DataPackage, labels: Iterable[str],
                domain: tuple[float, float]) -> alt.LayerChart:
    """Vertical rules with short labels at the dates of the named events (events.csv).

    ``domain`` is the x range of the chart the rules are laid over (fractional years).
    """
    events = package.events[package.events["label"].isin(list(labels))].copy()
    if events.empty:
        raise KeyError("none of the requested event labels is in data/events.csv")
    dates = pd.to_datetime(events["date"], format="mixed")
    events["x"] = dates.dt.year + (dates.dt.day_of_year - 1) / 365.25
    base = alt.Chart(events).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=list(domain))),
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("event:N", title="Event")],
    )
    rules = base.mark_rule(color="#777777", strokeDash=[3, 3], strokeWidth=1)
    text = base.mark_text(align="left", baseline="top", dx=3, dy=2, fontSize=10,
                          color="#555555", angle=0).encode(text="label:N", y=alt.value(0))
    return rules + text


def _documents(package: DataPackage, source_ids: pd.Series) -> pd.Series:
    """The document titles behind ';'-separated source ids, for tooltips."""
    titles = package.sources.set_index("source")["title"]
    return source_ids.map(lambda ids: "; ".join(titles[i] for i in ids.split(";")))


def time_series(package: DataPackage, series: pd.DataFrame, *, title: str, description: str,
                events: Iterable[str] = (), subtitle: str | None = None,
                height: int = 300) -> alt.TopLevelMixin:
    """One indicator over time, one line per region, gaps left as gaps, events as rules.

    ``series`` is ``package.series(...)`` or a derived frame of the same shape.
    """
    if series.empty:
        raise ValueError("no observations to draw")
    unit, name = series["unit"].iloc[0], series["name"].iloc[0]
    data = _with_gaps(series.assign(document=_documents(package, series["source"])))
    regions = list(dict.fromkeys(r for r in REGION_COLORS if r in set(series["region"])))
    color = alt.Color("name_en:N", scale=region_scale(package, regions), title=None)
    domain = (int(series["year"].min()) - 0.3, int(series["year"].max()) + 0.3)
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=list(domain)),
              axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("value:Q", title=f"{name} ({unit})", scale=alt.Scale(zero=True))
    tooltip = [alt.Tooltip("name_en:N", title="Region"), alt.Tooltip("year:Q", title="Year"),
               alt.Tooltip("value:Q", title=f"{name} ({unit})", format=",.4~r"),
               alt.Tooltip("status:N", title="Status"), alt.Tooltip("document:N", title="Source")]
    base = alt.Chart(data).encode(x=x, y=y, color=color)
    layers = [base.mark_line(invalid="break-paths-show-domains"),
              base.mark_point().encode(tooltip=tooltip)]
    if events:
        layers.insert(0, event_rules(package, events, domain))
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    sources = {s for ids in series["source"] for s in ids.split(";")}
    return finish(chart, package, title=title, description=description, sources=sources,
                  subtitle=subtitle)


def policy_timeline(package: DataPackage, *, title: str, description: str) -> alt.TopLevelMixin:
    """Every event of events.csv in date order, coloured by theme."""
    events = package.events.sort_values("date").reset_index(drop=True)
    events["order"] = events.index
    events["text"] = events["date"] + "  " + events["label"]
    domain = [t for t in THEME_COLORS if t in set(events["theme"])]
    base = alt.Chart(events).encode(
        y=alt.Y("order:O", axis=None),
        tooltip=[alt.Tooltip("date:N", title="Date"), alt.Tooltip("event:N", title="Event"),
                 alt.Tooltip("theme:N", title="Theme")],
    )
    dots = base.mark_circle(size=110).encode(
        x=alt.value(8),
        color=alt.Color("theme:N", title="Theme",
                        scale=alt.Scale(domain=domain, range=[THEME_COLORS[t] for t in domain])))
    labels = base.mark_text(align="left", dx=20, fontSize=12, color="#222222").encode(
        x=alt.value(0), text="text:N")
    chart = alt.layer(dots, labels).properties(width=WIDTH, height=26 * len(events))
    return finish(chart, package, title=title, description=description, sources=events["source"])


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance between two points on a sphere of radius 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def seat_map(package: DataPackage, *, title: str, description: str,
             size: pd.Series | None = None, size_title: str = "") -> alt.TopLevelMixin:
    """The region's seats of government as points (no outlines), labelled, with distances.

    ``size``, indexed by region code, sizes the points (e.g. a city's PM2.5 or population).
    """
    places = package.regions[package.regions["level"] != "country"].copy()
    # Hebei's seat is Shijiazhuang's: the province is shown through its cities.
    beijing = places.set_index("region").loc["CN-BJ"]
    places["km_to_beijing"] = [round(great_circle_km(lon, lat, beijing["lon"], beijing["lat"]))
                               for lon, lat in zip(places["lon"], places["lat"], strict=True)]
    places["group"] = places["region"].map(
        {"CN-BJ": "Beijing", "CN-TJ": "Tianjin"}).fillna("Hebei")
    places = places[places["region"] != "CN-HE"]
    color = alt.Color("group:N", title=None,
                      scale=alt.Scale(domain=["Beijing", "Tianjin", "Hebei"],
                                      range=[REGION_COLORS[r] for r in ("CN-BJ", "CN-TJ",
                                                                        "CN-HE")]))
    tooltip = [alt.Tooltip("name_en:N", title="Place"), alt.Tooltip("name_zh:N", title="中文"),
               alt.Tooltip("seat:N", title="Seat"),
               alt.Tooltip("km_to_beijing:Q", title="Distance to Beijing's seat (km)")]
    encode = {"longitude": "lon:Q", "latitude": "lat:Q", "color": color, "tooltip": tooltip}
    if size is not None:
        places["size_value"] = places["region"].map(size)
        encode["size"] = alt.Size("size_value:Q", title=size_title)
        tooltip.append(alt.Tooltip("size_value:Q", title=size_title))
    base = alt.Chart(places).encode(longitude="lon:Q", latitude="lat:Q")
    points = alt.Chart(places).mark_circle(size=160, opacity=0.9, stroke="white",
                                           strokeWidth=1).encode(**encode)
    labels = base.mark_text(align="left", dx=9, fontSize=11, color="#222222").encode(
        text="name_en:N")
    chart = alt.layer(points, labels).project(type="mercator").properties(width=WIDTH,
                                                                           height=520)
    sources = set(places["coord_source"])
    return finish(chart, package, title=title, description=description, sources=sources)
