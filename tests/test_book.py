"""Checks of the built book: charts drawn offline, nothing fetched off the host, no broken link.

Run after ``make book`` (``make test`` does both). The browser checks use Debian's ``chromium``;
without it they are skipped outside CI, and fail under ``CI=true``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import DRAWN

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
BUNDLE = "_static/vega-offline.js"
SKIPPED_PAGES = {"genindex.html", "search.html"}


def _pages() -> list[Path]:
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built book at {SITE}: run `make book` first")
    return sorted(p for p in SITE.rglob("*.html")
                  if p.name not in SKIPPED_PAGES and "_static" not in p.parts)


def _chapter_pages() -> list[Path]:
    return [p for p in _pages() if p.parent.name == "notebooks"]


def _chart_count(page: Path) -> int:
    return page.read_text(encoding="utf-8").count("vegaEmbed(outputDiv")


# --- static checks of the HTML -------------------------------------------------------------


def test_every_chapter_is_built():
    built = {p.stem for p in _chapter_pages()}
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert notebooks <= built, f"chapters missing from the book: {notebooks - built}"


def test_bundle_only_on_chart_pages():
    assert (SITE / BUNDLE).exists(), "the Vega bundle was not written to _static/"
    for page in _pages():
        html = page.read_text(encoding="utf-8")
        has_bundle = "vega-offline.js" in html
        assert has_bundle == (_chart_count(page) > 0), page.relative_to(SITE)


def test_no_page_names_a_cdn():
    for page in _pages():
        html = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in html.replace("cdn.jsdelivr.net/npm/vega", ""), page


LINK = re.compile(r'<a [^>]*href="([^"]+)"')


def test_no_broken_internal_link():
    broken = []
    for page in _pages():
        html = page.read_text(encoding="utf-8")
        for href in LINK.findall(html):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "#")):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(SITE)} -> {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = target.read_text(encoding="utf-8")
                if f'id="{parts.fragment}"' not in ids:
                    broken.append(f"{page.relative_to(SITE)} -> {href} (no such anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


# --- in the browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _is_redirect(page: Path) -> bool:
    return 'http-equiv="Refresh"' in page.read_text(encoding="utf-8")


def _page_ids() -> list[str]:
    if not (SITE / "index.html").exists():
        return []
    return [str(p.relative_to(SITE)) for p in _pages() if not _is_redirect(p)]


@pytest.mark.parametrize("page", _page_ids())
def test_page_draws_its_charts_offline(browser, server, page):
    context = browser.new_context()
    tab = context.new_page()
    off_host: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: off_host.append(r.url)
           if not r.url.startswith((server, "data:", "blob:", "about:")) else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    expected = _chart_count(SITE / page)
    tab.goto(f"{server}/{page}", wait_until="load")
    if expected:
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=expected, timeout=15000)
    drawn = tab.evaluate(DRAWN)
    body = tab.inner_text("body")
    context.close()
    assert drawn == expected, f"{page}: {drawn} of {expected} charts drawn"
    assert "Error loading script" not in body and "Javascript Error" not in body, page
    assert not off_host, f"{page} requested off-host resources: {off_host}"
    chart_errors = [e for e in errors if "vega" in e.lower() or "embed" in e.lower()]
    assert not chart_errors, f"{page}: {chart_errors}"


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ` +
         v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


@pytest.mark.parametrize("page", _page_ids())
def test_page_passes_accessibility_audit(browser, server, page):
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is required under CI=true (make installs it with npm ci)")
        pytest.skip("accessibility audit skipped: run `npm ci` (Node.js) to install axe-core")
    tab = browser.new_page()
    tab.goto(f"{server}/{page}", wait_until="load")
    if _chart_count(SITE / page):
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=_chart_count(SITE / page), timeout=15000)
    tab.add_script_tag(path=str(AXE))
    violations = tab.evaluate(AXE_RUN)
    tab.close()
    assert not violations, f"{page}: " + "; ".join(violations)


def test_book_opens_from_disk_with_charts(browser):
    """The built book read straight from the file system (file://) still draws its charts."""
    for page in _chapter_pages():
        expected = _chart_count(page)
        if not expected:
            continue
        tab = browser.new_page()
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=expected, timeout=15000)
        tab.close()


FITS = """() => {
  const page = document.documentElement.scrollWidth <= window.innerWidth + 1;
  const charts = Array.from(document.querySelectorAll('.vega-embed')).filter(
    e => e.getBoundingClientRect().right > window.innerWidth + 1).length;
  return {page, overflowing: charts};
}"""


@pytest.mark.parametrize("page", [str(p.relative_to(SITE)) for p in _chapter_pages()]
                         if (SITE / "index.html").exists() else [])
def test_charts_fit_a_small_screen(browser, server, page, tmp_path_factory):
    """At 390 px the page does not scroll sideways and every chart fits (screenshot kept)."""
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(f"{server}/{page}", wait_until="load")
    expected = _chart_count(SITE / page)
    if expected:
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=expected, timeout=15000)
    fits = tab.evaluate(FITS)
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    tab.screenshot(path=str(shots / (Path(page).stem + "-390.png")), full_page=True)
    tab.close()
    assert fits["page"], f"{page} scrolls sideways at 390 px"
    assert fits["overflowing"] == 0, f"{page}: {fits['overflowing']} charts wider than 390 px"


def test_every_chart_has_a_visible_caption(browser, server):
    for page in _chapter_pages():
        expected = _chart_count(page)
        if not expected:
            continue
        tab = browser.new_page()
        tab.goto(f"{server}/{page.relative_to(SITE)}", wait_until="load")
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=expected, timeout=15000)
        captions = tab.evaluate("document.querySelectorAll('p.chart-caption').length")
        tab.close()
        assert captions == expected, f"{page.name}: {captions} captions for {expected} charts"
