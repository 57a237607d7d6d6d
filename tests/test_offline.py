"""Charts drawn with no network: HTML for the book, a Vega bundle for JupyterLab."""

from __future__ import annotations

import json

import altair as alt

from jingjinji import offline

SPEC = alt.Chart(alt.Data(values=[{"x": 1, "y": "</script>"}])).mark_point().encode(
    x="x:Q", tooltip="y:N").properties(description="A probe chart").to_dict()


def test_book_html_holds_the_spec_and_a_static_caption():
    page = offline.chart_html(SPEC)
    assert f'class="{offline.CHART_CLASS}"' in page
    assert '<figcaption class="chart-caption">A probe chart</figcaption>' in page
    assert page.count("</script>") == 1, "a '</' inside the data must not close the script"


def test_page_charts_are_compiled_to_vega_scripts_the_loader_fetches():
    page = "<p>before</p>" + offline.chart_html(SPEC) + "<p>after</p>"
    compiled, scripts = offline.compile_charts(page)
    assert len(scripts) == 1
    assert offline.VEGALITE_SCRIPT not in compiled and "<script" not in compiled
    (chart, script), = scripts.items()
    assert f'id="{chart}"' in compiled
    assert script.startswith("window.jjSpecs = window.jjSpecs || {};\n")
    vega = json.loads(script.split(" = ", 2)[2].rstrip(";\n"))
    assert "vega/v" in vega["$schema"] and "vega-lite" not in vega["$schema"]
    assert vega["description"] == "A probe chart"
    assert compiled.startswith("<p>before</p>") and compiled.endswith("<p>after</p>")


def test_a_page_without_charts_is_left_alone():
    assert offline.compile_charts("<p>no chart</p>") == ("<p>no chart</p>", {})


def test_jupyterlab_gets_a_vega_bundle_and_no_script(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "probe.ipynb")
    bundle = offline.render(SPEC)
    assert set(bundle) == {offline.VEGA_MIME, "text/plain"}
    assert "vega/v" in bundle[offline.VEGA_MIME]["$schema"]
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert set(offline.render(SPEC)) == {"text/html", "text/plain"}


def test_bundle_defines_the_embed_call_and_names_no_cdn():
    text = offline.vega_bundle_js()
    assert "window.jjEmbed" in text and "vegaEmbed" in text
    assert "cdn.jsdelivr" not in text and "unpkg.com" not in text


def test_enable_offline_makes_charts_use_the_renderer(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    offline.enable_offline()
    chart = alt.Chart.from_dict(SPEC)
    assert offline.CHART_CLASS in chart._repr_mimebundle_()["text/html"]
