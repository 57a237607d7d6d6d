"""The book's citation: one source (CITATION.cff) for the figures' cite lines, the pages'
footers and the book's configuration."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from jingjinji import citation
from jingjinji.offline import chart_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

from book_citation import build_date, figure_address  # noqa: E402


def test_citation_cff_agrees_with_the_book_s_configuration():
    book = citation.book()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert book.short_title == config["title"]
    assert book.repository == config["repository"]["url"]
    assert book.license == "CC-BY-4.0"
    footer = config["sphinx"]["config"]["html_theme_options"]["extra_footer"]
    assert "CC BY 4.0" in footer
    assert book.authors == config["author"]


def test_a_figure_s_cite_line_names_it_the_book_and_the_edition():
    spec = {"title": {"text": ["PM2.5 fell", "by two-thirds"]}, "description": "d",
            "usermeta": {"figure": {"label": "Figure 1.1", "anchor": "fig-pm25"}}}
    html = chart_html(spec)
    book = citation.book()
    assert '<p class="jj-cite">' in html
    for part in ("“PM2.5 fell by two-thirds”", "Figure 1.1", f"version {book.version}",
                 f"({book.released})", 'data-anchor="fig-pm25"'):
        assert part in html


def test_the_address_is_the_page_s_under_a_base_url_or_beside_the_repository():
    assert figure_address("notebooks/01_ecology", "fig-pm25", "https://b.example/", "R") == (
        '<a href="#fig-pm25">https://b.example/notebooks/01_ecology.html#fig-pm25</a>')
    assert figure_address("notebooks/01_ecology", "fig-pm25", "", "https://r") == (
        '<a href="#fig-pm25">notebooks/01_ecology.html#fig-pm25</a> in '
        '<a href="https://r">https://r</a>')


def test_the_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    assert build_date() == "2025-12-01"
