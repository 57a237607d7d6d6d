"""Sphinx extension: offline charts and data-aware re-execution for the book.

* Compiles each chart of a page from Vega-Lite to Vega as the page is written, and adds the
  Vega bundle (from ``vl-convert-python``, written to ``_static/``) only to pages that draw
  charts: no page needs a compiler or a CDN.
* Leaves out the configuration script of Thebe (live code is switched off), the only address
  of a CDN left in the pages, and gives the "show code" toggles the accessible name they show.
* Re-executes every notebook when anything the notebooks read changed (``data/`` or the
  ``jingjinji`` package): Sphinx alone re-reads a notebook only when its own file changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from jingjinji.offline import compile_charts, vega_bundle_js

BUNDLE = "vega-offline.js"
ROOT = Path(__file__).resolve().parent.parent
DEPENDENCIES = [ROOT / "data", ROOT / "jingjinji"]
DIGEST_FILE = "notebook-inputs.sha256"


def inputs_digest() -> str:
    """A digest of every file the notebooks read besides themselves."""
    digest = hashlib.sha256()
    for folder in DEPENDENCIES:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _digest_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / DIGEST_FILE


def outdated_notebooks(app: Sphinx, env: BuildEnvironment, added: set[str],
                       changed: set[str], removed: set[str]) -> list[str]:
    """Every notebook, with its cached execution dropped, when the inputs changed."""
    stamp = _digest_path(app)
    if stamp.exists() and stamp.read_text() == inputs_digest():
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


#: myst-nb names every "show code" toggle so; its visible text says what it shows.
UNNAMED_TOGGLE = ('<summary aria-label="Toggle hidden content">', "<summary>")


def finish_page(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: object) -> None:
    """Compile the page's charts to Vega and load the bundle on pages with charts, and only
    there; drop Thebe's script; let the code toggles be named by their text."""
    body, charts = compile_charts(context.get("body", ""))
    context["body"] = body.replace(*UNNAMED_TOGGLE)
    if charts:
        app.add_js_file(BUNDLE, priority=100)
    context["script_files"] = [script for script in context.get("script_files", [])
                               if "THEBE_JS_URL" not in str(getattr(script, "attributes", {}))]


def write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the bundle into the built site and remember the inputs it was built from."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / BUNDLE).write_text(vega_bundle_js(), encoding="utf-8")
    _digest_path(app).write_text(inputs_digest())


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("html-page-context", finish_page)
    app.connect("build-finished", write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
