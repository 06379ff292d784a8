"""How course content shows: a Table (every word, no index) and a Card (HTML and text)."""

from __future__ import annotations

import pandas as pd


class Table(pd.DataFrame):
    """A DataFrame that shows every word of its cells and no index, for teaching."""

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            return self.to_html(index=False, border=0, escape=True)

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
