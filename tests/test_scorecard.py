"""The decade's scorecard: like-for-like comparisons, gaps left empty, the words for a gap."""

from __future__ import annotations

import pytest

import jingjinji as jj
from jingjinji import scorecard


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


@pytest.fixture(scope="module")
def comparisons(package):
    return scorecard.comparisons(package).set_index(["figure", "other"])


def test_every_headline_is_compared_with_beijing_tianjin_and_china(package, comparisons):
    assert len(comparisons) == 3 * len(scorecard.HEADLINES)
    assert set(comparisons.index.get_level_values("other")) == set(scorecard.OTHERS)


def test_a_comparison_uses_the_first_and_last_years_both_places_have(package, comparisons):
    pm25 = package.series("pm25_annual_mean", ["CN-HE", "CN-TJ"])
    years = set(pm25[pm25["region"] == "CN-HE"]["year"]) & set(
        pm25[pm25["region"] == "CN-TJ"]["year"])
    row = comparisons.loc[("pm25", "CN-TJ")]
    assert (row["first"], row["last"]) == (min(years), max(years))
    values = pm25.set_index(["region", "year"])["value"]
    assert row["share_last"] == pytest.approx(values[("CN-HE", max(years))]
                                              / values[("CN-TJ", max(years))])


def test_a_value_of_another_coverage_is_left_out(comparisons):
    # China's 2013 PM2.5 covers 74 cities only: the comparison with China starts later
    assert comparisons.loc[("pm25", "CN"), "first"] > scorecard.START


def test_a_comparison_without_two_common_years_stays_empty(comparisons):
    forest = comparisons.loc["forest"]
    assert forest["first"].isna().all() and forest["gap"].isna().all()


def test_a_comparison_cites_the_sources_of_its_four_values(package, comparisons):
    known = set(package.sources["source"])
    for ids in comparisons["source"].dropna():
        assert set(ids.split(";")) <= known


@pytest.mark.parametrize(("lower_is_better", "first", "last", "words"), [
    (False, 0.5, 0.6, "catching up"), (False, 0.6, 0.5, "falling behind"),
    (False, 0.9, 1.1, "overtook"), (False, 1.2, 1.1, "lead narrowed"),
    (False, 1.1, 1.3, "lead widened"), (False, 1.1, 0.9, "lead lost"),
    (True, 1.5, 1.2, "catching up"), (True, 1.1, 0.9, "overtook"),
])
def test_the_words_for_a_gap_depend_on_which_way_is_better(lower_is_better, first, last, words):
    headline = scorecard.Headline("t", "c", "f", lower_is_better, lambda package: None, ())
    assert scorecard._gap_words(headline, first, last) == words


def test_hebei_s_values_say_how_good_their_copies_are(package):
    mine = scorecard.hebei(package).set_index("figure")
    assert mine.loc["output_ratios", "last_copy"] == "derived from cited values"
    assert mine.loc["pm25", "first"] == scorecard.START
    assert all(";" in words for words in mine.loc[["pm25", "income"], "last_copy"])


def test_the_headline_claims_are_on_the_headline_indicators(package):
    measures = {m for headline in scorecard.HEADLINES for m in headline.measures}
    found = scorecard.headline_claims(package)
    assert not found.empty and set(found["indicator"]) <= measures


def test_a_gap_is_given_as_a_share_and_as_a_difference(package, comparisons):
    row = comparisons.loc[("income", "CN-BJ")]
    values = package.series("disposable_income_per_capita", ["CN-HE", "CN-BJ"]).set_index(
        ["region", "year"])["value"]
    hebei, beijing = values[("CN-HE", row["last"])], values[("CN-BJ", row["last"])]
    assert row["difference_last"] == pytest.approx(hebei - beijing)
    assert row["share_last"] == pytest.approx(hebei / beijing)


def test_the_table_says_where_no_comparable_figure_was_found(package):
    shown = scorecard.table(package).data
    assert "no comparable figure" in shown and 'href="01_ecology.html#fig-pm25"' in shown
