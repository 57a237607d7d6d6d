"""Whether a second copy agrees with each value.

``corroborations.csv`` holds second copies of observations. :func:`observation_evidence` gives
every observation its copy grade (see :mod:`jingjinji.copies`) and status: ``corroborated`` (an
independent copy agrees within the rounding of the less precise of the two), ``contradicted``
(one disagrees) or ``single copy``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from jingjinji.copies import COPY_GRADES, THIRD_PARTY

if TYPE_CHECKING:
    from jingjinji.data import DataPackage

#: Corroboration statuses, in the order tables show them.
STATUSES = ("corroborated", "contradicted", "single copy")


# --- agreement of two copies --------------------------------------------------------------------


def rounding_unit(value: float) -> float:
    """The rounding step a value was written with: 0.1 for 49.3, 100 for 7800, 1 for 2183.

    Trailing zeros of a whole number are read as rounding (7800 km from 0.78 万公里).
    """
    if value == 0 or not math.isfinite(value):
        return 1.0
    text = repr(abs(float(value)))
    if "e" in text:
        mantissa, exponent = text.split("e")
        digits = mantissa.replace(".", "").rstrip("0")
        return 10.0 ** (int(exponent) - (len(digits) - 1))
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        return 10.0 ** -len(fraction)
    return 10.0 ** (len(whole) - len(whole.rstrip("0")))


def agree(a: float, b: float) -> bool:
    """Whether two copies agree within the rounding of the less precise of the two.

    The more precise value, rounded or cut off at the less precise one's last digit, gives the
    less precise one (7475.675 km agrees with 7475 km and with 7476 km, not with 7474 km).
    """
    unit = max(rounding_unit(a), rounding_unit(b))
    if abs(a - b) <= unit / 2 * (1 + 1e-9):
        return True
    coarse, fine = (a, b) if rounding_unit(a) >= rounding_unit(b) else (b, a)
    cut = math.copysign(math.floor(abs(fine) / unit + 1e-9) * unit, fine)
    return abs(cut - coarse) <= unit * 1e-6


# --- per-observation evidence -----------------------------------------------------------------


def observation_evidence(package: DataPackage) -> pd.DataFrame:
    """Every observation with its copy grade, corroboration status and the second copies.

    Columns: indicator, region, year, value, source, copy, status, checked_by (the sources of
    the second copies, ``;``-separated) and disagreeing (those that disagree).
    """
    key = ["indicator", "region", "year"]
    obs = package.observations[[*key, "value", "source"]]
    obs = obs.merge(package.sources[["source", "copy"]], on="source", how="left")
    observed = {tuple(k): v for *k, v in obs[[*key, "value"]].itertuples(index=False)}
    checked: dict[tuple, list[str]] = {}
    disagreeing: dict[tuple, list[str]] = {}
    for *k, source, value in package.corroborations[[*key, "source", "value"]].itertuples(
            index=False):
        if tuple(k) not in observed:  # a package cut down to some observations (the loader
            continue                  # refuses a second copy of a value that is not there)
        checked.setdefault(tuple(k), []).append(source)
        if not agree(observed[tuple(k)], value):
            disagreeing.setdefault(tuple(k), []).append(source)
    keys = [tuple(k) for k in obs[key].itertuples(index=False)]
    obs["status"] = ["contradicted" if k in disagreeing else
                     "corroborated" if k in checked else "single copy" for k in keys]
    obs["checked_by"] = [";".join(checked.get(k, [])) for k in keys]
    obs["disagreeing"] = [";".join(disagreeing.get(k, [])) for k in keys]
    return obs


def evidence_summary(package: DataPackage, by: str | None = None) -> pd.DataFrame:
    """Counts of observations by copy grade × status (and by ``by``, e.g. 'theme', if given)."""
    evidence = observation_evidence(package)
    index = ["copy"]
    if by is not None:
        evidence = evidence.merge(package.indicators[["indicator", "theme"]], on="indicator")
        index = [by, "copy"]
    table = pd.crosstab([evidence[c] for c in index], evidence["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    grades = [g for g in COPY_GRADES if g in set(evidence["copy"])]
    if by is None:
        table = table.reindex(grades, fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def third_party_corroborated_share(package: DataPackage) -> float:
    """Share of values resting on one third-party copy (reprint, export mirror, compilation)
    that a copy from another owner corroborates."""
    evidence = observation_evidence(package)
    weak = evidence[evidence["copy"].isin(THIRD_PARTY)]
    return float((weak["status"] == "corroborated").mean()) if len(weak) else 1.0


def contradictions(package: DataPackage) -> pd.DataFrame:
    """Every observation a second copy disagrees with: both values, both sources, the notes."""
    evidence = observation_evidence(package)
    key = ["indicator", "region", "year"]
    bad = evidence[evidence["status"] == "contradicted"][[*key, "value", "source"]]
    second = package.corroborations.rename(columns={"value": "other_value",
                                                    "source": "other_source"})
    table = bad.merge(second, on=key)
    table = table[[not agree(a, b) for a, b in
                   zip(table["value"], table["other_value"], strict=True)]]
    return table.reset_index(drop=True)
