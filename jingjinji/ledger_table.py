"""The claims ledger as an HTML table that readers can filter by theme and verdict, offline."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

COLUMNS = {"paragraph": "¶", "theme": "Theme", "printed": "Printed", "statement": "Meant",
           "verdict": "Verdict", "evidence": "Evidence", "source": "Sources"}

STYLE = """<style>
.ledger-widget { overflow-x: auto; }
.ledger { font-size: 0.85em; border-collapse: collapse; }
.ledger td, .ledger th { vertical-align: top; padding: 0.3em 0.5em; text-align: left; }
.ledger tbody tr { border-top: 1px solid #ddd; }
.ledger td:nth-child(6) { min-width: 18em; }
.ledger td:nth-child(7) { overflow-wrap: anywhere; font-size: 0.9em; }
.ledger-controls { margin-bottom: 0.5em; }
</style>"""

SCRIPT = """<script>
(function () {
  var root = document.currentScript.parentElement;
  var selects = root.querySelectorAll("select");
  function apply() {
    var theme = selects[0].value, verdict = selects[1].value, shown = 0;
    root.querySelectorAll("tbody tr").forEach(function (row) {
      var ok = (!theme || row.dataset.theme === theme) &&
               (!verdict || row.dataset.verdict === verdict);
      row.hidden = !ok; shown += ok ? 1 : 0;
    });
    root.querySelector(".ledger-count").textContent = shown + " claims shown";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
</script>"""


def _options(values: list[str]) -> str:
    return "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)


def _cell(value: object, column: str) -> str:
    if pd.isna(value):
        return ""
    text = html.escape(str(value))
    return text.replace(";", "; ") if column in ("source", "paragraph") else text


def ledger_html(claims: pd.DataFrame) -> HTML:
    """A filterable table of the claims (all rows present; filtering only hides rows)."""
    themes, verdicts = sorted(claims["theme"].unique()), sorted(claims["verdict"].unique())
    controls = (
        '<div class="ledger-controls">'
        f'<label>Theme <select name="theme"><option value="">all</option>{_options(themes)}'
        '</select></label> '
        f'<label>Verdict <select name="verdict"><option value="">all</option>'
        f'{_options(verdicts)}</select></label> '
        '<span class="ledger-count" aria-live="polite"></span></div>'
    )
    head = "".join(f'<th scope="col">{title}</th>' for title in COLUMNS.values())
    rows = []
    for claim in claims.itertuples():
        cells = "".join(f"<td>{_cell(getattr(claim, column), column)}</td>" for column in COLUMNS)
        rows.append(f'<tr data-theme="{html.escape(claim.theme)}" '
                    f'data-verdict="{html.escape(claim.verdict)}">{cells}</tr>')
    table = (f'<table class="ledger"><caption>The article\'s quantitative claims, as printed and '
             f'as meant, with the verdict of the data</caption><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return HTML(f'<div class="ledger-widget">{STYLE}{controls}{table}{SCRIPT}</div>')
