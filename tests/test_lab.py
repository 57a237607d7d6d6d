"""The chapters in JupyterLab, as a reader uses them (`make lab`): Run All Cells draws every
chart offline and fills the prose with numbers; saving keeps the notebook small and, through
the repository's nbstripout filter, leaves ``git status`` clean.

JupyterLab serves a throw-away git checkout of the chapters, so the real notebooks are never
written to.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browsing import DRAWN, ROOT, book_pages

pytestmark = pytest.mark.lab

TOKEN = "jingjinji-test"
#: A saved chapter holds its charts' specs and data only: well under the Vega library alone
#: (about 0.9 MB), which a saved run held before.
MAX_SAVED_BYTES = 600_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """A git repository holding the chapters, with the project's nbstripout filter."""
    folder = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    for name in (".gitattributes", ".gitignore"):
        shutil.copy2(ROOT / name, folder / name)
    _git(folder, "init", "-q")
    _git(folder, "config", "user.email", "lab@test")
    _git(folder, "config", "user.name", "lab test")
    for key in ("clean", "smudge", "required"):
        setting = subprocess.run(["git", "config", "--get", f"filter.nbstripout.{key}"], cwd=ROOT,
                                 capture_output=True, text=True).stdout.strip()
        assert setting, "the nbstripout git filter is not installed here: run `make venv`"
        _git(folder, "config", f"filter.nbstripout.{key}", setting)
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "chapters")
    return folder


@pytest.fixture(scope="module")
def lab(checkout, tmp_path_factory):
    """JupyterLab over the checkout, with fresh settings and workspaces (no tab restored)."""
    port = _free_port()
    state = tmp_path_factory.mktemp("lab-state")
    env = {**os.environ, "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "settings")}
    command = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", f"--port={port}",
               "--no-browser", "--allow-root", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={checkout / 'notebooks'}",
               "--LabApp.expose_app_in_browser=True"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
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


#: The chapter open in JupyterLab (``window.jupyterapp``: expose_app_in_browser).
PANEL = "window.jupyterapp?.shell.currentWidget"
#: Its kernel is connected and idle.
KERNEL_READY = f"""() => {{ const kernel = {PANEL}?.sessionContext?.session?.kernel;
  return kernel?.connectionStatus === 'connected' && kernel.status === 'idle'; }}"""
#: Run All Cells has finished: every code cell has run and none is queued, the kernel is idle.
RUN_DONE = f"""() => {{ const panel = {PANEL};
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return panel.sessionContext.session?.kernel?.status === 'idle' && cells.length > 0
    && cells.every(c => c.model.executionCount !== null
                        && c.model.executionState !== 'running'); }}"""
VEGA_OUTPUT = ".jp-RenderedVegaCommon5"
#: How many Vega outputs the run made, and how many charts the chapter printed as text instead.
CHARTS_MADE = f"""() => [document.querySelectorAll("{VEGA_OUTPUT}").length,
  Array.from(document.querySelectorAll('.jp-OutputArea-output'))
    .filter(e => e.innerText.startsWith('<Chart:')).length]"""
CHAPTERS = [Path(page).stem for page in book_pages()]
#: The text of each markdown cell rendered by jupyterlab-myst, and the code spans in it
#: (where an expression that was not filled in shows its bare name).
PROSE = """() => Array.from(document.querySelectorAll('.jp-MarkdownCell .myst')).map(e => ({
  text: e.textContent, code: Array.from(e.querySelectorAll('code')).map(c => c.textContent)}))"""
#: Every inline expression of the prose shows its value, not its name (given as a JSON list).
FILLED = """() => !Array.from(document.querySelectorAll('.jp-MarkdownCell .myst code'))
  .some(c => %s.includes(c.textContent))"""
#: Back to the chapter's opening, for the screenshot kept of what a reader sees first.
TO_TOP = """() => document.querySelectorAll('.jp-NotebookPanel *').forEach(e => {
  if (e.scrollTop > 0) e.scrollTop = 0; })"""
#: After the run: how many set-up cells (book tag remove-input) there are, those whose code a
#: reader sees unfolded or that show an output (running a cell unhides its outputs, so a set-up
#: cell must have none).
FOLDS = f"""() => {{ const cells = {PANEL}.content.widgets.filter(c => c.model.type === 'code');
  const tagged = (c, tag) => (c.model.getMetadata('tags') || []).includes(tag);
  const start = c => c.model.sharedModel.getSource().slice(0, 60);
  const setUp = cells.filter(c => tagged(c, 'remove-input'));
  return {{setUp: setUp.length,
    unfolded: setUp.filter(c => !c.inputHidden).map(start),
    shown: cells.filter(c => tagged(c, 'remove-output') && c.model.outputs.length > 0)
      .map(start)}};
}}"""
#: Outputs other than charts taller than one and a half screens (long outputs scroll in their
#: cell: jingjinji.outputs.scrolling), with their height and first words.
TALL = f"""() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
  .filter(o => !o.matches('{VEGA_OUTPUT}') && !o.querySelector('{VEGA_OUTPUT}')
               && o.getBoundingClientRect().height > 1.5 * innerHeight)
  .map(o => `${{Math.round(o.getBoundingClientRect().height)}} px: ` +
            o.innerText.trim().slice(0, 60))"""
SHOTS = ROOT / "_build" / "lab"
LEFT_UNFILLED = re.compile(r"\{(eval|glue)|:text\}|Unexecuted inline expression|Error: ")
EVAL = re.compile(r"\{eval\}`([^`]+)`")


def _cells(notebook: Path, kind: str) -> list[dict]:
    return [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == kind]


def _names(cell: dict) -> set[str]:
    """The ``{eval}`` expressions of a markdown cell."""
    return set(EVAL.findall("".join(cell["source"])))


def _evaluated(cell: dict) -> set[str]:
    """The expressions a saved markdown cell holds a successful result for."""
    return {e["expression"] for e in cell["metadata"].get("user_expressions", [])
            if e.get("result", {}).get("status") == "ok"}


def _saved_outputs(notebook: Path) -> tuple[int, int]:
    """How many chart pictures, and how many copies of the Vega library, a saved notebook holds."""
    outputs = [o for c in _cells(notebook, "code") for o in c.get("outputs", [])]
    pictures = sum(1 for o in outputs if "image/png" in o.get("data", {}))
    return pictures, sum(1 for o in outputs if "vegaEmbed" in json.dumps(o))


#: Some code cell has started: it is running or has an execution count.
STARTED = f"""() => {PANEL}.content.widgets.some(c => c.model.type === 'code'
  && (c.model.executionCount !== null || c.model.executionState === 'running'))"""


def _wait(tab, condition: str, checkout: Path, failure: str, timeout_ms: int = 120000) -> None:
    """Wait for ``condition``; else fail with ``failure`` and a screenshot of the tab."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        tab.wait_for_function(condition, timeout=timeout_ms)
    except Timeout:
        shot = checkout / "not-done.png"
        tab.screenshot(path=str(shot), full_page=True)
        pytest.fail(f"{failure}; screenshot {shot}")


def _run_all(tab, attempts: int = 3) -> None:
    """Run ▸ Run All Cells, again if no cell has started (a kernel still connecting)."""
    from playwright.sync_api import TimeoutError as Timeout

    for _ in range(attempts):
        tab.get_by_role("menuitem", name="Run", exact=True).click()
        tab.click("li[data-command='runmenu:run-all']")
        try:
            tab.wait_for_function(STARTED, timeout=10000)
            return
        except Timeout:
            continue
    pytest.fail(f"Run All Cells started no cell in {attempts} attempts")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_runs_offline_in_lab_with_numbers_and_saves_small(browser, lab, checkout,
                                                                   chapter):
    saved = checkout / "notebooks" / f"{chapter}.ipynb"
    before = saved.stat().st_mtime_ns
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    off_host: list[str] = []
    tab.on("request", lambda r: off_host.append(r.url)
           if not r.url.startswith((lab, "data:", "blob:")) else None)
    # A workspace of its own, emptied: no other chapter's tab is restored beside this one.
    tab.goto(f"{lab}/lab/workspaces/{chapter}/tree/{chapter}.ipynb?reset&token={TOKEN}")
    tab.wait_for_function(KERNEL_READY, timeout=60000)
    _run_all(tab)
    _wait(tab, RUN_DONE, checkout, f"{chapter}: Run All did not finish in 120 s")
    expected, as_text = tab.evaluate(CHARTS_MADE)
    assert expected > 0, f"{chapter}: Run All made no chart in JupyterLab"
    _wait(tab, f"() => {DRAWN} >= {expected}", checkout,
          f"{chapter}: fewer than {expected} charts drawn in 30 s", 30000)
    source = ROOT / "notebooks" / f"{chapter}.ipynb"
    names = set().union(*map(_names, _cells(source, "markdown")))
    _wait(tab, FILLED % json.dumps(sorted(names)), checkout,
          f"{chapter}: inline values not all filled in 30 s", 30000)
    drawn = tab.evaluate(DRAWN)
    folds = tab.evaluate(FOLDS)
    tall = tab.evaluate(TALL)
    tab.evaluate(TO_TOP)
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{chapter}.png"))
    errors = tab.evaluate("Array.from(document.querySelectorAll('.jp-OutputArea-output'))"
                          ".map(e => e.innerText).filter(t => t.includes('Error'))")
    prose = tab.evaluate(PROSE)
    tab.keyboard.press("Control+s")
    # Saved once the server has answered (after its save hooks): the tab is no longer dirty.
    tab.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-dirty')",
                          timeout=30000)
    tab.close()
    assert drawn == expected, f"{chapter}: {drawn} of {expected} charts drawn in JupyterLab"
    assert not as_text, f"{chapter}: {as_text} charts shown as text, not drawn"
    assert folds["setUp"] > 0 and not folds["unfolded"], f"{chapter}: set-up unfolded {folds}"
    assert not folds["shown"], f"{chapter}: set-up cells with an output {folds}"
    assert not tall, f"{chapter}: outputs taller than 1.5 screens, not scrolled: {tall}"
    assert not errors, errors
    assert not off_host, f"JupyterLab requested off-host resources: {off_host}"
    assert len(prose) == len(_cells(source, "markdown")), \
        f"{chapter}: {len(prose)} markdown cells rendered by jupyterlab-myst"
    unfilled = [p["text"][:200] for p in prose
                if LEFT_UNFILLED.search(p["text"]) or names & set(p["code"])]
    assert not unfilled, f"{chapter}: placeholders left in the prose: {unfilled[:3]}"
    assert saved.stat().st_mtime_ns != before, f"{chapter} was not saved"
    size = saved.stat().st_size
    assert size < MAX_SAVED_BYTES, f"{chapter} saved at {size} bytes"
    missing = [sorted(_names(c) - _evaluated(c)) for c in _cells(saved, "markdown")
               if _names(c) - _evaluated(c)]
    assert not missing, f"{chapter}: saved without the values of {missing}"
    assert _saved_outputs(saved) == (0, 0), f"{chapter}: pictures or the Vega library saved"
    assert _git(checkout, "status", "--porcelain") == "", "saving left git status dirty"
