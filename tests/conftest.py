"""Shared fixtures: headless Chromium for the checks of the built book and of JupyterLab."""

from __future__ import annotations

import os

import pytest

from tests.browsing import CHROMIUM_FLAGS, chromium_path


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI=true (apt-get install -y chromium)")
        pytest.skip("browser checks skipped: install Debian chromium (apt-get install -y "
                    "chromium) to run them")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()
