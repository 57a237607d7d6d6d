"""The seat map: the region's seats of government as points with their distance to Beijing's,
optionally sized by a value of Hebei's cities."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from jingjinji.data import DataPackage
from jingjinji.figures import FigureRef
from jingjinji.marks import copy_encodings, source_ids, with_evidence
from jingjinji.theme import REGION_COLORS, WIDTH, finish


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance between two points on a sphere of radius 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def seat_map(package: DataPackage, *, title: str, description: str,
             size: pd.DataFrame | None = None, subtitle: str | None = None,
             figure: FigureRef | None = None) -> alt.TopLevelMixin:
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
        evidence = with_evidence(package, size)[["region", "value", "copies", "second_copy"]]
        places = places.merge(evidence, on="region", how="left")
        label = f"{name} ({unit})"
        tooltip = [*tooltip, alt.Tooltip("value:Q", title=label)]
        measured = places["region"].isin(size["region"])
        reference = places["level"] == "province"
        layers.append(alt.Chart(places[measured]).mark_circle(strokeWidth=1.5).encode(
            longitude="lon:Q", latitude="lat:Q", color=color,
            tooltip=[*tooltip, alt.Tooltip("second_copy:N", title="Second copy")],
            size=alt.Size("value:Q", title=unit, scale=alt.Scale(range=[60, 900])),
            **copy_encodings(color, places.loc[measured, "copies"])))
        layers.append(alt.Chart(places[reference]).mark_square(size=90).encode(
            longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip))
        layers.append(alt.Chart(places[~measured & ~reference]).mark_point(
            size=90, filled=False, color="#555555").encode(
            longitude="lon:Q", latitude="lat:Q", tooltip=tooltip))
        sources |= source_ids(size)
    layers.append(alt.Chart(places).mark_text(align="left", dx=11, fontSize=11,
                                              color="#222222").encode(
        longitude="lon:Q", latitude="lat:Q", text="name_en:N"))
    chart = alt.layer(*layers).project(type="mercator").properties(width=WIDTH, height=520)
    table = places.drop(columns=["group"])
    if size is not None:
        table = table.merge(size[["region", "year", "unit", "status", "source"]], on="region",
                            how="left")
    return finish(chart, package, title=title, description=description, sources=sources,
                  subtitle=subtitle, figure=figure, table=table)
