"""The nerve-tension figure: the leg and trunk from the side, nerves coloured by strain.

Everything that moves is a layout shape or an annotation, plus one marker trace
that carries the hover text and the colour bar: an update is one relayout of
about 20 shapes, which the browser redraws cheaply. The figure and the bend
widget both build from :func:`tension_parts`, which reads one
:class:`~anatomy.engine.tension.PoseState`, so a slider tick computes the
strains and symptoms once.
"""

from __future__ import annotations

import itertools

import plotly.graph_objects as go
from plotly.colors import find_intermediate_color, unlabel_rgb

from anatomy.engine.findings import Findings
from anatomy.engine.neurodynamic import check_position
from anatomy.engine.tension import HEALTHY_TOLERANCE, PoseState, pose_state
from anatomy.model import Model
from anatomy.text.words import escape, irritated_name, pose_words, strain_words, threshold_lines
from anatomy.viz import theme
from anatomy.viz.figure import AtlasFigure
from anatomy.viz.map_state import star_path
from anatomy.viz.side_view import (
    LABEL_SIDE,
    NERVE_LABEL_AT,
    NERVE_PATHS,
    ROOT_LEVEL,
    TENSION_NERVES,
    TENSION_RANGES,
    body_shapes,
    place,
    polyline,
    posed_points,
    site_anchors,
)

SYMPTOM_STARS = 3
PLOT_DOMAIN = (0, 0.85)  # the rest of the width holds the colour bar
SLACK_BELOW = 0.05  # % strain below the resting bed at which a nerve is drawn slack


def strain_colour(strain: float) -> str:
    """The colour of a strain (%) on the tension scale: 0 light, the healthy limit dark."""
    f = min(max(strain / HEALTHY_TOLERANCE, 0.0), 1.0)
    for (a, ca), (b, cb) in itertools.pairwise(theme.TENSION_SCALE):
        if f <= b:
            t = (f - a) / (b - a)
            r, g, bl = find_intermediate_color(unlabel_rgb(ca), unlabel_rgb(cb), t)
            return f"rgb({round(r)}, {round(g)}, {round(bl)})"
    return theme.TENSION_SCALE[-1][1]


def _irritated_places(model, table, findings, at) -> list[tuple[str, tuple[float, float]]]:
    """Where each irritated root (on the spine) or nerve (at its site) is drawn."""
    anchors = site_anchors(model)
    places = []
    for structure in table["structure"]:
        if structure in ROOT_LEVEL:
            places.append((structure, at(f"spine_{structure}")))
            continue
        site = next(
            (
                lesion.site
                for lesion in (findings.lesions if findings is not None else ())
                if lesion.kind == "nerve" and lesion.target == structure
            ),
            None,
        )
        anchor = anchors.get((structure, site), NERVE_LABEL_AT.get(structure))
        if anchor is not None:
            places.append((structure, at(anchor)))
    return places[:SYMPTOM_STARS]


def tension_parts(
    model: Model,
    angles: dict | None = None,
    findings: Findings | None = None,
    position: str = "supine",
    presenter: bool = False,
    side: str | None = None,
    state: PoseState | None = None,
) -> dict:
    """Everything the tension figure shows for a pose: shapes, annotations, the marker trace.

    The figure and the widget both build from this, so an update sends the
    values a fresh figure would hold. Pass ``state`` (from
    :func:`~anatomy.engine.tension.pose_state`) when it is already computed.
    """
    position = check_position(position)
    if state is None:
        state = pose_state(model, angles or {}, findings, side)
    angles, strains, table = state.angles, state.strains, state.symptoms
    view = theme.tension_view(presenter)
    pts = posed_points(angles)

    def at(name):
        return place(pts[name], position)

    shapes = body_shapes(pts, position)
    shapes.append(
        {
            "type": "path",
            "path": polyline([at(p) for p in NERVE_PATHS["cord"]]),
            "line": {"color": theme.CORD_COLOUR, "width": view.nerve - 1},
            "layer": "above",
            "name": "cord",
        }
    )
    for nerve in TENSION_NERVES:
        value = float(strains[nerve])
        slack = value < -SLACK_BELOW
        shapes.append(
            {
                "type": "path",
                "path": polyline([at(p) for p in NERVE_PATHS[nerve]]),
                "line": {
                    "color": theme.SLACK_COLOUR if slack else strain_colour(value),
                    "width": view.nerve * (0.8 if slack else 1.0),
                    "dash": "dot" if slack else "solid",
                },
                "layer": "above",
                "name": f"{nerve}|{'slack' if slack else 'taut'}",
            }
        )
    places = _irritated_places(model, table, findings, at)
    hurting = set(table.loc[table["symptoms"], "structure"]) if len(table) else set()
    for k in range(SYMPTOM_STARS):
        structure, (x, y) = places[k] if k < len(places) else ("", (0.0, 0.0))
        on = structure in hurting
        shapes.append(
            {
                "type": "path",
                "path": star_path(x, y, view.star),
                "fillcolor": theme.SYMPTOM_COLOUR if on else theme.QUIET_STAR,
                "line": {"color": theme.STAR_LINE, "width": 1.5},
                "layer": "above",
                "visible": bool(structure),
                "name": f"irritated|{structure}|{'symptoms' if on else 'quiet'}"
                if structure
                else "irritated|",
            }
        )

    annotations = []
    xs, ys, colours, hover = [], [], [], []
    placed = _LabelPlacer(view, position)
    for nerve in TENSION_NERVES:
        value = float(strains[nerve])
        x, y = at(NERVE_LABEL_AT[nerve])
        name = model.label(nerve).replace(" nerve", "")
        words = strain_words(value)
        ax, ay = placed.offset((x, y), place(pts[LABEL_SIDE[nerve]], position), f"{name} {words}")
        annotations.append(
            {
                **_callout(x, y, ax, ay, f"<b>{escape(name)}</b> {words}", view.font),
                "arrowcolor": theme.LEADER_COLOUR,
                "name": f"label|{nerve}",
            }
        )
        xs.append(x)
        ys.append(y)
        colours.append(round(max(value, 0.0), 3))
        hover.append(_tension_hover(model, nerve, value))
    labelled = table.set_index("structure") if len(table) else None
    for structure, (x, y) in places:
        row = labelled.loc[structure]
        words = "symptoms start" if row["symptoms"] else "no symptoms yet"
        text = f"{irritated_name(model, structure)}: {words}"
        ax, ay = placed.offset((x, y), (-0.6, 0.8), text)
        colour = theme.SYMPTOM_COLOUR if row["symptoms"] else theme.TEXT
        label = f"<b>{escape(irritated_name(model, structure))}</b>: {words}"
        annotations.append(
            {**_callout(x, y, ax, ay, label, view.font, colour), "name": f"irritated|{structure}"}
        )
    annotations.append(_corner(pose_words(model, angles, position), 1.0, "top", view.font, "pose"))
    annotations.append(
        _corner(
            "<br>".join(escape(x) for x in threshold_lines(model, table)),
            0.0,
            "bottom",
            view.font - 1,
            "thresholds",
        )
    )
    (x0, x1), (y0, y1) = TENSION_RANGES[position]
    return {
        "shapes": shapes,
        "annotations": annotations,
        "marker": {"x": xs, "y": ys, "hovertext": hover, "color": colours},
        "ranges": {"x": [x0, x1], "y": [y0, y1]},
        "view": view,
    }


class _LabelPlacer:
    """Leader-line offsets (px) for the nerve labels, pushed out until they do not overlap."""

    def __init__(self, view: theme.TensionView, position: str):
        (x0, x1), (y0, y1) = TENSION_RANGES[position]
        plot_w, plot_h = view.width * PLOT_DOMAIN[1] - 8, view.height - 8
        self.scale = min(plot_w / (x1 - x0), plot_h / (y1 - y0))  # px per mm (equal axes)
        self.view = view
        self.boxes: list[tuple[float, float, float, float]] = []

    def offset(self, anchor, direction, text: str) -> tuple[float, float]:
        """(ax, ay) for a label of ``text`` at ``anchor`` (mm), out along ``direction``."""
        width = len(text) * self.view.font * 0.58 + 8
        height = self.view.font * 1.5
        px, py = anchor[0] * self.scale, -anchor[1] * self.scale  # screen px, y down
        dx, dy = direction[0], -direction[1]
        length = self.view.label
        for _ in range(8):
            cx, cy = px + dx * length, py + dy * length
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not any(_overlap(box, other) for other in self.boxes):
                break
            length += height
        self.boxes.append(box)
        return round(dx * length, 1), round(dy * length, 1)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _callout(x, y, ax, ay, text: str, size: float, colour: str = theme.TEXT) -> dict:
    """A label on a white ground with a plain line to the point it names."""
    return {
        "x": x,
        "y": y,
        "ax": ax,
        "ay": ay,
        "showarrow": True,
        "arrowhead": 0,
        "text": text,
        "font": {"size": size, "color": colour},
        "bgcolor": theme.CALLOUT_GROUND,
    }


def _corner(text: str, y: float, anchor: str, size: int, name: str) -> dict:
    return {
        "x": 0.0,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": anchor,
        "align": "left",
        "showarrow": False,
        "text": text if name == "thresholds" else escape(text),
        "font": {"size": size},
        "name": name,
    }


def _tension_hover(model: Model, nerve: str, value: float) -> str:
    rows = model.nerve_crossings[model.nerve_crossings["nerve"] == nerve]
    state = "slack" if value < -SLACK_BELOW else "stretched" if value > SLACK_BELOW else "at rest"
    lines = [f"<b>{escape(model.label(nerve))}</b>: {value:.2f}% ({state})", "runs:"]
    lines += [f"  {row['passes']} the {row['joint']}" for row in rows.to_dict("records")]
    return "<br>".join(lines)


TENSION_ALT = (
    "The leg and trunk from the side, in the pose set, with each nerve coloured by its "
    "strain from 0 to 8 % (the healthy limit); a star marks each irritated root or nerve."
)


def tension_figure(
    model: Model,
    angles: dict | None = None,
    findings: Findings | None = None,
    position: str = "supine",
    presenter: bool = False,
    side: str | None = None,
) -> go.Figure:
    """The leg and trunk from the side, posed, with the nerves coloured by their strain.

    Parameters
    ----------
    model : anatomy.Model
    angles : dict, optional
        hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion in degrees
        (missing ones 0); checked against the normal ranges.
    findings : anatomy.Findings, optional
        The irritated roots or nerves: a star marks each, filled red (the pain colour)
        once its pull reaches its tolerance (symptoms start).
    position : {"supine", "sitting", "prone"}
        How the body is drawn (lying on the back, sitting, lying face down);
        the strains depend on the angles only.
    presenter : bool
        Larger type and lines for a projector.
    side : {"left", "right"}, optional
        The leg shown; by default the affected one.

    Returns
    -------
    plotly.graph_objects.Figure
        Nerve shapes are named ``nerve|taut`` or ``nerve|slack``; one marker
        trace carries the colour bar and the hover text.
    """
    parts = tension_parts(model, angles, findings, position, presenter, side)
    view, marker = parts["view"], parts["marker"]
    fig = AtlasFigure(
        go.Scatter(
            x=marker["x"],
            y=marker["y"],
            mode="markers",
            hovertext=marker["hovertext"],
            hoverinfo="text",
            showlegend=False,
            name="Nerve strain",
            marker={
                "size": view.nerve * 2.6,
                "color": marker["color"],
                "colorscale": theme.TENSION_SCALE,
                "cmin": 0,
                "cmax": HEALTHY_TOLERANCE,
                "line": {"color": theme.MARKER_LINE, "width": 1},
                "colorbar": {
                    "title": {"text": "Strain (%)", "side": "right"},
                    "tickvals": [0, 2, 4, 6, 8],
                    "ticktext": ["0", "2", "4", "6", "8: healthy limit"],
                    "len": 0.6,
                    "thickness": 12,
                    "x": 0.86,
                    "xanchor": "left",
                    "y": 0.55,
                },
            },
        ),
        alt=TENSION_ALT,
    )
    fig.update_layout(
        template="none",
        shapes=parts["shapes"],
        annotations=parts["annotations"],
        height=view.height,
        width=view.width,
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        **theme.drawing_layout(
            view.font, parts["ranges"]["x"], parts["ranges"]["y"], x_domain=PLOT_DOMAIN
        ),
    )
    return fig
