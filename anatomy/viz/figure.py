"""How every figure of the atlas is shown: plotly.js options, and a text alternative.

A lecture tool must never send anything out. plotly.js 3.8 offers a "Share
chart…" button that uploads the figure to Plotly Cloud unless ``config`` turns
it off, and a logo that links to plotly.com; both, and the zoom, pan and select
tools a schematic map does not need, add tab stops. :data:`PLOTLY_CONFIG` is the
one set of options: no sharing, no logo, a modebar with only "Download
plot as a PNG" (kept: a student may save what they see).

Static figures are :class:`AtlasFigure`: a plotly Figure shown with that config
wherever it is displayed, which also carries ``alt``, a short text saying what
the figure shows. Displayed in a notebook it outputs the plotly JSON (drawn by
JupyterLab) and the text as ``text/plain`` (what a reader without plotly, or
with a screen reader, gets); ``tools/run_notebooks.py`` adds a PNG beside them
with the same text as its alt, for GitHub, nbviewer and the HTML export.
Live figures (FigureWidget) get the config from
:func:`anatomy.widgets.figure_channel.live_figure`.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

# plotly.js options for every figure: nothing is ever sent out, no logo, and a modebar
# trimmed to saving a picture (https://plotly.com/javascript/configuration-options/).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": [
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "toggleSpikelines",
        "sendDataToCloud",
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plotly_config() -> dict:
    """A fresh copy of :data:`PLOTLY_CONFIG` to hand to plotly, which may add to the dict
    it is given (plotly 6.0 adds ``plotlyServerURL``)."""
    return copy.deepcopy(PLOTLY_CONFIG)


class AtlasFigure(go.Figure):
    """A plotly Figure shown with :data:`PLOTLY_CONFIG` and described by ``alt``.

    Parameters
    ----------
    *args, **kwargs
        As for :class:`plotly.graph_objects.Figure`.
    alt : str
        What the figure shows, in a sentence or two (its text alternative).
    """

    def __init__(self, *args, alt: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not isinstance(alt, str):
            raise TypeError(f"alt must be a str, not {alt!r}")
        self._alt = alt

    @property
    def alt(self) -> str:
        """The figure's text alternative."""
        return self._alt

    def _repr_mimebundle_(self, include=None, exclude=None, validate=True, **kwargs):
        kwargs.setdefault("config", plotly_config())
        bundle = super()._repr_mimebundle_(include, exclude, validate, **kwargs)
        if self._alt:
            bundle["text/plain"] = self._alt
        return bundle

    # IPython then displays the bundle above (with the config and the text) and nothing
    # else: plotly's own display hook knows neither, and its HTML repr would write a
    # <script> that loads plotly.js from a CDN into the notebook.
    _ipython_display_ = None
    _repr_html_ = None

    def show(self, *args, **kwargs):
        """Show the figure, as :meth:`plotly.graph_objects.Figure.show`, with the config."""
        kwargs.setdefault("config", plotly_config())
        return super().show(*args, **kwargs)
