"""Each figure's data as a CSV (the rows the chart draws, each with its full citation), and
the whole data package as one zip."""

from __future__ import annotations

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import chart_data, downloads
from jingjinji.draw import Charts
from jingjinji.figures import FigureRef


@pytest.fixture(scope="module")
def package():
    return jj.load()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(downloads, "FOLDER", tmp_path)
    return tmp_path


def test_the_file_is_named_for_its_figure():
    assert chart_data.file_name(FigureRef("Figure 2.3", "fig-gdp_share")) == (
        "figure-2-3-gdp-share.csv")


def test_every_row_has_its_unit_status_copy_and_full_citation(package):
    series = package.series("population", ["CN-HE", "CN-BJ"])
    table = chart_data.chart_table(package, series)
    assert len(table) == len(series)
    assert list(table.columns[:6]) == ["region", "name_en", "indicator", "name", "year", "value"]
    sources = package.sources.set_index("source")
    row = table.iloc[0]
    assert row["publisher"] == sources.at[row["source"], "publisher"]
    assert row["document"] == sources.at[row["source"], "title"]
    assert row["locator"] == sources.at[row["source"], "locator"]
    assert row["copy_read"] == jj.copies.COPY_WORDS[sources.at[row["source"], "copy"]]
    assert {"unit", "status"} <= set(table.columns)


def test_several_sources_in_one_cell_give_joined_citations(package):
    a, b = package.sources["source"].iloc[:2]
    frame = pd.DataFrame({"value": [1.0], "source": [f"{a};{b}"], "coord_source": [a]})
    table = chart_data.chart_table(package, frame)
    sources = package.sources.set_index("source")
    assert table.at[0, "publisher"] == f"{sources.at[a, 'publisher']}; {sources.at[b, 'publisher']}"
    assert table.at[0, "coord_publisher"] == sources.at[a, "publisher"]


def test_a_figure_writes_its_data_and_links_it(package, folder):
    series = package.series("population", ["CN-HE", "CN-BJ"])
    fig = jj.Figures(9, "people")
    chart = Charts(package).time_series(series, title="People", figure=fig["people"])
    name = chart.to_dict()["usermeta"]["figure"]["data"]
    assert name == "figure-9-1-people.csv"
    written = pd.read_csv(folder / name)
    assert len(written) == len(series)
    assert written["value"].tolist() == series["value"].tolist()
    assert 'href="downloads/figure-9-1-people.csv"' in jj.offline.chart_html(chart.to_dict())


def test_the_data_package_downloads_as_a_zip_that_unpacks_to_a_valid_package(folder, tmp_path):
    import zipfile

    from frictionless import validate

    path = downloads.write_data_package()
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unpacked")
    assert f"{downloads.DATA_PACKAGE_FOLDER}/datapackage.json" in names
    report = validate(tmp_path / "unpacked" / downloads.DATA_PACKAGE_FOLDER / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
