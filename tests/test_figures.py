"""A chapter's numbered figures: labels in order, links for the prose, bad names refused, and
the number in the chart's caption (book) or title (JupyterLab)."""

from __future__ import annotations

import pytest

from jingjinji import offline
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
