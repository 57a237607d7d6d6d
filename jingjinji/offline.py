"""Draw Altair charts with no network, in the built book and in JupyterLab.

Altair's default HTML output loads Vega, Vega-Lite and Vega-Embed from a CDN unless the page's
global ``VEGA_DEBUG`` already names the versions it expects. The bundle shipped inside
``vl-convert-python`` provides all three; wrapped in a function scope it leaves only ``vega``,
``vegaLite``, ``vegaEmbed`` and ``VEGA_DEBUG`` in the page's globals.
"""

from __future__ import annotations

import functools
import json
import os

import altair as alt
import vl_convert

#: Set (to any value) by the book's Sphinx extension: the book ships the bundle as a static file.
BOOK_BUILD_ENV = "JINGJINJI_BOOK_BUILD"


def vega_versions() -> dict[str, str]:
    """The library versions Altair's HTML output checks in ``VEGA_DEBUG``."""
    return {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }


#: After each chart is drawn: name its actions menu (an icon-only <summary>) for assistive
#: technology, and show the chart's description as a visible caption below it.
LABEL_ACTIONS = """(function () {
  var embed = window.vegaEmbed;
  function finish(el, spec) {
    var root = typeof el === "string" ? document.querySelector(el) : el;
    if (!root) { return; }
    var summary = root.querySelector("details > summary");
    if (summary) {
      summary.setAttribute("aria-label", "Chart menu: save as SVG or PNG, view source");
    }
    var next = root.nextElementSibling;
    if (spec && spec.description && !(next && next.className === "chart-caption")) {
      var caption = document.createElement("p");
      caption.className = "chart-caption";
      caption.textContent = spec.description;
      root.insertAdjacentElement("afterend", caption);
    }
  }
  window.vegaEmbed = Object.assign(function (el, spec, opt) {
    return embed(el, spec, opt).then(function (result) { finish(el, spec); return result; });
  }, embed);
})();
"""


@functools.cache
def vega_bundle_js() -> str:
    """The Vega/Vega-Lite/Vega-Embed bundle, scoped, followed by the preset ``VEGA_DEBUG``."""
    vl_major_minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    bundle = vl_convert.javascript_bundle(vl_version=vl_major_minor)
    versions = json.dumps(vega_versions())
    return (
        f"/* Vega, Vega-Lite {alt.VEGALITE_VERSION} and Vega-Embed, from vl-convert-python */\n"
        f"(function () {{\n{bundle}\n}})();\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {versions});\n"
        f"{LABEL_ACTIONS}"
    )


class _OfflineScript:
    """A notebook output that runs the bundle once (HTML with a script)."""

    def __init__(self, script: str) -> None:
        self.script = script

    def _repr_html_(self) -> str:
        return f'<script type="text/javascript">{self.script}</script>'


def enable_offline() -> _OfflineScript | None:
    """Make the charts of this notebook session draw without network (call in a hidden cell).

    In JupyterLab the returned object, shown as the cell's output, runs the bundle once. In the
    book build nothing is shown: the Sphinx extension adds the bundle to chart pages instead.
    """
    alt.renderers.enable("default")
    if os.environ.get(BOOK_BUILD_ENV):
        return None
    return _OfflineScript(vega_bundle_js())
