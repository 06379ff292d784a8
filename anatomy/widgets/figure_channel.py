"""The one place that uses plotly's private FigureWidget API, behind a capability guard.

Two things need it (plotly 7.1, measured in ``docs/design.md``):

* **Partial redraws.** ``update``, ``restyle`` and ``relayout`` messages make the
  browser redraw the whole figure (the widget's front end adds a private key that
  plotly.js answers with a full recalculation); an ``animate`` message with no
  redraw after it repaints only the traces it names. :func:`send_traces` writes the
  new values into the figure's own property dicts (no validation: 0.3 ms instead
  of about 6 ms) and sends one such message.
* **Late views.** FigureWidget syncs its whole state only at construction; a view
  that connects later (Voila) would miss every update. :func:`share_state` points
  the synced traits at the live property dicts.
* **The plotly.js config.** FigureWidget has no public way to pass one; its synced
  ``_config`` trait is what its front end hands to plotly.js. :func:`live_figure`
  sets it to :data:`anatomy.viz.figure.PLOTLY_CONFIG` (no "Share chart…", no
  logo), and warns if a plotly upgrade removed the trait.

At first use :func:`fast_path_available` checks that the private names exist. If
a plotly upgrade removed them, the widgets fall back to the public
``batch_animate`` (validated, slower) and warn once: an upgrade can cost speed,
never correctness.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import plotly.graph_objects as go

from anatomy.viz.figure import plotly_config

# Redraw the given traces at once, without a full redraw of the figure afterwards.
REDRAW_TRACES_ONLY = {
    "frame": {"duration": 0, "redraw": False},
    "transition": {"duration": 0},
    "mode": "immediate",
}
PRIVATE_NAMES = ("_data", "_layout", "_send_animate_msg", "_widget_data", "_widget_layout")


@lru_cache(maxsize=1)
def fast_path_available() -> bool:
    """Whether this plotly's FigureWidget has the private names the fast path uses.

    Checked once per process; warns once when it does not.
    """
    probe = go.FigureWidget()
    missing = [name for name in PRIVATE_NAMES if not hasattr(probe, name)]
    if missing:
        warnings.warn(
            f"plotly's FigureWidget lacks {', '.join(missing)}: the body map updates through "
            "the public batch_animate instead (correct, but slower)",
            RuntimeWarning,
            stacklevel=2,
        )
    return not missing


def live_figure(figure: go.Figure) -> go.FigureWidget:
    """The FigureWidget a view shows: the figure, with the atlas's plotly.js config and
    its synced state shared with late views (:func:`share_state`)."""
    widget = go.FigureWidget(figure)
    if "_config" in widget.trait_names():
        widget._config = plotly_config()
    else:
        warnings.warn(
            "plotly's FigureWidget has no _config trait: the figure keeps plotly's default "
            "modebar, whose 'Share chart' button uploads it to Plotly Cloud",
            RuntimeWarning,
            stacklevel=2,
        )
    share_state(widget)
    return widget


def share_state(figure: go.FigureWidget) -> None:
    """Let the widget's synced state be the figure's live property dicts.

    Assigning equal values sends no message; later views read the current state.
    Without the private names this does nothing (late views then show the figure
    as it was built).
    """
    if fast_path_available():
        figure._widget_layout = figure._layout
        figure._widget_data = figure._data


def to_send(old: dict, new: dict) -> dict:
    """What to send for a trace that had ``old`` data and gets ``new``.

    * Hover text that did not change: nothing (``{}``). The trace keeps its
      text; it is still redrawn, which keeps the block in drawing order.
    * An overlay that drew something and now has nothing: one gap (``None``).
      A trace with no data at all is hidden by plotly.js and skipped by its
      partial redraw, which would leave its old drawing on screen; with a gap
      it is redrawn once, as nothing. Overlays that stay empty stay hidden and
      cost nothing.
    * Otherwise all of the new data, as it is.
    """
    if "hovertext" in new and new == old:
        return {}
    if "x" in new and not new["x"] and any(v is not None for v in old.get("x", ())):
        return {**new, "x": [None], "y": [None]}
    return new


def send_traces(figure: go.FigureWidget, data: list[dict], traces: list[int]) -> None:
    """Replace some traces' data in a FigureWidget: its Python state and every browser view.

    Sends one ``animate`` message with no transition and no redraw after it, so
    plotly.js redraws only these traces (``traces`` must be a contiguous block,
    in drawing order). The values, our own lists and texts, go into the figure's
    own property dicts; a test checks the result equals plotly's validated path.
    """
    if fast_path_available():
        for index, values in zip(traces, data, strict=True):
            figure._data[index].update(values)
        figure._send_animate_msg(data, None, list(traces), REDRAW_TRACES_ONLY)
        return
    with figure.batch_animate(duration=0, easing="linear"):
        for index, values in zip(traces, data, strict=True):
            if values:
                figure.data[index].update(values)
