"""What every widget shares: the stylesheet, the fitting of figures, controls, the display.

The three widgets (explorer, bend, self-check) are built from these pieces so
that each control, message and fallback looks and behaves the same everywhere.

Sizes. Every text of a widget takes the mode's font size (``theme.WIDGET_FONT``:
20 px for a presenter): the stylesheet sets ipywidgets' own size variables on
the widget's frame, so labels, buttons, drop-downs, sliders and the HTML panels
(whose ``.widget-html-content`` otherwise keeps ipywidgets' 13 px) all follow.
Rows of controls wrap rather than squeeze. A figure sits in a box that the
widget's :class:`~anatomy.widgets.figure_channel.Keeper` scales to the room
(``keeper.js``: to the width its row leaves it and, for a presenter, to the
height of the screen below the controls; a CSS transform, which plotly.js
allows for when placing hover labels).

Display. A notebook saved with a widget's output keeps a view of a widget that
is gone when the notebook is reopened, and JupyterLab then shows "Error
displaying widget: model not found". So each widget is shown as two outputs:
its words and tables (what GitHub, nbviewer and a reopened notebook show, with
a line saying to run the cell), then the live widget. A rule in the first hides
it while the widget beside it is live, and hides the second while it is not.
"""

from __future__ import annotations

import contextlib

import ipywidgets as widgets
from IPython.display import display

from anatomy.viz import theme
from anatomy.widgets.accessible import Accessible

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FALLBACK_STYLE = """<style>
.jp-OutputArea-child:has(.anatomy-fallback):has(+ .jp-OutputArea-child .anatomy-explorer) {
  display: none; }
.jp-OutputArea-child:has(.anatomy-fallback) + .jp-OutputArea-child:not(:has(.anatomy-explorer)) {
  display: none; }
.anatomy-fallback td, .anatomy-fallback th { text-align: left; vertical-align: top; }
.anatomy-fallback .anatomy-number { text-align: right; }
</style>"""
RUN_AGAIN = "Run the cell to bring the {what} back."

_STYLE = """<style>
.anatomy-explorer { font-size: FONTpx; --jp-widgets-font-size: FONTpx;
  --jp-widgets-inline-height: HEIGHTpx; --jp-widgets-inline-label-width: auto; }
.anatomy-explorer .widget-html-content, .anatomy-explorer .widget-html,
.anatomy-explorer .widget-label, .anatomy-explorer .widget-toggle-button,
.anatomy-explorer select, .anatomy-explorer .widget-readout, .anatomy-explorer button,
.anatomy-explorer .widget-radio-box label { font-size: FONTpx; }
.anatomy-explorer .widget-html-content { line-height: 1.35; }
.jupyter-widgets.widget-tab.anatomy-tabs > .lm-TabBar .lm-TabBar-tab { font-size: FONTpx;
  flex: 0 0 auto; max-width: none; min-height: calc(FONTpx * 1.8);
  line-height: calc(FONTpx * 1.6); }
.anatomy-tabs .lm-TabBar, .anatomy-tabs .widget-tab-bar { min-height: calc(FONTpx * 1.9); }
.anatomy-row { flex-wrap: wrap; align-items: center; column-gap: 12px; row-gap: 2px; }
.anatomy-row > * { flex: 0 0 auto; max-width: 100%; }
.anatomy-explorer .widget-hslider .slider-container { min-width: SLIDERpx; }
.anatomy-explorer .widget-toggle-buttons { display: flex; align-items: center; gap: 0 6px; }
.anatomy-explorer .widget-dropdown > select { min-width: 4em; }
.anatomy-explorer .widget-toggle-buttons .widget-toggle-button { width: auto;
  padding: 0 0.6em; }
.anatomy-explorer .widget-button { width: auto; padding: 0 0.8em; }
.anatomy-figure { flex: 0 0 auto; overflow: hidden; }
.anatomy-figure > * { transform: scale(var(--anatomy-scale, 1)); transform-origin: 0 0;
  width: max-content; height: max-content; flex: none; margin: 0; }
.anatomy-fit { width: 0; height: 0; overflow: hidden; margin: 0; }
.anatomy-body { column-gap: 16px; align-items: flex-start; }
.anatomy-aside { flex: 1 1 ASIDEpx; min-width: ASIDEpx; overflow-y: auto;
  max-height: var(--anatomy-aside-height, none); }
.anatomy-aside > *, .anatomy-aside > .widget-vbox > * { flex: 0 0 auto; }
.anatomy-panels { flex-wrap: wrap; column-gap: 16px; }
.anatomy-panels > .anatomy-panel { flex: 1 1 460px; min-width: min(460px, 100%); }
.anatomy-panel { max-height: PANELpx; overflow-y: auto; padding-right: 6px; }
.anatomy-explorer.presenter .anatomy-panel { max-height: none; overflow: visible; }
.anatomy-explorer.presenter .anatomy-source, .anatomy-explorer.presenter .anatomy-path {
  font-size: FONTpx; }
.anatomy-explorer h4 { font-size: 1.1em; margin: 0.4em 0; }
.anatomy-findings { border-collapse: collapse; width: 100%; }
.anatomy-findings th, .anatomy-findings td { border-bottom: 1px solid TABLE_RULE; padding: 2px 6px;
  text-align: left; vertical-align: top; }
.anatomy-findings td.anatomy-number, .anatomy-findings th.anatomy-number { text-align: right; }
.anatomy-path { font-size: 0.85em; color: MUTED; overflow-wrap: break-word; }
.anatomy-swatch { display: inline-block; width: 1.1em; height: 0.8em; margin-right: 0.3em;
  vertical-align: baseline; border: 1px solid SWATCH_LINE; box-sizing: border-box; }
.anatomy-swatch.diamond { width: 0.7em; height: 0.7em; transform: rotate(45deg);
  margin: 0 0.45em 0 0.15em; }
.anatomy-swatch.line { height: 0.22em; border: 0; vertical-align: middle; width: 1.8em; }
.anatomy-legend { margin: 0.3em 0; }
.anatomy-legend span.anatomy-key { white-space: nowrap; margin-right: 0.9em; }
.anatomy-citations blockquote { margin: 0.2em 0 0.1em 0; padding-left: 0.6em;
  border-left: 3px solid QUOTE_RULE; font-style: italic; }
.anatomy-source { font-size: 0.85em; color: MUTED; }
.anatomy-correction { background: CORRECTION_GROUND; border-left: 3px solid CORRECTION_RULE;
  padding: 2px 6px; margin: 0.2em 0 0.5em 0; }
.anatomy-error { background: ERROR_GROUND; border-left: 4px solid ERROR_RULE; padding: 4px 8px; }
.anatomy-grade { font-weight: bold; margin-left: 1em; }
.anatomy-case { background: CASE_GROUND; border-left: 4px solid CASE_RULE; padding: 2px 8px;
  margin-bottom: 0.5em; }
.anatomy-feedback { padding: 2px 8px; margin: 0.3em 0; }
.anatomy-feedback.right { background: RIGHT_GROUND; border-left: 4px solid RIGHT_RULE; }
.anatomy-feedback.not-right { background: WRONG_GROUND; border-left: 4px solid WRONG_RULE; }
</style>"""


def stylesheet(presenter: bool) -> str:
    """The widgets' CSS, with the theme's colours and the mode's font size."""
    font = theme.WIDGET_FONT[presenter]
    css = _STYLE.replace("FONT", str(font)).replace("HEIGHT", str(round(font * 1.8)))
    css = css.replace("SLIDER", str(font * 10)).replace("ASIDE", str(font * 13))
    css = css.replace("PANEL", str(theme.PANEL_MAX_HEIGHT))
    for name, colour in theme.CSS_COLOURS.items():
        css = css.replace(_placeholder(name), colour)
    return css


def _placeholder(name: str) -> str:
    short = {"muted_text": "MUTED", "swatch_line": "SWATCH_LINE", "table_rule": "TABLE_RULE"}
    return short.get(name, name.upper())


def style_widget(presenter: bool) -> widgets.HTML:
    """The stylesheet as a widget, placed first in each view."""
    return widgets.HTML(stylesheet(presenter))


def frame(
    children,
    presenter: bool,
    accessible: Accessible,
    fit,
    compact: bool = False,
) -> widgets.VBox:
    """A widget's outer box: the stylesheet, then its content in a styled box, with the
    helper that names its controls for assistive technology (``accessible``: one that
    also describes the view's plot; pass the widget's own to each of its views, so a
    page starts one model, not one per view).

    ``fit`` is the widget's :class:`~anatomy.widgets.figure_channel.Keeper`, whose
    view in this frame scales the figure to the room.
    """
    box = widgets.VBox([*children, accessible, fit])
    box.add_class("anatomy-explorer")
    box.add_class("presenter" if presenter else "normal")
    if compact:
        box.add_class("compact")
    return widgets.VBox([style_widget(presenter), box])


def row(children, **layout) -> widgets.HBox:
    """A row of controls that wraps onto a second line rather than squeezing them."""
    box = widgets.HBox(children, layout=widgets.Layout(**layout))
    box.add_class("anatomy-row")
    return box


def figure_box(figure, view) -> widgets.Box:
    """The box a figure is scaled in: its drawn size until the Keeper sizes it."""
    box = widgets.Box(
        [figure], layout=widgets.Layout(width=f"{view.width}px", height=f"{view.height}px")
    )
    box.add_class("anatomy-figure")
    return box


def aside(children, min_width: str | None = None) -> widgets.VBox:
    """The column beside a figure: it scrolls, never squashes (below ``min_width``, or
    the stylesheet's width for the mode)."""
    column = widgets.VBox(children, layout=widgets.Layout(min_width=min_width))
    column.add_class("anatomy-aside")
    return column


def body(children, side_by_side: bool) -> widgets.Box:
    """A figure and its panels: side by side (presenter, compact) or one above the other."""
    box = widgets.HBox(children) if side_by_side else widgets.VBox(children)
    box.add_class("anatomy-body")
    return box


class Shown:
    """Display for a widget class: in a notebook, its words and tables then the live widget
    (:func:`show`); as a mime bundle, the widget with those words and tables beside it
    (what readers without a kernel, such as GitHub and nbviewer, see).

    A subclass has ``widget``, ``shown_as`` (its name in "Run the cell to bring the ... back")
    and ``_fallback() -> (text, html)``.
    """

    shown_as = "widget"

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"], bundle["text/html"] = self._fallback()
        return bundle

    def _ipython_display_(self):
        show(self.widget, *self._fallback(), what=self.shown_as)


def show(widget: widgets.Widget, text: str, fallback_html: str, what: str) -> None:
    """Display a widget as two outputs: its words and tables, then the live widget.

    ``text`` is the one line a plain-text reader sees; ``fallback_html`` what a
    reader without the live widget sees, after a line saying to run the cell.
    """
    note = f'<p class="anatomy-source"><i>{RUN_AGAIN.format(what=what)}</i></p>'
    display(
        {"text/html": f'{FALLBACK_STYLE}<div class="anatomy-fallback">{note}{fallback_html}</div>'},
        raw=True,
    )
    bundle = {"text/plain": text}
    bundle.update({k: v for k, v in widget._repr_mimebundle_().items() if k == WIDGET_VIEW})
    display(bundle, raw=True)


STYLE = {"description_width": "initial"}


def wide() -> widgets.Layout:
    """A Layout that fits its content (one per widget: display is set per widget)."""
    return widgets.Layout(width="auto")


def dropdown(options, value, description: str, **layout) -> widgets.Dropdown:
    """A labelled drop-down sized to its content (the first option if ``value`` is None)."""
    chosen = {} if value is None else {"value": value}
    return widgets.Dropdown(
        options=options,
        description=description,
        style=STYLE,
        layout=widgets.Layout(**layout) if layout else wide(),
        **chosen,
    )


def severity_slider(value: float, continuous: bool = True) -> widgets.FloatSlider:
    """The 0..1 severity slider, in steps of 0.05.

    It updates as it moves (at most 20 steps over its whole range, each a
    partial redraw of the map), so moving it slowly shows each effect appear.
    """
    return widgets.FloatSlider(
        value=value,
        min=0,
        max=1,
        step=0.05,
        description="Severity:",
        style=STYLE,
        continuous_update=continuous,
        readout_format=".2f",
        layout=wide(),
    )


def panel() -> widgets.HTML:
    """An HTML panel that scrolls past its maximum height."""
    html_panel = widgets.HTML(layout=widgets.Layout(width="100%"))
    html_panel.add_class("anatomy-panel")
    return html_panel


class Quiet:
    """Set controls without running their handlers: ``with self.quiet: ...``."""

    def __init__(self):
        self.on = False

    @contextlib.contextmanager
    def __call__(self):
        before, self.on = self.on, True
        try:
            yield
        finally:
            self.on = before

    def __bool__(self) -> bool:
        return self.on
