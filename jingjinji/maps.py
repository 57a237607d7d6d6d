"""Province outlines (Natural Earth, public domain) and the map of the region.

The outlines live in ``data/provinces.geojson``: Beijing, Tianjin and Hebei, their five
neighbours and two provinces beyond them, taken from Natural Earth's 1:50m admin-1 layer
(``sources.csv`` row ``natural_earth_admin1_50m``) and simplified by
:func:`build_outlines` (shared borders stay shared, coordinates rounded to 3 decimals, outer
rings clockwise as Vega-Lite needs them in plain GeoJSON). :func:`load_outlines` reads and
checks the file; :func:`region_map` draws it with the seats of government from ``regions.csv``.
"""

from __future__ import annotations

import copy
import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from jingjinji.charts import REGION_COLORS, WIDTH, finish, great_circle_km
from jingjinji.data import DATA_DIR, DataError, DataPackage

OUTLINES_FILE = DATA_DIR / "provinces.geojson"
#: The id of the outlines' row in sources.csv.
OUTLINES_SOURCE = "natural_earth_admin1_50m"
#: Beijing, Tianjin, Hebei (keys of regions.csv, which Natural Earth's iso_3166_2 uses too),
#: their neighbours, and two provinces beyond them that wide screens show at the map's edges
#: (so that no land there is left white like the sea); all by ISO 3166-2 code.
OURS = ("CN-BJ", "CN-TJ", "CN-HE")
NEIGHBOURS = ("CN-SX", "CN-NM", "CN-LN", "CN-SD", "CN-HA")
EDGES = ("CN-SN", "CN-JL")
NAMES_EN = {"CN-BJ": "Beijing", "CN-TJ": "Tianjin", "CN-HE": "Hebei", "CN-SX": "Shanxi",
            "CN-NM": "Inner Mongolia", "CN-LN": "Liaoning", "CN-SD": "Shandong",
            "CN-HA": "Henan", "CN-SN": "Shaanxi", "CN-JL": "Jilin"}

# --- building the file from Natural Earth ---------------------------------------------------

Point = tuple[float, float]
#: Outlines are kept finer inside this lon/lat box (wider than any view of the map).
DETAIL_BOX = ((109.0, 34.0), (124.5, 44.5))


def _rings(geometry: dict[str, Any]) -> list[list[list[Point]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings of points."""
    polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                else geometry["coordinates"])
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon]
            for polygon in polygons]


def _douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker simplification of an open line; both ends are kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * (px - x1) - dx * (py - y1)) / length
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area in degrees²: positive for counter-clockwise rings (x east, y north)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _simplify_ring(ring: list[Point], owners: dict[Point, frozenset[str]],
                   tolerance: tuple[float, float], digits: int) -> list[list[float]]:
    """Simplify a closed ring piece by piece between junctions, so that a border shared by two
    provinces is simplified the same way in both and no slivers open between them. Pieces
    wholly outside ``DETAIL_BOX`` (never on screen) get the coarser of the two tolerances."""
    points = ring[:-1] if ring[0] == ring[-1] else list(ring)
    n = len(points)
    inside = [_in_detail_box(p) for p in points]
    fixed = [owners[points[i]] != owners[points[i - 1]]
             or owners[points[i]] != owners[points[(i + 1) % n]]
             or inside[i] != inside[i - 1] or inside[i] != inside[(i + 1) % n]
             for i in range(n)]
    start = fixed.index(True) if any(fixed) else 0
    points, inside, fixed = (v[start:] + v[:start] for v in (points, inside, fixed))
    fixed[0] = True
    cuts = [i for i in range(n) if fixed[i]] + [n]
    closed, inside = points + [points[0]], inside + [inside[0]]
    kept: list[Point] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        fine = any(inside[a:b + 1])
        kept += _douglas_peucker(closed[a:b + 1], tolerance[0] if fine else tolerance[1])[:-1]
    kept.append(kept[0])
    rounded: list[list[float]] = []
    for x, y in kept:
        point = [round(x, digits), round(y, digits)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    return rounded


def _in_detail_box(point: Point) -> bool:
    (west, south), (east, north) = DETAIL_BOX
    return west <= point[0] <= east and south <= point[1] <= north


def build_outlines(natural_earth: dict[str, Any], *, tolerance: float = 0.01,
                   far_tolerance: float = 0.08, digits: int = 3) -> dict[str, Any]:
    """The outlines file's content from Natural Earth's admin-1 FeatureCollection.

    Takes the features whose ``iso_3166_2`` is in ``NAMES_EN``, simplifies them
    (Douglas–Peucker with ``tolerance`` degrees inside ``DETAIL_BOX`` and ``far_tolerance``
    outside it, junctions between provinces kept, then rounding to ``digits`` decimals), drops
    rings that collapse, and writes outer rings clockwise and holes counter-clockwise.
    """
    wanted = tuple(NAMES_EN)
    chosen = {f["properties"]["iso_3166_2"]: f for f in natural_earth["features"]
              if f["properties"].get("iso_3166_2") in wanted}
    missing = [r for r in wanted if r not in chosen]
    if missing:
        raise ValueError(f"Natural Earth input lacks {missing}")
    shapes = {region: _rings(chosen[region]["geometry"]) for region in wanted}
    owners: dict[Point, set[str]] = {}
    for region, polygons in shapes.items():
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    owners.setdefault(point, set()).add(region)
    frozen = {p: frozenset(o) for p, o in owners.items()}
    features = []
    for region in wanted:
        polygons = []
        for polygon in shapes[region]:
            rings = []
            for number, ring in enumerate(polygon):
                simple = _simplify_ring(ring, frozen, (tolerance, far_tolerance), digits)
                if len(simple) < 4 or _signed_area(simple) == 0:
                    if number == 0:
                        break  # the outer ring collapsed: drop the whole polygon
                    continue
                if (_signed_area(simple) > 0) == (number == 0):  # outer rings clockwise
                    simple.reverse()
                rings.append(simple)
            if rings:
                polygons.append(rings)
        geometry = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons})
        props = chosen[region]["properties"]
        features.append({"type": "Feature",
                         "properties": {"region": region, "name_en": NAMES_EN[region],
                                        "name_zh": props.get("name_zh"),
                                        "ne_id": props.get("ne_id")},
                         "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def write_outlines(outlines: dict[str, Any], path: Path | str = OUTLINES_FILE) -> None:
    """Write the outlines compactly, one feature per line (readable diffs, small file)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"))
             for f in outlines["features"]]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    Path(path).write_text(text, encoding="utf-8")


# --- loading and checking ------------------------------------------------------------------


def _check_ring(where: str, ring: Any, outer: bool) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValueError(f"{where}: a ring needs at least 4 positions")
    for position in ring:
        if (not isinstance(position, list) or len(position) != 2
                or not all(isinstance(v, int | float) and math.isfinite(v) for v in position)):
            raise ValueError(f"{where}: {position!r} is not a [longitude, latitude] pair")
        lon, lat = position
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"{where}: {position!r} is outside longitude/latitude ranges")
    if ring[0] != ring[-1]:
        raise ValueError(f"{where}: the ring is not closed (first and last positions differ)")
    area = _signed_area([tuple(p) for p in ring])
    if area == 0:
        raise ValueError(f"{where}: the ring has no area")
    if outer and area > 0:
        raise ValueError(f"{where}: the outer ring runs counter-clockwise; Vega-Lite needs it "
                         "clockwise (it would fill the whole globe)")
    if not outer and area < 0:
        raise ValueError(f"{where}: a hole runs clockwise; Vega-Lite needs holes "
                         "counter-clockwise")


def _check_outlines(outlines: Any) -> None:
    """Raise ValueError describing the first problem in the outlines' structure."""
    if not isinstance(outlines, dict) or outlines.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    features = outlines.get("features")
    if not isinstance(features, list):
        raise ValueError("'features' is not a list")
    seen = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        region = props.get("region") if isinstance(props, dict) else None
        where = f"feature {number} ({region})"
        if region not in NAMES_EN:
            raise ValueError(f"{where}: properties.region must be one of {list(NAMES_EN)}")
        if region in seen:
            raise ValueError(f"{where}: {region} appears twice")
        seen.append(region)
        if not props.get("name_en"):
            raise ValueError(f"{where}: properties.name_en is missing")
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"{where}: geometry must be a Polygon or MultiPolygon, not {kind}")
        coordinates = geometry.get("coordinates")
        polygons = [coordinates] if kind == "Polygon" else coordinates
        if not isinstance(polygons, list) or not polygons:
            raise ValueError(f"{where}: geometry has no coordinates")
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                raise ValueError(f"{where}: a polygon has no rings")
            for index, ring in enumerate(polygon):
                _check_ring(where, ring, outer=index == 0)
    missing = [r for r in NAMES_EN if r not in seen]
    if missing:
        raise ValueError(f"provinces missing: {missing}")


@functools.cache
def _read_outlines(path: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    """Read and check the file; cached per path and modification time (``stamp``)."""
    name = path.name
    try:
        outlines = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError(name, f"not valid JSON: {err}") from None
    try:
        _check_outlines(outlines)
    except ValueError as err:
        raise DataError(name, str(err)) from None
    return outlines


def load_outlines(path: Path | str | None = None) -> dict[str, Any]:
    """The province outlines as a GeoJSON FeatureCollection (read once, then cached).

    Each feature's ``properties`` hold ``region`` (``CN-BJ``, ``CN-TJ``, ``CN-HE`` as in
    regions.csv; neighbours by ISO 3166-2 code) and ``name_en``. Raises :class:`DataError`
    naming the file when it is missing, not JSON, or not valid outlines.
    """
    path = Path(path).resolve() if path is not None else OUTLINES_FILE
    if not path.is_file():
        raise DataError(path.name, f"file is missing (expected at {path})")
    status = path.stat()
    return copy.deepcopy(_read_outlines(path, (status.st_mtime_ns, status.st_size)))


# --- the map -------------------------------------------------------------------------------

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
HOLLOW_SIZE = 80


def _places(package: DataPackage) -> pd.DataFrame:
    """Seats of Beijing, Tianjin, Hebei's cities and Xiong'an, with distances to Beijing's."""
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
    """Merge one value per place from ``size``; returns the frame and the size legend title."""
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
    titles = package.sources.set_index("source")["title"]
    extra = size.assign(document=size["source"].map(
        lambda ids: "; ".join(titles.get(i, i) for i in ids.split(";"))))
    keep = [c for c in ("region", "value", "year", "status", "document") if c in extra.columns]
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
               height: int = 470) -> alt.LayerChart:
    """Beijing, Tianjin and Hebei on a map: province outlines (Natural Earth), the seats of
    government of Hebei's cities and Xiong'an (circles) and of Beijing and Tianjin (squares),
    labelled, with the distance to Beijing's seat in the tooltips.

    ``size``, a ``package.series(indicator, regions)`` frame with one row per place (one
    year), sizes the points by value on a scale from the smallest to the largest value, not
    from zero; a place without a value is drawn hollow, never dropped. The source line names
    the outlines, the gazetteer of the seats and the sources of ``size``.
    """
    outlines = load_outlines()
    places = _places(package)
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
        measured = places["value"].notna()
        low, high = float(places["value"].min()), float(places["value"].max())
        domain = [low, high] if high > low else [low - 1, high + 1]
        extra = [alt.Tooltip(f"{column}:{'O' if column == 'year' else 'N'}", title=label)
                 for column, label in (("year", "Year"), ("status", "Status"),
                                       ("document", "Source")) if column in places.columns]
        layers.append(alt.Chart(places[measured]).mark_point(
            filled=True, opacity=0.75, stroke="white", strokeWidth=1, clip=True,
        ).encode(**point, color=color,
                 tooltip=[*tooltip, alt.Tooltip("value:Q", title=legend_title,
                                                format=",.4~r"), *extra],
                 size=alt.Size("value:Q", title=legend_title,
                               scale=alt.Scale(zero=False, domain=domain,
                                               range=list(SIZE_RANGE)),
                               legend=alt.Legend(orient="top", direction="horizontal",
                                                 symbolFillColor="#9a9a9a",
                                                 symbolStrokeColor="#9a9a9a",
                                                 titleLimit=360))))
        share = ((places["value"] - domain[0]) / (domain[1] - domain[0])).clip(0, 1)
        marker_areas = (SIZE_RANGE[0] + share * (SIZE_RANGE[1] - SIZE_RANGE[0])).fillna(
            HOLLOW_SIZE)
        if not measured.all():
            hollow = places[~measured].assign(missing="no value in the data")
            layers.append(alt.Chart(hollow).mark_point(
                filled=False, size=HOLLOW_SIZE, strokeWidth=1.6, clip=True,
            ).encode(**point, color=color,
                     tooltip=[*tooltip, alt.Tooltip("missing:N", title=legend_title)]))
            notes.append("Hollow marks: no value in the data.")
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
                  subtitle=" ".join(notes) or None)
