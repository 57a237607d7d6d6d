"""Load the book's data package and check it against its contract.

The contract is ``data/datapackage.json`` (a Frictionless Data Package): the loader reads the
field types, constraints, primary keys and foreign keys from it, so the schema is written once.
Every problem is reported as a :class:`DataError` naming the file, the line, the column and what
is wrong; nothing is silently dropped or coerced.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from jingjinji import copies, publishers

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TABLES = ("regions", "indicators", "sources", "observations", "events", "claims",
          "corroborations")


#: Words in an observation's note that mark its value as a lower bound ("more than 5,400").
LOWER_BOUND_NOTE = "a lower bound"


class DataError(ValueError):
    """A problem in the data package, located by file, line and column."""

    def __init__(
        self, file: str, problem: str, line: int | None = None, column: str | None = None
    ) -> None:
        self.file, self.problem, self.line, self.column = file, problem, line, column
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")


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


# --- reading one CSV ---------------------------------------------------------------------


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV (a BOM and Windows line ends are accepted)."""
    name = path.name
    if not path.exists():
        raise DataError(name, f"file is missing (expected at {path})")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(name, f"not valid UTF-8 (byte {err.start}); save the file as UTF-8",
                        line=line) from None
    if not text.strip():
        raise DataError(name, "file is empty (a header row is required)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, start = [], 1
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as err:
        raise DataError(name, f"malformed CSV in the record starting here: {err} "
                              "(an unclosed quote?)", line=start) from None
    return records[0], records[1:]


def _check_header(name: str, header: list[str], fields: list[dict[str, Any]]) -> None:
    expected = [f["name"] for f in fields]
    for column in expected:
        if column not in header:
            raise DataError(name, f"column '{column}' is missing from the header", line=1)
    for column in header:
        if column not in expected:
            raise DataError(name, f"unexpected column '{column}' (not in datapackage.json)",
                            line=1)
    if header != expected:
        raise DataError(name, f"columns must be in the order {expected}", line=1)


# --- typing one cell ---------------------------------------------------------------------

_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def _parse_cell(text: str, field: dict[str, Any], where: dict[str, Any]) -> Any:
    """The typed value of one cell, or a DataError saying why it is not acceptable."""
    constraints = field.get("constraints", {})
    if text != text.strip():
        raise DataError(**where, problem=f"stray whitespace around {text!r}")
    if text == "":
        if constraints.get("required"):
            raise DataError(**where, problem="value is required but empty")
        return None
    kind = field.get("type", "string")
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise DataError(**where, problem=f"{text!r} is not an integer")
        value: Any = int(text)
    elif kind == "number":
        if not _NUMBER.fullmatch(text):
            raise DataError(**where, problem=f"{text!r} is not a number")
        value = float(text)
    else:
        value = text
    _check_constraints(value, constraints, where)
    return value


def _check_constraints(value: Any, constraints: dict[str, Any], where: dict[str, Any]) -> None:
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataError(**where, problem=f"{value!r} is not one of {constraints['enum']}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
        raise DataError(**where,
                        problem=f"{value!r} does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataError(**where, problem=f"{value!r} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        raise DataError(**where, problem=f"{value!r} is above the maximum {constraints['maximum']}")


def _typed_records(name: str, header: list[str], rows: list[list[str]],
                   fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records = []
    for number, row in enumerate(rows, start=2):
        if not row:
            raise DataError(name, "blank line inside the table", line=number)
        if len(row) != len(header):
            raise DataError(name, f"has {len(row)} fields, the header has {len(header)} "
                                  "(a truncated or misquoted line?)", line=number)
        record = {}
        for field, text in zip(fields, row, strict=True):
            where = {"file": name, "line": number, "column": field["name"]}
            record[field["name"]] = _parse_cell(text, field, where)
        records.append(record)
    return records


# --- keys --------------------------------------------------------------------------------


def _as_list(key: str | list[str]) -> list[str]:
    return [key] if isinstance(key, str) else list(key)


def _check_primary_key(name: str, records: list[dict[str, Any]], key: list[str]) -> None:
    seen: dict[tuple, int] = {}
    for number, record in enumerate(records, start=2):
        value = tuple(record[k] for k in key)
        if value in seen:
            raise DataError(name, f"duplicate key {dict(zip(key, value, strict=True))} "
                                  f"(first on line {seen[value]})", line=number, column=key[0])
        seen[value] = number


def _check_foreign_keys(name: str, records: list[dict[str, Any]], resource: dict[str, Any],
                        all_records: dict[str, list[dict[str, Any]]]) -> None:
    for fk in resource["schema"].get("foreignKeys", []):
        fields = _as_list(fk["fields"])
        target = fk["reference"]["resource"] or resource["name"]
        target_fields = _as_list(fk["reference"]["fields"])
        known = {tuple(r[f] for f in target_fields) for r in all_records[target]}
        for number, record in enumerate(records, start=2):
            value = tuple(record[f] for f in fields)
            if None in value:
                continue
            if value not in known and len(fields) > 1:
                given = ", ".join(f"{f}={v!r}" for f, v in zip(fields, value, strict=True))
                raise DataError(name, f"no row of {target}.csv has {given}", line=number,
                                column=fields[0])
            if value not in known:
                raise DataError(name, f"{value[0]!r} is not a known {target_fields[0]} "
                                      f"in {target}.csv", line=number, column=fields[0])


# --- checks the schema language cannot express -------------------------------------------


def _check_listed_sources(records: list[dict[str, Any]], known: set[str]) -> None:
    for number, record in enumerate(records, start=2):
        listed = record["source"].split(";") if record["source"] else []
        if record["verdict"] in ("confirmed", "close", "differs") and not listed:
            raise DataError("claims.csv", f"a '{record['verdict']}' verdict needs a source",
                            line=number, column="source")
        for source in listed:
            if source not in known:
                raise DataError("claims.csv", f"{source!r} is not a known source in sources.csv",
                                line=number, column="source")


def _check_paired(name: str, records: list[dict[str, Any]], value: str, source: str) -> None:
    """A value column and its source column are filled together or left empty together."""
    for number, record in enumerate(records, start=2):
        if (record[value] is None) != (record[source] is None):
            empty, filled = (value, source) if record[value] is None else (source, value)
            raise DataError(name, f"{empty} is empty but {filled} is given; "
                                  "give both or neither", line=number, column=empty)


def _check_value_ranges(observations: list[dict[str, Any]], indicators: list[dict[str, Any]],
                        name: str = "observations.csv") -> None:
    bounds = {i["indicator"]: (i["minimum"], i["maximum"]) for i in indicators}
    for number, record in enumerate(observations, start=2):
        value = record["value"]
        low, high = bounds[record["indicator"]]
        where = {"file": name, "line": number, "column": "value"}
        if not math.isfinite(value):
            raise DataError(**where, problem=f"{value!r} is not a finite number")
        if (low is not None and value < low) or (high is not None and value > high):
            raise DataError(**where, problem=f"{value} is outside the plausible range "
                                             f"[{low}, {high}] of {record['indicator']} "
                                             "(indicators.csv)")


def _check_publishers(sources: list[dict[str, Any]],
                      observations: list[dict[str, Any]]) -> None:
    """``publisher`` names the body that produced a figure first (:mod:`publishers`), and a value
    is not cited to another province's body outside a release about the whole region."""
    for number, record in enumerate(sources, start=2):
        if (reporter := publishers.reporter_first(record["publisher"])) is not None:
            raise DataError("sources.csv", f"publisher names {reporter!r} before the official "
                                           "body whose figure it reports: name the body first, "
                                           f"then 'reported by {reporter}'",
                            line=number, column="publisher")
    documents = {s["source"]: s for s in sources}
    for number, record in enumerate(observations, start=2):
        document = documents[record["source"]]
        if (publishers.produced_elsewhere(record["region"], document["publisher"])
                and not publishers.is_regional_release(document["title"])):
            raise DataError("observations.csv", f"a value of {record['region']} is cited to "
                                                f"{document['publisher']!r}, a body of another "
                                                "province: cite the body that produced it",
                            line=number, column="source")


def _check_copy_grades(sources: list[dict[str, Any]]) -> None:
    """Each source's ``copy`` grade fits where it was read (see :mod:`jingjinji.domains`)."""
    for number, record in enumerate(sources, start=2):
        try:
            expected = copies.expected_grades(record["read_at"])
        except ValueError as err:
            raise DataError("sources.csv", str(err), line=number, column="read_at") from None
        if record["copy"] not in expected:
            raise DataError("sources.csv", f"copy {record['copy']!r} does not fit a copy read at "
                                           f"{record['read_at']!r}: expected "
                                           f"{' or '.join(sorted(expected))}",
                            line=number, column="copy")


def _check_corroborations(corroborations: list[dict[str, Any]],
                          observations: list[dict[str, Any]],
                          sources: list[dict[str, Any]]) -> None:
    """A second copy is another source than the observation's own, held by another owner."""
    own = {(o["indicator"], o["region"], o["year"]): o["source"] for o in observations}
    read_at = {s["source"]: s["read_at"] for s in sources}
    for number, record in enumerate(corroborations, start=2):
        first = own[(record["indicator"], record["region"], record["year"])]
        where = {"file": "corroborations.csv", "line": number, "column": "source"}
        if record["source"] == first:
            raise DataError(**where, problem=f"{first!r} is the observation's own source; "
                                             "a corroboration needs another copy")
        owners = {copies.owner(read_at[s]) for s in (first, record["source"])}
        if len(owners) == 1:
            raise DataError(**where, problem=f"{record['source']!r} is held by the same owner "
                                             f"({owners.pop()}) as the observation's source "
                                             f"{first!r}; it is not an independent copy")


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
        header, rows = _read_rows(data_dir / resource["path"])
        _check_header(resource["path"], header, fields)
        records[table] = _typed_records(resource["path"], header, rows, fields)
        _check_primary_key(resource["path"], records[table],
                           _as_list(resource["schema"]["primaryKey"]))
    for table in TABLES:
        _check_foreign_keys(resources[table]["path"], records[table], resources[table], records)
    _check_listed_sources(records["claims"], {s["source"] for s in records["sources"]})
    _check_paired("regions.csv", records["regions"], "area_km2", "area_source")
    _check_value_ranges(records["observations"], records["indicators"])
    _check_value_ranges(records["corroborations"], records["indicators"], "corroborations.csv")
    _check_copy_grades(records["sources"])
    _check_publishers(records["sources"], records["observations"])
    _check_corroborations(records["corroborations"], records["observations"], records["sources"])
    frames = {t: _frame(records[t], resources[t]["schema"]["fields"]) for t in TABLES}
    return DataPackage(**frames, descriptor=descriptor)
