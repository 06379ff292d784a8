"""The lecture view: the explorer, the bend explorer and the self-check, as tabs, no code.

For a lecturer in JupyterLab's presentation mode or in Voila: one screen, large
type, and everything the course's widgets do behind three tabs. The bend
explorer follows the explorer's lesion. The two later tabs are built when first
opened, so the page loads one figure, not three (each costs its browser a
second or so of start-up).
"""

from __future__ import annotations

import ipywidgets as widgets

from anatomy.model import Model
from anatomy.text.citations import CitationLog
from anatomy.widgets import base
from anatomy.widgets.bend import BendExplorer
from anatomy.widgets.explorer import Explorer
from anatomy.widgets.self_check import SelfCheck

TABS = ("Explorer", "Bend the knee", "Self-check")


class Lecture:
    """Tabs of the explorer, the bend explorer and the self-check, for a projector.

    Attributes
    ----------
    explorer : Explorer
    bender : BendExplorer or None
        Built when its tab is first opened (or when asked for: :meth:`open`).
    quiz : SelfCheck or None
        Likewise.
    tabs : ipywidgets.Tab
    """

    def __init__(self, model: Model, seed: int = 2026, n: int = 6, log: CitationLog | None = None):
        self.model, self.seed, self.n, self.log = model, seed, n, log
        self.explorer = Explorer(model, presenter=True, log=log)
        self.bender: BendExplorer | None = None
        self.quiz: SelfCheck | None = None
        waiting = [widgets.HTML(f"<p>Opening the {name.lower()}…</p>") for name in TABS[1:]]
        self.tabs = widgets.Tab(children=[self.explorer.widget, *waiting], titles=TABS)
        self.tabs.add_class("anatomy-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.widget = widgets.VBox([base.style_widget(True), self.tabs])

    def open(self, tab: str):
        """Show a tab ("Explorer", "Bend the knee" or "Self-check") and return its widget."""
        if tab not in TABS:
            raise ValueError(f"unknown tab {tab!r}; valid: {', '.join(TABS)}")
        self.tabs.selected_index = TABS.index(tab)
        return self._built(TABS.index(tab))

    def _on_tab(self, change) -> None:
        if change["new"] is None:
            return
        if change["new"] == 1 and self.bender is not None:
            self.bender.follow()  # the explorer may have moved on
        self._built(change["new"])

    def _built(self, index: int):
        if index == 1 and self.bender is None:
            self.bender = BendExplorer(
                self.model, explorer=self.explorer, presenter=True, log=self.log
            )
            self._place(1, self.bender.widget)
        if index == 2 and self.quiz is None:
            self.quiz = SelfCheck(self.model, self.n, self.seed, presenter=True, log=self.log)
            self._place(2, self.quiz.widget)
        return (self.explorer, self.bender, self.quiz)[index]

    def _place(self, index: int, widget) -> None:
        children = list(self.tabs.children)
        children[index] = widget
        self.tabs.children = children
        self.tabs.titles = TABS

    def _ipython_display_(self):
        text, tables = self.explorer._fallback()
        base.show(self.widget, f"Lecture view. {text}", tables, what="lecture view")
