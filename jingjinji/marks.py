"""What the chart types share: lines broken at missing years, colours by region, rules for
events and series breaks, hollow marks for values resting on one third-party copy, each value's
document and second copy for tooltips, and descriptions written from the data drawn."""

from __future__ import annotations

import json
from collections.abc import Iterable

import altair as alt
import pandas as pd

from jingjinji.copies import COPY_WORDS
from jingjinji.data import DataPackage
from jingjinji.describe import describe
from jingjinji.evidence_table import HOLLOW, SOLID, row_evidence
from jingjinji.theme import REGION_COLORS, region_scale

#: Opacity of the marks of the lines a reader did not pick in the legend.
DIM = 0.15

#: Point shape of each status of a value.
STATUS_SHAPES = {"reported": "circle", "derived": "diamond", "revised": "square"}


def description_for(series: pd.DataFrame, kind: str, description: str | None, finding: str,
                 rules: Iterable[str] = ()) -> str:
    """The description given, or one written from the data drawn (:func:`describe`)."""
    if description is None:
        return describe(series, kind, finding, list(rules))
    if finding:
        raise ValueError("give a chart a description or a finding, not both")
    return description


def with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """Add an empty row for every missing year inside each line's span, so lines break."""
    frames = []
    for _, group in series.groupby(["region", "indicator"], sort=False):
        years = range(int(group["year"].min()), int(group["year"].max()) + 1)
        full = group.set_index("year").reindex(years).reset_index()
        for column in ("region", "indicator", "name_en", "name", "unit"):
            full[column] = group[column].iloc[0]
        frames.append(full)
    return pd.concat(frames, ignore_index=True)


#: Columns of a chart's frame that only its CSV needs: they stay out of the chart's own data, which
#: a saved notebook and a page carry.
CSV_ONLY = ("source", "unit")


def drawn_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without the columns only the figure's CSV needs (:data:`CSV_ONLY`)."""
    return frame.drop(columns=[c for c in CSV_ONLY if c in frame])


def line_color(package: DataPackage, series: pd.DataFrame) -> alt.Color:
    """Colour by region (the book's fixed colours), or by indicator for one region."""
    if series["indicator"].nunique() > 1 and series["region"].nunique() == 1:
        names = list(dict.fromkeys(series["name"]))
        palette = [REGION_COLORS[series["region"].iloc[0]], "#56B4E9", "#E69F00", "#CC79A7"]
        return alt.Color("name:N", title=None, legend=alt.Legend(labelLimit=300, columns=1),
                         scale=alt.Scale(domain=names, range=palette[: len(names)]))
    regions = [r for r in REGION_COLORS if r in set(series["region"])]
    regions += sorted(set(series["region"]) - set(regions))
    legend = None if len(regions) == 1 else alt.Undefined  # one line: its title names it
    return alt.Color("name_en:N", scale=region_scale(package, regions), title=None, legend=legend)


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


def copy_encodings(color: alt.Color | None, kinds: Iterable[str] = (SOLID, HOLLOW),
                   pick: alt.Parameter | None = None, opacity: float = 1.0,
                   ) -> dict[str, object]:
    """Encodings that draw a mark hollow (its outline in its colour: ``color``, or the mark's
    own) when its value rests on one third-party copy, and a legend "Copy" whose labels show ●
    and ○ (through ``opacity``, which changes nothing: Vega-Lite makes no legend for
    ``fillOpacity``) when some of the marks' ``kinds`` are hollow (solid marks alone need no
    legend; hollow ones, even alone, do).
    Marks the legend's ``pick`` leaves out are dimmed (:func:`dimmed`); ``opacity`` is the
    marks' own."""
    marks = f"datum.value === '{HOLLOW}' ? '○ ' + datum.value : '● ' + datum.value"
    shown = [kind for kind in (SOLID, HOLLOW) if kind in set(kinds)]  # the legend's items
    legend = alt.Legend(title="Copy", symbolOpacity=0, symbolSize=0, symbolStrokeWidth=0,
                        labelExpr=marks) if HOLLOW in shown else None
    fill = alt.FillOpacity("copies:N", legend=None, scale=alt.Scale(domain=[SOLID, HOLLOW],
                                                                    range=[1, 0]))
    encodings = {"fillOpacity": fill,
                 "opacity": alt.Opacity("copies:N", legend=legend, scale=alt.Scale(
                     domain=shown, range=[opacity] * len(shown)))}
    if pick is not None:
        encodings["fillOpacity"] = alt.condition(pick, fill, alt.value(DIM))
        encodings["strokeOpacity"] = dimmed(pick)["opacity"]
    if color is not None:
        encodings["stroke"] = alt.StrokeValue(alt.expr(_colour_of(color)))
    return encodings


def _colour_of(color: alt.Color) -> str:
    """A Vega expression giving each datum the colour ``color`` gives it, without a scale: an
    outline drawn through the colour scale would merge into its legend, and a merged legend
    cannot be clicked."""
    spec = color.to_dict()
    scale = spec["scale"]
    field = f"datum[{json.dumps(spec['field'])}]"
    cases = [f"{field} === {json.dumps(key)} ? {json.dumps(value)} : "
             for key, value in zip(scale["domain"], scale["range"], strict=True)]
    return "".join(cases) + "null"


def legend_pick(color: alt.Color) -> alt.Parameter | None:
    """The entries of the colour legend a reader clicks (shift-click for more; a double click
    clears), or None when the chart has no colour legend."""
    spec = color.to_dict()
    if spec.get("legend", {}) is None:
        return None
    return alt.selection_point(name="picked", fields=[spec["field"]], bind="legend")


def dimmed(pick: alt.Parameter | None, shown: float = 1.0) -> dict[str, dict]:
    """An opacity encoding dimming the marks the legend did not pick (none without a pick)."""
    if pick is None:
        return {}
    return {"opacity": alt.condition(pick, alt.value(shown), alt.value(DIM * shown))}


def with_evidence(package: DataPackage, series: pd.DataFrame) -> pd.DataFrame:
    """The series with each row's document, kind of copy and second copy, for tooltips."""
    return series.assign(document=_documents(package, series["source"]),
                         **row_evidence(package, series))


def _documents(package: DataPackage, source_ids: pd.Series) -> pd.Series:
    """The document titles behind ';'-separated source ids, each with the kind of copy read,
    for tooltips."""
    sources = package.sources.set_index("source")
    named = (sources["title"] + " (read in " + sources["copy"].map(COPY_WORDS) + ")")
    return source_ids.map(lambda ids: "; ".join(named[i] for i in ids.split(";")))


def source_ids(series: pd.DataFrame) -> set[str]:
    """The source ids behind a frame's values (each row's are ``;``-separated)."""
    return {s for ids in series["source"] for s in ids.split(";")}
