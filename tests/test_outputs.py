"""Long outputs scroll inside their cell, wherever they are shown."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.display import HTML, Markdown

from jingjinji.outputs import MAX_HEIGHT, SCROLL_CLASS, scrolling


def test_a_long_output_is_a_focusable_named_region_that_scrolls():
    box = scrolling(HTML("<p>row</p>"), 'Claims "of" this chapter').data
    assert box.startswith(f'<div class="{SCROLL_CLASS}" tabindex="0" role="region" '
                          'aria-label="Claims &quot;of&quot; this chapter"')
    assert f"max-height: {MAX_HEIGHT}; overflow: auto;" in box
    assert box.endswith("<p>row</p></div>")


def test_markdown_and_tables_are_shown_as_html():
    listed = scrolling(Markdown("- `a` — **A** <https://example.org>\n- b"), "List").data
    assert listed.count("<li>") == 2 and '<a href="https://example.org">' in listed
    assert "<code>a</code>" in listed and "<strong>A</strong>" in listed
    rows = pd.DataFrame({"x": range(100)})
    for table in (rows, rows.style):  # every row, none elided at pandas' display limit
        assert scrolling(table, "Table").data.count("<tr") == 101
    assert "&lt;b&gt;" in scrolling(Markdown("a <b>note</b>"), "Text").data


def test_something_that_is_not_html_is_refused():
    with pytest.raises(TypeError, match="cannot show a int in a scrolling box"):
        scrolling(3, "Number")
