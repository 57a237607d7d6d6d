"""The map of the region: province outlines (:mod:`jingjinji.outlines`) with the seats of
government from ``regions.csv``, labels placed so that none collide, and optionally a value per
city drawn by the size of its point."""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from jingjinji.data import DataPackage
from jingjinji.figures import FigureRef
from jingjinji.marks import copy_encodings, with_evidence
from jingjinji.outlines import OURS, OUTLINES_SOURCE, load_outlines
from jingjinji.theme import REGION_COLORS, WIDTH, finish

#: Label of each seat and where it goes from its point: E, W (beside), N, S (above, below) or
#: NE, with a small extra vertical nudge in pixels. Chosen by hand so that no two labels collide
#: on a 390 px phone screen and wider, with or without sized points.
LABELS: dict[str, tuple[str, str, int]] = {
    "CN-BJ": ("Beijing", "W", -3),
    "CN-TJ": ("Tianjin", "E", 3),
    "130100": ("Shijiazhuang", "S", 0),
    "130200": ("Tangshan", "E", 0),
    "130300": ("Qinhuangdao", "N", 0),
    "130400": ("Handan", "E", 0),
    "130500": ("Xingtai", "E", 0),
    "130600": ("Baoding", "W", 0),
    "130700": ("Zhangjiakou", "E", 0),
    "130800": ("Chengde", "E", 0),
    "130900": ("Cangzhou", "E", 0),
    "131000": ("Langfang", "E", -2),
    "131100": ("Hengshui", "E", 0),
    "133100": ("Xiong'an", "E", 1),
}
#: Names written on the map: (text, lon, lat, colour, italic).
AREA_LABELS: tuple[tuple[str, float, float, str, bool], ...] = (
    ("HEBEI", 116.1, 41.45, REGION_COLORS["CN-HE"], False),
    ("Inner Mongolia", 115.4, 42.55, "#777777", True),
    ("Shanxi", 113.35, 37.45, "#777777", True),
    ("Henan", 114.0, 35.98, "#777777", True),
    ("Shandong", 116.9, 36.75, "#777777", True),
    ("Liaoning", 119.8, 41.0, "#777777", True),
    ("Bohai Sea", 119.5, 38.75, "#5b8db8", True),
)
#: The map is fitted to this lon/lat box, a little larger than the three provinces.
FIT_BOX = ((113.0, 35.85), (120.3, 42.85))
NEIGHBOUR_FILL = "#e4e4e4"
#: Point areas in px²: fixed, and the range of the size scale (which does not start at zero).
POINT_SIZE = 70
SIZE_RANGE = (80, 900)
MISSING_SIZE = 80
#: Columns of a map's CSV: each place, where its seat is, and its value with its source (if
#: the map has values).
TABLE = ["region", "name_en", "name_zh", "seat", "lon", "lat", "coord_source", "km_to_beijing",
         "indicator", "year", "value", "unit", "status", "source", "copies", "second_copy"]
#: Colour of the points of places without a value (hollow marks are values on one copy).
MISSING_COLOR = "#9a9a9a"


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance between two points on a sphere of radius 6,371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def seats(package: DataPackage) -> pd.DataFrame:
    """The places on the map: the seats of Beijing, Tianjin, Hebei's cities and Xiong'an (rows
    of ``regions.csv``), with ``km_to_beijing``, the distance to Beijing's seat as the crow
    flies."""
    regions = package.regions
    places = regions[regions["region"].isin(["CN-BJ", "CN-TJ"])
                     | (regions["parent"] == "CN-HE")].copy()
    unknown = sorted(set(places["region"]) - set(LABELS))
    if unknown:
        raise KeyError(f"no label position for {unknown}: add them to jingjinji.maps.LABELS")
    beijing = regions.set_index("region").loc["CN-BJ"]
    places["km_to_beijing"] = [round(great_circle_km(lon, lat, beijing["lon"], beijing["lat"]))
                               for lon, lat in zip(places["lon"], places["lat"], strict=True)]
    municipal = places["region"].isin(["CN-BJ", "CN-TJ"])
    places["province"] = places["region"].map({"CN-BJ": "Beijing", "CN-TJ": "Tianjin"}).fillna(
        "Hebei")
    places["shape"] = municipal.map({True: "square", False: "circle"})
    places["label"] = places["region"].map(lambda r: LABELS[r][0])
    return places.reset_index(drop=True)


def _place_labels(places: pd.DataFrame, areas: pd.Series) -> pd.DataFrame:
    """Pixel offsets and alignment of each label, clear of its point (of area ``areas``)."""
    radius = (areas / math.pi) ** 0.5
    gap = radius + 4
    out = places.copy()
    direction = places["region"].map(lambda r: LABELS[r][1])
    nudge = places["region"].map(lambda r: LABELS[r][2])
    out["dx"] = direction.map({"E": 1, "W": -1, "N": 0, "S": 0, "NE": 0.75}) * gap
    out["dy"] = direction.map({"E": 0, "W": 0, "N": -1, "S": 1, "NE": -0.75}) * (gap + 3) + nudge
    out["align"] = direction.map({"E": "left", "W": "right", "N": "center", "S": "center",
                                  "NE": "left"})
    out[["dx", "dy"]] = out[["dx", "dy"]].round(1)
    return out


def _with_values(package: DataPackage, places: pd.DataFrame,
                 size: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Merge one value per place from ``size``, with its document, kind of copy and second
    copy; returns the frame and the size legend title."""
    if size.empty:
        raise ValueError("size has no observations")
    for column in ("region", "value", "unit", "name", "source"):
        if column not in size.columns:
            raise ValueError(f"size lacks the column '{column}' (pass a package.series frame)")
    if "indicator" in size.columns and size["indicator"].nunique() > 1:
        raise ValueError("size mixes several indicators")
    repeated = size["region"][size["region"].duplicated()].unique().tolist()
    if repeated:
        raise ValueError(f"size has several rows for {repeated}: keep one year per region")
    outside = sorted(set(size["region"]) - set(places["region"]))
    if outside:
        raise ValueError(f"size has values for {outside}, which have no point on the map")
    extra = with_evidence(package, size)
    keep = [c for c in ("region", "indicator", "year", "value", "unit", "status", "source",
                        "document", "copies", "second_copy") if c in extra.columns]
    merged = places.merge(extra[keep], on="region", how="left")
    unit, name = size["unit"].iloc[0], size["name"].iloc[0]
    return merged, f"{name} ({unit})"


def _fit_feature() -> dict[str, Any]:
    (west, south), (east, north) = FIT_BOX
    corners = [[west, south], [east, south], [east, north], [west, north]]
    return {"type": "Feature", "properties": {},
            "geometry": {"type": "MultiPoint", "coordinates": corners}}


def region_map(package: DataPackage, *, title: str, description: str,
               size: pd.DataFrame | None = None, subtitle: str | None = None,
               height: int = 470,
               figure: FigureRef | None = None) -> alt.LayerChart:
    """Beijing, Tianjin and Hebei on a map: province outlines (Natural Earth), the seats of
    government of Hebei's cities and Xiong'an (circles) and of Beijing and Tianjin (squares),
    labelled, with the distance to Beijing's seat in the tooltips.

    ``size``, a ``package.series(indicator, regions)`` frame with one row per place (one
    year), sizes the points by value on a scale from the smallest to the largest value, not
    from zero; a place without a value is drawn grey, never dropped, and a value resting on one
    third-party copy hollow, as on every chart. The source line names
    the outlines, the gazetteer of the seats and the sources of ``size``.
    """
    outlines = load_outlines()
    places = seats(package)
    sources = {OUTLINES_SOURCE, *places["coord_source"]}
    notes = [subtitle] if subtitle else []
    color = alt.Color("province:N", legend=None,
                      scale=alt.Scale(domain=["Beijing", "Tianjin", "Hebei"],
                                      range=[REGION_COLORS[r] for r in OURS]))
    shape = alt.Shape("shape:N", legend=None, scale=alt.Scale(domain=["circle", "square"],
                                                              range=["circle", "square"]))
    tooltip = [alt.Tooltip("name_en:N", title="Place"), alt.Tooltip("name_zh:N", title="中文"),
               alt.Tooltip("seat:N", title="Seat"),
               alt.Tooltip("km_to_beijing:Q", title="Distance to Beijing's seat (km)")]

    features = outlines["features"]
    neighbours = [f for f in features if f["properties"]["region"] not in OURS]
    # Hebei first, so that Beijing's and Tianjin's borders are drawn over it in their colours.
    ours = sorted((f for f in features if f["properties"]["region"] in OURS),
                  key=lambda f: f["properties"]["region"] != "CN-HE")
    province_tip = [alt.Tooltip("properties.name_en:N", title="Province")]
    ours_scale = alt.Scale(domain=list(OURS), range=[REGION_COLORS[r] for r in OURS])
    layers: list[alt.Chart] = [
        alt.Chart(alt.Data(values=neighbours)).mark_geoshape(
            fill=NEIGHBOUR_FILL, stroke="white", strokeWidth=1, clip=True,
        ).encode(tooltip=province_tip),
        alt.Chart(alt.Data(values=ours)).mark_geoshape(
            fillOpacity=0.16, strokeWidth=1.2, strokeOpacity=0.9, clip=True,
        ).encode(fill=alt.Fill("properties.region:N", legend=None, scale=ours_scale),
                 stroke=alt.Stroke("properties.region:N", legend=None, scale=ours_scale),
                 tooltip=province_tip),
    ]
    areas = pd.DataFrame(AREA_LABELS, columns=["text", "lon", "lat", "color", "italic"])
    for italic, group in areas.groupby("italic"):
        layers.append(alt.Chart(group).mark_text(
            fontSize=10 if italic else 12, fontStyle="italic" if italic else "normal",
            fontWeight="normal" if italic else 600, opacity=0.9, clip=True,
        ).encode(longitude="lon:Q", latitude="lat:Q", text="text:N",
                 color=alt.Color("color:N", scale=None)))

    point = {"longitude": "lon:Q", "latitude": "lat:Q", "shape": shape}
    if size is None:
        layers.append(alt.Chart(places).mark_point(
            filled=True, size=POINT_SIZE, opacity=0.95, stroke="white", strokeWidth=1, clip=True,
        ).encode(**point, color=color, tooltip=tooltip))
        marker_areas = pd.Series(POINT_SIZE, index=places.index, dtype=float)
    else:
        places, legend_title = _with_values(package, places, size)
        sources |= {s for ids in size["source"] for s in ids.split(";")}
        sized, marker_areas = _sized_points(places, legend_title, point, color, tooltip)
        layers += sized
        if places["value"].isna().any():
            notes.append("Grey points: no value in the data.")
    labelled = _place_labels(places, marker_areas)
    text = {"dx": alt.expr("datum.dx"), "dy": alt.expr("datum.dy"),
            "align": alt.expr("datum.align"), "baseline": "middle", "fontSize": 11, "clip": True}
    labels = alt.Chart(labelled).encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
    layers += [labels.mark_text(**text, stroke="white", strokeWidth=3, strokeOpacity=0.8,
                                strokeJoin="round"),  # a halo, so that lines do not cut labels
               labels.mark_text(**text, color="#1a1a1a").encode(tooltip=tooltip)]

    chart = alt.layer(*layers).project(
        type="conicEqualArea", rotate=[-116.5, 0, 0], parallels=[37, 41], fit=_fit_feature(),
    ).properties(width=WIDTH, height=height)
    return finish(chart, package, title=title, description=description, sources=sources,
                  subtitle=" ".join(notes) or None, figure=figure,
                  table=places[[c for c in TABLE if c in places]])


def _sized_points(places: pd.DataFrame, legend_title: str, point: dict[str, Any],
                  color: alt.Color, tooltip: list[alt.Tooltip],
                  ) -> tuple[list[alt.Chart], pd.Series]:
    """Points sized by value (hollow when the value rests on one third-party copy) and grey
    points for places without a value; the layers and each point's area in px²."""
    measured = places["value"].notna()
    low, high = float(places["value"].min()), float(places["value"].max())
    domain = [low, high] if high > low else [low - 1, high + 1]
    extra = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("status:N", title="Status"),
             alt.Tooltip("document:N", title="Source"),
             alt.Tooltip("second_copy:N", title="Second copy")]
    size = alt.Size("value:Q", title=legend_title,
                    scale=alt.Scale(zero=False, domain=domain, range=list(SIZE_RANGE)),
                    legend=alt.Legend(orient="top", direction="horizontal",
                                      symbolFillColor="#9a9a9a", symbolStrokeColor="#9a9a9a",
                                      titleLimit=360))
    layers = [alt.Chart(places[measured]).mark_point(
        filled=True, strokeWidth=1.5, clip=True,
    ).encode(**point, color=color, size=size,
             tooltip=[*tooltip, alt.Tooltip("value:Q", title=legend_title, format=",.4~r"),
                      *extra],
             **copy_encodings(color, places.loc[measured, "copies"], opacity=0.75))]
    share = ((places["value"] - domain[0]) / (domain[1] - domain[0])).clip(0, 1)
    areas = (SIZE_RANGE[0] + share * (SIZE_RANGE[1] - SIZE_RANGE[0])).fillna(MISSING_SIZE)
    if not measured.all():
        missing = places[~measured].assign(missing="no value in the data")
        layers.append(alt.Chart(missing).mark_point(
            filled=True, size=MISSING_SIZE, color=MISSING_COLOR, opacity=0.9, clip=True,
        ).encode(**point, tooltip=[*tooltip, alt.Tooltip("missing:N", title=legend_title)]))
    return layers, areas

