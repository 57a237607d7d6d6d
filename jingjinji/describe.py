"""Chart descriptions written from the data a chart draws: what a screen reader reads and what
the figure's caption shows, so that no number in them is typed by hand."""

from __future__ import annotations

import pandas as pd

from jingjinji.data import LOWER_BOUND_NOTE


def number(value: float) -> str:
    """A value as a reader reads it: thousands separated, three significant digits below
    1,000 and whole numbers above (108, 37.7, 4.55, 49,934)."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _value(row: pd.Series) -> str:
    """A value as read, 'more than 5,400' when its note marks it as a lower bound."""
    bound = LOWER_BOUND_NOTE in str(row.get("note") or "")
    return ("more than " if bound else "") + number(row["value"])


def spans(years: list[int]) -> str:
    """'2013–2015, 2019' for [2013, 2014, 2015, 2019]."""
    runs, start, prev = [], years[0], years[0]
    for year in years[1:]:
        if year != prev + 1:
            runs.append((start, prev))
            start = year
        prev = year
    runs.append((start, prev))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _label(rows: pd.DataFrame, several_indicators: bool, several_regions: bool) -> str:
    first = rows.iloc[0]
    if several_indicators and several_regions:
        return f"{first['name_en']}, {first['name']}"
    return first["name"] if several_indicators else first["name_en"]


def line_sentence(rows: pd.DataFrame, label: str, one_year: bool = False) -> str:
    """One line of a chart: its first and last values, an extreme between them, its gaps."""
    rows = rows.dropna(subset=["value"]).sort_values("year")
    start, end = rows.iloc[0], rows.iloc[-1]
    if one_year:
        return f"{label} {_value(start)}"
    if len(rows) == 1:
        return f"{label} {_value(start)} in {start['year']}"
    text = (f"{label} from {_value(start)} in {start['year']} "
            f"to {_value(end)} in {end['year']}")
    inner = rows.iloc[1:-1]
    remarks = []
    if not inner.empty:
        high, low = inner.loc[inner["value"].idxmax()], inner.loc[inner["value"].idxmin()]
        ends = {_value(start), _value(end)}
        if high["value"] > max(start["value"], end["value"]) and _value(high) not in ends:
            remarks.append(f"highest {_value(high)} in {high['year']}")
        if low["value"] < min(start["value"], end["value"]) and _value(low) not in ends:
            remarks.append(f"lowest {_value(low)} in {low['year']}")
    missing = sorted(set(range(int(start["year"]), int(end["year"]) + 1)) - set(rows["year"]))
    if missing:
        remarks.append(f"none found for {spans(missing)}")
    return text + (f" ({'; '.join(remarks)})" if remarks else "")


def describe(series: pd.DataFrame, kind: str, finding: str = "",
             rules: list[str] | None = None) -> str:
    """'Line chart: PM2.5 annual mean (µg/m³), 2013–2024. Hebei from 108 in 2013 to 37.7 in
    2024 (…); …' — one clause per line (region and indicator) of the chart, in its order,
    then ``finding`` (a sentence with no typed number) and the rules drawn."""
    several_indicators = series["indicator"].nunique() > 1
    several_regions = series["region"].nunique() > 1
    names = list(dict.fromkeys(series["name"]))
    units = list(dict.fromkeys(series["unit"]))
    first, last = int(series["year"].min()), int(series["year"].max())
    span = str(first) if first == last else f"{first}–{last}"
    what = " and ".join(names) if len(names) <= 2 else "; ".join(names)
    head = f"{kind}: {what} ({', '.join(units)}), {span}"
    groups = series.groupby(["indicator", "region"], sort=False)
    lines = [line_sentence(rows, _label(rows, several_indicators, several_regions),
                           one_year=first == last) for _, rows in groups]
    text = f"{head}. {'; '.join(lines)}."
    if finding:
        text += f" {finding.strip()}"
    if rules:
        text += f" Rules mark: {'; '.join(rules)}."
    return text
