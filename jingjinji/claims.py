"""Judge the article's claims by one rubric; where a claim maps to a series, compute the verdict.

The rubric (written for readers in the claims chapter):

* a figure can confirm or contradict a claim only when it is *comparable*: the same definition
  for the same date or period. Here a series is one definition (its indicator and region), and
  the claim's ``year`` names the date, so the value of that year is the comparable figure;
* ``confirmed`` — the figure lies inside what the claim's words allow: the rounding of the
  printed figure (38.6 covers 38.55 to 38.65), or the range of its qualifier — "more than X"
  any value above X, "nearly X" a value at or below X within the close rule, "about X" a value
  within the close rule on either side;
* ``close`` — otherwise within 5% of the figure (a level), 2 percentage points (a change) or
  0.1 (a multiple);
* ``differs`` — a comparable figure lies further away than that;
* ``unverified`` — no comparable figure: the year is missing from the series, the figure found
  is only a lower bound that does not settle the claim, or a year missing from the series could
  hold the base a change or multiple needs (a verdict never rests on a gap).

How a claim is checked is named in ``claims.check``: ``level`` (the value of that year),
``change`` (percentage change to that year), ``multiple`` (the value of that year as a multiple of
an earlier year's) — both against ``base_year`` or, when the article names none, against every
year from :data:`FIRST_BASE_YEAR` on — and ``first_above`` ("for the first time": the series
exceeds the value in that year and in no earlier year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from jingjinji.data import LOWER_BOUND_NOTE, DataError, DataPackage
from jingjinji.derive import yearly
from jingjinji.outputs import scrolling

#: Verdicts in the order readers see them, the words shown, and one colour each.
VERDICTS = ["confirmed", "close", "differs", "unverified", "not_checkable"]
VERDICT_WORDS = {"confirmed": "confirmed", "close": "close", "differs": "differs",
                 "unverified": "unverified", "not_checkable": "not checkable"}
VERDICT_COLORS = ["#009E73", "#7FCDBB", "#D55E00", "#999999", "#DDDDDD"]
#: Verdicts that say something about the claim's figure (the others say nothing was settled).
DECISIVE = ("confirmed", "close", "differs")
#: What a verdict rests on, and the words shown.
BASES = ["recomputed", "statement", "none"]
BASIS_WORDS = {"recomputed": "recomputed from the data", "statement": "official statement",
               "none": "nothing comparable found"}

#: The close rule: a level within 5% of the figure found, a change within 2 percentage points,
#: a multiple within 0.1.
CLOSE_SHARE = 0.05
CLOSE_POINTS = 2.0
CLOSE_MULTIPLE = 0.1
#: Earliest base year tried when the article does not name one: the year before the strategy.
FIRST_BASE_YEAR = 2013
#: How many of the series' unit make one of the claim's unit, where the two differ.
UNIT_FACTORS = {("trillion CNY", "100 million CNY"): 1e4, ("billion CNY", "100 million CNY"): 10.0}
#: The article's qualifiers, each read as one kind of range (see :func:`judge_level`).
QUALIFIERS = {"more than": "more_than", "over": "more_than", "exceeded": "more_than",
              "nearly": "nearly", "almost": "nearly", "about": "about", "around": "about"}
_QUALIFIER = re.compile(r"\b(" + "|".join(QUALIFIERS) + r")\s+(?=[0-9])", re.IGNORECASE)
_EPSILON = 1e-9


@dataclass(frozen=True)
class Found:
    """A series of the data for one claim: values by year, and the years that are lower bounds."""

    values: pd.Series
    unit: str = ""
    lower_bounds: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Check:
    """A computed verdict, the comparison behind it in words, and for a change or multiple the
    base value the claim needs and the missing years that could hold it."""

    verdict: str
    detail: str
    needed_base: tuple[float, float] | None = None
    gap_years: tuple[int, ...] = ()

    @property
    def basis(self) -> str:
        """``recomputed`` when the series settled the claim, else ``none``."""
        return "recomputed" if self.verdict in DECISIVE else "none"


def tolerance(value: float) -> float:
    """Half a unit of the last decimal place of a figure as written (38.6 → 0.05)."""
    text = f"{value:.10g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals


def qualifier(statement: str) -> str | None:
    """The qualifier of a claim's figure ("more than 10,000" → ``more_than``), or None."""
    match = _QUALIFIER.search(statement)
    return QUALIFIERS[match.group(1).lower()] if match else None


def judge_level(claimed: float, found: float, qualifier: str | None = None,
                lower_bound: bool = False) -> str:
    """The rubric's verdict for a claimed level against one comparable figure.

    ``qualifier`` is the claim's (``more_than``, ``nearly``, ``about`` or None for an exact
    figure); ``lower_bound`` says the figure found is itself only "more than ``found``".
    """
    if lower_bound:  # the true value is somewhere above `found`
        if qualifier == "more_than" and found >= claimed - _EPSILON:
            return "confirmed"
        if found >= claimed / (1 - CLOSE_SHARE):  # above every value the close rule allows
            return "differs"
        return "unverified"
    gap = abs(found - claimed)
    near = gap <= CLOSE_SHARE * abs(found) + _EPSILON
    inside = {None: gap <= tolerance(claimed) + _EPSILON,
              "more_than": found > claimed,
              "nearly": near and found <= claimed + tolerance(claimed),
              "about": near}[qualifier]
    if inside:
        return "confirmed"
    return "close" if near else "differs"


def unit_factor(package: DataPackage, claim: pd.Series) -> float:
    """How many of the series' unit make one of the claim's unit (1 when they are the same)."""
    unit = package.indicators.set_index("indicator").loc[claim["indicator"], "unit"]
    if claim["unit"] == unit or claim["check"] in ("change", "multiple"):
        return 1.0
    if (claim["unit"], unit) not in UNIT_FACTORS:
        raise ValueError(f"claim {claim['claim']}: no conversion from {claim['unit']} to {unit}")
    return UNIT_FACTORS[(claim["unit"], unit)]


def found_for(package: DataPackage, claim: pd.Series, factor: float) -> Found:
    """The claim's series, divided by ``factor`` (see :func:`unit_factor`)."""
    obs = package.observations
    rows = obs[(obs["indicator"] == claim["indicator"]) & (obs["region"] == claim["region"])]
    rows = rows.sort_values("year")
    bounds = rows.loc[rows["note"].fillna("").str.contains(LOWER_BOUND_NOTE, regex=False), "year"]
    unit = package.indicators.set_index("indicator").loc[claim["indicator"], "unit"]
    return Found(values=yearly(rows) / factor,
                 unit=claim["unit"] if factor != 1.0 else unit,
                 lower_bounds=frozenset(int(y) for y in bounds))


def _number(value: float, digits: int = 6) -> str:
    """A figure as written in the evidence: thousands separated, ``digits`` significant."""
    if abs(value) >= 1000 and (value == round(value) or digits < 6):
        return f"{value:,.0f}"
    return f"{value:,.{digits}g}"


def _in_unit(text: str, unit: str) -> str:
    """A figure followed by its unit as read ("38.6 µg/m³", "5.5%", a count bare)."""
    if unit in ("", "count"):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _listing(found: Found, years: pd.Index | None = None) -> str:
    values = found.values if years is None else found.values[years]
    if values.empty:
        return "none"
    return ", ".join(f"{y}: {'more than ' if y in found.lower_bounds else ''}{_number(v)}"
                     for y, v in values.items())


def _level(found: Found, claim: pd.Series) -> Check:
    year, claimed = int(claim["year"]), float(claim["value"])
    words = qualifier(claim["statement"])
    if year not in found.values.index:
        return Check("unverified", f"no value for {year} in the data; years found "
                                   f"({found.unit}): {_listing(found)}")
    observed, bound = float(found.values[year]), year in found.lower_bounds
    verdict = judge_level(claimed, observed, words, lower_bound=bound)
    claimed_text = f"{(words or '').replace('_', ' ')} {_number(claimed)}".strip()
    detail = (f"{'more than ' if bound else ''}{_in_unit(_number(observed), found.unit)} in "
              f"{year} against {claimed_text} claimed")
    return Check(verdict, detail)


def changes_since(series: pd.Series, year: int) -> pd.Series:
    """Percentage change from each earlier year of the series to ``year``."""
    return (multiples_of(series, year) - 1) * 100


def multiples_of(series: pd.Series, year: int) -> pd.Series:
    """The value in ``year`` as a multiple of each earlier year's."""
    if year not in series.index:
        return pd.Series(dtype=float)
    return series[year] / series[series.index < year]


def gaps_that_could_hold(series: pd.Series, years: range, low: float, high: float) -> list[int]:
    """Years missing from ``series`` whose value could lie in [low, high].

    A missing year between two years found is taken to lie between their values; a year before
    the series begins or after it ends is not guessed.
    """
    found = series.index
    possible = []
    for year in years:
        before, after = found[found < year], found[found > year]
        if year in found or before.empty or after.empty:
            continue
        a, b = series[before.max()], series[after.min()]
        if min(a, b) <= high and low <= max(a, b):
            possible.append(year)
    return possible


def _against_base_years(found: Found, claim: pd.Series, kind: str) -> Check:
    """A claimed change (``kind='change'``) or multiple, against the stated or every base year."""
    series, year, claimed = found.values, int(claim["year"]), float(claim["value"])
    change = kind == "change"
    close, fmt = (CLOSE_POINTS, "+.1f") if change else (CLOSE_MULTIPLE, ".2f")
    if year not in series.index:
        return Check("unverified", f"no value for {year} in the data")
    stated = not pd.isna(claim["base_year"])
    bases = (range(int(claim["base_year"]), int(claim["base_year"]) + 1) if stated
             else range(FIRST_BASE_YEAR, year))
    ratios = multiples_of(series, year)
    ratios = ratios[ratios.index.isin(bases)]
    candidates = (ratios - 1) * 100 if change else ratios
    ratio_range = sorted(((c / 100 + 1) if change else c)
                         for c in (claimed - tolerance(claimed), claimed + tolerance(claimed)))
    needed = (float(series[year] / ratio_range[1]), float(series[year] / ratio_range[0]))
    gaps = tuple(gaps_that_could_hold(series, bases, *needed))
    need = (f"the claim needs a base of {_number(needed[0], 4)}–"
            f"{_in_unit(_number(needed[1], 4), found.unit)} (against "
            f"{_in_unit(_number(series[year]), found.unit)} in {year})")
    if gaps:
        need += "; missing from the data and possibly that base: " + ", ".join(map(str, gaps))
    elif stated and candidates.empty:
        need += f"; {int(claim['base_year'])} is missing from the data"
    if candidates.empty:
        return Check("unverified", need, needed, gaps)
    distance = (candidates - claimed).abs()
    best = int(distance.idxmin())
    listed = ", ".join(f"{b}: {c:{fmt}}" for b, c in candidates.items())
    detail = (f"{year} against each base year found ({listed}); claimed {claimed:{fmt}}, "
              f"nearest base year {best}; {need}")
    if distance[best] <= tolerance(claimed) + _EPSILON:
        verdict = "confirmed"
    elif distance[best] <= close + _EPSILON:
        verdict = "close"
    else:
        verdict = "unverified" if gaps else "differs"
    return Check(verdict, detail, needed, gaps)


def _change(found: Found, claim: pd.Series) -> Check:
    return _against_base_years(found, claim, "change")


def _multiple(found: Found, claim: pd.Series) -> Check:
    return _against_base_years(found, claim, "multiple")


def _first_above(found: Found, claim: pd.Series) -> Check:
    series, year, threshold = found.values, int(claim["year"]), float(claim["value"])
    if year not in series.index:
        return Check("unverified", f"no value for {year} in the data")
    earlier = series[series.index < year]
    gaps = tuple(gaps_that_could_hold(series, range(int(series.index.min()), year),
                                      threshold + _EPSILON, float("inf")))
    detail = (f"{_in_unit(_number(series[year]), found.unit)} in {year}; earlier years found "
              f"({found.unit}): {_listing(found, earlier.index)}")
    if series[year] <= threshold or (earlier > threshold).any():
        return Check("differs", detail)
    if gaps:
        return Check("unverified", detail + "; missing and possibly above: "
                     + ", ".join(map(str, gaps)), gap_years=gaps)
    return Check("confirmed", detail)


CHECKS = {"level": _level, "change": _change, "multiple": _multiple,
          "first_above": _first_above}


def computed_check(package: DataPackage, claim: pd.Series) -> Check | None:
    """The verdict the data give for one claim, or None when it is not mapped to a series."""
    method = claim["check"]
    if pd.isna(method) or method == "":
        return None
    factor = unit_factor(package, claim)
    return CHECKS[method](found_for(package, claim, factor), claim)


def check_for(package: DataPackage, claim_id: str) -> Check | None:
    """The computed check of one claim, by its id (None when it is not mapped to a series)."""
    return computed_check(package, package.claims.set_index("claim", drop=False).loc[claim_id])


def expected_basis(verdict: str, check: Check | None) -> str:
    """The basis a verdict must carry: the series' when one is mapped, else the documents'."""
    if check is not None:
        return check.basis
    return "statement" if verdict in DECISIVE else "none"


def ledger(package: DataPackage) -> pd.DataFrame:
    """Every claim with its stored verdict and, where the data allow, the computed one."""
    rows = package.claims.copy()
    checks = [computed_check(package, claim) for _, claim in rows.iterrows()]
    rows["computed"] = [c.verdict if c else None for c in checks]
    rows["comparison"] = [c.detail if c else None for c in checks]
    rows["expected_basis"] = [expected_basis(v, c)
                              for v, c in zip(rows["verdict"], checks, strict=True)]
    return rows


def disagreements(ledger: pd.DataFrame) -> pd.DataFrame:
    """Claims whose stored verdict or basis is not the one the rubric gives (should be none)."""
    mapped = ledger["computed"].notna()
    wrong = (mapped & (ledger["verdict"] != ledger["computed"])) | (
        ledger["basis"] != ledger["expected_basis"])
    return ledger.loc[wrong, ["claim", "verdict", "computed", "basis", "expected_basis",
                              "comparison"]]


def chapter_ledger(package: DataPackage, theme: str,
                   paragraphs: tuple[str, ...] = ()) -> pd.DataFrame:
    """A chapter's claims (its theme's, and any in ``paragraphs``), their verdicts checked.

    Raises :class:`DataError` naming the claim whose stored verdict or basis is not the one
    the rubric gives.
    """
    rows = ledger(package)
    named = rows["paragraph"].str.split(";").map(lambda found: not {*paragraphs}.isdisjoint(found))
    chapter = rows[(rows["theme"] == theme) | named]
    for claim, wrong in disagreements(chapter).set_index("claim").iterrows():
        if pd.notna(wrong["computed"]) and wrong["verdict"] != wrong["computed"]:
            column, stored, rubric = "verdict", wrong["verdict"], wrong["computed"]
        else:
            column, stored, rubric = "basis", wrong["basis"], wrong["expected_basis"]
        raise DataError("claims.csv", f"claim '{claim}': stored {column} '{stored}', the rubric "
                        f"gives '{rubric}' ({wrong['comparison']})", column=column)
    return chapter


def chapter_table(claims: pd.DataFrame) -> HTML:
    """A chapter's table of claims as readers see it (see :func:`readable`), scrolling."""
    return scrolling(readable(claims).style.hide(axis="index"), "Claims of this chapter")


def verdict_totals(claims: pd.DataFrame) -> pd.Series:
    """Number of claims per verdict, every verdict listed (they add up to all claims)."""
    totals = claims["verdict"].value_counts().reindex(VERDICTS, fill_value=0)
    assert totals.sum() == len(claims), "a verdict outside VERDICTS"
    return totals


def verdict_counts(package: DataPackage) -> pd.DataFrame:
    """Number of claims per theme and verdict (tidy), verdicts as the words readers see."""
    counts = package.claims.groupby(["theme", "verdict"]).size().rename("claims").reset_index()
    counts["verdict"] = counts["verdict"].map(VERDICT_WORDS)
    return counts


def readable(claims: pd.DataFrame) -> pd.DataFrame:
    """The columns readers see in a chapter's table of claims, verdicts and basis as words."""
    table = claims[["paragraph", "printed", "statement", "verdict", "basis", "evidence"]].copy()
    table["verdict"] = table["verdict"].map(VERDICT_WORDS)
    table["basis"] = table["basis"].map(BASIS_WORDS)
    return table.rename(columns={"paragraph": "¶", "printed": "Printed", "statement": "Meant",
                                 "verdict": "Verdict", "basis": "Basis",
                                 "evidence": "Evidence"})


def verdict_chart_text(claims: pd.DataFrame) -> tuple[str, str]:
    """Title and description of the chart of verdicts by theme, from the claims it draws."""
    totals = verdict_totals(claims)
    parts = ", ".join(f"{n} {VERDICT_WORDS[v]}" for v, n in totals.items())
    title = f"Of the article's {len(claims)} figures: {parts}"
    by_theme = claims["theme"].value_counts()
    description = (f"Horizontal stacked bar chart of the article's {len(claims)} claims by "
                   f"theme, split by verdict ({parts}). {by_theme.index[0].capitalize()} has "
                   f"the most claims ({by_theme.iloc[0]}).")
    return title, description


def reading_order(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims sorted by theme, then by the first paragraph they appear in."""
    first = claims["paragraph"].str.split(";").str[0].astype(int)
    return claims.assign(_first=first).sort_values(["theme", "_first", "claim"]).drop(
        columns="_first")
