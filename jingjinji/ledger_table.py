"""The claims ledger as an HTML table that readers can filter by theme and verdict, offline.

The table fits the text column: fixed column widths with wrapping text on a wide column, and
below :data:`STACK_BELOW_PX` of width each claim becomes a block of labelled lines. Roles are set
on every element so the stacked table is still read as a table.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from jingjinji.claim_review import anchor
from jingjinji.outputs import scrolling
from jingjinji.rubric import BASIS_WORDS, VERDICT_WORDS, VERDICTS
from jingjinji.theme import VERDICT_COLORS

#: Column titles, in order; the ¶ cell also names the theme, the claim cell holds the meant
#: statement and the printed words, the evidence cell the data's comparison and the sources.
COLUMNS = {"where": "¶", "claim": "Claim", "verdict": "Verdict", "evidence": "Evidence"}
#: Text colour of the verdict badges (contrast at least 4.5:1 on every verdict colour).
BADGE_TEXT = "#111111"
#: Width of the text column below which each claim is shown as a block of labelled lines.
STACK_BELOW_PX = 560

_STACKED = """
.ledger, .ledger caption, .ledger tbody, .ledger tr, .ledger td { display: block; width: auto; }
.ledger thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.ledger tr[hidden] { display: none; }
.ledger tbody tr { padding: 0.4em 0; }
.ledger td { padding: 0.15em 0.2em; }
.ledger td::before { content: attr(data-label); display: block; font-weight: 600; }
.ledger td.ledger-where::before { display: inline; content: "¶ "; }
"""

_BADGES = "\n".join(f".ledger .ledger-badge-{verdict} {{ background: {colour}; }}"
                    for verdict, colour in zip(VERDICTS, VERDICT_COLORS, strict=True))

STYLE = f"""<style>
.ledger-widget {{ container-type: inline-size; max-width: 100%; }}
.ledger {{ width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 0.85em;
  margin: 0; }}
.ledger caption {{ caption-side: top; text-align: left; padding-bottom: 0.3em; }}
.ledger col.ledger-where {{ width: 4.6em; }}
.ledger col.ledger-claim {{ width: 34%; }}
.ledger col.ledger-verdict {{ width: 8.8em; }}
.ledger td, .ledger th {{ vertical-align: top; padding: 0.35em 0.45em; text-align: left;
  overflow-wrap: break-word; word-break: normal; }}
.ledger thead th {{ border-bottom: 2px solid #999; }}
.ledger tbody tr {{ border-top: 1px solid #ddd; }}
.ledger tr[hidden] {{ display: none; }}
.ledger .ledger-theme, .ledger .ledger-printed, .ledger .ledger-sources,
.ledger .ledger-basis {{ font-size: 0.88em; color: #444; }}
.ledger .ledger-printed, .ledger .ledger-computed, .ledger .ledger-sources {{ margin-top: 0.3em; }}
.ledger .ledger-label {{ font-weight: 600; }}
.ledger .ledger-badge {{ display: inline-block; padding: 0.05em 0.45em; border-radius: 0.8em;
  color: {BADGE_TEXT}; font-weight: 600; }}
{_BADGES}
.ledger-controls {{ margin-bottom: 0.5em; display: flex; flex-wrap: wrap; gap: 0.4em 1em; }}
/* The filters stay in reach while the ledger scrolls inside its cell. */
.scroll-box .ledger-controls {{ position: sticky; top: 0; z-index: 1; background: #fff;
  padding: 0.3em 0; margin-bottom: 0.2em; }}
@container (max-width: {STACK_BELOW_PX}px) {{ {_STACKED} }}
@supports not (container-type: inline-size) {{
  @media (max-width: {STACK_BELOW_PX + 40}px) {{ {_STACKED} }}
}}
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


def _options(values: list[str], words: dict[str, str] | None = None) -> str:
    words = words or {}
    return "".join(f'<option value="{html.escape(v)}">{html.escape(words.get(v, v))}</option>'
                   for v in values)


def _text(value: object) -> str:
    return "" if pd.isna(value) else html.escape(str(value))


def _breakable(ids: str) -> str:
    """Source ids, escaped, with a break opportunity after each underscore."""
    return ", ".join(html.escape(i).replace("_", "_<wbr>") for i in ids.split(";"))


def _cells(claim: pd.Series) -> dict[str, str]:
    """The inner HTML of each column for one claim."""
    where = (f'{_text(claim["paragraph"]).replace(";", "; ")}'
             f'<div class="ledger-theme">{_text(claim["theme"])}</div>')
    text = (f'<div>{_text(claim["statement"])}</div><div class="ledger-printed">'
            f'<span class="ledger-label">Printed:</span> “{_text(claim["printed"])}”</div>')
    verdict = claim["verdict"]
    badge = (f'<span class="ledger-badge ledger-badge-{html.escape(verdict)}">'
             f'{html.escape(VERDICT_WORDS.get(verdict, verdict))}</span>')
    basis = claim.get("basis")
    if isinstance(basis, str) and basis != "none":
        badge += f'<div class="ledger-basis">{html.escape(BASIS_WORDS.get(basis, basis))}</div>'
    evidence = f'<div>{_text(claim["evidence"])}</div>'
    comparison = claim.get("comparison")
    if isinstance(comparison, str) and comparison:
        evidence += (f'<div class="ledger-computed"><span class="ledger-label">In the data:'
                     f'</span> {html.escape(comparison)}</div>')
    if isinstance(claim["source"], str) and claim["source"]:
        evidence += (f'<div class="ledger-sources"><span class="ledger-label">Sources:</span> '
                     f'{_breakable(claim["source"])}</div>')
    return {"where": where, "claim": text, "verdict": badge, "evidence": evidence}


def ledger_html(claims: pd.DataFrame, reviews: str = "") -> HTML:
    """A filterable table of the claims (all rows present; filtering only hides rows), each row
    anchored at ``#claim-<id>``; ``reviews`` (the claims' JSON-LD) is placed with the table."""
    themes = sorted(claims["theme"].unique())
    verdicts = [v for v in VERDICTS if v in set(claims["verdict"])]
    controls = (
        '<div class="ledger-controls">'
        f'<label>Theme <select name="theme"><option value="">all</option>{_options(themes)}'
        '</select></label> '
        f'<label>Verdict <select name="verdict"><option value="">all</option>'
        f'{_options(verdicts, VERDICT_WORDS)}</select></label> '
        '<span class="ledger-count" aria-live="polite"></span></div>'
    )
    cols = "".join(f'<col class="ledger-{key}">' for key in COLUMNS)
    head = "".join(f'<th scope="col" role="columnheader">{title}</th>'
                   for title in COLUMNS.values())
    rows = []
    for _, claim in claims.iterrows():
        cells = "".join(f'<td role="cell" class="ledger-{key}" data-label="{COLUMNS[key]}">'
                        f'{inner}</td>' for key, inner in _cells(claim).items())
        rows.append(f'<tr role="row" data-theme="{html.escape(claim["theme"])}" '
                    f'data-verdict="{html.escape(claim["verdict"])}" '
                    f'id="{html.escape(anchor(claim["claim"]))}">{cells}</tr>')
    table = (f'<table class="ledger" role="table"><caption>The article\'s quantitative claims, '
             f'as printed and as meant, with the verdict of the rubric and its evidence'
             f'</caption><colgroup>{cols}</colgroup><thead role="rowgroup"><tr role="row">'
             f'{head}</tr></thead><tbody role="rowgroup">{"".join(rows)}</tbody></table>')
    widget = HTML(f'<div class="ledger-widget">{STYLE}{controls}{table}{SCRIPT}{reviews}</div>')
    return scrolling(widget, "The article's claims")
