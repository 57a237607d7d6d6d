"""Draw Altair charts with no network, in the built book and in JupyterLab.

Every chart is compiled from Vega-Lite to Vega ahead of time (with the Vega-Lite compiler that
ships inside ``vl-convert-python``), so no page needs a compiler or a CDN:

* in JupyterLab (a kernel started by the Jupyter server) a chart is a Vega mime bundle, drawn by
  the Vega renderer that JupyterLab ships — nothing but the chart's own spec reaches the notebook;
* everywhere else (the book build, nbval) a chart is a small HTML snippet holding its spec,
  which the book's Sphinx extension compiles to Vega; the book's chart loader draws it with
  ``jjEmbed``, defined in the bundle that the book serves from its own ``_static/`` folder and
  fetches when the first chart comes into view.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
from typing import Any

import altair as alt
import vl_convert

from jingjinji.citation import figure_citation

RENDERER = "jingjinji"
#: The mime type of a Vega spec, drawn by JupyterLab's own Vega extension.
VEGA_MIME = "application/vnd.vega.v5+json"
#: Marks a chart's container in the book's HTML (the browser checks count them).
CHART_CLASS = "jj-chart"
VL_VERSION = ".".join(alt.VEGALITE_VERSION.split(".")[:2])

#: Below this width (pixels) a chart's title, subtitle and legends are laid out for a phone.
NARROW_PX = 520
#: ``jjEmbed(element, vegaSpec)``: draw one chart, name its actions menu for assistive
#: technology, and show its description as a caption below it. In a narrow column (a phone)
#: the title and subtitle are wrapped shorter and the legends stacked, so that none runs past
#: the chart's edge (``jjNarrow``).
EMBED_JS = """window.jjNarrow = function (spec, width) {
  if (width >= NARROW) { return spec; }
  var narrow = JSON.parse(JSON.stringify(spec));
  function wrap(lines, size) {
    var out = [], line = "";
    [].concat(lines).join(" ").split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > size) { out.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    return line ? out.concat([line]) : out;
  }
  var title = narrow.title;  // about 10 and 6 pixels a character, bold title and subtitle
  if (title && title.text) { title.text = wrap(title.text, Math.floor(width / 10.5)); }
  if (title && title.subtitle) {  // the subtitle, then the source line: each wrapped alone
    var lines = [].concat(title.subtitle), at = lines.findIndex(function (line) {
      return line.indexOf("Source: ") === 0; });
    var parts = at > 0 ? [lines.slice(0, at), lines.slice(at)] : [lines];
    title.subtitle = [].concat.apply([], parts.map(function (part) {
      return wrap(part, Math.floor(width / 6.5)); }));
  }
  (narrow.legends || []).forEach(function (legend) {
    legend.labelLimit = Math.min(legend.labelLimit || width, width - 100); });
  narrow.config = narrow.config || {};
  narrow.config.legend = Object.assign({}, narrow.config.legend,
    {layout: {top: {direction: "vertical", anchor: "start"}}, labelLimit: width - 100});
  return narrow;
};
window.jjEmbed = function (el, spec) {
  return vegaEmbed(el, jjNarrow(spec, el.clientWidth), {mode: "vega", renderer: "svg",
                              actions: {export: true, source: false, compiled: false,
                                        editor: false}})
    .then(function (result) {
      el.jjView = result.view;
      var summary = el.querySelector("details > summary");
      if (summary) { summary.setAttribute("aria-label", "Chart menu: save as SVG or PNG"); }
      return result;
    });
};
"""


@functools.cache
def vega_bundle_js() -> str:
    """Vega and Vega-Embed (from vl-convert-python), scoped, followed by ``jjEmbed``."""
    bundle = vl_convert.javascript_bundle(
        "window.vega = vega; window.vegaEmbed = vegaEmbed;", vl_version=VL_VERSION)
    return (f"/* Vega and Vega-Embed, from vl-convert-python {vl_convert.__version__} */\n"
            f"(function () {{\n{bundle}\n}})();\n{EMBED_JS.replace('NARROW', str(NARROW_PX))}")


def to_vega(spec: dict[str, Any]) -> dict[str, Any]:
    """The Vega spec compiled from a Vega-Lite spec (its description kept)."""
    compiled = vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)
    if "description" in spec:
        compiled["description"] = spec["description"]
    return compiled


def chart_html(spec: dict[str, Any]) -> str:
    """The book's HTML for one chart: a container, its caption, and its Vega-Lite spec.

    The book's Sphinx extension compiles the spec to Vega when it writes the page
    (:func:`compile_charts`); compiling there warms the compiler up once per build, not once
    per notebook.
    """
    text = _script_json(spec)
    key = hashlib.sha256(text.encode()).hexdigest()[:12]
    caption = html.escape(spec.get("description", ""))
    figure = _figure(spec)
    anchor, number, data, listed, cite = "", "", "", "", ""
    if figure is not None:
        anchor = f' id="{html.escape(figure["anchor"])}"'
        number = f'<span class="jj-fignum">{html.escape(figure["label"])}.</span> '
        data, listed = _data_link(figure), _source_list(figure)
        cite = figure_citation(figure["label"], title_text(spec), figure["anchor"])
    return (f'<figure class="jj-figure"{anchor}><div class="{CHART_CLASS}" id="chart-{key}">'
            f'</div><figcaption class="chart-caption">{number}{caption}{data}</figcaption>'
            f'{listed}{cite}</figure>'
            f'<script type="{VEGALITE_SCRIPT}" data-chart="chart-{key}">{text}</script>')


def title_text(spec: dict[str, Any]) -> str:
    """The chart's title as one line."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


#: The folder, beside the chapters, of the files they offer (:mod:`jingjinji.downloads`).
DOWNLOADS = "downloads"


def _source_list(figure: dict[str, Any]) -> str:
    """Every document behind the figure, cited in full, folded under the caption."""
    sources = figure.get("sources", [])
    if not sources:
        return ""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sources)
    count = f"{len(sources)} document{'s' if len(sources) > 1 else ''}"
    return (f'<details class="jj-sources"><summary>Sources ({count})</summary><ol>{items}</ol>'
            "</details>")


def _data_link(figure: dict[str, str]) -> str:
    """The link to the figure's data (a CSV beside the page), when it has one."""
    if "data" not in figure:
        return ""
    href = html.escape(f"{DOWNLOADS}/{figure['data']}")
    return (f' <a class="jj-data" href="{href}" download>{html.escape(figure["label"])} data '
            "(CSV)</a>")


def _figure(spec: dict[str, Any]) -> dict[str, str] | None:
    """The figure's label and anchor, when the chart is one of a chapter's numbered figures."""
    return spec.get("usermeta", {}).get("figure")


def numbered_title(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its figure's label before its title (JupyterLab shows no caption)."""
    figure, title = _figure(spec), spec.get("title")
    if figure is None or not isinstance(title, dict):
        return spec
    text = title.get("text", "")
    lines = list(text) if isinstance(text, list) else [text]
    lines[0] = f"{figure['label']}. {lines[0]}"
    return {**spec, "title": {**title, "text": lines}}


def _script_json(value: dict[str, Any]) -> str:
    """Compact JSON that can stand inside a <script> element ("</" escaped as JSON allows)."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")


VEGALITE_SCRIPT = "application/vnd.vegalite+json"
#: Folder, beside the loader, of the charts' spec scripts.
SPEC_FOLDER = "charts"
#: The only script a chart page loads at first: when a chart comes into view it fetches the
#: Vega bundle (once) and the chart's spec (scripts beside it) and draws the chart; before the
#: page is printed it draws every chart.
LOADER_JS = """(function () {
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loaded = {};
  function load(url) {
    if (!loaded[url]) {
      loaded[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url; script.onload = resolve; script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loaded[url];
  }
  function draw(el) {
    if (el.dataset.drawn) { return; }
    el.dataset.drawn = "pending";
    Promise.all([load(base + "BUNDLE"), load(base + "SPECS/" + el.id + ".js")])
      .then(function () { return jjEmbed(el, window.jjSpecs[el.id]); })
      .then(function () { el.dataset.drawn = "yes"; });
  }
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".jj-chart"));
    window.addEventListener("beforeprint", function () { charts.forEach(draw); });
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { watcher.unobserve(entry.target); draw(entry.target); }
      });
    });
    charts.forEach(function (el) { watcher.observe(el); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
"""


def loader_js(bundle: str) -> str:
    """The chart loader, fetching the bundle named ``bundle`` from its own folder."""
    return LOADER_JS.replace("BUNDLE", bundle).replace("SPECS", SPEC_FOLDER)
_SPEC = re.compile(rf'<script type="{re.escape(VEGALITE_SCRIPT)}" data-chart="([\w-]+)">'
                   r"(.*?)</script>", re.DOTALL)


def compile_charts(page: str) -> tuple[str, dict[str, str]]:
    """A page without its charts' Vega-Lite specs, and each chart's compiled Vega as the script
    that the loader fetches when the chart comes into view (:func:`spec_script`), by chart id."""
    scripts: dict[str, str] = {}

    def taken(match: re.Match[str]) -> str:
        scripts[match.group(1)] = spec_script(match.group(1), to_vega(json.loads(match.group(2))))
        return ""

    return _SPEC.sub(taken, page), scripts


def spec_script(chart: str, vega: dict[str, Any]) -> str:
    """A chart's Vega spec as a script file for the loader (a script, not JSON: a page read
    from disk may load scripts beside it, not fetch files)."""
    return (f"window.jjSpecs = window.jjSpecs || {{}};\n"
            f"jjSpecs[{json.dumps(chart)}] = {_script_json(vega)};\n")


def in_jupyter_server() -> bool:
    """Whether this kernel was started by a Jupyter server (JupyterLab, Notebook)."""
    return "JPY_SESSION_NAME" in os.environ


#: Chart width in JupyterLab, whose output area takes its width from its content: a chart
#: sized to its container there grows with the area it widens, without end.
LAB_WIDTH = 640


def fixed_width(spec: Any, width: int = LAB_WIDTH) -> Any:
    """The spec with every container-sized width replaced by ``width`` pixels."""
    if isinstance(spec, dict):
        return {key: width if key == "width" and value == "container" else fixed_width(value, width)
                for key, value in spec.items()}
    if isinstance(spec, list):
        return [fixed_width(item, width) for item in spec]
    return spec


def render(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Altair renderer: a Vega bundle in JupyterLab, the book's HTML elsewhere."""
    plain = f"<Chart: {spec.get('description', '')}>"
    if in_jupyter_server():
        return {VEGA_MIME: to_vega(fixed_width(numbered_title(spec))), "text/plain": plain}
    return {"text/html": chart_html(spec), "text/plain": plain}


def enable_offline() -> None:
    """Draw this session's charts with no network (called by every chapter's set-up)."""
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
