"""The rules of the data contract that ``datapackage.json`` cannot express: sources listed, values
paired with their sources, values in their indicator's range, publishers named producer first,
copy grades that fit where a figure was read, second copies from other owners."""

from __future__ import annotations

import math
from typing import Any

from jingjinji import copies, publishers
from jingjinji.errors import DataError

# --- checks the schema language cannot express -------------------------------------------


def check_listed_sources(records: list[dict[str, Any]], known: set[str]) -> None:
    """Every claim's sources are rows of sources.csv, and a decisive verdict has one."""
    for number, record in enumerate(records, start=2):
        listed = record["source"].split(";") if record["source"] else []
        if record["verdict"] in ("confirmed", "close", "differs") and not listed:
            raise DataError("claims.csv", f"a '{record['verdict']}' verdict needs a source",
                            line=number, column="source")
        for source in listed:
            if source not in known:
                raise DataError("claims.csv", f"{source!r} is not a known source in sources.csv",
                                line=number, column="source")


def check_paired(name: str, records: list[dict[str, Any]], value: str, source: str) -> None:
    """A value column and its source column are filled together or left empty together."""
    for number, record in enumerate(records, start=2):
        if (record[value] is None) != (record[source] is None):
            empty, filled = (value, source) if record[value] is None else (source, value)
            raise DataError(name, f"{empty} is empty but {filled} is given; "
                                  "give both or neither", line=number, column=empty)


def check_value_ranges(observations: list[dict[str, Any]], indicators: list[dict[str, Any]],
                        name: str = "observations.csv") -> None:
    """Every value is finite and inside its indicator's plausible range."""
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


def check_publishers(sources: list[dict[str, Any]],
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


def check_copy_grades(sources: list[dict[str, Any]]) -> None:
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


def check_corroborations(corroborations: list[dict[str, Any]],
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
