"""Province outlines (data/provinces.geojson) and the region map."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
import vl_convert as vlc

import jingjinji as jj
from jingjinji import maps, outline_build
from jingjinji import outlines as geo
from jingjinji.data import DataError


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


@pytest.fixture(scope="module")
def outlines() -> dict:
    return geo.load_outlines()


def _polygons(feature: dict) -> list:
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _inside(lon: float, lat: float, feature: dict) -> bool:
    """Ray casting: is the point inside one of the feature's polygons (outside its holes)?"""
    def in_ring(ring: list) -> bool:
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
        return hit
    return any(in_ring(p[0]) and not any(in_ring(h) for h in p[1:]) for p in _polygons(feature))


def _by_region(outlines: dict) -> dict[str, dict]:
    return {f["properties"]["region"]: f for f in outlines["features"]}


def _size_frame(package: jj.DataPackage, regions: list[str], values: list[float]) -> pd.DataFrame:
    names = package.regions.set_index("region")["name_en"]
    return pd.DataFrame({"indicator": "population", "region": regions, "year": 2023,
                         "value": values, "source": "geonames", "status": "reported",
                         "note": None, "name_en": [names[r] for r in regions],
                         "name": "Test value", "unit": "units"})


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def _rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]] if "name" in layer.get("data", {}) else []


def _label(spec: dict, region: str) -> dict:
    return next(row for layer in _layers(spec) for row in _rows(spec, layer)
                if row.get("region") == region and "dx" in row)


# --- the geometry ----------------------------------------------------------------------------


def test_outlines_hold_the_three_provinces_and_their_neighbours(outlines):
    regions = _by_region(outlines)
    assert set(geo.OURS) | set(geo.NEIGHBOURS) <= set(regions)
    assert {regions[r]["properties"]["name_en"] for r in geo.OURS} == {"Beijing", "Tianjin",
                                                                        "Hebei"}
    for feature in outlines["features"]:
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for polygon in _polygons(feature):
            for number, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1]
                area = geo.signed_area([tuple(p) for p in ring])
                # Vega-Lite fills the globe when an outer ring runs counter-clockwise.
                assert (area < 0) if number == 0 else (area > 0)


def test_outlines_use_the_region_keys_of_regions_csv(package, outlines):
    keys = set(package.regions["region"])
    assert set(geo.OURS) <= keys
    assert set(_by_region(outlines)) - set(geo.OURS) == set(geo.NEIGHBOURS) | set(geo.EDGES)


def test_every_seat_lies_in_its_province(package, outlines):
    regions = _by_region(outlines)
    places = package.regions[package.regions["parent"].eq("CN-HE")
                             | package.regions["region"].isin(["CN-BJ", "CN-TJ"])]
    for row in places.itertuples():
        province = row.region if row.region in ("CN-BJ", "CN-TJ") else "CN-HE"
        assert _inside(row.lon, row.lat, regions[province]), f"{row.name_en} not in {province}"
        for other in set(regions) - {province}:
            assert not _inside(row.lon, row.lat, regions[other]), f"{row.name_en} in {other}"


def test_outline_file_stays_small():
    assert geo.OUTLINES_FILE.stat().st_size < 40_000
    text = geo.OUTLINES_FILE.read_text(encoding="utf-8")
    # rounded to 3 decimals (about 100 m): no longer coordinates
    assert not any(len(n.split(".")[1]) > 3 for n in re.findall(r"\d+\.\d+", text))


def test_outlines_are_cached_and_copies(outlines):
    again = geo.load_outlines()
    assert again == outlines and again is not outlines
    again["features"].clear()
    assert geo.load_outlines()["features"]


def test_outlines_have_a_source_row(package):
    row = package.sources.set_index("source").loc[geo.OUTLINES_SOURCE]
    assert row["publisher"] == "Natural Earth"
    assert "natural-earth-vector@" in row["read_at"]


# --- errors ---------------------------------------------------------------------------------


def test_missing_outlines_file_names_the_file(tmp_path):
    with pytest.raises(DataError, match=r"provinces\.geojson: file is missing"):
        geo.load_outlines(tmp_path / "provinces.geojson")


def _broken(tmp_path, change) -> str:
    data = json.loads(geo.OUTLINES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "provinces.geojson"
    path.write_text(json.dumps(data) if isinstance(data, dict) else data, encoding="utf-8")
    return str(path)


def _reverse_hebei(data: dict) -> None:
    hebei = next(f for f in data["features"] if f["properties"]["region"] == "CN-HE")
    for polygon in _polygons(hebei):
        polygon[0].reverse()


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(type="Feature"), "not a GeoJSON FeatureCollection"),
    (lambda d: d["features"].pop(0), r"provinces missing: \['CN-BJ'\]"),
    (lambda d: d["features"][1]["geometry"].update(type="Point", coordinates=[117, 39]),
     r"feature 2 \(CN-TJ\): geometry must be a Polygon or MultiPolygon"),
    (lambda d: d["features"][0]["geometry"]["coordinates"][0].pop(),
     r"feature 1 \(CN-BJ\): the ring is not closed"),
    (lambda d: d["features"][0]["geometry"]["coordinates"][0][3].append(0),
     r"is not a \[longitude, latitude\] pair"),
    (_reverse_hebei, r"feature 3 \(CN-HE\): the outer ring runs counter-clockwise"),
    (lambda d: d["features"][0]["properties"].update(region="CN-XX"),
     r"feature 1 \(CN-XX\): properties.region must be one of"),
])
def test_malformed_outlines_raise_a_data_error(tmp_path, change, message):
    path = _broken(tmp_path, change)
    with pytest.raises(DataError, match=r"^provinces\.geojson: .*" + message):
        geo.load_outlines(path)


def test_outlines_that_are_not_json_name_the_file(tmp_path):
    path = tmp_path / "provinces.geojson"
    shutil.copy(geo.OUTLINES_FILE, path)
    path.write_text(path.read_text(encoding="utf-8")[:500], encoding="utf-8")
    with pytest.raises(DataError, match=r"^provinces\.geojson: not valid JSON"):
        geo.load_outlines(path)


# --- building the file ----------------------------------------------------------------------


def _square(x: float, y: float, side: float = 1.0) -> list[list[float]]:
    """A counter-clockwise square with extra points along its edges (GeoJSON's usual order)."""
    edge = [i / 10 for i in range(10)]
    return ([[x + side * t, y] for t in edge] + [[x + side, y + side * t] for t in edge]
            + [[x + side * (1 - t), y + side] for t in edge]
            + [[x, y + side * (1 - t)] for t in edge] + [[x, y]])


def test_build_outlines_simplifies_keeps_shared_borders_and_orients_rings():
    features = []
    for number, region in enumerate(geo.NAMES_EN):
        ring = _square(number * 2.0, 0.0)
        if region == "CN-TJ":  # shares Beijing's east edge, with a wiggle in it
            ring = _square(1.0, 0.0)
            ring[35][0] += 0.004  # on the shared edge x = 1, below the tolerance
        if region == "CN-BJ":
            ring[15][0] += 0.004
        features.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                         "coordinates": [ring]},
                         "properties": {"iso_3166_2": region, "name_zh": "x", "ne_id": number}})
    features.append({"type": "Feature", "geometry": {"type": "Polygon",
                                                     "coordinates": [_square(50, 50)]},
                     "properties": {"iso_3166_2": "CN-XJ"}})
    built = outline_build.build_outlines({"type": "FeatureCollection", "features": features})
    geo.check_outlines(built)
    regions = _by_region(built)
    assert list(regions) == list(geo.NAMES_EN)  # other provinces left out
    hebei = regions["CN-HE"]["geometry"]["coordinates"][0]
    assert len(hebei) == 5  # the square's edge points are dropped
    assert geo.signed_area([tuple(p) for p in hebei]) < 0  # clockwise
    beijing = {tuple(p) for p in regions["CN-BJ"]["geometry"]["coordinates"][0] if p[0] >= 0.99}
    tianjin = {tuple(p) for p in regions["CN-TJ"]["geometry"]["coordinates"][0] if p[0] <= 1.01}
    assert beijing == tianjin  # the shared edge is simplified the same way on both sides


def test_douglas_peucker_keeps_the_ends_and_drops_near_points():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert outline_build._douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]


# --- the map --------------------------------------------------------------------------------


def test_region_map_without_size(package):
    spec = maps.region_map(package, title="Where the seats are", description="A map").to_dict()
    assert spec["width"] == "container" and 300 <= spec["height"] <= 600
    projection = spec["projection"]
    assert projection["type"] == "conicEqualArea" and projection["fit"]
    marks = [layer["mark"]["type"] for layer in _layers(spec)]
    assert marks.count("geoshape") == 2 and "point" in marks and "text" in marks
    labelled = {row["label"] for layer in _layers(spec) for row in _rows(spec, layer)
                if "label" in row}
    assert {"Beijing", "Tianjin", "Shijiazhuang", "Xiong'an", "Handan"} <= labelled
    places = [row for layer in _layers(spec) if layer["mark"]["type"] == "point"
              for row in _rows(spec, layer)]
    assert len(places) == len(maps.LABELS)
    assert {row["km_to_beijing"] for row in places if row["region"] == "CN-BJ"} == {0}
    subtitle = " ".join(spec["title"]["subtitle"])
    assert "Source: GeoNames and 1 other" in subtitle
    assert spec["description"] == "A map"


def test_region_map_sizes_points_from_min_to_max_not_zero(package):
    cities = ["130100", "130200", "130300", "CN-BJ"]
    size = _size_frame(package, cities, [40.0, 50.0, 70.0, 45.0])
    spec = maps.region_map(package, title="Sized", description="A sized map", size=size).to_dict()
    scales = [layer["encoding"]["size"]["scale"] for layer in _layers(spec)
              if "size" in layer.get("encoding", {})]
    assert scales == [{"zero": False, "domain": [40.0, 70.0], "range": list(maps.SIZE_RANGE)}]
    assert maps.SIZE_RANGE[0] > 0
    points = [(layer, _rows(spec, layer)) for layer in _layers(spec)
              if layer["mark"]["type"] == "point"]

    def grey(layer: dict) -> bool:
        return layer["mark"].get("color") == maps.MISSING_COLOR
    sized = {row["region"] for layer, rows in points if not grey(layer) for row in rows}
    missing = {row["region"] for layer, rows in points if grey(layer) for row in rows}
    assert sized == set(cities)
    assert missing == set(maps.LABELS) - set(cities)  # no place dropped
    missing_tips = [t["field"] for layer, _ in points if grey(layer)
                    for t in layer["encoding"]["tooltip"]]
    assert "value" not in missing_tips and "missing" in missing_tips  # never shown as 0
    assert any("no value" in line for line in spec["title"]["subtitle"])
    # labels move out of the way of bigger points: Qinhuangdao's (the largest) sits higher
    plain = maps.region_map(package, title="Plain", description="d").to_dict()
    assert _label(spec, "130300")["dy"] < _label(plain, "130300")["dy"] - 8


def test_region_map_rejects_ambiguous_size(package):
    size = _size_frame(package, ["130100", "130100"], [1.0, 2.0])
    with pytest.raises(ValueError, match="one year per region"):
        maps.region_map(package, title="t", description="d", size=size)
    with pytest.raises(ValueError, match="no point on the map"):
        maps.region_map(package, title="t", description="d",
                        size=_size_frame(package, ["CN"], [1.0]))


def test_region_map_renders(package):
    size = _size_frame(package, ["130100", "130200"], [1.0, 2.0])
    spec = maps.region_map(package, title="Rendered", description="d", size=size).to_dict()
    spec["width"] = 390  # a phone screen; "container" has no container here
    svg = vlc.vegalite_to_svg(spec)
    assert "Shijiazhuang" in svg and "Qinhuangdao" in svg and "<path" in svg


def test_great_circle_distance():
    # one degree of latitude on a 6,371 km sphere
    assert maps.great_circle_km(116, 39, 116, 40) == pytest.approx(111.19, abs=0.01)


def test_a_sized_map_draws_values_on_one_third_party_copy_hollow_and_offers_them(package):
    size = package.series("pm25_jan_nov_mean")
    spec = maps.region_map(package, title="t", description="d", size=size).to_dict()
    sized = next(layer for layer in _layers(spec) if "size" in layer.get("encoding", {}))
    assert sized["encoding"]["fillOpacity"]["field"] == "copies"
    assert any(t["field"] == "second_copy" for t in sized["encoding"]["tooltip"])
    grey = [layer for layer in _layers(spec) if layer["mark"].get("color") == maps.MISSING_COLOR]
    assert len(grey) == 1 and grey[0]["mark"]["filled"] is True


def _province_extents(svg: str) -> list[float]:
    """The largest distance from the plot's origin, in px, of each province drawn in ``svg``."""
    shapes = re.findall(r'<g class="mark-shape role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return [max(abs(float(n)) for n in re.findall(r"-?\d+(?:\.\d+)?", d))
            for group in shapes for d in re.findall(r'<path[^>]* d="([^"]+)"', group)]


@pytest.mark.parametrize("reversed_hebei", [False, True])
def test_no_province_fills_the_world(package, monkeypatch, reversed_hebei):
    """Drawn by Vega, every province stays near the map (a ring wound the wrong way is drawn
    as the whole globe less the province: thousands of px wide); the check catches one."""
    outlines = json.loads(geo.OUTLINES_FILE.read_text(encoding="utf-8"))
    if reversed_hebei:
        _reverse_hebei(outlines)
    monkeypatch.setattr(maps, "load_outlines", lambda: outlines)
    spec = maps.region_map(package, title="t", description="d").to_dict()
    spec["width"] = 390
    extents = _province_extents(vlc.vegalite_to_svg(spec))
    assert len(extents) == len(outlines["features"])
    inside = [e < 3 * max(spec["width"], spec["height"]) for e in extents]
    assert all(inside) != reversed_hebei, extents
