"""The site's pages are slimmed once written: no Font Awesome script, search scripts on the
search page only, no source maps."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from light_pages import slim_page, without_source_map  # noqa: E402

HEAD = """<script src="../_static/searchtools.js"></script>
<script src="../_static/language_data.js"></script>
<script src="../searchindex.js"></script>
<script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>
<script defer src="../_static/scripts/bootstrap.js?digest=55c2"></script>
"""


def test_a_chapter_loads_neither_font_awesome_nor_the_search_index():
    slim = slim_page(HEAD)
    assert slim == '<script defer src="../_static/scripts/bootstrap.js?digest=55c2"></script>\n'


def test_the_search_page_keeps_its_scripts():
    slim = slim_page(HEAD, search_page=True)
    assert "fontawesome" not in slim and "searchindex.js" in slim and "searchtools.js" in slim


def test_source_map_comments_are_dropped():
    assert without_source_map("a();\n//# sourceMappingURL=a.js.map") == "a();"
    assert without_source_map("b{}\n/*# sourceMappingURL=b.css.map */\n") == "b{}\n"
