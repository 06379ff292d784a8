"""The one place that uses plotly's private FigureWidget API, behind a capability guard.

Three things need it (plotly 7.1, measured in ``docs/design.md``):

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
* **Many views, some gone.** A figure shown in several places (the explorer and
  its compact views in the *Try it* cells) has a view per place, and plotly's
  browser code never unsubscribes a view that was removed: at the next update
  it throws and every view made after it stops updating. :class:`Keeper` (a few
  lines of browser code, ``keeper.js``) runs each view's update on its own.

Bursts of updates (Run All sends one per cell, faster than the browser draws)
are safe by design: every message carries the whole overlay (an empty overlay
as one gap, the hover text of every panel), so any message repairs whatever an
earlier one left, and plotly.js queues the messages (``mode: afterall``) rather
than dropping one mid-way (``immediate`` rejects the dropped call's promise,
which nobody can catch, and leaves its traces undrawn).

At first use :func:`fast_path_available` checks that the private names exist. If
a plotly upgrade removed them, the widgets fall back to the public
``batch_animate`` (validated, slower) and warn once: an upgrade can cost speed,
never correctness.
"""

from __future__ import annotations

import warnings
from importlib import resources

import anywidget
import plotly.graph_objects as go
import traitlets

from anatomy.viz.figure import plotly_config

# Redraw the given traces, without a full redraw of the figure afterwards; a message that
# comes while one is drawn waits its turn (nothing is dropped).
REDRAW_TRACES_ONLY = {
    "frame": {"duration": 0, "redraw": False},
    "transition": {"duration": 0},
    "mode": "afterall",
}
PRIVATE_NAMES = ("_data", "_layout", "_send_animate_msg", "_widget_data", "_widget_layout")
CHECKED: dict[str, bool] = {}  # figure class -> whether the fast path is there


def fast_path_available(figure: go.FigureWidget) -> bool:
    """Whether this plotly's FigureWidget has the private names the fast path uses.

    Checked on the first figure, once per process (a probe figure of its own
    would send the browser a second 5 MB bundle); warns once when it does not.
    """
    # by name: plotly may hand out a new FigureWidget class on each lookup
    kind = f"{type(figure).__module__}.{type(figure).__qualname__}"
    if kind not in CHECKED:
        missing = [name for name in PRIVATE_NAMES if not hasattr(figure, name)]
        if missing:
            warnings.warn(
                f"plotly's FigureWidget lacks {', '.join(missing)}: the body map updates "
                "through the public batch_animate instead (correct, but slower)",
                RuntimeWarning,
                stacklevel=2,
            )
        CHECKED[kind] = not missing
    return CHECKED[kind]


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
    if fast_path_available(figure):
        figure._widget_layout = figure._layout
        figure._widget_data = figure._data


def complete(data: list[dict]) -> list[dict]:
    """The whole overlay as one message: every trace's data, an empty one as a gap.

    A trace with no data at all is hidden by plotly.js and skipped by its
    partial redraw, which would leave its old drawing on screen; with one gap
    (``None``) it is redrawn, as nothing. Nothing depends on an earlier
    message having arrived or been drawn.
    """
    return [{**d, "x": [None], "y": [None]} if "x" in d and not d["x"] else d for d in data]


class Keeper(anywidget.AnyWidget):
    """The figure's helper in the browser (``keeper.js``, a few lines).

    * Once per page it makes every view of its FigureWidget (``figure``, set by
      :meth:`keep`) take each update, even after another view was removed;
      ``guarding`` turns True when it has started there.
    * Placed, invisible, in each frame that shows the figure (one view per
      frame), it scales the figure to the room: :mod:`anatomy.widgets.base`.

    Make it before the figure: anywidget gives each model 2 s to start, and a
    page that is busy loading plotly's 5 MB would keep a later small one waiting.
    """

    _esm = resources.files("anatomy.widgets").joinpath("keeper.js").read_text()
    figure = traitlets.Unicode().tag(sync=True)
    guarding = traitlets.Bool(False).tag(sync=True)

    def keep(self, figure: go.FigureWidget) -> go.FigureWidget:
        """Guard this figure's views; returns it."""
        self.figure = figure.model_id
        return figure


def send_traces(figure: go.FigureWidget, data: list[dict], traces: list[int]) -> None:
    """Replace some traces' data in a FigureWidget: its Python state and every browser view.

    Sends one ``animate`` message with no transition and no redraw after it, so
    plotly.js redraws only these traces (``traces`` must be a contiguous block,
    in drawing order). The values, our own lists and texts, go into the figure's
    own property dicts; a test checks the result equals plotly's validated path.
    """
    if fast_path_available(figure):
        for index, values in zip(traces, data, strict=True):
            figure._data[index].update(values)
        figure._send_animate_msg(data, None, list(traces), REDRAW_TRACES_ONLY)
        return
    with figure.batch_animate(duration=0, easing="linear"):
        for index, values in zip(traces, data, strict=True):
            if values:
                figure.data[index].update(values)
