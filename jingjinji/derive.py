"""Values computed from cited observations (status ``derived``), never typed by hand."""

from __future__ import annotations

import pandas as pd

from jingjinji.data import DataPackage

#: Multipliers that turn each unit into plain numbers (persons, CNY, ...).
UNIT_SCALE = {"10,000 persons": 1e4, "100 million CNY": 1e8, "CNY": 1.0, "km": 1.0}


def per_capita(package: DataPackage, indicator: str, regions: list[str], *,
               unit: str = "CNY", name: str | None = None) -> pd.DataFrame:
    """``indicator`` divided by the year-end resident population, in the series' shape.

    Rows exist only where both values exist; ``source`` lists both sources, ``;``-separated.
    """
    top = package.series(indicator, regions)
    people = package.series("population", regions)[["region", "year", "value", "source"]]
    merged = top.merge(people, on=["region", "year"], suffixes=("", "_population"))
    scale = UNIT_SCALE[merged["unit"].iloc[0]] / UNIT_SCALE["10,000 persons"] / UNIT_SCALE[unit]
    merged["value"] = merged["value"] / merged["value_population"] * scale
    merged["source"] = merged["source"] + ";" + merged["source_population"]
    merged["status"] = "derived"
    merged["note"] = f"{indicator} ÷ year-end population (population)"
    merged["name"] = name or f"{merged['name'].iloc[0]} per resident"
    merged["unit"] = unit
    merged["indicator"] = f"{indicator}_per_resident"
    return merged[top.columns].reset_index(drop=True)


def ratio_to(series: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Each region's value divided by the reference region's in the same year (as a share)."""
    wide = series.pivot(index="year", columns="region", values="value")
    if reference not in wide:
        raise KeyError(f"reference region {reference} is not in the series")
    return wide.div(wide[reference], axis=0).drop(columns=reference)
