"""One stylesheet per page, holding only the rules the site can use.

The theme's pages link ten stylesheets (one of them importing an eleventh), 537 KB in all, and
a browser draws nothing before it has every one. They are merged, in their order, into one file
(``@import`` inlined, relative ``url()`` rebased), and every rule whose selectors all name a
class that appears in no page and no script of the site is left out, as PurgeCSS does. Rules
without classes, at-rules other than conditional groups (``@font-face``, ``@keyframes``), and
selectors naming classes only inside ``:not()``/``:is()`` are kept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import tinycss2
from tinycss2 import ast

#: A stylesheet link of the theme's or Sphinx's templates.
LINK = re.compile(r'[ \t]*<link (?:rel="stylesheet" type="text/css" href="([^"]+)"|'
                  r'href="([^"]+)" rel="stylesheet") ?/>\n?')
IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']?([^"\')\s;]+)["\']?\s*\)?\s*;')
URL = re.compile(r'url\(\s*(["\']?)([^"\')]+)\1\s*\)')
#: Words of a page or script that may name a class (PurgeCSS's default extractor).
WORD = re.compile(r"[A-Za-z0-9_-]+")
#: At-rules whose block holds rules.
GROUPS = {"media", "supports", "layer", "container", "document"}


def used_words(texts: list[str]) -> set[str]:
    """Every word that may name a class in these pages and scripts."""
    return {word for text in texts for word in WORD.findall(text)}


def merged_css(files: list[Path], folder: Path) -> str:
    """The stylesheets' text, in order, as one file in ``folder``."""
    return "\n".join(_inlined(path, folder) for path in files)


def _inlined(path: Path, folder: Path) -> str:
    """A stylesheet with its imports inlined and its relative addresses rebased to ``folder``."""
    text = path.read_text(encoding="utf-8")
    text = IMPORT.sub(lambda m: _inlined(path.parent / m.group(1), folder), text)
    return URL.sub(lambda m: f"url({m.group(1)}{_rebased(m.group(2), path.parent, folder)}"
                             f"{m.group(1)})", text)


def _rebased(url: str, source: Path, folder: Path) -> str:
    if re.match(r"[a-z]+:|/|#", url):
        return url
    return os.path.relpath(os.path.normpath(source / url), folder).replace(os.sep, "/")


def purged(css: str, words: set[str]) -> str:
    """The stylesheet without the rules that can match nothing in the site."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(filter(None, (_kept(rule, words) for rule in rules)))


def _kept(rule: ast.Node, words: set[str]) -> str:
    """The rule as kept (its selectors that may match), or "" when none may."""
    if isinstance(rule, ast.QualifiedRule):
        selectors = [s for s in _selectors(rule.prelude) if _classes(s) <= words]
        if not selectors:
            return ""
        prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
        return f"{prelude}{{{tinycss2.serialize(rule.content).strip()}}}"
    if isinstance(rule, ast.AtRule) and rule.lower_at_keyword in GROUPS and rule.content:
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        body = "\n".join(filter(None, (_kept(r, words) for r in inner)))
        prelude = tinycss2.serialize(rule.prelude).strip()
        return f"@{rule.at_keyword} {prelude}{{{body}}}" if body else ""
    if isinstance(rule, ast.ParseError):
        return ""
    return rule.serialize()


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """A selector list split at its top-level commas."""
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _classes(selector: list[ast.Node]) -> set[str]:
    """The class names a selector requires (those outside its functional pseudo-classes)."""
    return {token.value for dot, token in zip(selector, selector[1:], strict=False)
            if isinstance(dot, ast.LiteralToken) and dot.value == "."
            and isinstance(token, ast.IdentToken)}


def stylesheet_links(page: str, page_path: Path) -> list[Path]:
    """The local stylesheets a page links, in order."""
    return [(page_path.parent / (a or b).split("?")[0]).resolve()
            for a, b in LINK.findall(page) if not re.match(r"[a-z]+:", a or b)]


def with_one_link(page: str, href: str) -> str:
    """The page linking only ``href`` where it linked its local stylesheets."""
    first = True

    def replace(match: re.Match[str]) -> str:
        nonlocal first
        if re.match(r"[a-z]+:", match.group(1) or match.group(2)):
            return match.group(0)
        keep, first = first, False
        return f'<link rel="stylesheet" href="{href}" />\n' if keep else ""

    return LINK.sub(replace, page)
