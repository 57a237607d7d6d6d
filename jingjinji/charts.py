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

from jingjinji.copies import COPY_WORDS
from jingjinji.data import DataPackage
from jingjinji.describe import describe
from jingjinji.evidence_table import HOLLOW, SOLID, row_evidence
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
FULL_SOURCES = 3
STATUS_SHAPES = {"reported": "circle", "derived": "diamond", "revised": "square"}
MAX_PUBLISHERS = 4


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


def source_line(package: DataPackage, source_ids: Iterable[str]) -> list[str]:
    """'Source: ...' lines generated from sources.csv for the given source ids.

    Up to ``FULL_SOURCES`` documents are named in full; beyond that the line counts the
    documents and names the main publishers (each point's document is in its tooltip).
    """
    ids = sorted(set(source_ids))
    if not ids:
        raise ValueError("a chart needs at least one source id from sources.csv")
    sources = package.sources.set_index("source")
    unknown = [s for s in ids if s not in sources.index]
    if unknown:
        raise KeyError(f"unknown source id(s) {unknown} (see data/sources.csv)")
    chosen = sources.loc[ids]
    if len(chosen) <= FULL_SOURCES:
        parts = [f"{row.publisher}, {row.title} ({row.date})" for row in chosen.itertuples()]
        text = "Source: " + "; ".join(parts) + "."
    else:
        counts = chosen["publisher"].map(short_name).value_counts(sort=True)
        named = ", ".join(counts.index[:MAX_PUBLISHERS])
        more = len(counts) - MAX_PUBLISHERS
        named += f" and {more} other publishers" if more > 0 else ""
        text = (f"Source: {len(chosen)} documents from {named}; each value's document is in "
                "its tooltip.")
    return textwrap.wrap(text + " Details in the data appendix.", SOURCE_WRAP)


def finish(chart: alt.TopLevelMixin, package: DataPackage, *, title: str, description: str,
           sources: Iterable[str], subtitle: str | None = None) -> alt.TopLevelMixin:
    """Give a chart its title (the finding), generated source line and description."""
    if not title.strip() or not description.strip():
        raise ValueError("every chart needs a title that states its finding and a description")
    lines = (textwrap.wrap(subtitle, SOURCE_WRAP) if subtitle else []) + source_line(package,
                                                                                      sources)
    return chart.properties(
        title=alt.TitleParams(text=textwrap.wrap(title, TITLE_WRAP), subtitle=lines),
        description=description,
    )


def _description(series: pd.DataFrame, kind: str, description: str | None, finding: str,
                 rules: Iterable[str] = ()) -> str:
    """The description given, or one written from the data drawn (:func:`describe`)."""
    if description is None:
        return describe(series, kind, finding, list(rules))
    if finding:
        raise ValueError("give a chart a description or a finding, not both")
    return description


def _with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """Add an empty row for every missing year inside each line's span, so lines break."""
    frames = []
    for _, group in series.groupby(["region", "indicator"], sort=False):
        years = range(int(group["year"].min()), int(group["year"].max()) + 1)
        full = group.set_index("year").reindex(years).reset_index()
        for column in ("region", "indicator", "name_en", "name", "unit"):
            full[column] = group[column].iloc[0]
        frames.append(full)
    return pd.concat(frames, ignore_index=True)


def _line_color(package: DataPackage, series: pd.DataFrame) -> alt.Color:
    """Colour by region (the book's fixed colours), or by indicator for one region."""
    if series["indicator"].nunique() > 1 and series["region"].nunique() == 1:
        names = list(dict.fromkeys(series["name"]))
        palette = [REGION_COLORS[series["region"].iloc[0]], "#56B4E9", "#E69F00", "#CC79A7"]
        return alt.Color("name:N", title=None, legend=alt.Legend(labelLimit=300, columns=1),
                         scale=alt.Scale(domain=names, range=palette[: len(names)]))
    regions = [r for r in REGION_COLORS if r in set(series["region"])]
    regions += sorted(set(series["region"]) - set(regions))
    return alt.Color("name_en:N", scale=region_scale(package, regions), title=None)


def _rules(rules: pd.DataFrame, domain: tuple[float, float], dash: list[int],
           top: int) -> alt.LayerChart | None:
    """Vertical rules at fractional years ``x`` inside ``domain`` (None if there are none),
    labels staggered from ``top`` pixels down."""
    inside = rules["x"].between(*domain)
    if not inside.any():
        return None
    rules = rules[inside].sort_values("x").reset_index(drop=True)
    rules["offset"] = top + 12 * (rules.index % 3)
    base = alt.Chart(rules).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=list(domain))),
        tooltip=[alt.Tooltip("label:N", title="Marked"), alt.Tooltip("detail:N", title="What")],
    )
    lines = base.mark_rule(color="#777777", strokeDash=dash, strokeWidth=1)
    text = base.mark_text(align="left", baseline="top", dx=3, fontSize=10,
                          color="#444444").encode(text="label:N",
                                                  y=alt.Y("offset:Q", scale=None, axis=None))
    return lines + text


def event_rules(package: DataPackage, labels: Iterable[str],
                domain: tuple[float, float]) -> alt.LayerChart | None:
    """Dashed rules at the dates of the named events (events.csv), over a chart's x range."""
    events = package.events[package.events["label"].isin(list(labels))]
    if events.empty:
        raise KeyError("none of the requested event labels is in data/events.csv")
    dates = pd.to_datetime(events["date"], format="mixed")
    rules = pd.DataFrame({"x": dates.dt.year + (dates.dt.day_of_year - 1) / 365.25,
                          "label": events["label"].to_numpy(),
                          "detail": (events["date"] + ": " + events["event"]).to_numpy()})
    return _rules(rules, domain, dash=[3, 3], top=2)


def break_rules(breaks: dict[float, str],
                domain: tuple[float, float]) -> alt.LayerChart | None:
    """Dotted rules marking series breaks: {fractional year: 'label: what changed'}."""
    rules = pd.DataFrame({"x": list(breaks),
                          "label": [text.split(":")[0] for text in breaks.values()],
                          "detail": list(breaks.values())})
    return _rules(rules, domain, dash=[1, 3], top=40)


def _copies(color: alt.Color | None) -> dict[str, alt.FillOpacity | alt.Opacity | alt.Stroke]:
    """Encodings that draw a mark hollow (its outline in its colour: ``color``, or the mark's
    own) when its value rests on one third-party copy, and a legend "Copy" whose labels show ●
    and ○ (through ``opacity``, which changes nothing: Vega-Lite makes no legend for
    ``fillOpacity``)."""
    marks = f"datum.value === '{HOLLOW}' ? '○ ' + datum.value : '● ' + datum.value"
    legend = alt.Legend(title="Copy", symbolOpacity=0, symbolSize=0, symbolStrokeWidth=0,
                        labelExpr=marks)
    encodings = {"fillOpacity": alt.FillOpacity("copies:N", legend=None, scale=alt.Scale(
                     domain=[SOLID, HOLLOW], range=[1, 0])),
                 "opacity": alt.Opacity("copies:N", legend=legend, scale=alt.Scale(
                     domain=[SOLID, HOLLOW], range=[1, 1]))}
    if color is not None:
        encodings["stroke"] = alt.Stroke(**{k: v for k, v in color.to_dict().items()
                                            if k != "legend"})
    return encodings


def _evidence(package: DataPackage, series: pd.DataFrame) -> pd.DataFrame:
    """The series with each row's document, kind of copy and second copy, for tooltips."""
    return series.assign(document=_documents(package, series["source"]),
                         **row_evidence(package, series))


def _documents(package: DataPackage, source_ids: pd.Series) -> pd.Series:
    """The document titles behind ';'-separated source ids, each with the kind of copy read,
    for tooltips."""
    sources = package.sources.set_index("source")
    named = (sources["title"] + " (read in " + sources["copy"].map(COPY_WORDS) + ")")
    return source_ids.map(lambda ids: "; ".join(named[i] for i in ids.split(";")))


def time_series(package: DataPackage, series: pd.DataFrame, *, title: str,
                description: str | None = None, finding: str = "",
                events: Iterable[str] = (), breaks: dict[float, str] | None = None,
                subtitle: str | None = None, height: int = 300,
                zero: bool = True) -> alt.TopLevelMixin:
    """Lines over time, one per region and indicator, coloured by region (or by indicator for
    one region).

    ``series`` is ``package.series(...)`` or a derived frame of the same shape. A missing year
    breaks the solid line; a thin dotted line bridges the gap so that it reads as a gap, not as
    data. Point shapes show the status; ``events`` (labels from events.csv) and ``breaks``
    (series breaks) are drawn as rules.
    """
    if series.empty:
        raise ValueError("no observations to draw")
    unit, name = series["unit"].iloc[0], series["name"].iloc[0]
    data = _with_gaps(_evidence(package, series))
    domain = (int(series["year"].min()) - 0.3, int(series["year"].max()) + 0.3)
    x = alt.X("year:Q", title=None, scale=alt.Scale(domain=list(domain)),
              axis=alt.Axis(format="d", tickMinStep=1))
    y_title = unit if series["indicator"].nunique() > 1 else f"{name} ({unit})"
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=zero))
    tooltip = [alt.Tooltip("name_en:N", title="Region"), alt.Tooltip("name:N", title="Indicator"),
               alt.Tooltip("year:Q", title="Year"),
               alt.Tooltip("value:Q", title=f"Value ({unit})", format=",.4~r"),
               alt.Tooltip("status:N", title="Status"), alt.Tooltip("note:N", title="Note"),
               alt.Tooltip("document:N", title="Source"),
               alt.Tooltip("second_copy:N", title="Second copy")]
    color = _line_color(package, series)
    base = alt.Chart(data).encode(x=x, y=y, color=color, detail="indicator:N")
    statuses = [s for s in STATUS_SHAPES if s in set(series["status"])]
    shape = alt.Shape("status:N", title="Status",
                      scale=alt.Scale(domain=statuses, range=[STATUS_SHAPES[s] for s in statuses]))
    bridge = base.transform_filter("isValid(datum.value)").mark_line(
        strokeDash=[2, 4], strokeWidth=1.2, opacity=0.6)
    layers = [bridge, base.mark_line(invalid="break-paths-show-domains"),
              base.mark_point(size=55, filled=True, strokeWidth=1.5).encode(
                  shape=shape, tooltip=tooltip, **_copies(color))]
    rules = [event_rules(package, events, domain) if events else None,
             break_rules(breaks, domain) if breaks else None]
    layers = [r for r in rules if r is not None] + layers
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    text = _description(series, "Line chart", description, finding, events)
    return finish(chart, package, title=title, description=text,
                  sources=_source_ids(series), subtitle=subtitle)


def _source_ids(series: pd.DataFrame) -> set[str]:
    return {s for ids in series["source"] for s in ids.split(";")}


def bar_chart(package: DataPackage, series: pd.DataFrame, *, title: str,
              description: str | None = None, finding: str = "",
              subtitle: str | None = None, height: int = 260) -> alt.TopLevelMixin:
    """Values by year as bars (grouped by region or indicator), notes in the tooltips."""
    if series.empty:
        raise ValueError("no observations to draw")
    unit = series["unit"].iloc[0]
    data = _evidence(package, series)
    tooltip = [alt.Tooltip("name_en:N", title="Region"), alt.Tooltip("name:N", title="Indicator"),
               alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("value:Q", title=f"Value ({unit})", format=",.4~r"),
               alt.Tooltip("note:N", title="Note"), alt.Tooltip("document:N", title="Source"),
               alt.Tooltip("second_copy:N", title="Second copy")]
    color = _line_color(package, series)
    group = "name" if series["indicator"].nunique() > 1 else "name_en"
    chart = alt.Chart(data).mark_bar(strokeWidth=1.5).encode(
        x=alt.X("year:O", title=None), xOffset=alt.XOffset(f"{group}:N"),
        y=alt.Y("value:Q", title=unit), color=color, tooltip=tooltip, **_copies(color),
    ).properties(width=WIDTH, height=height)
    text = _description(series, "Bar chart", description, finding)
    return finish(chart, package, title=title, description=text,
                  sources=_source_ids(series), subtitle=subtitle)


def ranked_bars(package: DataPackage, series: pd.DataFrame, *, title: str,
                description: str | None = None, finding: str = "",
                subtitle: str | None = None) -> alt.TopLevelMixin:
    """One bar per region, sorted from highest to lowest value, labelled with the value."""
    unit, name = series["unit"].iloc[0], series["name"].iloc[0]
    data = _evidence(package, series)
    base = alt.Chart(data).encode(
        y=alt.Y("name_en:N", title=None, sort="-x"),
        x=alt.X("value:Q", title=f"{name} ({unit})"),
        tooltip=[alt.Tooltip("name_en:N", title="City"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("value:Q", title=f"{name} ({unit})"),
                 alt.Tooltip("document:N", title="Source"),
                 alt.Tooltip("second_copy:N", title="Second copy")])
    bars = base.mark_bar(color=REGION_COLORS["CN-HE"], stroke=REGION_COLORS["CN-HE"],
                         strokeWidth=1.5).encode(**_copies(None))
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(text="value:Q")
    chart = alt.layer(bars, labels).properties(width=WIDTH, height=24 * len(data))
    text = _description(series.sort_values("value", ascending=False), "Bar chart (highest first)",
                        description, finding)
    return finish(chart, package, title=title, description=text,
                  sources=_source_ids(series), subtitle=subtitle)


def policy_timeline(package: DataPackage, *, title: str, description: str,
                    themes: Iterable[str] | None = None) -> alt.TopLevelMixin:
    """The events of events.csv (optionally of some themes) in date order, coloured by theme."""
    events = package.events
    if themes is not None:
        events = events[events["theme"].isin(list(themes))]
    events = events.sort_values("date").reset_index(drop=True)
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
             size: pd.DataFrame | None = None, subtitle: str | None = None) -> alt.TopLevelMixin:
    """The region's seats of government as points (no outlines), labelled, with distances.

    ``size`` (a ``series`` frame of Hebei's cities) sizes their points by value; a city without
    a value is drawn hollow, never dropped; Beijing and Tianjin are drawn as squares for
    reference.
    """
    places = package.regions[~package.regions["level"].isin(["country"])].copy()
    beijing = places.set_index("region").loc["CN-BJ"]
    places["km_to_beijing"] = [round(great_circle_km(lon, lat, beijing["lon"], beijing["lat"]))
                               for lon, lat in zip(places["lon"], places["lat"], strict=True)]
    # Hebei's seat is Shijiazhuang's: the province is shown through its cities.
    places = places[places["region"] != "CN-HE"]
    places["group"] = places["region"].map({"CN-BJ": "Beijing", "CN-TJ": "Tianjin"}).fillna("Hebei")
    color = alt.Color("group:N", title=None,
                      scale=alt.Scale(domain=["Beijing", "Tianjin", "Hebei"],
                                      range=[REGION_COLORS[r] for r in ("CN-BJ", "CN-TJ",
                                                                        "CN-HE")]))
    tooltip = [alt.Tooltip("name_en:N", title="Place"), alt.Tooltip("name_zh:N", title="中文"),
               alt.Tooltip("seat:N", title="Seat"),
               alt.Tooltip("km_to_beijing:Q", title="Distance to Beijing's seat (km)")]
    sources = set(places["coord_source"])
    layers = []
    if size is None:
        layers.append(alt.Chart(places).mark_circle(size=160, opacity=0.9).encode(
            longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip))
    else:
        unit, name = size["unit"].iloc[0], size["name"].iloc[0]
        evidence = _evidence(package, size)[["region", "value", "copies", "second_copy"]]
        places = places.merge(evidence, on="region", how="left")
        label = f"{name} ({unit})"
        tooltip = [*tooltip, alt.Tooltip("value:Q", title=label)]
        measured = places["region"].isin(size["region"])
        reference = places["level"] == "province"
        layers.append(alt.Chart(places[measured]).mark_circle(strokeWidth=1.5).encode(
            longitude="lon:Q", latitude="lat:Q", color=color,
            tooltip=[*tooltip, alt.Tooltip("second_copy:N", title="Second copy")],
            size=alt.Size("value:Q", title=unit, scale=alt.Scale(range=[60, 900])),
            **_copies(color)))
        layers.append(alt.Chart(places[reference]).mark_square(size=90).encode(
            longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip))
        layers.append(alt.Chart(places[~measured & ~reference]).mark_point(
            size=90, filled=False, color="#555555").encode(
            longitude="lon:Q", latitude="lat:Q", tooltip=tooltip))
        sources |= _source_ids(size)
    layers.append(alt.Chart(places).mark_text(align="left", dx=11, fontSize=11,
                                              color="#222222").encode(
        longitude="lon:Q", latitude="lat:Q", text="name_en:N"))
    chart = alt.layer(*layers).project(type="mercator").properties(width=WIDTH, height=520)
    return finish(chart, package, title=title, description=description, sources=sources,
                  subtitle=subtitle)


def verdict_bars(package: DataPackage, counts: pd.DataFrame, *, title: str, description: str,
                 verdicts: list[str], colors: list[str]) -> alt.TopLevelMixin:
    """Claims per theme, stacked by verdict in a fixed order and colours."""
    chart = alt.Chart(counts).mark_bar().encode(
        y=alt.Y("theme:N", title=None, sort="-x"),
        x=alt.X("claims:Q", title="Claims"),
        color=alt.Color("verdict:N", title="Verdict",
                        scale=alt.Scale(domain=verdicts, range=colors)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("theme:N", title="Theme"), alt.Tooltip("verdict:N", title="Verdict"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).transform_calculate(
        order=f"indexof({verdicts}, datum.verdict)"
    ).properties(width=WIDTH, height=34 * counts["theme"].nunique())
    sources = {s for ids in package.claims["source"].dropna() for s in ids.split(";")}
    return finish(chart, package, title=title, description=description, sources=sources)
