"""Checks of the built book: every chapter of the table of contents is built, its charts are
drawn offline with their captions, nothing is fetched off the host, no link is broken, the page
passes an accessibility audit and fits a phone screen, Chinese is drawn with a Simplified
Chinese font, and the PDF (``make pdf``) holds every page with every chart drawn.

Run after ``make book`` and ``make pdf`` (``make test`` does all three). Each page is loaded
once per viewport and every per-page check reads that one load. The browser checks use Debian's
``chromium``; without it they are skipped outside CI, and fail under ``CI=true``.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import jingjinji as jj
from jingjinji import claim_review, claims
from jingjinji.offline import CHART_CLASS
from tests.browsing import PDF, ROOT, SITE, book_pages, chart_count, wait_for_charts

pytestmark = pytest.mark.book

BUNDLE = "_static/vega-offline.js"
LOADER = "_static/jj-charts.js"
SKIPPED_PAGES = {"genindex.html", "search.html"}
#: Host names of the public CDNs that serve Vega and the theme's assets.
CDNS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "esm.sh")


def _built_pages() -> list[Path]:
    """Every HTML page of the site (the chapters and Sphinx's own pages)."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built book at {SITE}: run `make book` first")
    return sorted(p for p in SITE.rglob("*.html")
                  if p.name not in SKIPPED_PAGES and "_static" not in p.parts)


def test_every_figure_lists_its_sources_under_its_caption():
    for page in book_pages():
        html = (SITE / page).read_text(encoding="utf-8")
        figures = html.count('<figure class="jj-figure"')
        lists = re.findall(r'<details class="jj-sources"><summary>Sources \((\d+) documents?\)'
                           r"</summary><ol>(.*?)</ol></details>", html)
        assert len(lists) == figures, f"{page}: {len(lists)} source lists for {figures} figures"
        assert all(int(n) == items.count("<li>") >= 1 for n, items in lists), page


def test_no_page_shows_a_numpy_value_as_code():
    """A value put in the prose unformatted reads "np.int64(2017)": every value is formatted."""
    for page in book_pages():
        shown = re.findall(r"np\.(?:int|float)\d+\(", (SITE / page).read_text(encoding="utf-8"))
        assert not shown, f"{page}: {len(shown)} numpy values shown unformatted"


def test_every_figure_says_how_to_cite_it_and_every_page_its_edition():
    book = jj.citation.book()
    for page in book_pages():
        html = (SITE / page).read_text(encoding="utf-8")
        anchors = re.findall(r'<figure class="jj-figure" id="([^"]+)">', html)
        for anchor in anchors:
            assert re.search(rf'<p class="jj-cite">Cite: .*?<a href="#{anchor}">'
                             rf'[^<]*{re.escape(page)}#{anchor}</a>', html), f"{page}: {anchor}"
    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        if "<footer" not in html:  # the redirecting index page
            continue
        assert f"version {book.version}" in html and f'href="{book.repository}"' in html, page
        assert "CC BY 4.0" in html, f"{page.relative_to(SITE)}: no licence in the footer"


def test_the_data_appendix_offers_the_data_package_as_a_valid_zip(tmp_path):
    import zipfile

    from frictionless import validate

    from jingjinji import downloads

    page = SITE / "notebooks" / "07_data.html"
    links = [href for href in LINK.findall(page.read_text(encoding="utf-8"))
             if href.endswith("/" + downloads.DATA_PACKAGE_ZIP)]
    assert len(links) == 1, f"the data appendix should link to the package's zip once: {links}"
    with zipfile.ZipFile(page.parent / unquote(links[0])) as archive:
        archive.extractall(tmp_path)
    report = validate(tmp_path / downloads.DATA_PACKAGE_FOLDER / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


# --- static checks of the HTML -------------------------------------------------------------


def test_every_chapter_of_the_toc_is_built():
    missing = [page for page in book_pages() if not (SITE / page).exists()]
    assert not missing, f"chapters in _toc.yml missing from the built book: {missing}"


def test_bundle_only_on_chart_pages():
    assert (SITE / BUNDLE).exists(), "the Vega bundle was not written to _static/"
    assert "vega-offline.js" in (SITE / LOADER).read_text(encoding="utf-8")
    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        assert "vega-offline.js" not in html, f"{page.relative_to(SITE)} loads the bundle at once"
        assert ("jj-charts.js" in html) == (chart_count(page) > 0), page.relative_to(SITE)


def test_pages_are_slim():
    for page in _built_pages():
        html = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, page.relative_to(SITE)
        assert ("searchindex.js" in html) == (page.name == "search.html"), page.relative_to(SITE)
    assert "searchindex.js" in (SITE / "search.html").read_text(encoding="utf-8")
    assert not list((SITE / "_static").rglob("*.map")), "source maps shipped"

def test_no_page_names_a_cdn():
    named = [f"{page.relative_to(SITE)}: {cdn}" for page in _built_pages()
             for cdn in CDNS if cdn in page.read_text(encoding="utf-8")]
    assert not named, "pages naming a CDN:\n" + "\n".join(named)


def test_every_chart_has_a_caption_in_the_static_page():
    for page in book_pages():
        html = (SITE / page).read_text(encoding="utf-8")
        charts = chart_count(SITE / page)
        captions = len(re.findall(r'<figcaption class="chart-caption">(<span class="jj-fignum">'
                                  r'[^<]+</span> )?[^<]+(<a class="jj-data" [^>]+>[^<]+</a>)?'
                                  r'</figcaption>', html))
        assert captions == charts, f"{page}: {captions} captions for {charts} charts"


FIGURE = re.compile(r'<figure class="jj-figure" id="([^"]+)">.*?<span class="jj-fignum">'
                    r'Figure ((?:\d+\.)?)(\d+)\.</span>', re.S)
FIGREF = re.compile(r'<a class="jj-figref" href="#([^"]+)">(Figure [\d.]+)</a>')


def test_every_chart_is_a_numbered_figure_the_prose_refers_to():
    for page in book_pages():
        html = (SITE / page).read_text(encoding="utf-8")
        figures = FIGURE.findall(html)
        assert len(figures) == chart_count(SITE / page), f"{page}: a chart without a number"
        numbers = [int(n) for _, _, n in figures]
        assert numbers == list(range(1, len(figures) + 1)), f"{page}: figures out of order"
        labels = {anchor: f"Figure {prefix}{n}" for anchor, prefix, n in figures}
        refs = FIGREF.findall(html)
        assert all(labels.get(anchor) == label for anchor, label in refs), (
            f"{page}: a reference to no figure, or with the wrong number: {refs}")
        unreferred = set(labels) - {anchor for anchor, _ in refs}
        assert not unreferred, f"{page}: figures the prose never refers to: {unreferred}"
        cells = [c for c in html.split('<div class="cell ')[1:] if 'class="jj-figure"' in c]
        hidden = [c for c in cells if c.startswith("tag_hide-input") and "Show code cell" in c]
        assert len(hidden) == len(cells), f"{page}: a chart cell without its 'show code' toggle"


LINK = re.compile(r'<a [^>]*href="([^"]+)"')


def test_no_broken_internal_link():
    broken = []
    for page in _built_pages():
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



CLAIMS_PAGE = "notebooks/05_claims.html"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_claims_page_publishes_a_review_of_every_claim():
    html = (SITE / CLAIMS_PAGE).read_text(encoding="utf-8")
    reviews = [review for script in JSON_LD.findall(html) for review in json.loads(script)]
    package = jj.load()
    assert reviews == claim_review.claim_reviews(package, claims.ledger(package))
    unanchored = [r["url"] for r in reviews if f'id="{r["url"][1:]}"' not in html]
    assert not unanchored, f"reviews without their row in the ledger: {unanchored}"


def test_the_ledger_downloads_as_the_csv_of_the_ledger():
    page = SITE / CLAIMS_PAGE
    links = [href for href in LINK.findall(page.read_text(encoding="utf-8"))
             if href.endswith("/claims-ledger.csv")]
    assert len(links) == 1, f"the claims page should link to the ledger's CSV once: {links}"
    package = jj.load()
    expected = claim_review.ledger_csv(package, claims.ledger(package))
    got = (page.parent / unquote(links[0])).read_text(encoding="utf-8")
    assert got == expected.to_csv(index=False, lineterminator="\n")

CHART_ID = re.compile(rf'class="{CHART_CLASS}" id="([^"]+)"')
HEADING = re.compile(r'<h1>([^<]*)<a class="headerlink"')


def _words(text: str) -> str:
    """Text as words, for comparing what a page says with what the PDF holds (whose text has
    ligatures: "ﬁ" for "fi")."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(unicodedata.normalize("NFKC", plain).split())


def _chart_titles(page: Path) -> list[str]:
    """The first line of the title of every chart on a built page (drawn only in the chart)."""
    titles = []
    for chart in CHART_ID.findall(page.read_text(encoding="utf-8")):
        script = (SITE / "_static" / "charts" / f"{chart}.js").read_text(encoding="utf-8")
        title = json.loads(script[script.index("] = ") + 4:].strip().rstrip(";"))["title"]["text"]
        titles.append(_words(title[0] if isinstance(title, list) else title))
    return titles


def test_the_pdf_prints_every_page_with_every_chart_drawn(browser):
    """``make pdf``: a bookmark per page of the table of contents at its first page, every
    chart's title (text only a drawn chart holds) and every figure number, and a link to it from
    the landing page. Skipped, like the other browser checks, without chromium."""
    from pypdf import PdfReader

    if not PDF.exists():
        pytest.fail(f"no {PDF.name} beside the built book: run `make pdf` after `make book`")
    reader = PdfReader(PDF)
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    pages = [SITE / page for page in book_pages()]
    marks = [(mark.title, reader.get_destination_page_number(mark)) for mark in reader.outline]
    headings = [_words(HEADING.search(page.read_text(encoding="utf-8")).group(1))
                for page in pages]
    assert [_words(title) for title, _ in marks] == headings
    starts = [start for _, start in marks]
    assert starts == sorted(set(starts)) and starts[-1] < len(reader.pages), starts
    missing = [f"{page.stem}: {title}" for page in pages for title in _chart_titles(page)
               if title not in text]
    assert not missing, f"charts not drawn in the PDF: {missing}"
    figures = [label for page in pages for label in
               re.findall(r'<span class="jj-fignum">(Figure [0-9.]+)</span>',
                          page.read_text(encoding="utf-8"))]
    assert figures and all(label in text for label in figures)
    assert f'href="../{PDF.name}"' in (pages[0]).read_text(encoding="utf-8")


# --- in the browser: one load per page and viewport ------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ` +
         v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""
FITS = """() => {
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
    && b.top < a.bottom;
  return {
  page: document.documentElement.scrollWidth <= window.innerWidth + 1,
  overflowing: Array.from(document.querySelectorAll('.vega-embed')).filter(
    e => e.getBoundingClientRect().right > window.innerWidth + 1).length,
  menu_over_title: Array.from(document.querySelectorAll('.vega-embed')).filter(e => {
    const menu = e.querySelector('details > summary');
    return menu && Array.from(e.querySelectorAll('.role-title text')).some(
      t => overlap(t.getBoundingClientRect(), menu.getBoundingClientRect()));
  }).length,
  clipped: Array.from(document.querySelectorAll('.vega-embed')).flatMap(e => {
    const chart = e.querySelector('svg.marks');
    return chart ? Array.from(e.querySelectorAll('.role-title text, .role-legend text')).filter(
      t => t.getBoundingClientRect().right > chart.getBoundingClientRect().right + 1)
      .map(t => t.textContent.slice(0, 40)) : [];
  })};
}"""
#: Outputs other than charts taller than one and a half screens (they should scroll in their cell).
TALL = f"""() => Array.from(document.querySelectorAll('.cell_output'))
  .filter(o => !o.querySelector('.{CHART_CLASS}')
               && o.getBoundingClientRect().height > 1.5 * innerHeight)
  .map(o => o.textContent.trim().slice(0, 60))"""
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class Visit:
    """What one load of a page showed."""

    expected: int
    drawn: int = 0
    off_host: list[str] = field(default_factory=list)
    #: The kind of every resource the page requested ("stylesheet", "font", "script", ...).
    kinds: list[str] = field(default_factory=list)
    fonts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    broken_text: bool = False
    violations: list[str] | None = None
    fits: dict | None = None
    tall: list[str] = field(default_factory=list)
    #: For a few visible texts holding Chinese: the fonts Chromium drew each with.
    chinese_fonts: list[list[str]] = field(default_factory=list)


#: Marks up to five visible elements whose own text holds Chinese (data-cjk="0", ...).
MARK_CHINESE = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node, marked = 0;
  while ((node = walker.nextNode()) && marked < 5) {
    const el = node.parentElement;
    if (/[\u4e00-\u9fff]/.test(node.textContent) && el.checkVisibility()
        && el.getClientRects().length && !el.hasAttribute('data-cjk')) {
      el.setAttribute('data-cjk', String(marked++));
    }
  }
  return marked;
}"""
#: Fonts made for Simplified Chinese, by family name.
SIMPLIFIED = re.compile(r"\bSC\b|Simplified|YaHei|PingFang|Hiragino Sans GB|WenQuanYi|"
                        r"Source Han Sans CN")


def _chinese_fonts(tab) -> list[list[str]]:
    """The font families Chromium drew each marked Chinese text with (DevTools' platform fonts)."""
    marked = tab.evaluate(MARK_CHINESE)
    devtools = tab.context.new_cdp_session(tab)
    devtools.send("DOM.enable")
    root = devtools.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    devtools.send("CSS.enable")
    fonts = []
    for n in range(marked):
        node = devtools.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-cjk="{n}"]'})
        used = devtools.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        fonts.append([font["familyName"] for font in used])
    devtools.detach()
    return fonts


@pytest.fixture(scope="module")
def visit(browser, server, tmp_path_factory):
    """``visit(page, viewport)``: load a page once (cached) and run every per-page check."""
    shots = tmp_path_factory.mktemp("screenshots")

    @functools.cache
    def load(page: str, phone: bool) -> Visit:
        tab = browser.new_page(viewport=PHONE if phone else DESKTOP)
        seen = Visit(expected=chart_count(SITE / page))
        tab.on("request", lambda r: seen.off_host.append(r.url)
               if not r.url.startswith((server, "data:", "blob:", "about:")) else None)
        tab.on("request", lambda r: seen.kinds.append(r.resource_type))
        tab.on("request", lambda r: seen.fonts.append(r.url) if r.resource_type == "font" else None)
        tab.on("pageerror", lambda e: seen.errors.append(str(e)))
        tab.goto(f"{server}/{page}", wait_until="load")
        seen.drawn = wait_for_charts(tab, seen.expected)
        body = tab.inner_text("body")
        seen.broken_text = "Error loading script" in body or "Javascript Error" in body
        if phone:
            seen.fits = tab.evaluate(FITS)
            tab.screenshot(path=str(shots / (Path(page).stem + "-390.png")), full_page=True)
        else:
            seen.tall = tab.evaluate(TALL)
            seen.chinese_fonts = _chinese_fonts(tab)
        if not phone and AXE.exists():
            tab.add_script_tag(path=str(AXE))
            seen.violations = tab.evaluate(AXE_RUN)
        tab.close()
        return seen

    return load


PAGES = book_pages() if (ROOT / "_toc.yml").exists() else []


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_its_charts_offline(visit, page):
    seen = visit(page, phone=False)
    assert seen.drawn == seen.expected, f"{page}: {seen.drawn} of {seen.expected} charts drawn"
    assert not seen.broken_text, page
    assert not seen.off_host, f"{page} requested off-host resources: {seen.off_host}"
    chart_errors = [e for e in seen.errors if "vega" in e.lower() or "embed" in e.lower()]
    assert not chart_errors, f"{page}: {chart_errors}"


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_one_stylesheet_and_runs_without_errors(visit, page):
    """One stylesheet; at most the solid icon font, which the theme's stylesheet uses for the
    icons of admonitions and download links (the navigation's icons are inline SVG)."""
    seen = visit(page, phone=False)
    assert seen.kinds.count("stylesheet") == 1, f"{page}: {seen.kinds.count('stylesheet')} sheets"
    assert all(font.split("/")[-1].startswith("fa-solid-900.") for font in seen.fonts), seen.fonts
    assert not seen.errors, f"{page}: {seen.errors}"


@pytest.mark.parametrize("page", PAGES)
def test_chinese_text_is_drawn_with_a_simplified_chinese_font(visit, page):
    """No Chinese text falls back to a font without its glyphs (boxes) or to a Japanese face."""
    seen = visit(page, phone=False)
    wrong = [fonts for fonts in seen.chinese_fonts
             if not any(SIMPLIFIED.search(family) for family in fonts)]
    assert not wrong, f"{page}: Chinese drawn with {wrong} (install fonts-noto-cjk)"


def test_the_chinese_font_check_finds_chinese_text(visit):
    """The check above looks at Chinese text on the pages that show some (the data appendix's
    source list does): it would pass on nothing if it found none."""
    assert any(visit(page, phone=False).chinese_fonts for page in PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_long_outputs_scroll_inside_their_cell(visit, page):
    tall = visit(page, phone=False).tall
    assert not tall, f"{page}: outputs taller than 1.5 screens: {tall}"


@pytest.mark.parametrize("page", PAGES)
def test_page_passes_accessibility_audit(visit, page):
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is required under CI=true (make installs it with npm ci)")
        pytest.skip("accessibility audit skipped: run `npm ci` (Node.js) to install axe-core")
    violations = visit(page, phone=False).violations
    assert not violations, f"{page}: " + "; ".join(violations)


@pytest.mark.parametrize("page", PAGES)
def test_page_fits_a_phone_screen(visit, page):
    """At 390 px the page does not scroll sideways and every chart fits (screenshot kept)."""
    seen = visit(page, phone=True)
    assert seen.drawn == seen.expected, f"{page}: {seen.drawn} of {seen.expected} drawn at 390 px"
    assert seen.fits["page"], f"{page} scrolls sideways at 390 px"
    assert seen.fits["overflowing"] == 0, f"{page}: {seen.fits['overflowing']} charts too wide"
    assert not seen.fits["clipped"], f"{page}: texts past a chart's edge: {seen.fits['clipped']}"
    assert seen.fits["menu_over_title"] == 0, (
        f"{page}: the chart menu covers the title of {seen.fits['menu_over_title']} charts")


def test_book_opens_from_disk_with_charts(browser):
    """The built book read straight from the file system (file://) still draws its charts."""
    page = max(book_pages(), key=lambda p: chart_count(SITE / p))
    expected = chart_count(SITE / page)
    assert expected > 0, "no chart page to open from disk"
    tab = browser.new_page()
    tab.goto((SITE / page).as_uri(), wait_until="load")
    drawn = wait_for_charts(tab, expected)
    tab.close()
    assert drawn == expected, f"{page} from disk: {drawn} of {expected} charts drawn"



#: The rows each drawn chart's view holds, by dataset (the data the chart draws).
VIEW_DATA = """el => Object.fromEntries(window.jjSpecs[el.id].data.map(d => d.name)
  .map(name => [name, el.jjView.data(name)]))"""
#: Columns that identify what a row draws, compared between a figure's CSV and its chart.
KEYS = ["region", "indicator", "year", "value", "date", "event", "theme", "verdict", "claims"]


def _rows(records: list[dict], keys: list[str]) -> set[tuple]:
    """The rows' key values (numbers rounded), leaving out rows without a value (the gaps a
    line chart bridges)."""
    def cell(value):
        return round(value, 6) if isinstance(value, float) else value
    return {tuple(cell(r.get(k)) for k in keys) for r in records
            if r.get("value", 0) is not None and r.get("value", 0) == r.get("value", 0)}


@pytest.mark.parametrize("page", PAGES)
def test_every_figure_offers_the_data_it_draws_as_csv(browser, server, page):
    """Each figure's CSV link works, and its rows are the rows the drawn chart holds."""
    import csv
    import io
    import urllib.request

    tab = browser.new_page()
    tab.goto(f"{server}/{page}", wait_until="load")
    assert wait_for_charts(tab, chart_count(SITE / page)) == chart_count(SITE / page)
    figures = tab.query_selector_all("figure.jj-figure")
    for figure in figures:
        link = figure.query_selector("a.jj-data")
        assert link is not None, f"{page}: {figure.get_attribute('id')} has no data link"
        url = f"{server}/{Path(page).parent.as_posix()}/{link.get_attribute('href')}"
        with urllib.request.urlopen(url) as response:
            records = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
        drawn = figure.query_selector(f".{CHART_CLASS}").evaluate(VIEW_DATA)
        matched = False
        for rows in drawn.values():
            keys = [k for k in KEYS if rows and k in rows[0] and k in records[0]]
            typed = [{k: _typed(r[k], rows[0][k]) for k in keys} for r in records]
            if keys and _rows(typed, keys) == _rows(rows, keys):
                matched = True
        assert matched, f"{page}: {figure.get_attribute('id')}: no drawn data equals its CSV"
    tab.close()


def _typed(text: str, like: object) -> object:
    """A CSV cell as the type of the chart's value in the same column."""
    if isinstance(like, bool) or not isinstance(like, int | float) or text == "":
        return None if text == "" else text
    return float(text) if isinstance(like, float) or "." in text else int(text)


#: The regions a chart's legend has picked, and the opacity and colour of each drawn line.
PICKED = """el => [el.jjView.data('picked_store').map(t => t.values.join()),
  Array.from(el.querySelectorAll('g.mark-line path')).map(
    p => [Number(p.getAttribute('opacity') ?? 1), p.getAttribute('stroke')])]"""


def test_a_click_on_the_legend_highlights_a_region(browser, server):
    """Clicking a region in a line chart's legend dims the other regions' lines; shift-click
    adds a region; a double click on the chart shows them all again."""
    page = max(book_pages(), key=lambda p: chart_count(SITE / p))
    tab = browser.new_page(viewport=DESKTOP)
    tab.goto(f"{server}/{page}", wait_until="load")
    wait_for_charts(tab, chart_count(SITE / page))
    chart = tab.locator(f".{CHART_CLASS}:has(.name_en_legend_labels)").first
    chart.scroll_into_view_if_needed()
    labels = chart.locator(".name_en_legend_labels text")
    names = [labels.nth(i).text_content() for i in range(labels.count())]

    def click(index: int, modifiers: tuple[str, ...] = ()) -> tuple[list[str], list]:
        box = labels.nth(index).bounding_box()  # the SVG takes the events, not its texts
        for key in modifiers:
            tab.keyboard.down(key)
        tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for key in modifiers:
            tab.keyboard.up(key)
        tab.wait_for_timeout(200)
        return chart.evaluate(PICKED)

    picked, lines = click(0)
    assert picked == names[:1], f"{page}: a click on {names[0]} picked {picked}"
    assert {o for o, _ in lines if o < 0.5} and {o for o, _ in lines if o == 1}, lines
    assert click(len(names) - 1, ("Shift",))[0] == [names[0], names[-1]]
    plot = chart.locator("g.mark-line").last.bounding_box()
    tab.mouse.dblclick(plot["x"] + 2, plot["y"] + 2)
    tab.wait_for_timeout(200)
    picked, lines = chart.evaluate(PICKED)
    tab.close()
    assert picked == [] and all(o >= 0.6 for o, _ in lines), (picked, lines)


NAVIGATION = ("() => [document.getElementById('pst-primary-sidebar-modal').open, document"
              ".getElementById('pst-primary-sidebar').classList.contains('pst-sidebar-hidden')]")


@pytest.mark.parametrize(("viewport", "opened"), [(PHONE, [True, False]), (DESKTOP, [False, True])])
def test_the_navigation_button_opens_or_hides_the_navigation(browser, server, viewport, opened):
    """On a phone the menu button opens the book's navigation; on a wide screen it hides it."""
    tab = browser.new_page(viewport=viewport)
    tab.goto(f"{server}/{book_pages()[0]}", wait_until="load")
    tab.locator(".primary-toggle:visible").first.click()
    tab.wait_for_timeout(300)
    state = tab.evaluate(NAVIGATION)
    tab.close()
    assert state == opened, f"navigation (shown as a dialog, hidden) after a click: {state}"


SEARCH_RESULTS = "() => document.querySelectorAll('#search-results li').length"


def test_search_finds_a_chapter(browser, server):
    """The search page, the only one loading the index, lists chapters for a word of the book."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(f"{server}/search.html?q=Hebei", wait_until="load")
    tab.wait_for_function(f"({SEARCH_RESULTS})() > 0", timeout=15000)
    icons = tab.evaluate("() => document.querySelectorAll('svg.svg-inline--fa').length")
    tab.close()
    assert not errors, errors
    assert icons > 0, "the search page draws no icon"


BUNDLE_FETCHED = ("() => performance.getEntriesByType('resource')"
                  ".some(e => e.name.includes('vega-offline.js'))")
FIRST_CHART_BELOW = ("() => document.querySelector('.jj-chart').getBoundingClientRect().top"
                     " > innerHeight")


def test_a_chart_is_drawn_when_it_comes_into_view(browser, server):
    """The first load of a chart page carries no Vega bundle while no chart is in view; the
    first chart scrolled into view is drawn offline."""
    page = max(book_pages(), key=lambda p: chart_count(SITE / p))
    tab = browser.new_page(viewport=PHONE)
    tab.goto(f"{server}/{page}", wait_until="load")
    tab.wait_for_timeout(500)
    assert tab.evaluate(FIRST_CHART_BELOW), f"{page}: its first chart is in view at once; test " \
        "a page whose first chart is below the fold"
    assert not tab.evaluate(BUNDLE_FETCHED), f"{page} fetched the bundle with no chart in view"
    tab.evaluate("document.querySelector('.jj-chart').scrollIntoView()")
    tab.wait_for_function("() => document.querySelector('.jj-chart').dataset.drawn === 'yes'",
                          timeout=15000)
    assert tab.evaluate(BUNDLE_FETCHED)
    tab.close()
