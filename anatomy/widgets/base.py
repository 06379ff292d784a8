"""What every widget shares: the stylesheet, a control factory, the busy guard, the display.

The three widgets (explorer, bend, self-check) are built from these pieces so
that each control, message and fallback looks and behaves the same everywhere.
"""

from __future__ import annotations

import contextlib

import ipywidgets as widgets

from anatomy.viz import theme
from anatomy.widgets.accessible import Accessible

_STYLE = """<style>
.anatomy-explorer { font-size: FONTpx; }
.anatomy-explorer .widget-html-content { line-height: 1.35; }
.anatomy-panel { max-height: PANELpx; overflow-y: auto; padding-right: 6px; }
.anatomy-explorer.presenter .anatomy-panel { max-height: none; }
.anatomy-explorer h4 { font-size: 1.1em; margin: 0.4em 0; }
.anatomy-explorer .widget-label, .anatomy-explorer .widget-toggle-button,
.anatomy-explorer select, .anatomy-explorer .widget-readout, .anatomy-explorer button {
  font-size: FONTpx; }
.anatomy-findings { border-collapse: collapse; width: 100%; }
.anatomy-findings th, .anatomy-findings td { border-bottom: 1px solid TABLE_RULE; padding: 2px 6px;
  text-align: left; vertical-align: top; }
.anatomy-path { font-size: 0.85em; color: MUTED; }
.anatomy-swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
  border: 1px solid SWATCH_LINE; }
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
.anatomy-explorer .widget-radio-box label { font-size: FONTpx; }
</style>"""


def stylesheet(presenter: bool) -> str:
    """The widgets' CSS, with the theme's colours and the mode's font size."""
    css = _STYLE.replace("FONT", str(theme.WIDGET_FONT[presenter]))
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


def frame(children, presenter: bool, accessible: Accessible | None = None) -> widgets.VBox:
    """A widget's outer box: the stylesheet, then its content in a styled box, with the
    helper that names its controls for assistive technology (``accessible``: one that
    also describes the view's plot)."""
    box = widgets.VBox([*children, accessible or Accessible()])
    box.add_class("anatomy-explorer")
    box.add_class("presenter" if presenter else "normal")
    return widgets.VBox([style_widget(presenter), box])


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


def severity_slider(value: float, width: str) -> widgets.FloatSlider:
    """The 0..1 severity slider (updates on release)."""
    return widgets.FloatSlider(
        value=value,
        min=0,
        max=1,
        step=0.05,
        description="Severity:",
        style=STYLE,
        continuous_update=False,
        readout_format=".2f",
        layout=widgets.Layout(width=width),
    )


def panel(width: str = "100%") -> widgets.HTML:
    """An HTML panel that scrolls past its maximum height."""
    html_panel = widgets.HTML(layout=widgets.Layout(width=width))
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
