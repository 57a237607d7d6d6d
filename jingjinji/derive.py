"""Values computed from cited observations (status ``derived``), never typed by hand."""

from __future__ import annotations

import pandas as pd

from jingjinji.data import DataPackage

#: Multipliers that turn each unit into plain numbers (persons, CNY, ...).
UNIT_SCALE = {"10,000 persons": 1e4, "100 million CNY": 1e8, "CNY": 1.0, "km": 1.0,
              "beds": 1.0, "persons": 1.0, "km per 10,000 residents": 1e-4,
              "km per 100 km²": 1e-2,
              "per 1,000 residents": 1e-3}


def yearly(series: pd.DataFrame, region: str | None = None) -> pd.Series:
    """The values of one region (the series' only one when ``region`` is None), by year."""
    rows = series if region is None else series[series["region"] == region]
    if rows["year"].duplicated().any():
        raise ValueError(f"several values a year in {sorted(set(rows['indicator']))} for "
                         f"{sorted(set(rows['region']))}: name one region and one indicator")
    return rows.set_index("year")["value"]


def wide(series: pd.DataFrame) -> pd.DataFrame:
    """The values as a table: one row a year, one column a region."""
    return series.pivot(index="year", columns="region", values="value")


def _divided(top: pd.DataFrame, merged: pd.DataFrame, divisor: str, divisor_source: str, *,
             scale: float, unit: str, name: str, indicator: str, note: str) -> pd.DataFrame:
    """``merged``'s value over its ``divisor`` column, marked derived, in ``top``'s shape."""
    merged["value"] = merged["value"] / merged[divisor] * scale
    merged["source"] = merged["source"] + ";" + merged[divisor_source]
    merged = merged.assign(status="derived", note=note, name=name, unit=unit, indicator=indicator)
    return merged[top.columns].reset_index(drop=True)


def per_capita(package: DataPackage, indicator: str, regions: list[str], *,
               unit: str = "CNY", name: str | None = None) -> pd.DataFrame:
    """``indicator`` divided by the year-end resident population, in the series' shape.

    Rows exist only where both values exist; ``source`` lists both sources, ``;``-separated.
    """
    top = package.series(indicator, regions)
    people = package.series("population", regions)[["region", "year", "value", "source"]]
    merged = top.merge(people, on=["region", "year"], suffixes=("", "_population"))
    scale = UNIT_SCALE[merged["unit"].iloc[0]] / UNIT_SCALE["10,000 persons"] / UNIT_SCALE[unit]
    return _divided(top, merged, "value_population", "source_population", scale=scale, unit=unit,
                    name=name or f"{top['name'].iloc[0]} per resident",
                    indicator=f"{indicator}_per_resident",
                    note=f"{indicator} ÷ year-end population (population)")


def percent_of(package: DataPackage, part: str, whole: str, regions: list[str], *,
               indicator: str, name: str) -> pd.DataFrame:
    """``part`` as a percentage of ``whole`` (same unit) in each region and year both have,
    as rows of ``indicator``; ``source`` lists both sources, ``;``-separated."""
    top = package.series(part, regions)
    bottom = package.series(whole, regions)[["region", "year", "value", "source"]]
    merged = top.merge(bottom, on=["region", "year"], suffixes=("", "_whole"))
    return _divided(top, merged, "value_whole", "source_whole", scale=100, unit="%", name=name,
                    indicator=indicator, note=f"{part} ÷ {whole} × 100")


def per_area(package: DataPackage, indicator: str, regions: list[str], *,
             unit: str = "km per 100 km²", name: str | None = None) -> pd.DataFrame:
    """``indicator`` divided by the region's land area (``regions.csv``), in the series' shape.

    Raises ``ValueError`` naming any region that has no area in ``regions.csv``.
    """
    areas = package.regions.set_index("region").reindex(regions)[["area_km2", "area_source"]]
    missing = areas.index[areas["area_km2"].isna()].tolist()
    if missing:
        raise ValueError(f"no land area in regions.csv for {', '.join(missing)}")
    top = package.series(indicator, regions)
    merged = top.merge(areas, left_on="region", right_index=True)
    scale = UNIT_SCALE[top["unit"].iloc[0]] / UNIT_SCALE[unit]
    return _divided(top, merged, "area_km2", "area_source", scale=scale, unit=unit,
                    name=name or f"{top['name'].iloc[0]} per area",
                    indicator=f"{indicator}_per_area",
                    note=f"{indicator} ÷ land area (regions.csv)")


def ratio_to(series: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Each region's value divided by the reference region's in the same year (as a share)."""
    table = wide(series)
    if reference not in table:
        raise KeyError(f"reference region {reference} is not in the series")
    return table.div(table[reference], axis=0).drop(columns=reference)


def share_of_year(package: DataPackage, indicator: str, regions: list[str], *,
                  name: str) -> pd.DataFrame:
    """A count of days as a percentage of the days in that year (365 or 366)."""
    days = package.series(indicator, regions)
    length = days["year"].map(lambda y: 366 if pd.Timestamp(year=y, month=12, day=31)
                              .is_leap_year else 365)
    return days.assign(value=days["value"] / length * 100, unit="%", name=name,
                       status="derived", indicator=f"{indicator}_share",
                       note=f"{indicator} ÷ days in the year × 100")


def prefer_reported(reported: pd.DataFrame, derived: pd.DataFrame) -> pd.DataFrame:
    """Reported values, completed by derived ones only for region-years with none reported."""
    keys = set(zip(reported["region"], reported["year"], strict=True))
    extra = derived[[(r, y) not in keys for r, y in zip(derived["region"], derived["year"],
                                                        strict=True)]]
    return pd.concat([reported, extra], ignore_index=True).sort_values(["region", "year"])


def against(series: pd.DataFrame, region: str, reference: str, *, how: str) -> pd.DataFrame:
    """``region`` minus (``how="difference"``) or over (``how="ratio"``) ``reference``, by year.

    Rows exist only for years with both values; sources of both are kept.
    """
    mine = series[series["region"] == region]
    theirs = series[series["region"] == reference][["year", "value", "source", "name_en"]]
    both = mine.merge(theirs, on="year", suffixes=("", "_ref"))
    pair = f"{mine['name_en'].iloc[0]} {{}} {both['name_en_ref'].iloc[0]}"
    if how == "difference":
        value, unit, name = both["value"] - both["value_ref"], both["unit"], pair.format("minus")
    elif how == "ratio":
        value, unit, name = both["value"] / both["value_ref"], "×", pair.format("÷")
    else:
        raise ValueError(f"how must be 'difference' or 'ratio', not {how!r}")
    return both.assign(value=value, unit=unit, name=name, status="derived",
                       indicator=both["indicator"] + f"_{how}_{reference}",
                       source=both["source"] + ";" + both["source_ref"],
                       note=f"{region} {how} to {reference}")[series.columns]


def annual_rate(series: pd.DataFrame, region: str, start: int, end: int) -> float | None:
    """Compound yearly change in % between two years, or None if either is missing."""
    values = yearly(series, region)
    if start not in values.index or end not in values.index:
        return None
    return ((values[end] / values[start]) ** (1 / (end - start)) - 1) * 100


def share_of_sum(package: DataPackage, part: str, parts: list[str], regions: list[str], *,
                 name: str) -> pd.DataFrame:
    """``part`` as a percentage of the sum of ``parts`` (e.g. tertiary of all value added)."""
    frames = [package.series(p, regions)[["region", "year", "value", "source"]] for p in parts]
    total = pd.concat(frames).groupby(["region", "year"], as_index=False).agg(
        value=("value", "sum"), count=("value", "size"))
    total = total[total["count"] == len(parts)]
    top = package.series(part, regions)
    merged = top.merge(total[["region", "year", "value"]], on=["region", "year"],
                       suffixes=("", "_total"))
    return merged.assign(value=merged["value"] / merged["value_total"] * 100, unit="%",
                         name=name, status="derived", indicator=f"{part}_share",
                         note=f"{part} ÷ ({' + '.join(parts)}) × 100")[top.columns]


def per_thousand(package: DataPackage, total: str, reported: str, regions: list[str], *,
                 name: str) -> pd.DataFrame:
    """``reported`` per-1,000 values, completed where missing by ``total`` ÷ population × 1,000.

    The derived rows keep the reported indicator's id and unit, with status ``derived``.
    """
    unit = package.indicators.set_index("indicator").loc[reported, "unit"]
    derived = per_capita(package, total, regions, unit="per 1,000 residents", name=name)
    return prefer_reported(package.series(reported, regions),
                           derived.assign(unit=unit, indicator=reported))
