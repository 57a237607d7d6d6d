"""The chart types bound to one data package, so that a chapter passes each chart only what it
draws: ``draw = jj.Charts(pkg)``, then ``draw.time_series(frame, title=..., figure=...)``."""

from __future__ import annotations

import functools
from collections.abc import Callable

import altair as alt

from jingjinji import charts, coverage, maps, scorecard
from jingjinji.data import DataPackage

#: The chart types, each a function of the package first.
KINDS: dict[str, Callable[..., alt.TopLevelMixin]] = {
    "time_series": charts.time_series, "bar_chart": charts.bar_chart,
    "ranked_bars": charts.ranked_bars, "policy_timeline": charts.policy_timeline,
    "verdict_bars": charts.verdict_bars,
    "region_map": maps.region_map, "coverage_chart": coverage.coverage_chart,
    "gap_chart": scorecard.gap_chart,
}


class Charts:
    """Every chart type of :data:`KINDS`, with the package already given."""

    def __init__(self, package: DataPackage) -> None:
        self.package = package

    def __getattr__(self, name: str) -> Callable[..., alt.TopLevelMixin]:
        if name not in KINDS:
            raise AttributeError(f"no chart type {name!r}; the chart types are {sorted(KINDS)}")
        kind = KINDS[name]
        return functools.wraps(kind)(functools.partial(kind, self.package))

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *KINDS]

