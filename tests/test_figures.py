"""A chapter's numbered figures (labels in order, links for the prose, bad names refused, the
number in the chart's caption in the book and in its title in JupyterLab) and the chart types
bound to a package."""

from __future__ import annotations

import inspect

import pytest

import jingjinji as jj
from jingjinji import charts, draw, offline
from jingjinji.figures import Figures


def test_figures_are_numbered_in_order_with_the_chapter():
    fig = Figures(2, "gdp", "growth")
    assert [str(fig[n]) for n in fig] == ["Figure 2.1", "Figure 2.2"]
    assert str(Figures(None, "a")["a"]) == "Figure 1"
    assert fig["growth"]._repr_html_() == '<a class="jj-figref" href="#fig-growth">Figure 2.2</a>'


@pytest.mark.parametrize("names", [("a", "a"), ("Bad",), ("with-dash",), ("",)])
def test_bad_names_are_refused(names):
    with pytest.raises(ValueError):
        Figures(1, *names)


def test_an_undeclared_figure_names_the_declared_ones():
    with pytest.raises(KeyError, match="declared"):
        Figures(1, "gdp")["gpd"]


def test_the_number_reaches_caption_and_title():
    spec = {"title": {"text": ["A finding"]}, "description": "Line chart.",
            "usermeta": {"figure": {"label": "Figure 1.2", "anchor": "fig-x"}}}
    html = offline.chart_html(spec)
    assert '<figure class="jj-figure" id="fig-x">' in html
    assert '<span class="jj-fignum">Figure 1.2.</span> Line chart.' in html
    assert offline.numbered_title(spec)["title"]["text"] == ["Figure 1.2. A finding"]
    assert offline.numbered_title({"title": "plain"}) == {"title": "plain"}


def test_charts_bound_to_a_package_draw_what_the_chart_types_draw():
    package = jj.load()
    series = package.series("population", ["CN-HE"])
    bound = jj.Charts(package).time_series(series, title="T", finding="F")
    assert bound.to_dict() == charts.time_series(package, series, title="T",
                                                 finding="F").to_dict()
    for name, kind in draw.KINDS.items():
        assert next(iter(inspect.signature(kind).parameters)) == "package", name
    with pytest.raises(AttributeError, match="chart types"):
        getattr(jj.Charts(package), "pie_chart")  # noqa: B009
