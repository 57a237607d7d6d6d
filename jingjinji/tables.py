"""Reading the data package's CSV files against ``datapackage.json``: the header, each cell typed
and checked against its field's constraints, primary and foreign keys."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from jingjinji.errors import DataError

# --- reading one CSV ---------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
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


def check_header(name: str, header: list[str], fields: list[dict[str, Any]]) -> None:
    """The header names the schema's fields, all of them, in their order, and nothing else."""
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


def typed_records(name: str, header: list[str], rows: list[list[str]],
                   fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as records, each cell typed and checked against its field."""
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


def as_list(key: str | list[str]) -> list[str]:
    """A key of the descriptor (one field or several) as a list of fields."""
    return [key] if isinstance(key, str) else list(key)


def check_primary_key(name: str, records: list[dict[str, Any]], key: list[str]) -> None:
    """No two records share the primary key."""
    seen: dict[tuple, int] = {}
    for number, record in enumerate(records, start=2):
        value = tuple(record[k] for k in key)
        if value in seen:
            raise DataError(name, f"duplicate key {dict(zip(key, value, strict=True))} "
                                  f"(first on line {seen[value]})", line=number, column=key[0])
        seen[value] = number


def check_foreign_keys(name: str, records: list[dict[str, Any]], resource: dict[str, Any],
                        all_records: dict[str, list[dict[str, Any]]]) -> None:
    """Every foreign key names a record of the table it refers to."""
    for fk in resource["schema"].get("foreignKeys", []):
        fields = as_list(fk["fields"])
        target = fk["reference"]["resource"] or resource["name"]
        target_fields = as_list(fk["reference"]["fields"])
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
