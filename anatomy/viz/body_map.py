"""The body map figure: model + findings -> a plotly figure of five panels.

The plan (which trace draws what, and what an update sends) is in
:mod:`anatomy.viz.map_state`; this module assembles the figure from it.
"""

from __future__ import annotations

import plotly.graph_objects as go

from anatomy.engine.findings import Findings
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS
from anatomy.viz import theme
from anatomy.viz.describe import map_description
from anatomy.viz.figure import AtlasFigure
from anatomy.viz.geometry import PANELS, X_RANGE, Y_RANGE, geometry
from anatomy.viz.map_state import (
    KIND_OF_LAYER,
    LEGEND_AREAS,
    LEGEND_LINES,
    MERGED,
    PANEL_TITLES,
    MapState,
    _centre,
    _join,
    map_state,
    overlay,
    svg_path,
)


def check_panels(panels) -> tuple[str, ...] | None:
    """None (all five) or a tuple of panel names; an error naming the valid panels."""
    if panels is None:
        return None
    if isinstance(panels, str) or not isinstance(panels, list | tuple):
        raise TypeError(f"panels must be a tuple of panel names, not {panels!r}")
    if not panels:
        raise ValueError(f"name at least one panel; valid: {', '.join(PANELS)}")
    unknown = [p for p in panels if not isinstance(p, str) or p not in PANELS]
    if unknown:
        raise ValueError(f"unknown panels {unknown}; valid: {', '.join(PANELS)}")
    return tuple(panels)


def body_map(
    model: Model,
    findings: Findings | None = None,
    presenter: bool = False,
    panels: tuple[str, ...] | None = None,
    legend: bool = True,
) -> go.Figure:
    """The schematic body map with the findings drawn by effect.

    Parameters
    ----------
    model : anatomy.Model
    findings : anatomy.Findings, optional
        Nothing is lit when None.
    presenter : bool
        Larger type and thicker lines for a projector.
    panels : tuple of str, optional
        Draw only these panels (e.g. ``("spine",)``): a smaller figure for a
        notebook page. All five by default.
    legend : bool
        A legend at the right. The widgets leave it out and show it in words beside
        the map, where it takes the page's font size.

    Returns
    -------
    plotly.graph_objects.Figure
        Each overlay trace lists the ``structure|side`` it draws in ``meta``
        (the compression sites trace, the labels of its stars); the neutral
        regions and muscles are one shape per panel, named ``region|panel`` or
        ``muscle|panel``; the hover traces carry the structure ids in
        ``customdata``. The traces are in the order of
        ``map_state(model, presenter).traces``.
    """
    panels = check_panels(panels)
    if findings is not None and not isinstance(findings, Findings):
        raise TypeError(f"findings must be Findings or None, not {findings!r}")
    state = map_state(model, presenter)
    view = state.view
    rows = [r for r in state.rows if panels is None or r["panel"] in panels]
    fig = AtlasFigure(
        layout={"shapes": _static_shapes(rows, view)},
        alt=map_description(model, findings, panels),
    )
    data = overlay(model, findings, presenter, panels)
    for role, values in zip(state.traces, data, strict=False):
        fig.add_trace(_trace(state, role, rows, values))
    if legend:
        fig.add_traces(_legend(view))
    annotations = [
        {
            "x": _panel_centre(model, p),
            "y": Y_RANGE[1] - 4,
            "text": PANEL_TITLES[p],
            "showarrow": False,
            "font": {"size": view.title_font},
            "yanchor": "top",
        }
        for p in PANELS
    ]
    annotations += [
        {"x": x, "y": y, "text": f"<b>{side}</b>", "showarrow": False, "font": {"size": view.font}}
        for x, y, side in geometry(model).side_labels()
    ]
    for r in rows:  # name each vertebra on its body
        if r["layer"] == "vertebra":
            x, y = _centre(r["points"])
            name = r["structure"].replace("vertebra_", "")
            annotations.append(
                {
                    "x": x,
                    "y": y + (12 if name == "sacrum" else 0),
                    "showarrow": False,
                    "text": "S" if name == "sacrum" else name,
                    "font": {"size": view.font - 2, "color": theme.LABEL_TEXT},
                }
            )
    fig.update_layout(
        template="none",
        annotations=annotations,
        height=view.height,
        width=view.width + (view.legend if legend else 0),
        hoverlabel={"font": {"size": view.font}},
        # The top margin keeps plotly's toolbar above the panel titles, not over them.
        margin={"l": 4, "r": 4, "t": view.toolbar, "b": 4},
        **theme.drawing_layout(view.font, X_RANGE, Y_RANGE),
        hoverdistance=18,
        legend={
            "orientation": "v",
            "x": 1.0,
            "xanchor": "left",
            "y": 0.5,
            "yanchor": "middle",
            "font": {"size": view.font},
            "grouptitlefont": {"size": view.font},
            "tracegroupgap": view.font,
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    if panels is not None:
        _keep_panels(fig, state, panels, legend)
    return fig


AREA_NAMES = {
    "pain": "Pain",
    "tingling": "Tingling",
    "numbness": "Numbness",
    "pain+numbness": "Pain and numbness",
    "weakness": "Weakness",
    "reduced_reflex": "Reduced reflex",
    "site": "Compressed here",
    "none": "Not affected",
}
LINE_NAMES = {
    "weakness": "weakness",
    "numbness": "numbness",
    "tingling": "tingling",
    "pain": "pain",
    "reduced_reflex": "reduced reflex",
    "none": "not affected",
}


def area_style(effect: str, strength: int, view: theme.View) -> dict:
    """How a lit skin region or muscle is drawn: pain a fill, tingling dots and numbness a
    hatch over it, weakness a cross-hatched fill with a black outline (``theme``)."""
    colour = theme.EFFECT_COLOURS[effect]
    alpha = theme.lit_alpha(strength)
    edge = {"color": colour, "width": view.region_line * 1.5}
    if effect in ("tingling", "numbness"):
        pattern = theme.TINGLING_DOTS if effect == "tingling" else theme.NUMBNESS_HATCH
        hatch = {**pattern, "fgcolor": colour, "fgopacity": alpha}
        clear = "rgba(0, 0, 0, 0)"  # only the hatch: a fill under it stays visible
        return {"fill": "toself", "fillcolor": clear, "fillpattern": hatch, "line": edge}
    if effect == "weakness":
        fill = theme.rgba(colour, alpha)
        hatch = {**theme.WEAKNESS_HATCH, "bgcolor": fill}
        edge = {"color": theme.WEAKNESS_OUTLINE, "width": view.region_line * 2.5}
        return {"fill": "toself", "fillcolor": fill, "fillpattern": hatch, "line": edge}
    return {"fill": "toself", "fillcolor": theme.rgba(colour, alpha), "line": edge}


def line_style(effect: str, view: theme.View) -> dict:
    """How a lit nerve or root is drawn: its effect's colour and dash."""
    colour = theme.EFFECT_COLOURS[effect]
    return {"line": {"color": colour, "width": view.lit_line, "dash": theme.LINE_DASH[effect]}}


def _legend(view: theme.View) -> list[go.Scatter]:
    """The legend: how each effect shows on the skin and muscles, then on nerves and roots."""

    def entry(name, group, title, **style):
        return go.Scatter(
            x=[None],
            y=[None],
            name=name,
            meta="legend",
            legendgroup=group,
            legendgrouptitle={"text": title},
            **style,
        )

    traces = []
    for key in LEGEND_AREAS:
        if key == "site":
            style = {
                "mode": "markers",
                "marker": {
                    "symbol": "star",
                    "size": view.marker + 6,
                    "color": theme.LESION_COLOUR,
                    "line": {"color": theme.STAR_LINE, "width": 1.5},
                },
            }
        elif key == "reduced_reflex":
            style = {
                "mode": "markers",
                "marker": {
                    "symbol": "diamond",
                    "size": view.marker,
                    "color": theme.EFFECT_COLOURS[key],
                    "line": {"color": theme.STAR_LINE, "width": 1.5},
                },
            }
        elif key == "none":
            style = {
                "mode": "lines",
                "fill": "toself",
                "fillcolor": theme.NEUTRAL_FILL["region"],
                "line": {"color": theme.OUTLINE, "width": 1},
            }
        elif key == "pain+numbness":
            both = area_style("numbness", theme.LEVELS, view)
            both["fillpattern"]["bgcolor"] = theme.EFFECT_COLOURS["pain"]
            style = {"mode": "lines", **both}
        else:
            style = {"mode": "lines", **area_style(key, theme.LEVELS, view)}
        traces.append(entry(AREA_NAMES[key], "areas", "<b>Skin and muscles</b>", **style))
    for key in LEGEND_LINES:
        if key == "none":
            style = {"line": {"color": theme.NEUTRAL_LINE["line"], "width": view.line}}
        else:
            style = line_style(key, view)
        traces.append(
            entry(LINE_NAMES[key], "lines", "<b>Nerves and roots</b>", mode="lines", **style)
        )
    return traces


def _static_shapes(rows: list[dict], view: theme.View) -> list[dict]:
    """The neutral drawing: silhouettes, spine, and regions and muscles merged per panel."""
    shapes, merged = [], {}
    for r in rows:
        layer = r["layer"]
        if layer in KIND_OF_LAYER and layer not in MERGED:
            continue  # nerves, roots and reflexes are traces
        path = svg_path(r["points"], r["closed"] == "1")
        name = f"{r['structure'] or layer}|{r['side']}"
        if layer in MERGED:
            name = f"{layer}|{r['panel']}"
            if name in merged:
                merged[name]["path"] += path
                continue
            style = {
                "fillcolor": theme.NEUTRAL_FILL[layer],
                "line": {"color": theme.NEUTRAL_LINE[layer], "width": view.region_line},
            }
        elif layer == "outline":
            style = {
                "fillcolor": theme.SILHOUETTE,
                "line": {"color": theme.OUTLINE, "width": view.line * 0.7},
            }
        elif layer == "vertebra":
            style = {
                "fillcolor": theme.VERTEBRA_FILL,
                "line": {"color": theme.VERTEBRA_LINE, "width": 1},
            }
        elif layer == "disc":
            style = {
                "fillcolor": theme.NEUTRAL_FILL["disc"],
                "line": {"color": theme.VERTEBRA_LINE, "width": view.region_line},
            }
        elif layer == "canal":
            style = {"fillcolor": theme.CANAL_FILL, "line": {"width": 0}}
        else:  # plexus
            style = {
                "fillcolor": theme.NEUTRAL_FILL["plexus"],
                "line": {"color": theme.OUTLINE, "width": 1, "dash": "dot"},
            }
        shape = {"type": "path", "path": path, "layer": "below", "name": name, **style}
        merged[name] = shape
        shapes.append(shape)
    return shapes


def _trace(state: MapState, role: str, rows: list[dict], values: dict) -> go.Scatter:
    """One trace of the body map, by its role in ``state.traces``."""
    view = state.view
    quiet = {"hoverinfo": "skip", "showlegend": False}
    if role in ("lines", "reflexes"):
        layers = ("nerve", "root") if role == "lines" else ("reflex",)
        drawn = [r for r in rows if r["layer"] in layers]
        x, y = _join(state.rings[r["shape"]] for r in drawn)
        names = [f"{r['structure']}|{r['side']}" for r in drawn]
        if role == "lines":
            style = {"line": {"color": theme.NEUTRAL_LINE["line"], "width": view.line}}
        else:
            style = {"fill": "toself", "fillcolor": theme.REFLEX_FILL}
            style["line"] = {"color": theme.REFLEX_LINE, "width": 1.5}
        name = "Nerves and roots" if role == "lines" else "Reflexes"
        return go.Scatter(x=x, y=y, mode="lines", name=name, meta=names, **style, **quiet)
    if role == "sites":
        return go.Scatter(
            mode="lines",
            fill="toself",
            fillcolor=theme.LESION_COLOUR,
            line={"color": theme.STAR_LINE, "width": 1.5},
            name="Compression sites",
            **values,
            **quiet,
        )
    if role in PANELS:
        hover = state.hover[role]
        centres = [_centre(r["points"]) for r in hover]
        return go.Scatter(
            x=[c[0] for c in centres],
            y=[c[1] for c in centres],
            mode="none",  # nothing drawn: it only carries the hover text
            hoverinfo="text",
            name=PANEL_TITLES[role].replace("<br>", " "),
            showlegend=False,
            customdata=[[r["structure"], r["side"]] for r in hover],
            meta=role,
            **values,
        )
    kind, effect, strength = role.split("|")
    strength = int(strength)
    if kind == "line":
        style = line_style(effect, view)
        name = f"{EFFECT_LABELS[effect]} (line)"
    else:
        if kind == "area":
            style = area_style(effect, strength, view)
        else:  # a reduced reflex: the diamond filled, with a black outline
            colour = theme.lit_colour(effect, strength)
            style = {"fill": "toself", "fillcolor": colour}
            style["line"] = {"color": theme.STAR_LINE, "width": 2}
        name = f"{EFFECT_LABELS[effect]}, strength {strength} of {theme.LEVELS} ({kind})"
    return go.Scatter(mode="lines", name=name, **style, **values, **quiet)


def _keep_panels(fig: go.Figure, state: MapState, panels: tuple[str, ...], legend: bool) -> None:
    """Cut a body map drawn for some panels down to their size, for a static page."""
    xs = [p[0] for r in state.rows if r["panel"] in panels for p in r["points"]]
    low, high = min(xs) - 12, max(xs) + 12
    fig.layout.annotations = [a for a in fig.layout.annotations if low <= a.x <= high]
    sites = next(t for t in fig.data if t.name == "Compression sites")
    stars = [
        (ring, label)
        for ring, label in zip(_rings(sites.x, sites.y), sites.meta or (), strict=True)
        if low <= min(ring[0]) and max(ring[0]) <= high
    ]
    sites.x, sites.y = _join(ring for ring, _ in stars)
    sites.meta = [label for _, label in stars]
    # Only what this page draws: the legend, its panels' hover, the traces with data.
    fig.data = [t for t in fig.data if _keeps(t, panels)]
    ys = [p[1] for r in state.rows if r["panel"] in panels for p in r["points"]]
    bottom, top = min(ys) - 28, Y_RANGE[1]
    for a in fig.layout.annotations:  # the L and R under the panel
        if a.y < bottom:
            a.y = bottom + 10
    view = state.view
    scale = view.height / (Y_RANGE[1] - Y_RANGE[0])
    width = (high - low) / (X_RANGE[1] - X_RANGE[0]) * view.width
    fig.update_layout(
        xaxis_range=[low, high],
        yaxis_range=[bottom, top],
        height=int((top - bottom) * scale) + 20,
        width=max(int(width), 320) + (view.legend if legend else 0),
    )


def _keeps(trace, panels) -> bool:
    if trace.meta == "legend":
        return True
    if isinstance(trace.meta, str) and trace.meta in PANELS:
        return trace.meta in panels
    return any(v is not None for v in trace.x or ())


def _rings(xs, ys) -> list[tuple[list, list]]:
    """Split gap-separated x and y back into their polygons or lines."""
    rings, x, y = [], [], []
    for a, b in zip(xs or (), ys or (), strict=True):
        if a is None:
            rings.append((x, y))
            x, y = [], []
        else:
            x.append(a)
            y.append(b)
    if x:
        rings.append((x, y))
    return rings


def _panel_centre(model: Model, panel: str) -> float:
    pts = [p for r in map_state(model).rows if r["panel"] == panel for p in r["points"]]
    xs = [p[0] for p in pts]
    return (min(xs) + max(xs)) / 2
