"""Driving Debian's Chromium headless over the built book (tests of the book, benchmarks)."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import yaml

from jingjinji.offline import CHART_CLASS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
#: The whole book as one PDF, printed beside the built pages (``make pdf``).
PDF = SITE / "ten-years-of-jing-jin-ji.pdf"
#: Flags for a headless Chromium on a machine with no network beyond the host.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic", "--disable-dev-shm-usage"]
#: JavaScript counting the charts Vega has drawn on a page.
#: Charts drawn, and drawn wide enough to read (a chart sized to a container of no width draws
#: an SVG 0 px wide, which nobody sees).
DRAWN = ("Array.from(document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks'))"
         ".filter(e => e.getBoundingClientRect().width > 100).length")


#: Ask the book's chart loader to draw every chart now, not as each comes into view (what it does
#: before printing).
DRAW_ALL = "window.dispatchEvent(new Event('beforeprint'))"


def chromium_path() -> str | None:
    """The system Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def book_pages() -> list[str]:
    """The built page of every chapter in ``_toc.yml``, in reading order (site-relative)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [chapter["file"] for chapter in toc.get("chapters", [])]
    return [f"{file}.html" for file in files]


def chart_count(page: Path) -> int:
    """How many charts a built page draws (its chart containers)."""
    return page.read_text(encoding="utf-8").count(f'class="{CHART_CLASS}"')


def wait_for_charts(tab, expected: int, timeout_ms: int = 15000) -> int:
    """Wait until ``expected`` charts are drawn (or the timeout passes); the number drawn."""
    if expected:
        from playwright.sync_api import TimeoutError as Timeout

        tab.evaluate(DRAW_ALL)
        with contextlib.suppress(Timeout):  # the caller reports how many were drawn
            tab.wait_for_function(f"n => {DRAWN} >= n", arg=expected, timeout=timeout_ms)
    return tab.evaluate(DRAWN)
