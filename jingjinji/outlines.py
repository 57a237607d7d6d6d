"""Province outlines (Natural Earth, public domain), read and checked.

The outlines live in ``data/provinces.geojson``: Beijing, Tianjin and Hebei, their five
neighbours and two provinces beyond them, taken from Natural Earth's 1:50m admin-1 layer
(``sources.csv`` row ``natural_earth_admin1_50m``) and simplified by
:func:`jingjinji.outline_build.build_outlines`. :func:`load_outlines` reads and checks the file:
outer rings must run clockwise and holes counter-clockwise, as Vega-Lite needs them in plain
GeoJSON (a ring the other way round fills the whole globe).
"""

from __future__ import annotations

import copy
import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jingjinji.data import DATA_DIR, DataError

#: The outlines' file.
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

#: A longitude/latitude pair.
Point = tuple[float, float]


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area in degrees²: positive for counter-clockwise rings (x east, y north)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


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
    area = signed_area([tuple(p) for p in ring])
    if area == 0:
        raise ValueError(f"{where}: the ring has no area")
    if outer and area > 0:
        raise ValueError(f"{where}: the outer ring runs counter-clockwise; Vega-Lite needs it "
                         "clockwise (it would fill the whole globe)")
    if not outer and area < 0:
        raise ValueError(f"{where}: a hole runs clockwise; Vega-Lite needs holes "
                         "counter-clockwise")


def check_outlines(outlines: Any) -> None:
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
        check_outlines(outlines)
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
