"""Shared fixtures: headless Chromium for the checks of the built book and of JupyterLab."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"]
#: JavaScript counting the charts Vega has drawn on a page.
DRAWN = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI=true (apt-get install -y chromium)")
        pytest.skip("browser checks skipped: install Debian chromium (apt-get install -y "
                    "chromium) to run them")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
