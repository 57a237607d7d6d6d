"""Sphinx extension: lighter pages, once the site is written.

* No page loads the theme's ``fontawesome.js`` (1.5 MB: every icon as JavaScript); the few icons
  the pages use are drawn by the Font Awesome web font that the theme's stylesheet already
  loads. The script, its licence file and its source map are left out of the site.
* Only the search page loads the search index and its scripts (``searchindex.js``,
  ``searchtools.js``, ``language_data.js``); the search box of every page opens that page.
* No source map is shipped, and no script or stylesheet points to one.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

FONTAWESOME = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*">'
                         r"</script>\n?")
SEARCH_SCRIPTS = re.compile(r'<script src="[^"]*(?:_static/searchtools\.js|'
                            r'_static/language_data\.js|searchindex\.js)"></script>\n?')
SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+(?: \*/)?[ \t]*(?=\n|$)")
SEARCH_PAGE = "search.html"


def slim_page(html: str, search_page: bool = False) -> str:
    """A written page without the Font Awesome script, and without the search scripts unless it
    is the search page."""
    html = FONTAWESOME.sub("", html)
    return html if search_page else SEARCH_SCRIPTS.sub("", html)


def without_source_map(text: str) -> str:
    """A script or stylesheet without its ``sourceMappingURL`` comment."""
    return SOURCE_MAP.sub("", text)


def slim_site(app: Sphinx, exception: Exception | None) -> None:
    """Slim every written page and the theme's static files."""
    if exception is not None or app.builder.format != "html":
        return
    site = Path(app.outdir)
    for page in site.rglob("*.html"):
        if "_static" in page.relative_to(site).parts:
            continue
        text = page.read_text(encoding="utf-8")
        slimmed = slim_page(text, search_page=page.name == SEARCH_PAGE)
        if slimmed != text:
            page.write_text(slimmed, encoding="utf-8")
    static = site / "_static"
    for path in {*static.rglob("*.map"), *static.rglob("fontawesome.js*")}:
        path.unlink(missing_ok=True)
    for path in [*static.rglob("*.js"), *static.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if "sourceMappingURL" in text:
            path.write_text(without_source_map(text), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("build-finished", slim_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
