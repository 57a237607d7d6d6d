"""The decade's scorecard for Hebei: for each theme's headline indicators, Hebei at the start of
the decade and at its end, against Beijing, Tianjin and China — how much it changed, whether the
gap to each of them closed, and how Hebei's trend compares with theirs.

Every number is computed from the package: the series are those the chapters draw, the start is
the first year from :data:`START` with a value, the end the latest. A comparison uses the first
and the last year in which both places have a value, so that both ends are like for like; with
fewer than two such years it is left empty, never filled in.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
from IPython.display import HTML

from jingjinji import claims, derive
from jingjinji.copies import COPY_WORDS
from jingjinji.data import DataPackage
from jingjinji.evidence import observation_evidence
from jingjinji.figures import FigureRef
from jingjinji.outputs import scrolling
from jingjinji.theme import REGION_COLORS, WIDTH, finish

#: Hebei and what it is compared with.
HEBEI = "CN-HE"
OTHERS = ("CN-BJ", "CN-TJ", "CN")
FOUR = [HEBEI, *OTHERS]
#: The last year before the strategy (launched in February 2014): the decade is measured from it.
START = 2013


@dataclass(frozen=True)
class Headline:
    """One headline indicator of a theme: how to get its series, which figure of which chapter
    holds the evidence, and which way is better."""

    theme: str
    chapter: str
    figure: str
    lower_is_better: bool
    series: Callable[[DataPackage], pd.DataFrame]
    #: The indicators of the package it is built from (the article's claims on them are its).
    measures: tuple[str, ...]
    #: Region-years left out of the comparisons, with why (a value of another coverage).
    unlike: tuple[tuple[str, int, str], ...] = ()


def _observed(theme: str, chapter: str, figure: str, lower_is_better: bool, indicator: str,
              **more: object) -> Headline:
    return Headline(theme, chapter, figure, lower_is_better,
                    lambda package: package.series(indicator, FOUR), (indicator,), **more)


def output_per_resident(package: DataPackage) -> pd.DataFrame:
    """GDP per year-end resident (derived), as the overview and the economy chapter draw it."""
    return derive.per_capita(package, "gdp", FOUR, name="GDP per resident")


def _per_area(theme: str, chapter: str, figure: str, indicator: str, name: str) -> Headline:
    return Headline(theme, chapter, figure, False,
                    lambda package: derive.per_area(package, indicator, FOUR, name=name),
                    (indicator,))


HEADLINES: tuple[Headline, ...] = (
    _observed("ecology", "01_ecology", "pm25", True, "pm25_annual_mean",
              unlike=(("CN", 2013, "China's 2013 figure covers 74 cities only"),)),
    _observed("ecology", "01_ecology", "forest", False, "forest_coverage"),
    Headline("economy", "02_economy", "output_ratios", False, output_per_resident,
             ("gdp", "population")),
    _observed("economy", "02_economy", "income", False, "disposable_income_per_capita"),
    _observed("healthcare", "03_healthcare", "doctors", False, "doctors_per_1000"),
    _observed("healthcare", "03_healthcare", "beds", False, "beds_per_1000"),
    _per_area("transport", "04_transport", "rail_density", "railway_length", "Railway density"),
    _per_area("transport", "04_transport", "per_area", "expressway_length",
              "Expressway density"),
)


def headline_claims(package: DataPackage) -> pd.DataFrame:
    """The article's claims on the headline indicators (their verdicts as the rubric gives
    them), in reading order."""
    measures = {m for headline in HEADLINES for m in headline.measures}
    rows = claims.ledger(package)
    return claims.reading_order(rows[rows["indicator"].isin(measures)])


def _values(package: DataPackage, headline: Headline) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The headline's series from :data:`START` on, and its table (years × regions) without the
    region-years of another coverage."""
    series = headline.series(package)
    series = series[series["year"] >= START]
    table = derive.wide(series)
    for region, year, _ in headline.unlike:
        if region in table and year in table.index:
            table.loc[year, region] = np.nan
    return series, table


def _links(frame: pd.DataFrame) -> pd.Series:
    """The address of each row's evidence: its figure in its chapter's page."""
    return frame["chapter"] + ".html#fig-" + frame["figure"]


def comparisons(package: DataPackage) -> pd.DataFrame:
    """One row per headline and place compared with Hebei: the years both have, Hebei's value
    as a share of the other's and minus the other's (in the unit) at both ends, whether the gap
    closed, and the yearly trend of
    both (compound, %) with their difference in percentage points. ``gap`` says in words what
    happened to the gap (:func:`_gap_words`); ``source``, the sources of the four values."""
    rows = []
    for headline in HEADLINES:
        series, table = _values(package, headline)
        for other in OTHERS:
            both = table[[HEBEI, other]].dropna() if other in table else table.iloc[:0]
            row = {"theme": headline.theme, "chapter": headline.chapter,
                   "figure": headline.figure, "name": series["name"].iloc[0],
                   "unit": series["unit"].iloc[0],
                   "better": "lower" if headline.lower_is_better else "higher",
                   "other": other, "first": None, "last": None}
            if len(both) >= 2:
                first, last = int(both.index.min()), int(both.index.max())
                ends = series[series["region"].isin([HEBEI, other])
                              & series["year"].isin([first, last])]
                share_first = both.loc[first, HEBEI] / both.loc[first, other]
                share_last = both.loc[last, HEBEI] / both.loc[last, other]
                mine = derive.annual_rate(series, HEBEI, first, last)
                theirs = derive.annual_rate(series, other, first, last)
                row.update(first=first, last=last, share_first=share_first,
                           share_last=share_last,
                           difference_first=both.loc[first, HEBEI] - both.loc[first, other],
                           difference_last=both.loc[last, HEBEI] - both.loc[last, other],
                           gap=_gap_words(headline, share_first, share_last),
                           hebei_trend=mine, other_trend=theirs, trend_gap=mine - theirs,
                           source=";".join(dict.fromkeys(
                               i for ids in ends["source"] for i in ids.split(";"))))
            rows.append(row)
    return pd.DataFrame(rows)


def _gap_words(headline: Headline, share_first: float, share_last: float) -> str:
    """What happened to the gap, from Hebei's side: catching up, falling behind or overtaking
    where it was behind at the start; its lead narrowing, widening or lost where it was ahead."""
    def ahead(share: float) -> bool:
        return (share < 1) == headline.lower_is_better
    closer = abs(np.log(share_last)) < abs(np.log(share_first))
    if ahead(share_first):
        return ("lead lost" if not ahead(share_last) else
                "lead narrowed" if closer else "lead widened")
    return ("overtook" if ahead(share_last) else
            "catching up" if closer else "falling behind")


def hebei(package: DataPackage) -> pd.DataFrame:
    """One row per headline: Hebei's first and latest value from :data:`START`, the change in
    % and whether that is better or worse, and the kind of
    copy each value was read in and whether a second copy confirms it (``derived`` for values
    this book computes)."""
    evidence = observation_evidence(package).set_index(["indicator", "region", "year"])
    rows = []
    for headline in HEADLINES:
        series, _ = _values(package, headline)
        mine = series[series["region"] == HEBEI].sort_values("year")
        first, last = mine.iloc[0], mine.iloc[-1]
        change = (last["value"] / first["value"] - 1) * 100
        direction = "better" if (change < 0) == headline.lower_is_better else "worse"
        rows.append({"theme": headline.theme, "chapter": headline.chapter,
                     "figure": headline.figure, "name": first["name"], "unit": first["unit"],
                     "first": int(first["year"]), "first_value": first["value"],
                     "last": int(last["year"]), "last_value": last["value"],
                     "change": change, "direction": direction,
                     "first_copy": _copy(evidence, first), "last_copy": _copy(evidence, last)})
    return pd.DataFrame(rows)


def _copy(evidence: pd.DataFrame, row: pd.Series) -> str:
    """How good the copy of one value is, in words: the kind of copy and its check."""
    key = (row["indicator"], row["region"], row["year"])
    if row["status"] == "derived" or key not in evidence.index:
        return "derived from cited values"
    seen = evidence.loc[key]
    return f"{COPY_WORDS[seen['copy']]}; {seen['status']}"


def gap_chart(package: DataPackage, *, title: str, description: str,
              figure: FigureRef | None = None) -> alt.TopLevelMixin:
    """Hebei's level as a share of Beijing's, Tianjin's and China's for each headline: a dot at
    the first year both have, an arrowhead at the last, joined, coloured by the place compared
    with; a click on a mark opens the chapter with the evidence."""
    data = comparisons(package).dropna(subset=["first"])
    data = data.assign(place=data["other"].map(package.regions.set_index("region")["name_en"]),
                       link=_links(data))
    rising = data["share_last"] > data["share_first"]
    ends = pd.concat([
        data.assign(end="circle", share=data["share_first"], year=data["first"]),
        data.assign(end=rising.map({True: "triangle-right", False: "triangle-left"}),
                    share=data["share_last"], year=data["last"])])
    order = list(dict.fromkeys(data["name"]))
    lower = " and ".join(dict.fromkeys(data.loc[data["better"] == "lower", "name"]))
    places = list(dict.fromkeys(data["place"]))
    colours = [REGION_COLORS[r] for r in dict.fromkeys(data["other"])]
    base = alt.Chart(ends).encode(
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=180)),
        yOffset=alt.YOffset("place:N", sort=places),
        x=alt.X("share:Q", title="Hebei as a share (log scale)",
                scale=alt.Scale(type="log", nice=False),
                axis=alt.Axis(format=".0%", titleAnchor="end")),
        color=alt.Color("place:N", title="Hebei against",
                        scale=alt.Scale(domain=places, range=colours),
                        legend=alt.Legend(orient="top")),
        href="link:N",
        tooltip=[alt.Tooltip("name:N", title="Indicator"), alt.Tooltip("place:N", title="Against"),
                 alt.Tooltip("year:Q", title="Year", format="d"),
                 alt.Tooltip("share:Q", title="Hebei as a share", format=".0%"),
                 alt.Tooltip("gap:N", title="Over the years"),
                 alt.Tooltip("trend_gap:Q", title="Hebei's trend minus the other's (points a "
                             "year)", format="+.1f")])
    level = alt.Chart(pd.DataFrame({"share": [1.0]})).mark_rule(
        color="#777777", strokeDash=[3, 3]).encode(x="share:Q")
    lines = base.mark_line(strokeWidth=2).encode(detail=["name:N", "place:N"])
    dots = base.mark_point(filled=True, size=70).encode(shape=alt.Shape("end:N", scale=None))
    chart = alt.layer(level, lines, dots).properties(width=WIDTH, height=40 * len(order))
    return finish(chart, package, title=title, description=description,
                  subtitle=f"{lower}: lower is better; the others: higher is better.",
                  sources={i for ids in data["source"] for i in ids.split(";")},
                  figure=figure, table=data.drop(columns=["link"]))


def _number(value: float) -> str:
    """A value as the scorecard prints it: whole thousands with separators, else 3 digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _against(rows: pd.DataFrame, gaps: pd.DataFrame, other: str) -> pd.Series:
    """Hebei as a share of ``other`` at both ends and what happened to the gap, in words; the
    years where they are not Hebei's own first and latest."""
    def words(row: pd.Series) -> str:
        if (row["figure"], other) not in gaps.index:
            return "no comparable figure"
        gap = gaps.loc[(row["figure"], other)]
        years = ("" if (gap["first"], gap["last"]) == (row["first"], row["last"])
                 else f" ({gap['first']:.0f}–{gap['last']:.0f})")
        return f"{gap['share_first']:.0%} → {gap['share_last']:.0%}{years}: {gap['gap']}"
    return rows.apply(words, axis=1)


def table(package: DataPackage) -> HTML:
    """Hebei's headline values at the start and the end of the decade, each indicator linked
    to the chapter with its evidence, as a share of Beijing's, Tianjin's and China's, each value
    with the kind of copy it was read in."""
    rows = hebei(package)
    gaps = comparisons(package).dropna(subset=["first"]).set_index(["figure", "other"])
    names = package.regions.set_index("region")["name_en"]
    link = '<a href="' + _links(rows) + '">' + rows["name"].map(html.escape) + "</a>"
    shown = pd.DataFrame({
        "Theme": rows["theme"].str.capitalize(),
        "Indicator": link + " (" + rows["unit"].map(html.escape) + ")",
        "First": rows["first"].astype(str) + ": " + rows["first_value"].map(_number),
        "Latest": rows["last"].astype(str) + ": " + rows["last_value"].map(_number),
        "Change": rows["change"].map("{:+.0f}%".format) + " (" + rows["direction"] + ")",
        **{f"Against {names[o]}": _against(rows, gaps, o) for o in OTHERS},
        "Copy of the first value": rows["first_copy"],
        "Copy of the latest value": rows["last_copy"]})
    return scrolling(shown.style.hide(axis="index"), "Hebei's scorecard")
