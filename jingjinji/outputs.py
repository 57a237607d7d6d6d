"""Long outputs (tables, lists) that scroll inside their cell on screen, in the book and in
JupyterLab alike, and print in full (``_static/book.css``)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown
from markdown_it import MarkdownIt

#: The class of a scrolling box; the book's print stylesheet lets it grow to its full length.
SCROLL_CLASS = "scroll-box"
#: At most this much of the screen's height, so that the page around it stays in reach.
MAX_HEIGHT = "75vh"


def as_html(content: Any) -> str:
    """HTML of a table (every row: a plain DataFrame's own HTML stops at pandas' display limit),
    a styled table, or an HTML or a Markdown display object (text in the Markdown is never taken
    as HTML)."""
    if isinstance(content, pd.DataFrame):
        content = content.style
    if isinstance(content, Markdown):
        return MarkdownIt("commonmark", {"html": False}).render(content.data)
    if hasattr(content, "_repr_html_"):
        return content._repr_html_()
    raise TypeError(f"cannot show a {type(content).__name__} in a scrolling box")


def scrolling(content: Any, label: str) -> HTML:
    """``content`` in a box that scrolls within most of a screen's height: a focusable region
    named ``label``, so that keyboard and screen-reader users can reach and scroll it."""
    return HTML(f'<div class="{SCROLL_CLASS}" tabindex="0" role="region" '
                f'aria-label="{html.escape(label)}" '
                f'style="max-height: {MAX_HEIGHT}; overflow: auto;">{as_html(content)}</div>')
