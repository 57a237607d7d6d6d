"""The chart types chapters draw: lines over time, bars by year, ranked bars, the policy
timeline and the verdicts of the claims. Each takes the package and the frame it draws, and is
finished with the book's theme (:mod:`jingjinji.theme`): a title that states the finding, a
source line generated from ``sources.csv``, a description and tooltips with units."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from jingjinji.data import DataPackage
from jingjinji.figures import FigureRef
from jingjinji.marks import (
    STATUS_SHAPES,
    break_rules,
    copy_encodings,
    description_for,
    dimmed,
    drawn_columns,
    event_rules,
    legend_pick,
    line_color,
    source_ids,
    with_evidence,
    with_gaps,
)
from jingjinji.theme import REGION_COLORS, THEME_COLORS, WIDTH, finish


def time_series(package: DataPackage, series: pd.DataFrame, *, title: str,
                description: str | None = None, finding: str = "",
                events: Iterable[str] = (), breaks: dict[float, str] | None = None,
                subtitle: str | None = None, height: int = 300,
                zero: bool = True,
                figure: FigureRef | None = None) -> alt.TopLevelMixin:
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
    drawn = with_evidence(package, series)
    data = drawn_columns(with_gaps(drawn))
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
    color = line_color(package, series)
    base = alt.Chart(data).encode(x=x, y=y, color=color, detail="indicator:N")
    statuses = [s for s in STATUS_SHAPES if s in set(series["status"])]
    shape = alt.Shape("status:N", title="Status",
                      scale=alt.Scale(domain=statuses, range=[STATUS_SHAPES[s] for s in statuses]),
                      legend=None if len(statuses) == 1 else alt.Undefined)
    pick = legend_pick(color)
    bridge = base.transform_filter("isValid(datum.value)").mark_line(
        strokeDash=[2, 4], strokeWidth=1.2, opacity=0.6).encode(**dimmed(pick, 0.6))
    # The first layer drawing the colour makes its legend: the legend is interactive if the
    # pick is that layer's.
    layers = [bridge if pick is None else bridge.add_params(pick),
              base.mark_line(invalid="break-paths-show-domains").encode(**dimmed(pick)),
              base.mark_point(size=55, filled=True, strokeWidth=1.5).encode(
                  shape=shape, tooltip=tooltip,
                  **copy_encodings(color, drawn["copies"], pick))]
    rules = [event_rules(package, events, domain) if events else None,
             break_rules(breaks, domain) if breaks else None]
    layers = [r for r in rules if r is not None] + layers
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    text = description_for(series, "Line chart", description, finding, events)
    return finish(chart, package, title=title, description=text,
                  sources=source_ids(series), subtitle=subtitle, figure=figure, table=drawn)


def bar_chart(package: DataPackage, series: pd.DataFrame, *, title: str,
              description: str | None = None, finding: str = "",
              subtitle: str | None = None, height: int = 260,
              figure: FigureRef | None = None) -> alt.TopLevelMixin:
    """Values by year as bars on a time axis, so that a missing year is a visible gap; regions
    or indicators sharing a year stand side by side in it. Notes are in the tooltips."""
    if series.empty:
        raise ValueError("no observations to draw")
    unit = series["unit"].iloc[0]
    data = with_evidence(package, series).reset_index(drop=True)
    group = "name" if series["indicator"].nunique() > 1 else "name_en"
    tooltip = [alt.Tooltip("name_en:N", title="Region"), alt.Tooltip("name:N", title="Indicator"),
               alt.Tooltip("year:Q", title="Year"),
               alt.Tooltip("value:Q", title=f"Value ({unit})", format=",.4~r"),
               alt.Tooltip("note:N", title="Note"), alt.Tooltip("document:N", title="Source"),
               alt.Tooltip("second_copy:N", title="Second copy")]
    color = line_color(package, series)
    domain = [int(series["year"].min()) - 0.5, int(series["year"].max()) + 0.5]
    drawn = drawn_columns(data).join(bar_slots(data, group))
    chart = alt.Chart(drawn).mark_bar(strokeWidth=1.5).encode(
        x=alt.X("bar_start:Q", title=None, scale=alt.Scale(domain=domain, nice=False),
                axis=alt.Axis(format="d", tickMinStep=1)),
        x2="bar_end:Q", y=alt.Y("value:Q", title=unit), y2=alt.datum(0), color=color,
        tooltip=tooltip,
        **copy_encodings(color, data["copies"]),
    ).properties(width=WIDTH, height=height)
    text = description_for(series, "Bar chart", description, finding)
    return finish(chart, package, title=title, description=text,
                  sources=source_ids(series), subtitle=subtitle, figure=figure, table=data)


def bar_slots(frame: pd.DataFrame, group: str, width: float = 0.8) -> pd.DataFrame:
    """Where each row's bar starts and ends on the year axis (``bar_start``, ``bar_end``): the
    year's slot of ``width`` shared by the groups that have a value in that year."""
    slot = frame.groupby("year")[group].rank(method="dense") - 1
    count = frame.groupby("year")[group].transform("nunique")
    start = frame["year"] - width / 2 + width * slot / count
    return pd.DataFrame({"bar_start": start, "bar_end": start + width / count},
                        index=frame.index).round(3)


def ranked_bars(package: DataPackage, series: pd.DataFrame, *, title: str,
                description: str | None = None, finding: str = "",
                subtitle: str | None = None,
                figure: FigureRef | None = None) -> alt.TopLevelMixin:
    """One bar per region, sorted from highest to lowest value, labelled with the value."""
    unit, name = series["unit"].iloc[0], series["name"].iloc[0]
    data = with_evidence(package, series)
    base = alt.Chart(data).encode(
        y=alt.Y("name_en:N", title=None, sort="-x"),
        x=alt.X("value:Q", title=f"{name} ({unit})"),
        tooltip=[alt.Tooltip("name_en:N", title="City"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("value:Q", title=f"{name} ({unit})"),
                 alt.Tooltip("document:N", title="Source"),
                 alt.Tooltip("second_copy:N", title="Second copy")])
    bars = base.mark_bar(color=REGION_COLORS["CN-HE"], stroke=REGION_COLORS["CN-HE"],
                         strokeWidth=1.5).encode(**copy_encodings(None, data["copies"]))
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(text="value:Q")
    chart = alt.layer(bars, labels).properties(width=WIDTH, height=24 * len(data))
    text = description_for(series.sort_values("value", ascending=False),
                           "Bar chart (highest first)", description, finding)
    return finish(chart, package, title=title, description=text,
                  sources=source_ids(series), subtitle=subtitle, figure=figure, table=data)


def policy_timeline(package: DataPackage, *, title: str, description: str,
                    themes: Iterable[str] | None = None,
                    figure: FigureRef | None = None) -> alt.TopLevelMixin:
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
    return finish(chart, package, title=title, description=description, sources=events["source"],
                  figure=figure, table=events.drop(columns=["order", "text"]))


def verdict_bars(package: DataPackage, counts: pd.DataFrame, *, title: str, description: str,
                 verdicts: list[str], colors: list[str],
                 figure: FigureRef | None = None) -> alt.TopLevelMixin:
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
    return finish(chart, package, title=title, description=description, sources=sources,
                  figure=figure, table=counts)
