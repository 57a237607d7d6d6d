"""Claims: the stored verdicts agree with the data, and the checks behave as documented."""

from __future__ import annotations

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import claims


@pytest.fixture(scope="module")
def package() -> jj.DataPackage:
    return jj.load()


def test_stored_verdicts_match_the_data(package):
    ledger = claims.ledger(package)
    mapped = ledger[ledger["computed"].notna()]
    disagree = mapped[mapped["verdict"] != mapped["computed"]]
    assert disagree.empty, disagree[["claim", "verdict", "computed", "comparison"]].to_string()


def test_mapped_claims_name_a_series(package):
    mapped = package.claims[package.claims["check"].notna()]
    assert mapped[["indicator", "region", "year"]].notna().all().all()


def test_confirmed_claims_have_sources(package):
    confirmed = package.claims[package.claims["verdict"] == "confirmed"]
    assert confirmed["source"].str.len().gt(0).all()


@pytest.mark.parametrize(("value", "expected"), [(38.6, 0.05), (57.6, 0.05), (11, 0.5),
                                                 (29.35, 0.005)])
def test_tolerance_is_half_the_last_printed_digit(value, expected):
    assert claims.tolerance(value) == pytest.approx(expected)


def _claim(**fields) -> pd.Series:
    base = {"indicator": "x", "region": "CN-HE", "year": 2023, "value": 0.0, "check": "level",
            "base_year": pd.NA, "unit": "µg/m³"}
    return pd.Series({**base, **fields})


SERIES = pd.Series({2013: 108.0, 2015: 77.0, 2020: 44.8, 2023: 38.6})


def test_level_check():
    assert claims._level(SERIES, _claim(value=38.6)).verdict == "confirmed"
    assert claims._level(SERIES, _claim(value=39.5)).verdict == "close"
    assert claims._level(SERIES, _claim(value=386)).verdict == "differs"
    assert claims._level(SERIES, _claim(year=2014, value=90)) is None


def test_change_check_tries_every_base_year():
    check = claims._change(SERIES, _claim(value=-13.8, check="change"))
    assert check.verdict == "confirmed" and "nearest base year 2020" in check.detail
    assert claims._change(SERIES, _claim(value=-57.6, check="change")).verdict == "differs"


def test_change_check_respects_a_stated_base_year():
    claim = _claim(value=-13.8, check="change", base_year=2013)
    assert claims._change(SERIES, claim).verdict == "differs"


def test_level_check_converts_units():
    gdp = pd.Series({2023: 43944.1})
    claim = _claim(value=4.39, unit="trillion CNY", factor=1e4)
    assert claims._level(gdp, claim).verdict == "confirmed"


def test_multiple_check():
    check = claims._multiple(SERIES, _claim(value=0.36, check="multiple"))
    assert check.verdict == "confirmed" and "nearest base year 2013" in check.detail
    assert claims._multiple(SERIES, _claim(value=2, check="multiple")).verdict == "differs"


def test_first_above_check():
    rising = pd.Series({2017: 45.9, 2021: 73.0, 2022: 84.4, 2023: 85.0})
    assert claims._first_above(rising, _claim(value=80, year=2022)).verdict == "confirmed"
    assert claims._first_above(rising, _claim(value=80, year=2023)).verdict == "differs"
    assert claims._first_above(rising, _claim(value=90, year=2022)).verdict == "differs"
