"""Sphinx extension: offline charts and data-aware re-execution for the book.

* Compiles each chart of a page from Vega-Lite to Vega as the page is written, and adds a small
  chart loader only to pages that draw charts; the loader fetches the Vega bundle (from
  ``vl-convert-python``, written to ``_static/``) when the first chart comes into view: no page
  needs a compiler or a CDN, and a page's first load carries no bundle.
* Copies into the site, beside each page, the CSV of every figure it links to.
* Leaves out the configuration script of Thebe (live code is switched off), the only address
  of a CDN left in the pages, and gives the "show code" toggles the accessible name they show.
* Re-executes a notebook when what it reads changed — ``data/``, ``CITATION.cff`` or the code
  of the ``jingjinji`` modules it imports (:mod:`notebook_inputs`) — and only then: Sphinx
  alone re-reads a notebook only when its own file changed.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from notebook_inputs import notebook_digest
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from jingjinji.offline import SPEC_FOLDER, compile_charts, loader_js, vega_bundle_js

BUNDLE = "vega-offline.js"
LOADER = "jj-charts.js"
ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "jingjinji"
DATA_DIR = ROOT / "data"
#: The book's edition, which every figure's cite line states (jingjinji.citation).
CITATION = ROOT / "CITATION.cff"
DIGEST_FILE = "notebook-inputs.json"
#: A figure's link to its data, a file its chapter wrote beside it (jingjinji.chart_data).
DATA_LINK = re.compile(r'<a class="jj-data" href="([^"]+)"')
logger = logging.getLogger(__name__)


def _digest_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / DIGEST_FILE


def _stored_digests(app: Sphinx) -> dict[str, str]:
    path = _digest_path(app)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _digests(env: BuildEnvironment) -> dict[str, str]:
    """The inputs' digest of every notebook of the book."""
    return {doc: notebook_digest(Path(env.doc2path(doc)), PACKAGE_DIR, DATA_DIR, (CITATION,))
            for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")}


def outdated_notebooks(app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
    """The notebooks whose inputs changed since they were executed (their cached execution is
    dropped and they are executed again)."""
    stored = _stored_digests(app)
    return sorted(doc for doc, digest in _digests(env).items() if stored.get(doc) != digest)


#: myst-nb names every "show code" toggle so; its visible text says what it shows.
UNNAMED_TOGGLE = ('<summary aria-label="Toggle hidden content">', "<summary>")


def finish_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: object) -> None:
    """Compile the page's charts to Vega, each written as a script the chart loader fetches
    when the chart comes into view, and load the loader on pages with charts, and only there;
    drop Thebe's script; let the code toggles be named by their text."""
    body, specs = compile_charts(context.get("body", ""))
    context["body"] = body.replace(*UNNAMED_TOGGLE)
    copy_chart_data(app, pagename, body)
    if specs:
        folder = Path(app.outdir) / "_static" / SPEC_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for chart, script in specs.items():
            (folder / f"{chart}.js").write_text(script, encoding="utf-8")
        app.add_js_file(LOADER, priority=100)
    context["script_files"] = [script for script in context.get("script_files", [])
                               if "THEBE_JS_URL" not in str(getattr(script, "attributes", {}))]


def copy_chart_data(app: Sphinx, pagename: str, body: str) -> None:
    """Copy the data files the page's figures link to into the site, beside the page."""
    source = Path(app.env.doc2path(pagename)).parent
    target = Path(app.outdir) / Path(pagename).parent
    for href in DATA_LINK.findall(body):
        if not (source / href).is_file():
            logger.warning(f"{pagename}: a figure links to {href}, which its chapter did not "
                           "write (run the chapter again)")
            continue
        (target / href).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / href, target / href)


def write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the bundle into the built site and remember what each notebook was executed from."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / BUNDLE).write_text(vega_bundle_js(), encoding="utf-8")
    (static / LOADER).write_text(loader_js(BUNDLE), encoding="utf-8")
    _digest_path(app).write_text(json.dumps(_digests(app.env), indent=1, sort_keys=True),
                                 encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("html-page-context", finish_page)
    app.connect("build-finished", write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
