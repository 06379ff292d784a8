"""The body map as a live widget: one FigureWidget, repainted by overlay updates.

Shared by the explorer and the self-check: each owns one :class:`BodyMapView`.
The figure may be shown in several places at once (the explorer and its compact
views); every place is a view of the same widget, so they always agree.
"""

from __future__ import annotations

from anatomy.engine.findings import Findings
from anatomy.model import Model
from anatomy.viz.body_map import body_map
from anatomy.viz.describe import map_description
from anatomy.viz.map_state import map_state, overlay
from anatomy.widgets.accessible import Accessible
from anatomy.widgets.figure_channel import Keeper, complete, live_figure, send_traces


class BodyMapView:
    """One FigureWidget of the body map and the overlay data it shows.

    Attributes
    ----------
    figure : plotly.graph_objects.FigureWidget
        Built already drawn with the first findings, so no update precedes its display.
    keeper : Keeper
        Keeps every browser view of the figure updating, and fits it to the room.
    drawn : list of dict
        The data of each animated trace as last sent (what every view shows).
    accessible : anatomy.widgets.accessible.Accessible
        Place it in the view (``base.frame``): it names the view's controls and gives
        the map its text alternative, kept current by :meth:`paint`.
    """

    def __init__(self, model: Model, first: Findings | None, presenter: bool = False):
        self.model = model
        self.presenter = presenter
        self.keeper = Keeper()  # first: see Keeper
        drawing = body_map(model, first, presenter=presenter, legend=False)
        self.accessible = Accessible(summary=drawing.alt)  # small: before the figure, too
        self.figure = self.keeper.keep(live_figure(drawing))
        self.drawn = overlay(model, first, presenter)
        self.animated = map_state(model, presenter).animated

    def paint(self, findings: Findings | None) -> bool:
        """Show these findings; one message if anything changed. Returns whether it sent.

        The message carries the whole overlay, so it stands on its own: a view
        that missed or dropped an earlier one is right again after this one.
        """
        data = overlay(self.model, findings, self.presenter)
        if data == self.drawn:
            return False
        self.drawn = data
        send_traces(self.figure, complete(data), self.animated)
        self.accessible.summary = self.figure_alt(findings)
        return True

    def figure_alt(self, findings: Findings | None) -> str:
        """What the map shows, in words (the plot's name for assistive technology)."""
        return map_description(self.model, findings)
