"""The filterable ledger table: every claim present, labelled controls, words and badges for
verdicts, escaped text, and a layout that fits the text column."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import jingjinji as jj
from jingjinji import claims, rubric, theme
from jingjinji.ledger_table import BADGE_TEXT, ledger_html

ROW = {"claim": "x", "theme": "economy", "paragraph": "1", "printed": "<b>1</b>",
       "statement": "a & b", "verdict": "not_checkable", "basis": "none", "evidence": "e",
       "source": "s_one;s_two", "comparison": None}


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return claims.reading_order(claims.ledger(jj.load()))


def test_every_claim_is_a_row(ledger):
    html = ledger_html(ledger).data
    assert html.count("<tr role=\"row\" data-theme=") == len(ledger)
    assert "<label>Theme <select" in html and "<label>Verdict <select" in html


def test_the_table_is_accessible(ledger):
    html = ledger_html(ledger).data
    assert "<table" in html and "<caption>" in html
    assert html.count('<th scope="col"') == 4
    assert "table-layout: fixed" in html


def test_verdicts_are_words_in_coloured_badges():
    html = ledger_html(pd.DataFrame([ROW])).data
    assert '<span class="ledger-badge ledger-badge-not_checkable">not checkable</span>' in html
    assert '<option value="not_checkable">not checkable</option>' in html
    assert ">not_checkable<" not in html
    for verdict, colour in zip(rubric.VERDICTS, theme.VERDICT_COLORS, strict=True):
        assert f".ledger-badge-{verdict} {{ background: {colour}; }}" in html


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", theme.VERDICT_COLORS)
def test_badge_text_is_legible_on_every_colour(colour):
    low, high = sorted([_luminance(colour), _luminance(BADGE_TEXT)])
    assert (high + 0.05) / (low + 0.05) >= 4.5


def test_text_is_escaped():
    html = ledger_html(pd.DataFrame([ROW])).data
    assert "&lt;b&gt;1&lt;/b&gt;" in html and "a &amp; b" in html
    assert re.search(r"s_<wbr>one, s_<wbr>two", html)


#: Widths of the text column: a 390 px phone (less the page's padding) and the book's column at
#: 1280 px and on wider or narrower windows.
WIDTHS = [358, 480, 600, 660, 760, 900]

PROBE = """() => {
  const widget = document.querySelector('.ledger-widget');
  const table = widget.querySelector('table');
  const cells = [...table.querySelectorAll('td, th')].filter(c => c.offsetParent !== null);
  return {container: widget.clientWidth, table: table.getBoundingClientRect().width,
          cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length};
}"""


def test_the_ledger_fits_the_text_column(browser, ledger):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    widget = ledger_html(ledger).data
    try:
        for width in WIDTHS:
            page.set_content(f'<div class="cell_output" style="width:{width}px">{widget}</div>')
            box = page.evaluate(PROBE)
            assert box["table"] <= box["container"] + 1, (width, box)
            assert box["cut"] == 0, (width, box)
    finally:
        page.close()
