"""The site's pages are slimmed once written: icons as inline SVG, one purged stylesheet,
deferred scripts, search scripts on the search page only, no source maps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from icons import icon_svg, inline_icons, solid_icons  # noqa: E402
from light_pages import FONTAWESOME_JS, slim_page, without_source_map  # noqa: E402
from stylesheets import merged_css, purged, used_words, with_one_link  # noqa: E402

HEAD = """<script src="../_static/searchtools.js"></script>
<script src="../_static/language_data.js"></script>
<script src="../searchindex.js"></script>
<script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>
<script defer src="../_static/scripts/bootstrap.js?digest=55c2"></script>
"""


def test_a_chapter_loads_neither_font_awesome_nor_the_search_index():
    slim = slim_page(HEAD)
    assert slim == '<script defer src="../_static/scripts/bootstrap.js?digest=55c2"></script>\n'


def test_the_search_page_keeps_its_scripts_deferred_in_their_order():
    slim = slim_page(HEAD, search_page=True)
    assert "fontawesome" not in slim
    assert slim.index('<script defer src="../_static/searchtools.js">') < slim.index(
        '<script defer src="../searchindex.js">')


def test_scripts_are_deferred_but_inline_typed_and_remote_ones_are_left_alone():
    page = ('<script src="a.js?v=1"></script><script data-x="y" src="b.js"></script>'
            "<script>let a = 1;</script><script async=\"async\" src=\"c.js\"></script>"
            '<script type="module" src="d.js"></script><script src="https://e/f.js"></script>')
    slim = slim_page(page)
    assert '<script defer src="a.js?v=1">' in slim
    assert '<script defer data-x="y" src="b.js">' in slim
    for kept in ("<script>let a = 1;", 'async="async" src="c.js"', 'type="module" src="d.js"',
                 '<script src="https://e/f.js">'):
        assert kept in slim


def test_a_page_loads_the_copy_button_s_scripts_only_with_code_to_copy():
    page = ('<script src="../_static/clipboard.min.js?v=a"></script>\n'
            '<script src="../_static/copybutton.js?v=f"></script>\n'
            '<script src="../_static/togglebutton.js?v=b"></script>\n'
            '<script data-x="x" src="../_static/design-tabs.js?v=c"></script>\n'
            '<button class="sidebar-toggle"></button>')
    assert slim_page(page) == '<button class="sidebar-toggle"></button>'
    with_code = slim_page(page + '<div class="highlight"><pre>1</pre></div>')
    assert with_code.startswith('<script defer src="../_static/clipboard.min.js?v=a"></script>\n'
                                '<script defer src="../_static/copybutton.js?v=f"></script>\n<b')


def test_the_header_s_hidden_sidebar_buttons_are_left_out():
    shown = '<button class="sidebar-toggle primary-toggle">x</button>'
    page = ('<header>\n  <button class="pst-navbar-icon sidebar-toggle primary-toggle" '
            'aria-label="Site navigation">\n    <svg></svg>\n  </button>\n</header>\n' + shown)
    assert slim_page(page) == "<header>\n</header>\n" + shown



def test_thebe_is_left_out():
    page = ('<link rel="stylesheet" type="text/css" href="../_static/sphinx-thebe.css?v=4" />\n'
            '<script async="async" src="../_static/sphinx-thebe.js?v=c1"></script>\n')
    assert slim_page(page) == ""


def test_source_map_comments_are_dropped():
    assert without_source_map("a();\n//# sourceMappingURL=a.js.map") == "a();"
    assert without_source_map("b{}\n/*# sourceMappingURL=b.css.map */\n") == "b{}\n"


def test_icons_become_inline_svg_from_the_theme_s_own_icon_data():
    icons = solid_icons(FONTAWESOME_JS.read_text(encoding="utf-8"))
    page = inline_icons('<button><i class="fa-solid fa-magnifying-glass fa-lg"></i></button>'
                        '<span class="fa-solid fa-bars" aria-hidden="true"></span>', icons)
    assert "<i " not in page and "<span" not in page
    assert ('<svg class="svg-inline--fa fa-solid fa-magnifying-glass fa-lg" aria-hidden="true"'
            in page)
    assert 'viewBox="0 0 448 512"' in page and page.count('aria-hidden="true"') == 2


def test_an_unknown_icon_is_a_clear_error():
    with pytest.raises(ValueError, match="fa-nothing"):
        icon_svg("fa-solid fa-nothing", "", {"bars": (448, 512, "M0")})


def test_unused_rules_are_purged_and_the_rest_kept_in_order():
    css = ("a{color:red}.used,.unused{margin:0}.unused .used{x:1}.used:not(.unused){y:2}"
           "@media (min-width:1px){.unused{z:3}.used>p{z:4}}@media print{.unused{z:5}}"
           "@font-face{font-family:F}")
    assert purged(css, used_words(['<p class="used">'])) == (
        "a{color:red}\n.used{margin:0}\n.used:not(.unused){y:2}\n"
        "@media (min-width:1px){.used>p{z:4}}\n@font-face{font-family:F}")


def test_merged_stylesheets_inline_imports_and_rebase_addresses(tmp_path):
    styles = tmp_path / "_static" / "styles"
    styles.mkdir(parents=True)
    (tmp_path / "_static" / "basic.css").write_text("p{}")
    (styles / "theme.css").write_text('@import "../basic.css";\n'
                                      'i{src:url("../fonts/a.woff2")}b{src:url(data:x)}')
    merged = merged_css([styles / "theme.css"], tmp_path / "_static")
    assert merged == 'p{}\ni{src:url("fonts/a.woff2")}b{src:url(data:x)}'


def test_a_page_links_one_stylesheet_where_it_linked_its_own():
    page = ('<link href="../_static/a.css?d=1" rel="stylesheet" />\n'
            '    <link rel="stylesheet" type="text/css" href="../_static/b.css?v=2" />\n'
            '<link rel="stylesheet" type="text/css" href="https://cdn/c.css" />\n')
    assert with_one_link(page, "../_static/site-1.css") == (
        '<link rel="stylesheet" href="../_static/site-1.css" />\n'
        '<link rel="stylesheet" type="text/css" href="https://cdn/c.css" />\n')
