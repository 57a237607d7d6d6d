"""Measure execution and build times and page weights; write bench/report.md and .json.

Budgets (design): notebooks executed ≤ 1.5 × the floor (as many kernels that only import the
package, pandas and altair); cold build ≤ 60 s; no-change rebuild ≤ 15 s; a chapter page
≤ 400 KB of its own HTML; the Vega bundle only on chart pages; `make -j2 test` with a cold
``_build`` ≤ 150 s, each of its steps reported; a chart page ≤ 1.2 MB at first load and any other
page ≤ 600 KB (uncompressed); every chart drawn ≤ 1 s once asked for; Lighthouse mobile
performance ≥ 90 on every chapter (median of three runs) and accessibility 100.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from bench import lighthouse
from bench.serve import GzipHandler
from tests.browsing import CHROMIUM_FLAGS, DRAW_ALL, DRAWN, book_pages, chart_count, chromium_path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
REPORT = ROOT / "bench"
JUPYTER_BOOK = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
                "-W", "-n", "--keep-going", "-q"]
FLOOR_SOURCE = "import jingjinji, pandas, altair"
STEP_TIMES = ROOT / "_build" / "test-step-times.tsv"
#: A page is settled when no resource has been fetched for this long after its charts are drawn.
QUIET_MS = 500
PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "pandas", "altair", "vl-convert-python"]


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _execute(notebook: nbformat.NotebookNode) -> None:
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()


def notebook_times() -> dict[str, float]:
    """Seconds to execute each chapter, one fresh kernel each, as the book build runs them."""
    return {path.stem: _timed(lambda p=path: _execute(nbformat.read(p, as_version=4)))
            for path in sorted((ROOT / "notebooks").glob("*.ipynb"))}


def floor_time(count: int) -> float:
    """Seconds for ``count`` kernels that only import the package, pandas and altair."""
    floor = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    return sum(_timed(lambda: _execute(nbformat.from_dict(floor))) for _ in range(count))


def build_time(clean: bool) -> float:
    """Seconds for ``jupyter-book build`` (after removing _build when ``clean``)."""
    if clean:
        shutil.rmtree(ROOT / "_build", ignore_errors=True)
    return _timed(lambda: subprocess.run(JUPYTER_BOOK, check=True, capture_output=True))


def test_times() -> dict[str, object]:
    """Wall time of `make -j2 -O test` with a cold ``_build``, and of each of its steps."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    command = ["make", "-j2", "-O", "test"]
    start = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    rows = [line.split("\t") for line in STEP_TIMES.read_text().splitlines()]
    return {"command": " ".join(command), "passed": run.returncode == 0, "wall": wall,
            "steps": {name: int(ms) / 1000 for name, ms, _status in rows},
            "tail": run.stdout.splitlines()[-5:]}


#: Pages of the site besides the chapters, measured against the budget of a page without charts.
OTHER_PAGES = ["search.html", "genindex.html"]


def page_weights() -> list[dict[str, object]]:
    """Each page's own HTML size, whether it loads the chart loader, and its charts: the
    chapters, then the site's other pages."""
    pages = []
    for name in [*book_pages(), *OTHER_PAGES]:
        html = (SITE / name).read_text(encoding="utf-8")
        pages.append({"page": name, "html_kb": round(len(html) / 1024, 1),
                      "charts": chart_count(SITE / name),
                      "loads_loader": "jj-charts.js" in html})
    return pages


#: Bytes of the page and everything it loaded: as sent (gzip-compressed by the server, as any
#: static host sends text) and as decoded (uncompressed).
TRANSFER = """() => performance.getEntriesByType('navigation').concat(
  performance.getEntriesByType('resource')).reduce((sum, e) => [sum[0] + e.transferSize,
  sum[1] + e.decodedBodySize], [0, 0])"""
#: Milliseconds since the last resource finished loading.
SINCE_LAST_RESOURCE = """() => performance.now() - Math.max(0, ...performance
  .getEntriesByType('resource').map(e => e.responseEnd))"""


def _quiet(tab, page: dict[str, object], what: str) -> None:
    """Wait for a spell with no resource fetched."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        tab.wait_for_function(f"() => ({SINCE_LAST_RESOURCE})() > {QUIET_MS}", timeout=30000)
    except Timeout:
        raise SystemExit(f"bench: {page['page']} did not settle within 30 s {what}") from None


def _draw_all(tab, page: dict[str, object]) -> None:
    """Have every chart drawn (the loader draws a chart as it comes into view, or all of them
    before printing) and time it from the request: bundle fetched, every chart drawn."""
    from playwright.sync_api import TimeoutError as Timeout

    asked = tab.evaluate("performance.now()")
    tab.evaluate(DRAW_ALL)
    try:
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=page["charts"], timeout=30000)
    except Timeout:
        drawn = tab.evaluate(DRAWN)
        raise SystemExit(f"bench: {page['page']}: {drawn} of {page['charts']} charts drawn "
                         "within 30 s") from None
    page["charts_drawn_s"] = round((tab.evaluate("performance.now()") - asked) / 1000, 2)


#: Ask for every chart as soon as the page is parsed, as a reader printing at once would (in a
#: task of its own, after every DOMContentLoaded listener, the loader's among them).
DRAW_ALL_AT_ONCE = (f"document.addEventListener('DOMContentLoaded', "
                    f"() => setTimeout(() => {DRAW_ALL}))")


def _from_navigation(browser, url: str, page: dict[str, object]) -> None:
    """Seconds from navigation to every chart drawn, when every chart is asked for as soon as
    the page is parsed (a reader scrolling asks for each as it comes into view)."""
    from playwright.sync_api import TimeoutError as Timeout

    tab = browser.new_page()
    tab.add_init_script(DRAW_ALL_AT_ONCE)
    tab.goto(url, wait_until="commit")
    try:
        tab.wait_for_function(f"n => {DRAWN} >= n", arg=page["charts"], timeout=30000)
    except Timeout:
        raise SystemExit(f"bench: {page['page']}: charts not drawn within 30 s") from None
    page["drawn_from_navigation_s"] = round(tab.evaluate("performance.now()") / 1000, 2)
    tab.close()


def browser_timings(pages: list[dict[str, object]]) -> None:
    """Add each page's bytes at first load (uncompressed, and gzip as sent), the time to every
    chart drawn, and the bytes once they are (headless Chromium)."""
    executable = chromium_path()
    if executable is None:
        return
    from playwright.sync_api import sync_playwright

    os.environ["BENCH_SERVE_QUIET"] = "1"
    handler = functools.partial(GzipHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        for page in pages:
            tab = browser.new_page()
            tab.goto(f"{base}/{page['page']}", wait_until="load")
            _quiet(tab, page, "after loading")
            sent, decoded = tab.evaluate(TRANSFER)
            page["transferred_kb"] = round(sent / 1024, 1)
            page["uncompressed_kb"] = round(decoded / 1024, 1)
            if page["charts"]:
                _draw_all(tab, page)
                _quiet(tab, page, "after drawing its charts")
                sent, decoded = tab.evaluate(TRANSFER)
                page["with_charts_kb"] = round(decoded / 1024, 1)
            tab.close()
            if page["charts"]:
                _from_navigation(browser, f"{base}/{page['page']}", page)
        browser.close()
    if lighthouse.available():
        for page in pages:
            if page["page"] in book_pages():
                page["lighthouse"] = lighthouse.scores(f"{base}/{page['page']}", executable)
    httpd.shutdown()


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "packages": {name: version(name) for name in PACKAGES},
            "lighthouse": lighthouse.version() if lighthouse.available() else None}


def markdown(report: dict) -> str:
    lines = ["# Benchmark report", "", f"Machine: {report['machine']['platform']}, "
             f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}.", "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in report["machine"]["packages"].items()),
             "", "| measure | value | budget |", "|---|---|---|"]
    t = report["times"]
    lines += [
        f"| notebooks executed (s) | {t['notebooks_total']:.1f} | ≤ 1.5 × floor |",
        f"| floor: {t['kernels']} import-only kernels (s) | {t['floor']:.1f} | |",
        f"| ratio | {t['ratio']:.2f} | ≤ 1.5 |",
        f"| cold book build (s) | {t['cold_build']:.1f} | ≤ 60 |",
        f"| no-change rebuild (s) | {t['rebuild']:.1f} | ≤ 15 |",
        f"| `{t['test']['command']}`, cold _build (s) | {_test_total(t['test'])} | ≤ 150 |",
        ]
    lines += [f"| – step `{step}` (s) | {seconds:.1f} | |"
              for step, seconds in t["test"]["steps"].items()]
    lines += [f"| that test run ÷ notebooks executed | {_test_ratio(t)} | ≤ 2.8 |"]
    lines += [
        "", "| page | own HTML (KB) | first load, uncompressed (KB) | first load, gzip (KB) | "
        "charts | all drawn, once asked (s) | all drawn, from navigation (s) | "
        "with every chart drawn (KB) |",
        "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {p['page']} | {p['html_kb']} | {p.get('uncompressed_kb', '–')} | "
              f"{p.get('transferred_kb', '–')} | {p['charts']} | {p.get('charts_drawn_s', '–')} | "
              f"{p.get('drawn_from_navigation_s', '–')} | "
              f"{p.get('with_charts_kb', '–')} |" for p in report["pages"]]
    lines += ["", "Budgets: a chart page ≤ 1.2 MB at first load (uncompressed), any other page "
              "≤ 600 KB; every chart drawn ≤ 1 s after navigation when asked for at once (and once "
              "asked for); the loader only on chart pages."]
    lines += lighthouse_table(report)
    lines += ["", "Per chapter (s): " + ", ".join(
        f"{k} {v:.1f}" for k, v in report["times"]["notebooks"].items())]
    return "\n".join(lines) + "\n"


def lighthouse_table(report: dict) -> list[str]:
    """The Lighthouse scores of the report's chapters, as Markdown lines."""
    scored = [p for p in report["pages"] if "lighthouse" in p]
    if not scored:
        return ["", "Lighthouse: not run (`make bench` installs it with npm into bench/node)."]
    lines = ["", f"Lighthouse {report['machine']['lighthouse']}, mobile preset, Debian Chromium, "
             f"pages served gzip-compressed; median of {lighthouse.RUNS} runs "
             "(budget: performance ≥ 90, accessibility 100):", "",
             "| page | performance | runs | accessibility | FCP (s) | LCP (s) | TBT (ms) | CLS |",
             "|---|---|---|---|---|---|---|---|"]
    for page in scored:
        s = page["lighthouse"]
        lines.append(f"| {page['page']} | {s['performance']} | "
                     f"{' '.join(map(str, s['performance_runs']))} | {s['accessibility']} | "
                     f"{s['fcp_s']} | {s['lcp_s']} | {s['tbt_ms']} | {s['cls']} |")
    return lines


def _test_total(test: dict[str, object]) -> str:
    return f"{test['wall']:.1f}" if test["passed"] else "failed: " + " / ".join(test["tail"])


def _test_ratio(times: dict) -> str:
    test = times["test"]
    return f"{test['wall'] / times['notebooks_total']:.2f}" if test["passed"] else "–"


def main() -> None:
    test = test_times()
    notebooks = notebook_times()
    floor = floor_time(len(notebooks))
    cold = build_time(clean=True)
    rebuild = build_time(clean=False)
    total = sum(notebooks.values())
    pages = page_weights()
    browser_timings(pages)
    report = {
        "machine": machine(),
        "times": {"notebooks": notebooks, "notebooks_total": total, "kernels": len(notebooks),
                  "floor": floor, "ratio": total / floor, "cold_build": cold, "rebuild": rebuild,
                  "test": test},
        "pages": pages,
    }
    (REPORT / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = markdown(report)
    (REPORT / "report.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
