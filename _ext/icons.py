"""The theme's Font Awesome icons drawn as inline SVG when the site is written.

The theme marks an icon as ``<i class="fa-solid fa-bars"></i>`` and draws it either with its
icon script (1.5 MB, every icon as JavaScript) or with the icon font (156 KB). Each such element
becomes the SVG that script would draw, taken from the icon data of the script itself, so that a
page loads neither.
"""

from __future__ import annotations

import html
import re

#: The call that registers the solid icon pack: ``d("fas",p),d("fa-solid",p)``.
SOLID_PACK = re.compile(r'\("fas",([\w$]+)\),[\w$]+\("fa-solid",\1\)')
#: One icon of a pack: ``bars:[448,512,["navicon"],"f0c9","M0 96C0 ..."]``.
ICON = re.compile(r'(?:"([\w-]+)"|([\w-]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]')
#: An icon element of the theme's templates.
ELEMENT = re.compile(r'<(i|span) class="(fa-solid [^"]*)"([^>]*)></\1>')
SVG_CLASS = "svg-inline--fa"

Icon = tuple[int, int, str]


def solid_icons(script: str) -> dict[str, Icon]:
    """Each solid icon's width, height and path, by name, read from the Font Awesome script."""
    call = SOLID_PACK.search(script)
    start = -1 if call is None else script.rfind(f"{call.group(1)}={{", 0, call.start())
    if call is None or start < 0:
        raise ValueError("fontawesome.js: no solid icon pack found (has the theme changed?)")
    return {quoted or bare: (int(width), int(height), path) for quoted, bare, width, height, path
            in ICON.findall(script, start, call.start())}


def icon_svg(classes: str, attributes: str, icons: dict[str, Icon]) -> str:
    """The inline SVG of the icon named among ``classes``, keeping the element's classes and
    attributes (and hidden from assistive technology, as the icon script hides it)."""
    names = [name[3:] for name in classes.split() if name.startswith("fa-")]
    found = [name for name in names if name in icons]
    if not found:
        raise ValueError(f"no solid Font Awesome icon among the classes {classes!r}")
    width, height, path = icons[found[0]]
    hidden = "" if "aria-hidden" in attributes else ' aria-hidden="true"'
    return (f'<svg class="{SVG_CLASS} {html.escape(classes)}"{attributes}{hidden} '
            f'focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<path fill="currentColor" d="{path}"/></svg>')


def inline_icons(page: str, icons: dict[str, Icon]) -> str:
    """The page with every Font Awesome icon element drawn as inline SVG."""
    return ELEMENT.sub(lambda m: icon_svg(m.group(2), m.group(3), icons), page)
