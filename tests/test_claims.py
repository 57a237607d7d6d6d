"""Claims: the stored verdicts follow the rubric, and the checks behave as documented."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import checks, claims, rubric


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


@pytest.fixture(scope="module")
def ledger(package) -> pd.DataFrame:
    return claims.ledger(package)


def test_stored_verdicts_and_bases_follow_the_rubric(ledger):
    disagree = claims.disagreements(ledger)
    assert disagree.empty, disagree.to_string()


def test_every_claim_with_a_series_is_computed(ledger):
    with_series = ledger[ledger["indicator"].notna()]
    assert with_series["check"].notna().all(), with_series.loc[
        with_series["check"].isna(), "claim"].tolist()
    assert with_series[["region", "year"]].notna().all().all()


def test_no_verdict_rests_on_a_gap(package, ledger):
    for _, claim in ledger[ledger["check"].notna()].iterrows():
        check = checks.computed_check(package, claim)
        if check.gap_years:
            assert claim["verdict"] != "differs", claim["claim"]


def test_the_fall_of_pm25_names_its_base_and_the_missing_year(package):
    check = checks.check_for(package, "eco_pm25_fall")
    low, high = check.needed_base
    assert 90 < low < 91.5 and 90 < high < 91.5
    assert 2014 in check.gap_years and check.verdict == "unverified"
    assert "2014" in check.detail


def test_verdict_totals_add_up_to_every_claim(package):
    totals = claims.verdict_totals(package.claims)
    assert list(totals.index) == rubric.VERDICTS
    assert totals.sum() == len(package.claims)
    assert claims.verdict_counts(package)["claims"].sum() == len(package.claims)


def test_verdicts_are_shown_as_words(package):
    shown = set(claims.verdict_counts(package)["verdict"])
    assert shown <= set(rubric.VERDICT_WORDS.values())
    assert "not_checkable" not in shown and rubric.VERDICT_WORDS["not_checkable"] == "not checkable"
    assert "not_checkable" not in claims.readable(package.claims)["Verdict"].tolist()


def test_a_chapter_ledger_holds_its_theme_and_the_paragraphs_it_names(package):
    transport = claims.chapter_ledger(package, "transport", paragraphs=("32",))
    in_32 = transport["paragraph"].str.split(";").map(lambda found: "32" in found)
    assert set(transport.loc[~in_32, "theme"]) == {"transport"} and in_32.any()
    assert set(transport["claim"]) > set(claims.chapter_ledger(package, "transport")["claim"])
    shown = claims.readable(transport)
    assert list(shown.columns) == ["¶", "Printed", "Meant", "Verdict", "Basis", "Evidence"]
    table = claims.chapter_table(transport).data
    assert table.startswith('<div class="scroll-box"') and table.count("<tr") == len(shown) + 1


def test_a_chapter_ledger_names_a_claim_whose_verdict_the_rubric_does_not_give(package):
    stored = package.claims.copy()
    row = stored.index[stored["claim"] == "eco_pm25_2023"][0]
    stored.loc[row, "verdict"] = "differs"
    tampered = dataclasses.replace(package, claims=stored)
    with pytest.raises(jj.DataError, match="claims.csv, column 'verdict': claim "
                                           "'eco_pm25_2023': stored verdict 'differs', the "
                                           "rubric gives 'confirmed'"):
        claims.chapter_ledger(tampered, "ecology")


def test_the_basis_enum_is_the_package_list(package):
    fields = {f["name"]: f for r in package.descriptor["resources"] if r["name"] == "claims"
              for f in r["schema"]["fields"]}
    assert fields["basis"]["constraints"]["enum"] == rubric.BASES
    assert fields["verdict"]["constraints"]["enum"] == rubric.VERDICTS


@pytest.mark.parametrize(("value", "expected"), [(38.6, 0.05), (57.6, 0.05), (11, 0.5),
                                                 (29.35, 0.005)])
def test_tolerance_is_half_the_last_printed_digit(value, expected):
    assert rubric.tolerance(value) == pytest.approx(expected)


@pytest.mark.parametrize(("statement", "expected"), [
    ("Zhongguancun enterprises have set up more than 10,000 branches.", "more_than"),
    ("Yanda has nearly 6,000 elderly residents.", "nearly"),
    ("About 3,200 enterprises were withdrawn.", "about"),
    ("Over 150 billion yuan of intended investment.", "more_than"),
    ("Hebei overfulfilled the tasks over ten years in 6 industries.", None),
    ("Hebei's GDP in 2023 was 4.39 trillion yuan.", None),
])
def test_qualifier_is_read_from_the_words_before_the_figure(statement, expected):
    assert rubric.qualifier(statement) == expected


@pytest.mark.parametrize(("claimed", "found", "words", "bound", "verdict"), [
    (38.6, 38.6, None, False, "confirmed"),
    (38.6, 38.64, None, False, "confirmed"),
    (38.6, 39.5, None, False, "close"),
    (38.6, 45.0, None, False, "differs"),
    # "more than X": any value above X; a lower bound at or above X also confirms
    (10000, 10001, "more_than", False, "confirmed"),
    (10000, 10000, "more_than", True, "confirmed"),
    (170.5, 177, "more_than", True, "confirmed"),
    (25000, 24000, "more_than", False, "close"),
    (650, 540, "more_than", True, "unverified"),
    # "nearly X": at or below X, within the close rule — 980 is nearly 1,000, 5,263 is not
    # nearly 6,000
    (1000, 980, "nearly", False, "confirmed"),
    (6000, 5263, "nearly", False, "differs"),
    (1000, 1030, "nearly", False, "close"),
    (3200, 3100, "about", False, "confirmed"),
    # an exact claim well below a lower bound is contradicted; near or above it, not settled
    (3000, 4000, None, True, "differs"),
    (3000, 2900, None, True, "unverified"),
])
def test_judge_level_applies_one_rule_to_bounds_and_approximations(claimed, found, words, bound,
                                                                  verdict):
    assert rubric.judge_level(claimed, found, words, lower_bound=bound) == verdict


def _claim(**fields) -> pd.Series:
    base = {"claim": "x", "indicator": "x", "region": "CN-HE", "year": 2023, "value": 0.0,
            "check": "level", "base_year": pd.NA, "unit": "µg/m³", "statement": "A figure."}
    return pd.Series({**base, **fields})


def _found(values: dict[int, float], bounds: set[int] = frozenset()) -> checks.Found:
    return checks.Found(values=pd.Series(values, dtype=float), unit="µg/m³",
                        lower_bounds=frozenset(bounds))


SERIES = {2013: 108.0, 2015: 77.0, 2020: 44.8, 2023: 38.6}


def test_level_check():
    assert checks._level(_found(SERIES), _claim(value=38.6)).verdict == "confirmed"
    assert checks._level(_found(SERIES), _claim(value=39.5)).verdict == "close"
    assert checks._level(_found(SERIES), _claim(value=386)).verdict == "differs"
    missing = checks._level(_found(SERIES), _claim(year=2014, value=90))
    assert missing.verdict == "unverified" and "2013: 108" in missing.detail


def test_level_check_reads_qualifiers_and_lower_bounds():
    found = _found({2023: 10000}, bounds={2023})
    claim = _claim(value=10000, statement="More than 10,000 branches.")
    assert checks._level(found, claim).verdict == "confirmed"
    assert checks._level(found, _claim(value=12000)).verdict == "unverified"


def test_change_check_tries_every_base_year():
    check = checks._change(_found(SERIES), _claim(value=-13.8, check="change"))
    assert check.verdict == "confirmed" and "nearest base year 2020" in check.detail


def test_a_missing_year_that_could_hold_the_base_leaves_a_change_unverified():
    check = checks._change(_found(SERIES), _claim(value=-57.6, check="change"))
    assert check.verdict == "unverified" and check.gap_years == (2014,)
    assert check.needed_base[0] == pytest.approx(38.6 / 0.4245)
    complete = {**SERIES, 2014: 100.0, 2016: 70.0, 2017: 65.0, 2018: 60.0, 2019: 50.0,
                2021: 40.0, 2022: 39.0}
    assert checks._change(_found(complete), _claim(value=-57.6, check="change")).verdict \
        == "differs"


def test_gaps_are_bounded_by_their_neighbours_and_never_guessed_at_the_ends():
    series = pd.Series({2013: 108.0, 2015: 77.0, 2017: 65.0})
    assert checks.gaps_that_could_hold(series, range(2010, 2018), 90, 92) == [2014]
    assert checks.gaps_that_could_hold(series, range(2010, 2018), 70, 72) == [2016]
    assert checks.gaps_that_could_hold(series, range(2010, 2018), 200, 300) == []


def test_change_check_respects_a_stated_base_year():
    claim = _claim(value=-13.8, check="change", base_year=2013)
    assert checks._change(_found(SERIES), claim).verdict == "differs"
    missing = checks._change(_found(SERIES), _claim(value=-13.8, check="change", base_year=2014))
    assert missing.verdict == "unverified"


def test_unit_factor_is_passed_explicitly(package):
    claim = package.claims.set_index("claim").loc["econ_gdp_2023"].copy()
    claim["claim"] = "econ_gdp_2023"
    factor = checks.unit_factor(package, claim)
    assert factor == 1e4 and "factor" not in claim.index
    found = checks.found_for(package, claim, factor)
    assert found.unit == "trillion CNY" and found.values[2023] == pytest.approx(4.39441)
    assert checks._level(found, claim).verdict == "confirmed"


def test_multiple_check():
    check = checks._multiple(_found(SERIES), _claim(value=0.36, check="multiple"))
    assert check.verdict == "confirmed" and "nearest base year 2013" in check.detail
    assert checks._multiple(_found(SERIES), _claim(value=2, check="multiple")).verdict \
        == "differs"


def test_first_above_check():
    rising = _found({2017: 45.9, 2019: 52.7, 2021: 73.0, 2022: 84.4, 2023: 85.0})
    assert checks._first_above(rising, _claim(value=80, year=2022)).verdict == "confirmed"
    assert checks._first_above(rising, _claim(value=80, year=2023)).verdict == "differs"
    assert checks._first_above(rising, _claim(value=90, year=2022)).verdict == "differs"
    gap = _found({2019: 52.7, 2022: 84.4})
    assert checks._first_above(gap, _claim(value=80, year=2022)).verdict == "unverified"


def test_reading_order_sorts_paragraphs_as_numbers(package):
    ordered = claims.reading_order(package.claims)
    eco = ordered[ordered["theme"] == "ecology"]["paragraph"].str.split(";").str[0].astype(int)
    assert eco.is_monotonic_increasing
