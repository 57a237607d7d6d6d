"""A chapter's numbered figures: each chart is a figure with a number, a caption and an anchor,
and the prose refers to it by number, as a link in the book (``{eval}`fig["name"]```)."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FigureRef:
    """One figure: its label ("Figure 1.2") and the id of its element in the page."""

    label: str
    anchor: str

    def __str__(self) -> str:
        return self.label

    def _repr_html_(self) -> str:
        """A link to the figure, as the prose shows it."""
        return (f'<a class="jj-figref" href="#{html.escape(self.anchor)}">'
                f'{html.escape(self.label)}</a>')

    def _repr_markdown_(self) -> str:
        return self.label


class Figures(Mapping[str, FigureRef]):
    """The figures of a chapter, numbered in the order given (the order they appear).

    ``chapter`` prefixes the numbers ("Figure 2.3"); without it they are plain ("Figure 3").
    Names are what the prose uses: lower-case letters, digits and underscores.
    """

    def __init__(self, chapter: int | None, *names: str) -> None:
        if len(set(names)) != len(names):
            raise ValueError(f"a figure name is given twice: {list(names)}")
        bad = [n for n in names
               if not n or not all(c.islower() or c.isdigit() or c == "_" for c in n)]
        if bad:
            raise ValueError(f"figure names must be lower-case letters, digits and '_': {bad}")
        prefix = "" if chapter is None else f"{chapter}."
        self._figures = {name: FigureRef(f"Figure {prefix}{number}", f"fig-{name}")
                         for number, name in enumerate(names, start=1)}

    def __getitem__(self, name: str) -> FigureRef:
        if name not in self._figures:
            raise KeyError(f"no figure {name!r} in this chapter (declared: {list(self)})")
        return self._figures[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._figures)

    def __len__(self) -> int:
        return len(self._figures)
