"""Markdown for the data appendix, generated from the data package."""

from __future__ import annotations

from IPython.display import Markdown

from jingjinji import evidence
from jingjinji.coverage import coverage_table
from jingjinji.data import DataPackage
from jingjinji.evidence import COPY_WORDS


def _where(read_at: str) -> str:
    return f"<{read_at}>" if read_at.startswith("http") else f"`{read_at}`"


def sources_markdown(package: DataPackage) -> Markdown:
    """Every source as a list item: publisher, title, date, locator, where read and the kind
    of copy it is, note."""
    items = []
    for s in package.sources.sort_values("source").itertuples():
        item = f"- `{s.source}` — **{s.publisher}**, *{s.title}* ({s.date}). {s.locator}."
        if isinstance(s.url, str) and s.url and s.url != s.read_at:
            item += f" Original: <{s.url}>."
        unrelated = " (an unrelated site)" if evidence.is_junk(s.read_at) else ""
        item += f" Read at {_where(s.read_at)}: {COPY_WORDS[s.copy]}{unrelated}."
        if isinstance(s.note, str) and s.note:
            item += f" {s.note}"
        items.append(item)
    return Markdown("\n".join(items))


def indicators_markdown(package: DataPackage) -> Markdown:
    """Every indicator with its unit, definition and how many values it has."""
    counts = coverage_table(package).groupby("indicator").agg(
        regions=("region", "nunique"), values=("years", "sum"))
    items = []
    for i in package.indicators.itertuples():
        if i.indicator in counts.index:
            have = counts.loc[i.indicator]
            values, regions = int(have["values"]), int(have["regions"])
            found = (f"{values} value{'s' if values != 1 else ''} for {regions} "
                     f"region{'s' if regions != 1 else ''}")
        else:
            found = "no values yet"
        items.append(f"- `{i.indicator}` — **{i.name}** ({i.unit}; {i.theme}). "
                     f"{i.description} *{found.capitalize()}.*")
    return Markdown("\n".join(items))
