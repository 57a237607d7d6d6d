"""Check the article's claims against the data: the verdict is computed, not asserted.

A claim mapped to a series (``indicator``, ``region``, ``year``) names how it is checked in
``claims.check``:

* ``level`` — the value of the series in that year, within the rounding of the printed figure
  (``confirmed``), within 5% (``close``), or not (``differs``);
* ``change`` — a percentage change to that year, against ``base_year`` or, when none is stated,
  against every earlier year of the series (``confirmed`` if one matches within rounding,
  ``close`` within 2 percentage points, ``differs`` otherwise);
* ``first_above`` — the series exceeds the value in that year and in no earlier year found.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jingjinji.data import DataPackage

CLOSE_SHARE = 0.05
CLOSE_POINTS = 2.0


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


def _series(package: DataPackage, claim: pd.Series) -> pd.Series:
    obs = package.observations
    rows = obs[(obs["indicator"] == claim["indicator"]) & (obs["region"] == claim["region"])]
    return rows.set_index("year")["value"].sort_index()


def _level(series: pd.Series, claim: pd.Series) -> Check | None:
    year, claimed = int(claim["year"]), float(claim["value"])
    if year not in series.index:
        return None
    observed = series[year]
    detail = f"published {observed:g} in {year} against {claimed:g} claimed"
    if abs(observed - claimed) <= tolerance(claimed) + 1e-9:
        return Check("confirmed", detail)
    if abs(observed - claimed) <= CLOSE_SHARE * abs(observed):
        return Check("close", detail)
    return Check("differs", detail)


def changes_since(series: pd.Series, year: int) -> pd.Series:
    """Percentage change from each earlier year of the series to ``year``."""
    if year not in series.index:
        return pd.Series(dtype=float)
    earlier = series[series.index < year]
    return (series[year] / earlier - 1) * 100


def _change(series: pd.Series, claim: pd.Series) -> Check | None:
    year, claimed = int(claim["year"]), float(claim["value"])
    candidates = changes_since(series, year)
    if not pd.isna(claim["base_year"]):
        candidates = candidates[candidates.index == int(claim["base_year"])]
    if candidates.empty:
        return None
    gaps = (candidates - claimed).abs()
    best = int(gaps.idxmin())
    listed = ", ".join(f"{b}: {c:+.1f}%" for b, c in candidates.items())
    detail = (f"change to {year} against each base year ({listed}); claimed {claimed:+g}%, "
              f"nearest base year {best}")
    if gaps[best] <= tolerance(claimed) + 1e-9:
        return Check("confirmed", detail)
    if gaps[best] <= CLOSE_POINTS:
        return Check("close", detail)
    return Check("differs", detail)


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


CHECKS = {"level": _level, "change": _change, "first_above": _first_above}


def computed_check(package: DataPackage, claim: pd.Series) -> Check | None:
    """The verdict the data give for one claim, or None when it is not mapped to a series."""
    method = claim["check"]
    if pd.isna(method) or method == "":
        return None
    return CHECKS[method](_series(package, claim), claim)


def ledger(package: DataPackage) -> pd.DataFrame:
    """Every claim with its stored verdict and, where the data allow, the computed one."""
    rows = package.claims.copy()
    checks = [computed_check(package, claim) for _, claim in rows.iterrows()]
    rows["computed"] = [c.verdict if c else None for c in checks]
    rows["comparison"] = [c.detail if c else None for c in checks]
    return rows
