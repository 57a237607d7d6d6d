"""Shared settings for driving Debian's Chromium headless (tests of the built book, benchmarks)."""

from __future__ import annotations

import shutil

#: Flags for a headless Chromium on a machine with no network beyond the host.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"]
#: JavaScript counting the charts Vega has drawn on a page.
DRAWN = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"


def chromium_path() -> str | None:
    """The system Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
