"""The rubric the article's claims are judged by: verdicts, their words, the close rule, and the
judgement of a claimed level against one comparable figure.

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

#: Verdicts in the order readers see them, and the words shown.
VERDICTS = ["confirmed", "close", "differs", "unverified", "not_checkable"]
VERDICT_WORDS = {"confirmed": "confirmed", "close": "close", "differs": "differs",
                 "unverified": "unverified", "not_checkable": "not checkable"}
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
#: The article's qualifiers, each read as one kind of range (see :func:`judge_level`).
QUALIFIERS = {"more than": "more_than", "over": "more_than", "exceeded": "more_than",
              "nearly": "nearly", "almost": "nearly", "about": "about", "around": "about"}
_QUALIFIER = re.compile(r"\b(" + "|".join(QUALIFIERS) + r")\s+(?=[0-9])", re.IGNORECASE)
#: Slack for comparing figures computed in floating point.
EPSILON = 1e-9


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
        if qualifier == "more_than" and found >= claimed - EPSILON:
            return "confirmed"
        if found >= claimed / (1 - CLOSE_SHARE):  # above every value the close rule allows
            return "differs"
        return "unverified"
    gap = abs(found - claimed)
    near = gap <= CLOSE_SHARE * abs(found) + EPSILON
    inside = {None: gap <= tolerance(claimed) + EPSILON,
              "more_than": found > claimed,
              "nearly": near and found <= claimed + tolerance(claimed),
              "about": near}[qualifier]
    if inside:
        return "confirmed"
    return "close" if near else "differs"

