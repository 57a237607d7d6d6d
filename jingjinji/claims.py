"""The ledger of the article's claims: each claim with its stored verdict and, where a claim maps
to a series, the verdict the rubric computes (:mod:`jingjinji.rubric`, :mod:`jingjinji.checks`);
a chapter's claims, checked, and the tables and counts readers see."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from jingjinji.checks import computed_check
from jingjinji.data import DataError, DataPackage
from jingjinji.outputs import scrolling
from jingjinji.rubric import BASIS_WORDS, DECISIVE, VERDICT_WORDS, VERDICTS, Check


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
