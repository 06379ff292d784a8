"""What a *Try it* cell shows: the findings it chose, as a compact view of the same widget.

A course notebook shows its explorer once, near the top, and its *Try it* cells
change it from far below. So what those calls return
(:meth:`Explorer.select <anatomy.widgets.explorer.Explorer.select>`, the bend
explorer's ``pose`` and ``preset``) shows, in the cell, a compact view of the
same widget: the same figure, controls and summary, only new boxes around them.
There is one model and one figure in the browser, and every view shows its
current state: moving a control in a cell moves it everywhere.

Each view says what its cell chose and offers to show that again, because after
*Run All* every view shows the last cell's choice. Where the widget cannot run
(GitHub, nbviewer, a notebook reopened later), the cell shows what it chose in
words and tables instead.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, ClassVar

import ipywidgets as widgets
import pandas as pd

from anatomy.engine.findings import Findings
from anatomy.text.words import lesions_named, preset_words, strain_words
from anatomy.widgets import base
from anatomy.widgets.panels import strain_table_html, summary_html


def replay_row(chose: str, button_text: str, tooltip: str, on_click) -> widgets.HBox:
    """'This cell chose …' and a button that shows it again."""
    button = widgets.Button(description=button_text, tooltip=tooltip, layout=base.wide())
    button.on_click(lambda _: on_click())
    return base.row([widgets.HTML(f"<b>This cell chose</b> {html.escape(chose)}"), button])


@dataclass(frozen=True, eq=False, repr=False)
class Selection(Findings):
    """Findings an explorer was set to by a call; in a notebook, a compact view of it.

    Everything a Findings offers (``table``, ``lesions``, ``cite``...), plus the
    explorer and the call, to show them again.
    """

    explorer: Any = field(default=None)
    call: tuple = field(default=())

    @classmethod
    def made(cls, findings: Findings, explorer, call: tuple) -> Selection:
        return cls(
            findings.table,
            findings.lesions,
            findings.flag_rules,
            explorer=explorer,
            call=call,
        )

    def show_again(self) -> Findings:
        """Set the explorer back to what this call chose."""
        return self.explorer.replay(self.call)

    def view(self) -> widgets.Box:
        """A compact view of the explorer under this call's heading (new boxes each time)."""
        words = lesions_named(self.explorer.model, self)
        heading = replay_row(
            words, "Show it again", "Set the explorer back to this cell's choice", self.show_again
        )
        return self.explorer.compact(heading)

    def _fallback(self) -> tuple[str, str]:
        words = lesions_named(self.explorer.model, self)
        return (
            f"Explorer: {words}",
            f"<p><b>This cell chose</b> {html.escape(words)}</p>"
            + summary_html(self.explorer.model, self),
        )

    def _ipython_display_(self):
        base.show(self.view(), *self._fallback(), what="explorer")


class Strains(pd.Series):
    """Each nerve's strain in % after a pose; in a notebook, a compact view of the bend
    explorer, with the strains as a table (not pandas' raw listing)."""

    _metadata: ClassVar[list[str]] = ["bender", "call"]

    @property
    def _constructor(self):
        return pd.Series  # arithmetic on strains gives plain numbers, not another view

    def _fallback(self) -> tuple[str, str]:
        model = self.bender.model
        text = "\n".join(f"{model.label(n)}: {strain_words(v)}" for n, v in self.items())
        return text, strain_table_html(model, self)

    def _ipython_display_(self):
        base.show(self.bender.compact(self.call), *self._fallback(), what="bend explorer")


class Onset(float):
    """Where a test turns positive, in degrees; in a notebook, a compact view of the bend
    explorer with the leg put there."""

    @classmethod
    def made(cls, angle: float, bender, call: tuple) -> Onset:
        onset = cls(angle)
        onset.bender, onset.call = bender, call
        return onset

    def _fallback(self) -> tuple[str, str]:
        words = preset_words(*self.call[1])
        return words, f"<p>{html.escape(words)}</p>"

    def _ipython_display_(self):
        base.show(self.bender.compact(self.call), *self._fallback(), what="bend explorer")
