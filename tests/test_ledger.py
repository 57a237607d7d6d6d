"""The filterable ledger table: every claim present, labelled controls, escaped text."""

from __future__ import annotations

import pandas as pd

import jingjinji as jj
from jingjinji.ledger_table import ledger_html


def test_every_claim_is_a_row():
    claims = jj.load().claims
    html = ledger_html(claims).data
    assert html.count("<tr data-theme=") == len(claims)
    assert "<label>Theme <select" in html and "<label>Verdict <select" in html


def test_text_is_escaped():
    row = {"claim": "x", "theme": "economy", "paragraph": "1", "printed": "<b>1</b>",
           "statement": "a & b", "verdict": "confirmed", "evidence": "e", "source": "s1;s2"}
    html = ledger_html(pd.DataFrame([row])).data
    assert "&lt;b&gt;1&lt;/b&gt;" in html and "a &amp; b" in html and "s1; s2" in html
