"""Sphinx extension: the book's edition on every page, and the address in each figure's cite line.

* Every page's footer names the book's version, release date, build date and repository, read
  from ``CITATION.cff`` (:mod:`jingjinji.citation`) by the ``extra-footer.html`` template.
* Each figure's cite line gets the figure's address: the page and anchor, under ``html_baseurl``
  when the book is published at one, else in the book beside its repository's address.
"""

from __future__ import annotations

import datetime
import os
import re

from sphinx.application import Sphinx

from jingjinji.citation import ADDRESS_CLASS, book

ADDRESS = re.compile(rf'<span class="{ADDRESS_CLASS}" data-anchor="([^"]+)"></span>')


def build_date() -> str:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch
              else datetime.datetime.now(datetime.UTC))
    return moment.date().isoformat()


def figure_address(page: str, anchor: str, base: str, repository: str) -> str:
    """The figure's address as the cite line shows it (a link to the figure)."""
    where = f"{page}.html#{anchor}"
    if base:
        return f'<a href="#{anchor}">{base.rstrip("/")}/{where}</a>'
    return f'<a href="#{anchor}">{where}</a> in <a href="{repository}">{repository}</a>'


def add_edition(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: object) -> None:
    """Give the page's template the book's edition; address the page's figures."""
    meta = book()
    context.update(book=meta, build_date=build_date())
    if "body" in context:
        context["body"] = ADDRESS.sub(
            lambda m: figure_address(pagename, m.group(1), app.config.html_baseurl,
                                     meta.repository), context["body"])


def setup(app: Sphinx) -> dict[str, object]:
    # Before the theme's handler, which renders each footer item to drop the empty ones.
    app.connect("html-page-context", add_edition, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
