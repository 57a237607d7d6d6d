"""Building ``data/provinces.geojson`` from Natural Earth's admin-1 layer: the provinces of the
region and their neighbours, simplified so that shared borders stay shared, coordinates rounded
and outer rings wound clockwise (see :mod:`jingjinji.outlines`)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jingjinji.outlines import (
    NAMES_EN,
    OUTLINES_FILE,
    Point,
    signed_area,
)

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
                if len(simple) < 4 or signed_area(simple) == 0:
                    if number == 0:
                        break  # the outer ring collapsed: drop the whole polygon
                    continue
                if (signed_area(simple) > 0) == (number == 0):  # outer rings clockwise
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

