"""Lighthouse scores of the book's pages: mobile performance and accessibility.

Lighthouse is pinned in ``bench/node/package.json`` (installed there by ``make bench``,
never by ``make test``) and runs against Debian's Chromium, on pages served compressed as any
static host serves them. Scores vary from run to run on a small machine: each page is measured
``RUNS`` times and the median performance reported, with the lowest accessibility score.
"""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "node"
CLI = FOLDER / "node_modules" / ".bin" / "lighthouse"
RUNS = 3
#: The audits reported beside the scores (Lighthouse's own ids).
METRICS = {"fcp_s": "first-contentful-paint", "lcp_s": "largest-contentful-paint",
           "tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift"}


def available() -> bool:
    return CLI.exists()


def version() -> str:
    return json.loads((FOLDER / "node_modules" / "lighthouse" / "package.json")
                      .read_text(encoding="utf-8"))["version"]


def run(url: str, chromium: str) -> dict:
    """One Lighthouse report of ``url`` (mobile preset, performance and accessibility)."""
    command = [str(CLI), url, f"--chrome-path={chromium}", "--output=json",
               "--output-path=stdout", "--quiet", "--only-categories=performance,accessibility",
               "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if done.returncode != 0:
        raise SystemExit(f"bench: lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def scores(url: str, chromium: str, runs: int = RUNS) -> dict[str, object]:
    """Median performance (0-100) of ``runs`` runs, every run's score, the lowest
    accessibility score, and the median of each metric."""
    reports = [run(url, chromium) for _ in range(runs)]
    performance = [round(100 * r["categories"]["performance"]["score"]) for r in reports]
    median = {name: statistics.median(r["audits"][audit]["numericValue"] for r in reports)
              for name, audit in METRICS.items()}
    return {"performance": statistics.median(performance), "performance_runs": performance,
            "accessibility": min(round(100 * r["categories"]["accessibility"]["score"])
                                 for r in reports),
            "fcp_s": round(median["fcp_s"] / 1000, 1), "lcp_s": round(median["lcp_s"] / 1000, 1),
            "tbt_ms": round(median["tbt_ms"]), "cls": round(median["cls"], 3)}
