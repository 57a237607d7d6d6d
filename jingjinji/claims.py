"""Check the article's claims against the data: the verdict is computed, not asserted.

A claim mapped to a series (``indicator``, ``region``, ``year``) names how it is checked in
``claims.check``:

* ``level`` — the value of the series in that year, within the rounding of the printed figure
  (``confirmed``), within 5% (``close``), or not (``differs``);
* ``change`` — a percentage change to that year, against ``base_year`` or, when none is stated,
  against every earlier year of the series (``confirmed`` if one matches within rounding,
  ``close`` within 2 percentage points, ``differs`` otherwise);
* ``multiple`` — the value in that year as a multiple of ``base_year`` or, when none is
  stated, of every earlier year (verdicts as for a change, ``close`` within 0.1);
* ``first_above`` — the series exceeds the value in that year and in no earlier year found.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jingjinji.data import DataPackage

CLOSE_SHARE = 0.05
CLOSE_POINTS = 2.0
CLOSE_MULTIPLE = 0.1
#: How many of the series' unit make one of the claim's unit, where the two differ.
UNIT_FACTORS = {("trillion CNY", "100 million CNY"): 1e4, ("billion CNY", "100 million CNY"): 10.0}


@dataclass(frozen=True)
class Check:
    """A computed verdict and the comparison behind it, in words."""

    verdict: str
    detail: str


def tolerance(value: float) -> float:
    """Half a unit of the last decimal place of a figure as written (38.6 → 0.05)."""
    text = f"{value:.10g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals


def _factor(package: DataPackage, claim: pd.Series) -> float:
    """The factor from the claim's unit to the series' unit (1 when they are the same)."""
    unit = package.indicators.set_index("indicator").loc[claim["indicator"], "unit"]
    if claim["unit"] == unit or claim["check"] in ("change", "multiple"):
        return 1.0
    if (claim["unit"], unit) not in UNIT_FACTORS:
        raise ValueError(f"claim {claim['claim']}: no conversion from {claim['unit']} to {unit}")
    return UNIT_FACTORS[(claim["unit"], unit)]


def _series(package: DataPackage, claim: pd.Series) -> pd.Series:
    obs = package.observations
    rows = obs[(obs["indicator"] == claim["indicator"]) & (obs["region"] == claim["region"])]
    return rows.set_index("year")["value"].sort_index()


def _level(series: pd.Series, claim: pd.Series) -> Check | None:
    year, claimed = int(claim["year"]), float(claim["value"])
    if year not in series.index:
        return None
    factor = claim.get("factor", 1.0)
    observed = series[year] / factor
    detail = f"published {observed:g} {claim['unit']} in {year} against {claimed:g} claimed"
    if abs(observed - claimed) <= tolerance(claimed) + 1e-9:
        return Check("confirmed", detail)
    if abs(observed - claimed) <= CLOSE_SHARE * abs(observed):
        return Check("close", detail)
    return Check("differs", detail)


def changes_since(series: pd.Series, year: int) -> pd.Series:
    """Percentage change from each earlier year of the series to ``year``."""
    return (multiples_of(series, year) - 1) * 100


def multiples_of(series: pd.Series, year: int) -> pd.Series:
    """The value in ``year`` as a multiple of each earlier year's."""
    if year not in series.index:
        return pd.Series(dtype=float)
    return series[year] / series[series.index < year]


def _against_base_years(candidates: pd.Series, claim: pd.Series, close: float,
                        describe: str) -> Check | None:
    """Verdict for a claimed change or multiple, against the stated or the nearest base year."""
    year, claimed = int(claim["year"]), float(claim["value"])
    if not pd.isna(claim["base_year"]):
        candidates = candidates[candidates.index == int(claim["base_year"])]
    if candidates.empty:
        return None
    gaps = (candidates - claimed).abs()
    best = int(gaps.idxmin())
    listed = ", ".join(f"{b}: {c:{describe}}" for b, c in candidates.items())
    detail = (f"{year} against each base year ({listed}); claimed {claimed:{describe}}, "
              f"nearest base year {best}")
    if gaps[best] <= tolerance(claimed) + 1e-9:
        return Check("confirmed", detail)
    if gaps[best] <= close:
        return Check("close", detail)
    return Check("differs", detail)


def _change(series: pd.Series, claim: pd.Series) -> Check | None:
    return _against_base_years(changes_since(series, int(claim["year"])), claim,
                               CLOSE_POINTS, "+.1f")


def _multiple(series: pd.Series, claim: pd.Series) -> Check | None:
    return _against_base_years(multiples_of(series, int(claim["year"])), claim,
                               CLOSE_MULTIPLE, ".2f")


def _first_above(series: pd.Series, claim: pd.Series) -> Check | None:
    year, threshold = int(claim["year"]), float(claim["value"])
    if year not in series.index:
        return None
    earlier = series[series.index < year]
    detail = (f"{series[year]:g} in {year}; earlier years found: "
              + ", ".join(f"{y}: {v:g}" for y, v in earlier.items()))
    if series[year] > threshold and (earlier <= threshold).all():
        return Check("confirmed", detail)
    return Check("differs", detail)


CHECKS = {"level": _level, "change": _change, "multiple": _multiple,
          "first_above": _first_above}


def computed_check(package: DataPackage, claim: pd.Series) -> Check | None:
    """The verdict the data give for one claim, or None when it is not mapped to a series."""
    method = claim["check"]
    if pd.isna(method) or method == "":
        return None
    claim = claim.copy()
    claim["factor"] = _factor(package, claim)
    return CHECKS[method](_series(package, claim), claim)


def ledger(package: DataPackage) -> pd.DataFrame:
    """Every claim with its stored verdict and, where the data allow, the computed one."""
    rows = package.claims.copy()
    checks = [computed_check(package, claim) for _, claim in rows.iterrows()]
    rows["computed"] = [c.verdict if c else None for c in checks]
    rows["comparison"] = [c.detail if c else None for c in checks]
    return rows


VERDICTS = ["confirmed", "close", "differs", "unverified", "not_checkable"]
VERDICT_COLORS = ["#009E73", "#7FCDBB", "#D55E00", "#999999", "#DDDDDD"]


def verdict_counts(package: DataPackage) -> pd.DataFrame:
    """Number of claims per theme and verdict (tidy)."""
    counts = package.claims.groupby(["theme", "verdict"]).size().rename("claims")
    return counts.reset_index()
