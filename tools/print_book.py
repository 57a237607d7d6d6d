"""Print the built book as one PDF, offline, with Debian's Chromium: every page of the table of
contents once its charts are drawn, behind a contents page, with page numbers and bookmarks.
The PDF goes beside the built pages, and the landing page links to it.

Run by ``make pdf`` after ``make book``: ``python tools/print_book.py``.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import html
import http.server
import io
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browsing import (  # noqa: E402  (the repository root is put on the path first)
    CHROMIUM_FLAGS,
    PDF,
    ROOT,
    SITE,
    book_pages,
    chart_count,
    chromium_path,
    wait_for_charts,
)

#: The page the book opens on, where the link to the PDF is put.
LANDING = "notebooks/00_overview.html"
#: The link put after the landing page's title (replaced on every run).
LINK = re.compile(r'\n?<p class="jj-pdf">.*?</p>', re.S)
#: The page's own title (the theme prints another, for print only, above it).
TITLE = re.compile(r'<h1>[^<]*<a class="headerlink"[^>]*>#</a></h1>')
MARGINS = {"top": "16mm", "bottom": "20mm", "left": "15mm", "right": "15mm"}
#: A4 less the side margins (180 mm), in CSS pixels, by a screen as tall as a page.
PRINTED = {"width": 680, "height": 1000}
#: Opened before printing: the folded list of every document behind a figure.
OPEN_SOURCES = "document.querySelectorAll('details.jj-sources').forEach(d => { d.open = true; })"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder over HTTP on a free local port (the pages load their charts' scripts)."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def print_page(tab: Page, url: str, page: str) -> tuple[str, bytes]:
    """One built page as PDF, after every chart on it is drawn: its title and the PDF."""
    tab.goto(f"{url}/{page}", wait_until="load")
    expected = chart_count(SITE / page)
    drawn = wait_for_charts(tab, expected, timeout_ms=60000)
    if drawn != expected:
        raise RuntimeError(f"{page}: {drawn} of {expected} charts drawn; not printed")
    tab.evaluate(OPEN_SOURCES)
    title = tab.inner_text("h1").replace("#", "").strip()
    return title, tab.pdf(format="A4", print_background=True, margin=MARGINS)


def html_pdf(tab: Page, body: str, margin: str = "0") -> PdfReader:
    """A page of our own (contents, page numbers) printed as PDF."""
    style = ("@page { size: A4; margin: 0 } body { margin: 0; font-family: system-ui, "
             "'Noto Sans', 'Noto Sans CJK SC', sans-serif }")
    tab.set_content(f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                    f"<style>{style}</style></head><body>{body}</body></html>")
    pdf = tab.pdf(format="A4", margin={side: margin for side in MARGINS})
    return PdfReader(io.BytesIO(pdf))


def contents(tab: Page, title: str, edition: str,
             chapters: list[tuple[str, int]]) -> PdfReader:
    """The contents page: the book's title and edition, each chapter with its first page."""
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td class='n'>{first}</td></tr>"
                   for name, first in chapters)
    body = (f"<div style='padding: 30mm 25mm'><h1 style='font-size: 26pt'>{html.escape(title)}"
            f"</h1><p>{html.escape(edition)}</p><h2 style='margin-top: 18mm'>Contents</h2>"
            f"<table style='width: 100%; font-size: 12pt; border-collapse: collapse'>{rows}"
            "</table></div><style>td { padding: 2mm 0; border-bottom: 1px solid #ddd }"
            " td.n { text-align: right }</style>")
    return html_pdf(tab, body)


def page_numbers(tab: Page, count: int) -> PdfReader:
    """``count`` A4 pages, each blank but for its number at the foot."""
    pages = "".join(f"<div style='height: 297mm; position: relative; break-after: page'>"
                    f"<span style='position: absolute; bottom: 9mm; width: 100%; "
                    f"text-align: center; font-size: 9pt; color: #555'>{n}</span></div>"
                    for n in range(1, count + 1))
    return html_pdf(tab, pages)


def book_pdf(url: str, pages: list[str], title: str, edition: str) -> PdfWriter:
    """The whole book: contents, then every page, numbered, with a bookmark per chapter."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(),
                                             args=CHROMIUM_FLAGS)
        # As wide as the printed text, so that charts are drawn at the width they are printed.
        tab = browser.new_page(viewport=PRINTED)
        printed = [print_page(tab, url, page) for page in pages]
        readers = [(name, PdfReader(io.BytesIO(pdf))) for name, pdf in printed]
        first, starts = 1, []
        front = contents(tab, title, edition, [(name, 0) for name, _ in readers])
        first += len(front.pages)
        for name, reader in readers:
            starts.append((name, first))
            first += len(reader.pages)
        front = contents(tab, title, edition, starts)
        numbers = page_numbers(tab, first - 1)
        browser.close()
    writer = PdfWriter()
    for reader in [front] + [reader for _, reader in readers]:
        writer.append(reader)
    for page, number in zip(writer.pages, numbers.pages, strict=True):
        page.merge_page(number)
    for name, start in starts:
        writer.add_outline_item(title=name, page_number=start - 1)
    writer.add_metadata({"/Title": title, "/Subject": edition})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    return writer


def link_from_landing(site: Path, pdf: Path, pages: int) -> None:
    """Put (or replace) the link to the PDF after the landing page's title."""
    landing = site / LANDING
    text = LINK.sub("", landing.read_text(encoding="utf-8"))
    size = pdf.stat().st_size / 1e6
    link = (f'<p class="jj-pdf"><a href="../{pdf.name}" download>The whole book as one PDF</a> '
            f"({pages} pages, {size:.1f} MB)</p>")
    text = TITLE.sub(lambda title: title.group(0) + "\n" + link, text, count=1)
    landing.write_text(text, encoding="utf-8")


def main() -> None:
    if not (SITE / LANDING).exists():
        sys.exit(f"{SITE / LANDING} is missing: build the book first (make book)")
    if chromium_path() is None:
        message = "no PDF: it is printed with Debian's chromium (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            sys.exit(message)
        print(message)
        return
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    edition = f"Printed from the built book on {datetime.date.today():%-d %B %Y}"
    with served(SITE) as url:
        writer = book_pdf(url, book_pages(), config["title"], edition)
    with PDF.open("wb") as out:
        writer.write(out)
    link_from_landing(SITE, PDF, len(writer.pages))
    print(f"{PDF}: {len(writer.pages)} pages, {PDF.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
