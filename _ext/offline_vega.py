"""Sphinx extension: offline charts and data-aware re-execution for the book.

* Writes the Vega/Vega-Lite/Vega-Embed bundle (from ``vl-convert-python``, with Altair's
  ``VEGA_DEBUG`` versions preset) to ``_static/`` and adds it only to pages that draw charts, so
  Altair's default output never reaches for a CDN.
* Re-executes every notebook when anything the notebooks read changed (``data/`` or the
  ``jingjinji`` package): the execution cache alone keys on code cells only.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from jingjinji.offline import BOOK_BUILD_ENV, vega_bundle_js

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
    _drop_cached_executions(app)
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]


def _drop_cached_executions(app: Sphinx) -> None:
    path = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if path.exists():
        cache = get_cache(str(path))
        for record in cache.list_cache_records():
            cache.remove_cache(record.pk)


def add_bundle_to_chart_pages(app: Sphinx, pagename: str, templatename: str, context: dict,
                              doctree: object) -> None:
    """Load the bundle on pages whose body draws an Altair chart, and only there."""
    if "vegaEmbed" in context.get("body", ""):
        app.add_js_file(BUNDLE, priority=100)


def write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the bundle into the built site and remember the inputs it was built from."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / BUNDLE).write_text(vega_bundle_js(), encoding="utf-8")
    _digest_path(app).write_text(inputs_digest())


def setup(app: Sphinx) -> dict[str, object]:
    os.environ[BOOK_BUILD_ENV] = "1"
    app.connect("env-get-outdated", outdated_notebooks)
    app.connect("html-page-context", add_bundle_to_chart_pages)
    app.connect("build-finished", write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
