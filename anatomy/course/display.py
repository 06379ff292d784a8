"""How course content shows: a Table (every word, no index) and a Card (HTML and text)."""

from __future__ import annotations

import re

import pandas as pd

CELL = re.compile(r"<tr[^>]*>|<t[dh][^>]*>")


class Table(pd.DataFrame):
    """A DataFrame that shows every word of its cells and no index, for teaching.

    Text reads from the left and numbers line up on the right: each cell says
    so itself, because JupyterLab right-aligns every cell of a table.
    """

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            page = self.to_html(index=False, border=0, escape=True)
        sides = [
            "right" if pd.api.types.is_numeric_dtype(dtype) else "left" for dtype in self.dtypes
        ]
        column = 0

        def aligned(match: re.Match) -> str:
            nonlocal column
            tag = match.group(0)
            if tag.startswith("<tr"):
                column = 0
                return tag
            side = sides[column] if column < len(sides) else "left"
            column += 1
            return f'{tag[:3]} style="text-align: {side};"{tag[3:]}'

        return CELL.sub(aligned, page)

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            return self.to_string(index=False)


class Card:
    """A small piece of course content: HTML in a notebook, plain text elsewhere."""

    def __init__(self, html_text: str, text: str):
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__
