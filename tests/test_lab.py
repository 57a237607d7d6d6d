"""JupyterLab draws the book's charts with no network (what `make lab` serves).

Runs the overview chapter in a JupyterLab started on 127.0.0.1 and checks, in headless
Chromium, that its charts are drawn and that nothing is requested off the host.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DRAWN

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "jingjinji-test"
NOTEBOOK = "00_overview.ipynb"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab():
    port = _free_port()
    command = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={port}",
               "--no-browser", "--allow-root", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={ROOT / 'notebooks'}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail("JupyterLab did not start within 60 s")
    yield url
    server.terminate()
    server.wait(timeout=30)


def test_lab_draws_charts_offline(browser, lab):
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    off_host: list[str] = []
    tab.on("request", lambda r: off_host.append(r.url)
           if not r.url.startswith((lab, "data:", "blob:")) else None)
    tab.goto(f"{lab}/lab/tree/{NOTEBOOK}?token={TOKEN}")
    tab.wait_for_selector(".jp-Notebook", timeout=60000)
    tab.wait_for_timeout(3000)
    tab.click("text=Run", timeout=10000)
    tab.click("text=Run All Cells", timeout=10000)
    tab.wait_for_function(f"{DRAWN} >= 3", timeout=90000)
    errors = tab.evaluate("Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                          ".map(e => e.innerText).filter(t => t.includes('Error'))")
    tab.close()
    assert not errors, errors
    assert not off_host, f"JupyterLab requested off-host resources: {off_host}"
