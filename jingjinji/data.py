"""Load the book's data package and check it against its contract.

The contract is ``data/datapackage.json`` (a Frictionless Data Package): the loader reads the
field types, constraints, primary keys and foreign keys from it, so the schema is written once.
Every problem is reported as a :class:`DataError` naming the file, the line, the column and what
is wrong; nothing is silently dropped or coerced.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from jingjinji.contract import (
    check_copy_grades,
    check_corroborations,
    check_listed_sources,
    check_paired,
    check_publishers,
    check_value_ranges,
)
from jingjinji.errors import DataError
from jingjinji.tables import (
    as_list,
    check_foreign_keys,
    check_header,
    check_primary_key,
    read_rows,
    typed_records,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TABLES = ("regions", "indicators", "sources", "observations", "events", "claims",
          "corroborations")


#: Words in an observation's note that mark its value as a lower bound ("more than 5,400").
LOWER_BOUND_NOTE = "a lower bound"


@dataclass(frozen=True)
class DataPackage:
    """The book's tables as typed DataFrames, plus the package descriptor."""

    regions: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    corroborations: pd.DataFrame
    descriptor: dict[str, Any]

    def series(self, indicator: str, regions: list[str] | None = None) -> pd.DataFrame:
        """Observations of one indicator (optionally some regions), with names and units."""
        if indicator not in set(self.indicators["indicator"]):
            raise KeyError(f"unknown indicator '{indicator}' (see data/indicators.csv)")
        obs = self.observations[self.observations["indicator"] == indicator]
        if regions is not None:
            obs = obs[obs["region"].isin(regions)]
        obs = obs.merge(self.regions[["region", "name_en"]], on="region", how="left")
        obs = obs.merge(self.indicators[["indicator", "name", "unit"]], on="indicator")
        return obs.sort_values(["region", "year"]).reset_index(drop=True)






# --- the package -------------------------------------------------------------------------


def _frame(records: list[dict[str, Any]], fields: list[dict[str, Any]]) -> pd.DataFrame:
    columns = {}
    for field in fields:
        values = [r[field["name"]] for r in records]
        kind = field.get("type", "string")
        required = field.get("constraints", {}).get("required", False)
        if kind == "integer":
            dtype = "int64" if required else "Int64"
        elif kind == "number":
            dtype = "float64"
            values = [math.nan if v is None else v for v in values]
        else:
            dtype = "str"
        columns[field["name"]] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(columns)


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """The parsed ``datapackage.json`` of a data folder."""
    path = data_dir / "datapackage.json"
    if not path.exists():
        raise DataError("datapackage.json", f"file is missing (expected at {path})")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise DataError("datapackage.json", f"not valid JSON: {err}") from None


def load(data_dir: Path | str | None = None) -> DataPackage:
    """Read every table of the data package, check the contract, return typed DataFrames.

    Raises :class:`DataError` on the first problem, naming file, line, column and problem.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    descriptor = read_descriptor(data_dir)
    resources = {r["name"]: r for r in descriptor["resources"]}
    records: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        resource = resources[table]
        fields = resource["schema"]["fields"]
        header, rows = read_rows(data_dir / resource["path"])
        check_header(resource["path"], header, fields)
        records[table] = typed_records(resource["path"], header, rows, fields)
        check_primary_key(resource["path"], records[table],
                           as_list(resource["schema"]["primaryKey"]))
    for table in TABLES:
        check_foreign_keys(resources[table]["path"], records[table], resources[table], records)
    check_listed_sources(records["claims"], {s["source"] for s in records["sources"]})
    check_paired("regions.csv", records["regions"], "area_km2", "area_source")
    check_value_ranges(records["observations"], records["indicators"])
    check_value_ranges(records["corroborations"], records["indicators"], "corroborations.csv")
    check_copy_grades(records["sources"])
    check_publishers(records["sources"], records["observations"])
    check_corroborations(records["corroborations"], records["observations"], records["sources"])
    frames = {t: _frame(records[t], resources[t]["schema"]["fields"]) for t in TABLES}
    return DataPackage(**frames, descriptor=descriptor)
