"""The body map figure: model + findings -> a plotly figure of five panels.

The plan (which trace draws what, and what an update sends) is in
:mod:`anatomy.viz.map_state`; this module assembles the figure from it.
"""

from __future__ import annotations

import plotly.graph_objects as go

from anatomy.engine.findings import Findings
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS, EFFECTS
from anatomy.viz import theme
from anatomy.viz.describe import map_description
from anatomy.viz.figure import AtlasFigure
from anatomy.viz.geometry import PANELS, X_RANGE, Y_RANGE, geometry
from anatomy.viz.map_state import (
    DRAWN_EFFECTS,
    KIND_OF_LAYER,
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
) -> go.Figure:
    """The schematic body map with the findings coloured by effect.

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
    for trace in _legend(view):
        fig.add_trace(trace)
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
        width=view.width,
        margin={"l": 4, "r": 4, "t": 8, "b": 4},
        **theme.drawing_layout(view.font, X_RANGE, Y_RANGE),
        hoverdistance=18,
        legend={
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 0.0,
            "yanchor": "top",
            "font": {"size": view.font},
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    if panels is not None:
        _keep_panels(fig, state, panels)
    return fig


def _legend(view: theme.View) -> list[go.Scatter]:
    """The legend's entries: the compression star, each effect, a nerve, unaffected."""

    def entry(name, **style):
        return go.Scatter(x=[None], y=[None], name=name, meta="legend", **style)

    traces = [
        entry(
            "Compression site",
            mode="markers",
            marker={
                "symbol": "star",
                "size": view.marker + 6,
                "color": theme.LESION_COLOUR,
                "line": {"color": theme.STAR_LINE, "width": 1.5},
            },
        )
    ]
    drawn = {e for effects in DRAWN_EFFECTS.values() for e in effects}
    for effect in [e for e in EFFECTS if e in drawn]:
        traces.append(
            entry(
                EFFECT_LABELS[effect],
                mode="markers",
                marker={
                    "symbol": "diamond" if effect == "reduced_reflex" else "square",
                    "size": view.marker,
                    "color": theme.EFFECT_COLOURS[effect],
                },
            )
        )
    traces.append(
        entry(
            "Nerve or root",
            mode="lines",
            line={"color": theme.NEUTRAL_LINE["line"], "width": view.lit_line},
        )
    )
    traces.append(
        entry(
            "Not affected",
            mode="markers",
            marker={
                "symbol": "square",
                "size": view.marker,
                "color": theme.NEUTRAL_FILL["region"],
                "line": {"color": theme.OUTLINE, "width": 1},
            },
        )
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
    colour = theme.lit_colour(effect, int(strength))
    if kind == "line":
        style = {"line": {"color": colour, "width": view.lit_line}}
    else:
        edge = theme.EFFECT_COLOURS[effect] if kind == "area" else theme.STAR_LINE
        width = view.region_line * 1.5 if kind == "area" else 2
        style = {"fill": "toself", "fillcolor": colour, "line": {"color": edge, "width": width}}
    name = f"{EFFECT_LABELS[effect]}, strength {strength} of {theme.LEVELS} ({kind})"
    return go.Scatter(mode="lines", name=name, **style, **values, **quiet)


def _keep_panels(fig: go.Figure, state: MapState, panels: tuple[str, ...]) -> None:
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
    scale = fig.layout.height / (Y_RANGE[1] - Y_RANGE[0])
    width = (high - low) / (X_RANGE[1] - X_RANGE[0]) * fig.layout.width
    fig.update_layout(
        xaxis_range=[low, high],
        yaxis_range=[bottom, top],
        height=int((top - bottom) * scale) + 20,
        width=max(int(width), 320),
        legend={"orientation": "v", "y": 1, "yanchor": "top", "x": 1.02, "xanchor": "left"},
    )
    if fig.layout.width < 520:
        fig.update_layout(width=fig.layout.width + 200, margin={"r": 200})


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
