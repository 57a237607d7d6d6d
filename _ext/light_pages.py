"""Sphinx extension: lighter pages, once the site is written.

* Icons are inline SVG (:mod:`icons`): no page loads the theme's ``fontawesome.js`` (1.5 MB)
  or its icon font (156 KB); the script, its licence file and its source map are left out.
* A page links one stylesheet, merged from the theme's and purged of the rules that can match
  nothing in the site (:mod:`stylesheets`), instead of ten that block its first paint.
* Scripts in a page's head are deferred (they run in order once the page is parsed, as they
  did); Thebe's script, unused with live code switched off, is left out, and so are the copy
  button's, the toggles' and the tabs' scripts on a page without code blocks, toggles or tabs.
* Only the search page loads the search index and its scripts (``searchindex.js``,
  ``searchtools.js``, ``language_data.js``); the search box of every page opens that page.
* No source map is shipped, and no script or stylesheet points to one.
* The header's two sidebar buttons, never shown by the book theme, are left out, so that the
  theme's scripts bind the buttons the reader sees (they bind the first of each kind).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pydata_sphinx_theme
from icons import inline_icons, solid_icons
from sphinx.application import Sphinx
from stylesheets import merged_css, purged, stylesheet_links, used_words, with_one_link

FONTAWESOME = re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*">'
                         r"</script>\n?")
FONTAWESOME_JS = (Path(pydata_sphinx_theme.__file__).parent
                  / "theme/pydata_sphinx_theme/static/scripts/fontawesome.js")
SEARCH_SCRIPTS = re.compile(r'<script src="[^"]*(?:_static/searchtools\.js|'
                            r'_static/language_data\.js|searchindex\.js)"></script>\n?')
THEBE = re.compile(r'[ \t]*<(?:script async="async" src|link rel="stylesheet" type="text/css" '
                   r'href)="[^"]*_static/sphinx-thebe\.(?:js|css)[^"]*"(?: /)?>(?:</script>)?\n?')
#: A script of the page's own site that blocks parsing (no ``defer``, ``async`` or ``type``).
BLOCKING = re.compile(r'<script (?![^>]*\b(?:defer|async|type)\b)([^>]*\bsrc="(?![a-z]+:)'
                      r'[^"]*"[^>]*)></script>')
#: The header's sidebar buttons, which the book theme never shows: the theme's scripts bind the
#: first button of each kind on a page, so the visible ones, in the article's header, did nothing.
HIDDEN_TOGGLES = re.compile(r'[ \t]*<button class="pst-navbar-icon sidebar-toggle '
                            r'(?:primary|secondary)-toggle"[^>]*>.*?</button>\n?', re.DOTALL)
#: Scripts of the theme's extensions, each loaded only by pages with an element of one of these
#: classes: code blocks to copy, toggles, tabs.
USED_ON = {"clipboard.min.js": {"highlight"}, "copybutton.js": {"highlight"},
           "togglebutton.js": {"toggle", "dropdown"}, "design-tabs.js": {"sd-tab-set"}}
CLASSES = re.compile(r'class="([^"]*)"')
SOURCE_MAP = re.compile(r"\n?/[/*][#@] sourceMappingURL=\S+(?: \*/)?[ \t]*(?=\n|$)")
SEARCH_PAGE = "search.html"
#: The one stylesheet of every page, and the file (in the doctree folder) naming its sources.
MERGED = "site.css"
SOURCES = "site-stylesheets.json"


def slim_page(html: str, search_page: bool = False) -> str:
    """A written page without the Font Awesome and Thebe scripts, without the search scripts
    unless it is the search page, without the scripts it has nothing for, with its other
    scripts deferred, and without the header's hidden sidebar buttons."""
    html = HIDDEN_TOGGLES.sub("", THEBE.sub("", FONTAWESOME.sub("", html)))
    html = html if search_page else SEARCH_SCRIPTS.sub("", html)
    classes = {name for names in CLASSES.findall(html) for name in names.split()}
    for script, needs in USED_ON.items():
        if not needs & classes:
            html = re.sub(rf'<script [^>]*src="[^"]*_static/{re.escape(script)}[^"]*"[^>]*>'
                          r"</script>\n?", "", html)
    return BLOCKING.sub(r"<script defer \1></script>", html)


def without_source_map(text: str) -> str:
    """A script or stylesheet without its ``sourceMappingURL`` comment."""
    return SOURCE_MAP.sub("", text)


def slim_site(app: Sphinx, exception: Exception | None) -> None:
    """Slim every written page and the theme's static files."""
    if exception is None and app.builder.format == "html":
        slim_folder(Path(app.outdir), Path(app.doctreedir) / SOURCES)


def slim_folder(site: Path, sources: Path) -> None:
    """Slim the pages and static files of the site written in ``site``; ``sources`` remembers
    the stylesheets merged into the site's one, for pages that an earlier build slimmed."""
    static = site / "_static"
    pages = {page: page.read_text(encoding="utf-8") for page in site.rglob("*.html")
             if "_static" not in page.relative_to(site).parts}
    icons = solid_icons(FONTAWESOME_JS.read_text(encoding="utf-8"))
    slimmed = {page: slim_page(inline_icons(text, icons), search_page=page.name == SEARCH_PAGE)
               for page, text in pages.items()}
    words = used_words([*slimmed.values(), *(p.read_text(encoding="utf-8")
                                            for p in static.rglob("*.js"))])
    merged = static / MERGED
    sheets = _stylesheets(slimmed, merged.resolve(), site, sources)
    if sheets:
        merged.write_text(purged(merged_css(sheets, static), words), encoding="utf-8")
        for page, text in slimmed.items():
            slimmed[page] = with_one_link(
                text, os.path.relpath(merged, page.parent).replace(os.sep, "/"))
    for page, text in slimmed.items():
        if text != pages[page]:
            page.write_text(text, encoding="utf-8")
    for path in {*static.rglob("*.map"), *static.rglob("fontawesome.js*")}:
        path.unlink(missing_ok=True)
    for path in [*static.rglob("*.js"), *static.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        if "sourceMappingURL" in text:
            path.write_text(without_source_map(text), encoding="utf-8")


def _stylesheets(pages: dict[Path, str], merged: Path, site: Path, sources: Path) -> list[Path]:
    """The stylesheets the pages link, in order (the same for every page), or, when every page
    already links the merged one, those remembered in ``sources``."""
    links = {tuple(stylesheet_links(text, page)) for page, text in pages.items()}
    links -= {(), (merged,)}
    if len(links) > 1:
        raise ValueError(f"pages link different stylesheets: {sorted(links)}")
    if links:
        sheets = list(links.pop())
        sources.parent.mkdir(parents=True, exist_ok=True)
        sources.write_text(json.dumps([str(s.relative_to(site.resolve())) for s in sheets]),
                           encoding="utf-8")
        return sheets
    if sources.exists():
        return [site / name for name in json.loads(sources.read_text(encoding="utf-8"))]
    return []


def setup(app: Sphinx) -> dict[str, object]:
    # After the theme's own handlers, which rewrite pygments.css when the build finishes.
    app.connect("build-finished", slim_site, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
