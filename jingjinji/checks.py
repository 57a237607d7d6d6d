"""Claims checked against a series of the data: the value of the claim's year, a change or a
multiple against the stated or every base year, or the first year above a threshold (see the
rubric in :mod:`jingjinji.rubric`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jingjinji.data import LOWER_BOUND_NOTE, DataPackage
from jingjinji.derive import yearly
from jingjinji.rubric import (
    CLOSE_MULTIPLE,
    CLOSE_POINTS,
    EPSILON,
    FIRST_BASE_YEAR,
    Check,
    judge_level,
    qualifier,
    tolerance,
)

#: How many of the series' unit make one of the claim's unit, where the two differ.
UNIT_FACTORS = {("trillion CNY", "100 million CNY"): 1e4, ("billion CNY", "100 million CNY"): 10.0}


@dataclass(frozen=True)
class Found:
    """A series of the data for one claim: values by year, and the years that are lower bounds."""

    values: pd.Series
    unit: str = ""
    lower_bounds: frozenset[int] = frozenset()



def unit_factor(package: DataPackage, claim: pd.Series) -> float:
    """How many of the series' unit make one of the claim's unit (1 when they are the same)."""
    unit = package.indicators.set_index("indicator").loc[claim["indicator"], "unit"]
    if claim["unit"] == unit or claim["check"] in ("change", "multiple"):
        return 1.0
    if (claim["unit"], unit) not in UNIT_FACTORS:
        raise ValueError(f"claim {claim['claim']}: no conversion from {claim['unit']} to {unit}")
    return UNIT_FACTORS[(claim["unit"], unit)]


def found_for(package: DataPackage, claim: pd.Series, factor: float) -> Found:
    """The claim's series, divided by ``factor`` (see :func:`unit_factor`)."""
    obs = package.observations
    rows = obs[(obs["indicator"] == claim["indicator"]) & (obs["region"] == claim["region"])]
    rows = rows.sort_values("year")
    bounds = rows.loc[rows["note"].fillna("").str.contains(LOWER_BOUND_NOTE, regex=False), "year"]
    unit = package.indicators.set_index("indicator").loc[claim["indicator"], "unit"]
    return Found(values=yearly(rows) / factor,
                 unit=claim["unit"] if factor != 1.0 else unit,
                 lower_bounds=frozenset(int(y) for y in bounds))


def _number(value: float, digits: int = 6) -> str:
    """A figure as written in the evidence: thousands separated, ``digits`` significant."""
    if abs(value) >= 1000 and (value == round(value) or digits < 6):
        return f"{value:,.0f}"
    return f"{value:,.{digits}g}"


def _in_unit(text: str, unit: str) -> str:
    """A figure followed by its unit as read ("38.6 µg/m³", "5.5%", a count bare)."""
    if unit in ("", "count"):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _listing(found: Found, years: pd.Index | None = None) -> str:
    values = found.values if years is None else found.values[years]
    if values.empty:
        return "none"
    return ", ".join(f"{y}: {'more than ' if y in found.lower_bounds else ''}{_number(v)}"
                     for y, v in values.items())


def _level(found: Found, claim: pd.Series) -> Check:
    year, claimed = int(claim["year"]), float(claim["value"])
    words = qualifier(claim["statement"])
    if year not in found.values.index:
        return Check("unverified", f"no value for {year} in the data; years found "
                                   f"({found.unit}): {_listing(found)}")
    observed, bound = float(found.values[year]), year in found.lower_bounds
    verdict = judge_level(claimed, observed, words, lower_bound=bound)
    claimed_text = f"{(words or '').replace('_', ' ')} {_number(claimed)}".strip()
    detail = (f"{'more than ' if bound else ''}{_in_unit(_number(observed), found.unit)} in "
              f"{year} against {claimed_text} claimed")
    return Check(verdict, detail)


def changes_since(series: pd.Series, year: int) -> pd.Series:
    """Percentage change from each earlier year of the series to ``year``."""
    return (multiples_of(series, year) - 1) * 100


def multiples_of(series: pd.Series, year: int) -> pd.Series:
    """The value in ``year`` as a multiple of each earlier year's."""
    if year not in series.index:
        return pd.Series(dtype=float)
    return series[year] / series[series.index < year]


def gaps_that_could_hold(series: pd.Series, years: range, low: float, high: float) -> list[int]:
    """Years missing from ``series`` whose value could lie in [low, high].

    A missing year between two years found is taken to lie between their values; a year before
    the series begins or after it ends is not guessed.
    """
    found = series.index
    possible = []
    for year in years:
        before, after = found[found < year], found[found > year]
        if year in found or before.empty or after.empty:
            continue
        a, b = series[before.max()], series[after.min()]
        if min(a, b) <= high and low <= max(a, b):
            possible.append(year)
    return possible


def _against_base_years(found: Found, claim: pd.Series, kind: str) -> Check:
    """A claimed change (``kind='change'``) or multiple, against the stated or every base year."""
    series, year, claimed = found.values, int(claim["year"]), float(claim["value"])
    change = kind == "change"
    close, fmt = (CLOSE_POINTS, "+.1f") if change else (CLOSE_MULTIPLE, ".2f")
    if year not in series.index:
        return Check("unverified", f"no value for {year} in the data")
    stated = not pd.isna(claim["base_year"])
    bases = (range(int(claim["base_year"]), int(claim["base_year"]) + 1) if stated
             else range(FIRST_BASE_YEAR, year))
    ratios = multiples_of(series, year)
    ratios = ratios[ratios.index.isin(bases)]
    candidates = (ratios - 1) * 100 if change else ratios
    ratio_range = sorted(((c / 100 + 1) if change else c)
                         for c in (claimed - tolerance(claimed), claimed + tolerance(claimed)))
    needed = (float(series[year] / ratio_range[1]), float(series[year] / ratio_range[0]))
    gaps = tuple(gaps_that_could_hold(series, bases, *needed))
    need = (f"the claim needs a base of {_number(needed[0], 4)}–"
            f"{_in_unit(_number(needed[1], 4), found.unit)} (against "
            f"{_in_unit(_number(series[year]), found.unit)} in {year})")
    if gaps:
        need += "; missing from the data and possibly that base: " + ", ".join(map(str, gaps))
    elif stated and candidates.empty:
        need += f"; {int(claim['base_year'])} is missing from the data"
    if candidates.empty:
        return Check("unverified", need, needed, gaps)
    distance = (candidates - claimed).abs()
    best = int(distance.idxmin())
    listed = ", ".join(f"{b}: {c:{fmt}}" for b, c in candidates.items())
    detail = (f"{year} against each base year found ({listed}); claimed {claimed:{fmt}}, "
              f"nearest base year {best}; {need}")
    if distance[best] <= tolerance(claimed) + EPSILON:
        verdict = "confirmed"
    elif distance[best] <= close + EPSILON:
        verdict = "close"
    else:
        verdict = "unverified" if gaps else "differs"
    return Check(verdict, detail, needed, gaps)


def _change(found: Found, claim: pd.Series) -> Check:
    return _against_base_years(found, claim, "change")


def _multiple(found: Found, claim: pd.Series) -> Check:
    return _against_base_years(found, claim, "multiple")


def _first_above(found: Found, claim: pd.Series) -> Check:
    series, year, threshold = found.values, int(claim["year"]), float(claim["value"])
    if year not in series.index:
        return Check("unverified", f"no value for {year} in the data")
    earlier = series[series.index < year]
    gaps = tuple(gaps_that_could_hold(series, range(int(series.index.min()), year),
                                      threshold + EPSILON, float("inf")))
    detail = (f"{_in_unit(_number(series[year]), found.unit)} in {year}; earlier years found "
              f"({found.unit}): {_listing(found, earlier.index)}")
    if series[year] <= threshold or (earlier > threshold).any():
        return Check("differs", detail)
    if gaps:
        return Check("unverified", detail + "; missing and possibly above: "
                     + ", ".join(map(str, gaps)), gap_years=gaps)
    return Check("confirmed", detail)


CHECKS = {"level": _level, "change": _change, "multiple": _multiple,
          "first_above": _first_above}


def computed_check(package: DataPackage, claim: pd.Series) -> Check | None:
    """The verdict the data give for one claim, or None when it is not mapped to a series."""
    method = claim["check"]
    if pd.isna(method) or method == "":
        return None
    factor = unit_factor(package, claim)
    return CHECKS[method](found_for(package, claim, factor), claim)


def check_for(package: DataPackage, claim_id: str) -> Check | None:
    """The computed check of one claim, by its id (None when it is not mapped to a series)."""
    return computed_check(package, package.claims.set_index("claim", drop=False).loc[claim_id])

