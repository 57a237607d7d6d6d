"""Chart helpers: theme, colours, generated source lines, descriptions, gaps."""

from __future__ import annotations

import dataclasses
import json

import altair as alt
import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import charts, coverage, marks, theme
from jingjinji.evidence_table import HOLLOW, SOLID


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


def _spec(chart: alt.TopLevelMixin) -> dict:
    return chart.to_dict()


def test_charts_carry_the_book_theme(package):
    chart = charts.time_series(package, package.series("population", ["CN-HE"]), title="t",
                               description="d")
    config = chart.to_dict()["config"]
    assert config["font"] == theme.FONT and config["title"]["anchor"] == "start"


def test_each_region_has_its_own_colour(package):
    colours = [theme.region_color(package, r) for r in package.regions["region"]]
    assert len(set(colours)) == len(colours)


def test_source_line_is_generated_from_sources(package):
    ids = ["xinhua_2014_02_27", "cctv_2019_09_25_daxing"]
    lines = theme.source_line(package, ids)
    assert " ".join(lines) == "Source: CCTV and 1 other (all in the data appendix)."
    assert all(len(line) <= theme.SOURCE_WRAP for line in lines)
    cited = theme.source_citations(package, ids)
    assert cited[1] == "Xinhua, Xi calls for integrated N China development (2014-02-27); " \
        "paragraphs 1–2."


def test_source_line_rejects_unknown_ids(package):
    with pytest.raises(KeyError, match="unknown source"):
        theme.source_line(package, ["no_such_source"])


def test_finish_requires_description(package):
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_point()
    with pytest.raises(ValueError, match="description"):
        theme.finish(chart, package, title="A finding", description=" ", sources=["geonames"])


def test_timeline_has_title_source_and_description(package):
    spec = _spec(charts.policy_timeline(package, title="Milestones", description="A timeline"))
    assert spec["description"] == "A timeline"
    assert spec["title"]["text"] == ["Milestones"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_time_series_breaks_lines_at_gaps(package):
    obs = pd.DataFrame({
        "indicator": "population", "region": "CN-HE", "year": [2013, 2014, 2016],
        "value": [1.0, 2.0, 3.0], "source": "geonames", "status": "reported", "note": None,
    })
    test_package = dataclasses.replace(package, observations=obs)
    chart = charts.time_series(test_package, test_package.series("population", ["CN-HE"]),
                               title="t", description="d", events=["Strategy launched"])
    spec = _spec(chart)
    rows = [r for rows in spec["datasets"].values() for r in rows if "value" in r]
    years = {r["year"]: r["value"] for r in rows if r.get("region") == "CN-HE"}
    assert set(years) == {2013, 2014, 2015, 2016}
    assert years[2015] is None
    marks = [layer.get("mark") for layer in spec["layer"]]
    assert {"type": "line", "invalid": "break-paths-show-domains"} in marks


def test_bars_stand_on_a_time_axis_and_share_a_year_side_by_side(package):
    one = package.series("population", ["CN-HE"]).query("year in (2013, 2016)")
    both = pd.concat([one, package.series("population", ["CN-BJ"]).query("year == 2016")])
    spec = _spec(charts.bar_chart(package, both, title="t", description="d"))
    assert spec["encoding"]["x"]["type"] == "quantitative"
    rows = [r for rows in spec["datasets"].values() for r in rows if "bar_start" in r]
    slots = sorted((r["year"], r["region"], r["bar_start"], r["bar_end"]) for r in rows)
    assert [s[1:] for s in slots] == [("CN-HE", 2012.6, 2013.4), ("CN-BJ", 2015.6, 2016.0),
                                      ("CN-HE", 2016.0, 2016.4)]


def test_coverageyear_spans():
    assert coverage.year_spans([2013, 2014, 2015, 2019]) == "2013–2015, 2019"
    assert coverage.year_spans([2020]) == "2020"
    assert coverage.year_spans(list(coverage.BOOK_YEARS)) == "all"


def test_gap_table_names_missing_years(package):
    obs = package.observations
    population = obs[obs["indicator"] == "population"]
    kept = population[(population["region"] == "CN-BJ")
                      | ((population["region"] == "CN-HE") & population["year"].isin([2013, 2014,
                                                                                       2016]))]
    assert set(kept.loc[kept["region"] == "CN-BJ", "year"]) >= set(coverage.BOOK_YEARS)
    fixture = dataclasses.replace(package, observations=kept)
    table = coverage.gap_table(fixture)
    assert list(table.columns) == ["Beijing", "Tianjin", "Hebei", "China"]
    assert set(table.index) == set(package.indicators["indicator"])
    assert table.loc["population", "Beijing"] == ""
    assert table.loc["population", "Hebei"] == "2015, 2017–2024"
    assert table.loc["population", "Tianjin"] == "all"


def test_per_thousand_completes_reported_values_with_derived_ones(package):
    from jingjinji import derive

    beds = derive.per_thousand(package, "hospital_beds", "beds_per_1000", ["CN-BJ", "CN-TJ"],
                               name="Beds")
    by_key = beds.set_index(["region", "year"])
    assert by_key.loc[("CN-BJ", 2015), "status"] == "reported"
    assert by_key.loc[("CN-BJ", 2013), "status"] == "derived"
    assert (beds["indicator"] == "beds_per_1000").all() and (beds["unit"] == "beds").all()


def test_per_area_divides_by_the_cited_land_area(package):
    from jingjinji import derive

    density = derive.per_area(package, "expressway_length", ["CN-BJ"]).set_index("year")
    length = package.series("expressway_length", ["CN-BJ"]).set_index("year")["value"]
    area = package.regions.set_index("region").loc["CN-BJ", "area_km2"]
    assert density.loc[2019, "value"] == pytest.approx(length[2019] / area * 100)
    assert density.loc[2019, "source"].endswith(";beijing_gov_overview")
    assert (density["status"] == "derived").all()
    with pytest.raises(ValueError, match="no land area in regions.csv for 130100"):
        derive.per_area(package, "expressway_length", ["130100"])


def test_rules_outside_the_years_shown_are_left_out(package):
    obs = pd.DataFrame({
        "indicator": "population", "region": "CN-HE", "year": [2013, 2014], "value": [1.0, 2.0],
        "source": "geonames", "status": "reported", "note": None,
    })
    test_package = dataclasses.replace(package, observations=obs)
    spec = _spec(charts.time_series(test_package, test_package.series("population"), title="t",
                                    description="d", events=["Beijing–Xiong'an expressway"]))
    assert '"rule"' not in json.dumps(spec)
    with_rule = _spec(charts.time_series(test_package, test_package.series("population"),
                                         title="t", description="d",
                                         events=["Strategy launched"]))
    assert '"rule"' in json.dumps(with_rule)


def test_yearly_and_wide_reshape_a_series_and_refuse_two_values_a_year(package):
    from jingjinji import derive

    pm25 = package.series("pm25_annual_mean", ["CN-HE", "CN-BJ"])
    hebei = derive.yearly(pm25, "CN-HE")
    table = derive.wide(pm25)
    assert hebei.to_dict() == table["CN-HE"].dropna().to_dict()
    assert list(table.columns) == ["CN-BJ", "CN-HE"] and table.index.is_monotonic_increasing
    with pytest.raises(ValueError, match="several values a year .*name one region"):
        derive.yearly(pm25)


def _frame(values: dict[int, float], region: str = "CN-HE", name_en: str = "Hebei",
           note: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({"indicator": "pm25", "region": region, "year": list(values),
                         "value": list(values.values()), "name_en": name_en,
                         "name": "PM2.5 annual mean", "unit": "µg/m³", "note": note})


def test_a_description_names_each_line_its_ends_extremes_and_gaps():
    from jingjinji.describe import describe

    series = pd.concat([_frame({2013: 108, 2015: 77, 2016: 120, 2017: 65.2}),
                        _frame({2013: 89.5, 2014: 85.9}, region="CN-BJ", name_en="Beijing")])
    assert describe(series, "Line chart", "All fall.", ["Strategy launched"]) == (
        "Line chart: PM2.5 annual mean (µg/m³), 2013–2017. Hebei from 108 in 2013 to 65.2 in "
        "2017 (highest 120 in 2016; none found for 2014); Beijing from 89.5 in 2013 to 85.9 in "
        "2014. All fall. Rules mark: Strategy launched.")


def test_a_description_reads_lower_bounds_as_such_and_one_year_without_years():
    from jingjinji.describe import describe, number

    bound = _frame({2023: 5400}, note="Announced as more than 5,400: a lower bound")
    assert describe(bound, "Bar chart") == (
        "Bar chart: PM2.5 annual mean (µg/m³), 2023. Hebei more than 5,400.")
    assert [number(v) for v in (49934.4, 4.551, -0.83, 0.32281)] == ["49,934", "4.55", "-0.83",
                                                                     "0.323"]


def test_a_chart_takes_a_description_or_a_finding_not_both(package):
    pm25 = package.series("pm25_annual_mean", ["CN-HE"])
    with pytest.raises(ValueError, match="description or a finding, not both"):
        charts.time_series(package, pm25, title="t", description="d", finding="f")


def test_tooltips_and_the_appendix_say_what_kind_of_copy_a_value_was_read_in(package):
    from jingjinji import appendix
    from jingjinji.copies import COPY_WORDS

    chart = charts.time_series(package, package.series("pm25_annual_mean", ["CN-HE"]), title="t")
    documents = [row["document"] for row in chart.to_dict()["datasets"].popitem()[1]
                 if row.get("document")]
    assert documents and all("(read in " in d for d in documents)
    listed = "\n".join(appendix.source_items(package))
    assert appendix.sources_list(package).data.count("<li>") == len(package.sources)
    assert all(words in listed for words in set(COPY_WORDS[c] for c in package.sources["copy"]))


def test_the_appendix_lists_every_source_read_only_on_an_unrelated_site(package):
    from jingjinji import appendix, copies

    listed = appendix.unrelated_copies(package)
    web, unrelated = appendix.web_copy_counts(package)
    assert len(listed) == unrelated < web
    assert set(listed["Source"]) == set(
        package.sources.loc[package.sources["read_at"].map(copies.is_junk), "source"])
    assert list(listed["Values"]) == sorted(listed["Values"], reverse=True)


def test_a_value_on_one_third_party_copy_is_drawn_hollow_with_a_legend(package):

    chart = charts.time_series(package, package.series("population", ["CN-HE"]), title="t",
                               description="d")
    spec = _spec(chart)
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    fill = points["encoding"]["fillOpacity"]
    assert fill["field"] == "copies" and fill["scale"] == {"domain": [SOLID, HOLLOW],
                                                           "range": [1, 0]}
    assert points["encoding"]["opacity"]["legend"]["title"] == "Copy"
    rows = [r for rows in spec["datasets"].values() for r in rows if r.get("value") is not None]
    assert {r["copies"] for r in rows} <= {SOLID, HOLLOW}
    assert all(r["second_copy"] for r in rows)


def _legends(spec: dict) -> dict[str, object]:
    """Each channel of the chart's point layer, with its legend setting."""
    points = [layer for layer in spec["layer"] if "shape" in layer.get("encoding", {})][0]
    return {channel: points["encoding"][channel].get("legend", "default")
            for channel in ("color", "shape", "opacity")}


def test_a_legend_of_one_item_is_left_out(package):
    one = package.series("population", ["CN-HE"])
    one = one[one["status"] == one["status"].iloc[0]]
    spec = _spec(charts.time_series(package, one, title="People", description="d"))
    legends = _legends(spec)
    assert legends["color"] is None and legends["shape"] is None
    kinds = set(marks.with_evidence(package, one)["copies"])
    assert (legends["opacity"] is None) == (len(kinds) == 1)
    two = package.series("population", ["CN-HE", "CN-BJ"])
    assert _legends(_spec(charts.time_series(package, two, title="People",
                                             description="d")))["color"] == "default"


def test_hollow_marks_are_explained_even_alone_solid_ones_alone_need_no_legend():
    def legend(kinds: list[str]) -> tuple[object, list[str]]:
        carrier = marks.copy_encodings(None, kinds)["opacity"].to_dict()
        return carrier["legend"], carrier["scale"]["domain"]  # its items
    assert legend([HOLLOW]) == (legend([SOLID, HOLLOW])[0], [HOLLOW])
    assert legend([HOLLOW])[0]["title"] == "Copy"
    assert legend([SOLID]) == (None, [SOLID])
