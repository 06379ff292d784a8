"""Figures: model + findings -> plotly figures. The only module that imports plotly.

:func:`body_map` draws five panels from the geometry table
``assets/geometry/body_map.csv``: the lumbar spine seen from behind (vertebrae,
discs, roots leaving at their foramina, the two plexuses), the skin from the
front and from the back, and the muscles with the nerves from the front and
from the back. What the findings touch is coloured by effect, stronger colour
for a stronger effect; the rest stays neutral.

Design, from the browser measurements in the project's ECOSYSTEM notes:
regions, muscles, nerves and roots are *layout shapes*, not traces, so that an
update is one ``relayout`` of the shapes that changed; the browser's cost stays
flat as the map grows. Shapes have no hover, so each panel has one invisible
marker trace at the shapes' centres that carries the hover text and the
structure ids. Skin and muscles lie in layer ``below`` and nerves and roots in
layer ``above``: a redrawn shape moves to the top of *its own* layer only, so a
muscle can never cover a nerve.

:func:`pathways` draws root -> plexus -> nerve -> muscle or region as a Sankey.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from anatomy.errors import DataError
from anatomy.lesions import EFFECTS, Findings
from anatomy.model import PACKAGE_DIR, Model

GEOMETRY_FILE = PACKAGE_DIR.parent / "assets" / "geometry" / "body_map.csv"

# --- view settings (named constants) --------------------------------------------------------

# Okabe-Ito colours: distinguishable with every common colour-vision deficiency.
EFFECT_COLOURS = {
    "pain": "#D55E00",  # vermillion
    "numbness": "#0072B2",  # blue
    "weakness": "#CC79A7",  # reddish purple
    "reduced_reflex": "#009E73",  # bluish green
}
EFFECT_LABELS = {
    "pain": "Pain",
    "numbness": "Numbness",
    "weakness": "Weakness",
    "reduced_reflex": "Reduced reflex",
}
# Which effect colours a structure that has several: the most severe. Nerves and roots are
# lines; their reflex has a marker of its own, so for them a reduced reflex ranks last.
EFFECT_PRIORITY = ("weakness", "reduced_reflex", "numbness", "pain")
LINE_PRIORITY = ("weakness", "numbness", "pain", "reduced_reflex")
LESION_COLOUR = "#F0E442"  # Okabe-Ito yellow, with a black outline
SILHOUETTE = "#F3F1EE"
OUTLINE = "#8A8A8A"
NEUTRAL_FILL = {"region": "#E4E4E4", "muscle": "#D6D2CF", "disc": "#EFE6C8", "plexus": "#ECECEC"}
NEUTRAL_LINE = {"region": "#B8B8B8", "muscle": "#8F8A86", "nerve": "#A8A8A8", "root": "#A8A8A8"}
VERTEBRA_FILL, VERTEBRA_LINE = "#D3D3D3", "#6E6E6E"
CANAL_FILL = "rgba(120, 120, 120, 0.12)"
MIN_ALPHA = 0.35  # the weakest lit effect is still clearly visible

PANELS = ("spine", "skin_front", "skin_back", "muscle_front", "muscle_back")
PANEL_TITLES = {
    "spine": "Spine<br>from behind",
    "skin_front": "Skin<br>front",
    "skin_back": "Skin<br>back",
    "muscle_front": "Muscles<br>front",
    "muscle_back": "Muscles<br>back",
}
LAYERS = (
    "outline",
    "vertebra",
    "disc",
    "canal",
    "plexus",
    "region",
    "muscle",
    "nerve",
    "root",
    "reflex",
    "site",
)
DYNAMIC = ("region", "muscle", "nerve", "root", "disc")
ABOVE = ("nerve", "root")
X_RANGE, Y_RANGE = (-8, 702), (-62, 350)


@dataclass(frozen=True)
class View:
    """Sizes for normal and presenter (projector) use."""

    font: int
    title_font: int
    line: float
    lit_line: float
    region_line: float
    height: int
    width: int
    marker: int


NORMAL = View(
    font=13,
    title_font=15,
    line=1.8,
    lit_line=3.6,
    region_line=0.6,
    height=520,
    width=900,
    marker=13,
)
PRESENTER = View(
    font=18,
    title_font=17,
    line=2.6,
    lit_line=5.5,
    region_line=1.0,
    height=470,
    width=740,
    marker=18,
)


# --- geometry ---------------------------------------------------------------------------------


def load_geometry(model: Model, path: Path | str | None = None) -> pd.DataFrame:
    """Read and check the drawing: each shape's structure, panel, side and points.

    Raises DataError naming the file, line and column of a bad row.
    """
    path = Path(path) if path is not None else GEOMETRY_FILE
    return _load_geometry(model, str(path))


@lru_cache(maxsize=4)
def _geometry_cached(path: str, ids: frozenset) -> pd.DataFrame:
    name = Path(path).name
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = ["shape", "structure", "panel", "side", "layer", "closed", "site", "path"]
    if list(table.columns) != expected:
        raise DataError(name, 1, None, f"columns {list(table.columns)}; expected {expected}")
    points = []
    for index, row in enumerate(table.to_dict("records")):
        line = index + 2
        for column, valid in (
            ("panel", PANELS),
            ("layer", LAYERS),
            ("side", ("left", "right", "mid")),
        ):
            if row[column] not in valid:
                raise DataError(name, line, column, f"{row[column]!r} is not one of {list(valid)}")
        if row["structure"] and row["structure"] not in ids:
            raise DataError(name, line, "structure", f"unknown structure {row['structure']!r}")
        if row["layer"] in (*DYNAMIC, "reflex", "site") and not row["structure"]:
            raise DataError(name, line, "structure", f"a {row['layer']} shape needs its structure")
        try:
            pts = [tuple(float(v) for v in pair.split(",")) for pair in row["path"].split()]
        except ValueError:
            raise DataError(name, line, "path", "points must read 'x,y x,y ...'") from None
        if not pts or any(len(p) != 2 for p in pts):
            raise DataError(name, line, "path", "points must read 'x,y x,y ...'")
        points.append(pts)
    table["points"] = points
    return table


def _load_geometry(model: Model, path: str) -> pd.DataFrame:
    return _geometry_cached(path, frozenset(model.structures["id"]))


def _svg_path(points, closed: bool) -> str:
    head, *rest = points
    path = f"M{head[0]:g},{head[1]:g}" + "".join(f"L{x:g},{y:g}" for x, y in rest)
    return path + ("Z" if closed else "")


def _centre(points) -> tuple[float, float]:
    xs, ys = zip(*points, strict=True)
    if len(points) > 2 and points[0] != points[-1] and len(points) % 2 == 0:
        return sum(xs) / len(xs), sum(ys) / len(ys)
    middle = points[len(points) // 2]
    return middle


# --- styling from findings ----------------------------------------------------------------------


def strongest(findings: Findings | None) -> dict[tuple[str, str], tuple[str, float]]:
    """(structure, side) -> (effect, intensity) of the effect that colours it.

    The most severe effect wins (weakness, reduced reflex, numbness, pain); for a
    root or nerve, drawn as a line, a reduced reflex ranks last.
    """
    if findings is None or findings.table.empty:
        return {}
    ranks = {
        "line": {e: i for i, e in enumerate(LINE_PRIORITY)},
        "area": {e: i for i, e in enumerate(EFFECT_PRIORITY)},
    }
    best: dict[tuple[str, str], tuple[str, float]] = {}
    for row in findings.records:
        rank = ranks["line" if row["kind"] in ("root", "nerve") else "area"]
        key = (row["structure"], row["side"])
        have = best.get(key)
        new = (row["effect"], float(row["intensity"]))
        if have is None or (rank[new[0]], -new[1]) < (rank[have[0]], -have[1]):
            best[key] = new
    return best


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:.2f})"


def _alpha(intensity: float) -> float:
    return MIN_ALPHA + (1 - MIN_ALPHA) * intensity


def shape_style(layer: str, lit: tuple[str, float] | None, view: View) -> dict:
    """The fill and line of one dynamic shape, lit by an effect or neutral."""
    if layer in ("nerve", "root"):
        if lit is None:
            return {"line.color": NEUTRAL_LINE[layer], "line.width": view.line}
        return {
            "line.color": _rgba(EFFECT_COLOURS[lit[0]], _alpha(lit[1])),
            "line.width": view.lit_line,
        }
    if layer == "disc":
        return {
            "fillcolor": NEUTRAL_FILL["disc"],
            "line.color": VERTEBRA_LINE,
            "line.width": view.region_line,
        }
    if layer == "reflex":
        if lit is None:
            return {"fillcolor": "#FFFFFF", "line.color": "#333333", "line.width": 1.5}
        return {
            "fillcolor": _rgba(EFFECT_COLOURS[lit[0]], _alpha(lit[1])),
            "line.color": "#000000",
            "line.width": 2,
        }
    if lit is None:
        return {
            "fillcolor": NEUTRAL_FILL[layer],
            "line.color": NEUTRAL_LINE[layer],
            "line.width": view.region_line,
        }
    return {
        "fillcolor": _rgba(EFFECT_COLOURS[lit[0]], _alpha(lit[1])),
        "line.color": EFFECT_COLOURS[lit[0]],
        "line.width": view.region_line * 1.5,
    }


def _by_structure(findings: Findings | None) -> dict[tuple[str, str], list[dict]]:
    """Finding rows grouped by (structure, side), built once per findings."""
    groups: dict[tuple[str, str], list[dict]] = {}
    if findings is not None:
        for row in findings.records:
            groups.setdefault((row["structure"], row["side"]), []).append(row)
    return groups


def _hover_lines(model: Model, groups: dict, structure: str, side: str) -> str:
    label = model.label(structure)
    head = f"<b>{_escape(label)}</b>" + (f" ({side})" if side in ("left", "right") else "")
    rows = groups.get((structure, side))
    if not rows:
        return head + "<br>not affected"
    lines = [head]
    for row in rows:
        line = f"{EFFECT_LABELS[row['effect']]} {row['intensity']:.2f}"
        path = row["path"].split(" | ")[0]
        if path:  # a self-check case shows findings without their path or citations
            line += f": {_escape(path)}<br>  cites: {_escape(', '.join(row['citations'][:4]))}"
        lines.append(line)
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class MapState:
    """What an update needs: the figure's shapes and hover points, in order."""

    shape_rows: list[dict]  # geometry rows of the drawn shapes, in layout.shapes order
    dynamic: list[int]  # indexes of the shapes findings can change (then the star pool)
    hover: dict[str, list[dict]]  # panel -> rows whose centres carry hover text
    sites: list[dict]
    view: View


STARS = 8  # a pool of compression-site stars, shown and moved as needed
STAR_SIZE = {False: 7.0, True: 9.0}  # normal, presenter (figure units)
REFLEX_SIZE = {False: 5.5, True: 7.0}


def _state(model: Model, presenter: bool) -> MapState:
    geometry = load_geometry(model)
    rows = geometry.to_dict("records")
    drawn = [r for r in rows if r["layer"] != "site"]
    # Layer order within 'below': silhouette, spine, skin, muscles; 'above': nerves, roots,
    # reflexes; then the stars.
    order = {layer: i for i, layer in enumerate(LAYERS)}
    drawn.sort(key=lambda r: order[r["layer"]])
    hover = {p: [] for p in PANELS}
    for r in drawn:
        if r["layer"] in DYNAMIC or r["layer"] in ("plexus", "reflex"):
            hover[r["panel"]].append(r)
    dynamic = [i for i, r in enumerate(drawn) if r["layer"] in (*DYNAMIC, "reflex")]
    dynamic += list(range(len(drawn), len(drawn) + STARS))
    return MapState(
        shape_rows=drawn,
        dynamic=dynamic,
        hover=hover,
        sites=[r for r in rows if r["layer"] == "site"],
        view=PRESENTER if presenter else NORMAL,
    )


def map_state(model: Model, presenter: bool = False) -> MapState:
    """The figure's layout of shapes and hover points (cached per model and mode)."""
    key = ("_map_state", presenter)
    cache = model.__dict__.setdefault("_figure_cache", {})
    if key not in cache:
        cache[key] = _state(model, presenter)
    return cache[key]


def shape_styles(model: Model, findings: Findings | None, presenter=False) -> list[dict]:
    """The style of every dynamic shape, in the order of ``map_state(...).dynamic``.

    Regions, muscles, nerves, roots and reflexes take their colour from the
    findings; the star pool shows where the compression is.
    """
    state = map_state(model, presenter)
    lit = strongest(findings)
    styles = []
    for i in state.dynamic[: len(state.dynamic) - STARS]:
        row = state.shape_rows[i]
        styles.append(
            shape_style(row["layer"], lit.get((row["structure"], row["side"])), state.view)
        )
    stars = lesion_markers(model, findings)
    size = STAR_SIZE[presenter]
    for k in range(STARS):
        if k < len(stars["x"]):
            styles.append(
                {
                    "visible": True,
                    "path": _star(stars["x"][k], stars["y"][k], size),
                    "name": f"compression|{stars['text'][k]}",
                }
            )
        else:
            styles.append({"visible": False, "path": _star(0, 0, size), "name": "compression|"})
    return styles


def _star(x: float, y: float, r: float) -> str:
    """A five-pointed star centred at (x, y) as an SVG path."""
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return "M" + "L".join(f"{px:.2f},{py:.2f}" for px, py in points) + "Z"


def _diamond(x: float, y: float, r: float) -> list[tuple[float, float]]:
    return [(x, y + r), (x + r * 0.8, y), (x, y - r), (x - r * 0.8, y)]


def lesion_markers(model: Model, findings: Findings | None) -> dict:
    """Where the compression stars go: x, y and a text label for each."""
    xs, ys, texts = [], [], []
    if findings is None:
        return {"x": xs, "y": ys, "text": texts}
    state = map_state(model)
    spine = {(r["structure"], r["side"]): r for r in state.shape_rows if r["panel"] == "spine"}
    for lesion in findings.lesions:
        sides = ["left", "right"] if lesion.side == "both" else [lesion.side]
        if lesion.kind == "nerve":
            for r in state.sites:
                if (
                    r["structure"] == lesion.target
                    and r["site"] == lesion.site
                    and (r["side"] in sides)
                ):
                    xs.append(r["points"][0][0])
                    ys.append(r["points"][0][1])
                    texts.append(f"{model.label(lesion.target)} @ {lesion.site.replace('_', ' ')}")
            continue
        for side in sides:
            if lesion.kind == "disc":
                disc = spine[(lesion.target, "mid")]["points"]
                cx = sum(p[0] for p in disc) / len(disc)
                cy = sum(p[1] for p in disc) / len(disc)
                sign = -1 if side == "left" else 1  # seen from behind: left is left
                offset = {"central": 0, "paracentral": 9, "foraminal": 22, "extraforaminal": 32}
                xs.append(round(cx + sign * offset[lesion.zone], 2))
                ys.append(round(cy, 2))
                texts.append(f"{lesion.target} {lesion.zone}")
            else:
                for root in lesion.roots:
                    pts = spine[(root, side)]["points"]
                    xs.append(pts[2][0])
                    ys.append(pts[2][1])
                    texts.append(root)
    # A central herniation on both sides is one star; the pool has room for STARS.
    unique = list(dict.fromkeys(zip(xs, ys, texts, strict=True)))[:STARS]
    return {
        "x": [u[0] for u in unique],
        "y": [u[1] for u in unique],
        "text": [u[2] for u in unique],
    }


def hover_texts(model: Model, findings: Findings | None, presenter=False) -> list[list[str]]:
    """Hover text of each panel's hover trace, in panel order."""
    state = map_state(model, presenter)
    groups = _by_structure(findings)
    return [
        [_hover_lines(model, groups, r["structure"], r["side"]) for r in state.hover[panel]]
        for panel in PANELS
    ]


# --- the figures --------------------------------------------------------------------------------


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
        Shapes are named ``structure|side`` (compression stars
        ``compression|what``); the hover traces carry the structure ids in
        ``customdata``.
    """
    state = map_state(model, presenter)
    view = state.view
    styles = shape_styles(model, findings, presenter)
    dynamic = dict(zip(state.dynamic, styles, strict=True))
    shapes = []
    for i, r in enumerate(state.shape_rows):
        points = r["points"]
        if r["layer"] == "reflex":
            points = _diamond(*points[0], REFLEX_SIZE[presenter])
        shape = {
            "type": "path",
            "path": _svg_path(points, r["closed"] == "1" or r["layer"] == "reflex"),
            "layer": "above" if r["layer"] in (*ABOVE, "reflex") else "below",
            "name": f"{r['structure'] or r['layer']}|{r['side']}",
        }
        if i in dynamic:
            style = dynamic[i]
            shape["fillcolor"] = style.get("fillcolor", "rgba(0,0,0,0)")
            shape["line"] = {"color": style["line.color"], "width": style["line.width"]}
        elif r["layer"] == "outline":
            shape.update(fillcolor=SILHOUETTE, line={"color": OUTLINE, "width": view.line * 0.7})
        elif r["layer"] == "vertebra":
            shape.update(fillcolor=VERTEBRA_FILL, line={"color": VERTEBRA_LINE, "width": 1})
        elif r["layer"] == "canal":
            shape.update(fillcolor=CANAL_FILL, line={"width": 0})
        elif r["layer"] == "plexus":
            shape.update(
                fillcolor=NEUTRAL_FILL["plexus"], line={"color": OUTLINE, "width": 1, "dash": "dot"}
            )
        shapes.append(shape)
    for k in range(STARS):
        style = dynamic[len(state.shape_rows) + k]
        shapes.append(
            {
                "type": "path",
                "layer": "above",
                "fillcolor": LESION_COLOUR,
                "line": {"color": "#000000", "width": 1.5},
                **style,
            }
        )

    fig = go.Figure()
    texts = hover_texts(model, findings, presenter)
    for panel, text in zip(PANELS, texts, strict=True):
        rows = state.hover[panel]
        centres = [_centre(r["points"]) for r in rows]
        fig.add_trace(
            go.Scatter(
                x=[c[0] for c in centres],
                y=[c[1] for c in centres],
                mode="markers",
                marker={"size": view.marker + 6, "color": "rgba(0,0,0,0)"},
                hovertext=text,
                hoverinfo="text",
                name=PANEL_TITLES[panel].replace("<br>", " "),
                showlegend=False,
                customdata=[[r["structure"], r["side"]] for r in rows],
                meta=panel,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="Compression site",
            meta="legend",
            marker={
                "symbol": "star",
                "size": view.marker + 6,
                "color": LESION_COLOUR,
                "line": {"color": "#000000", "width": 1.5},
            },
        )
    )
    for effect in EFFECTS:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=EFFECT_LABELS[effect],
                meta="legend",
                marker={
                    "symbol": "diamond" if effect == "reduced_reflex" else "square",
                    "size": view.marker,
                    "color": EFFECT_COLOURS[effect],
                },
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name="Nerve or root",
            meta="legend",
            line={"color": NEUTRAL_LINE["nerve"], "width": view.lit_line},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name="Not affected",
            meta="legend",
            marker={
                "symbol": "square",
                "size": view.marker,
                "color": NEUTRAL_FILL["region"],
                "line": {"color": OUTLINE, "width": 1},
            },
        )
    )
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
    annotations += _side_labels(view)
    for r in state.shape_rows:  # name each vertebra on its body
        if r["layer"] == "vertebra":
            x, y = _centre(r["points"])
            name = r["structure"].replace("vertebra_", "")
            annotations.append(
                {
                    "x": x,
                    "y": y + (12 if name == "sacrum" else 0),
                    "showarrow": False,
                    "text": "S" if name == "sacrum" else name,
                    "font": {"size": view.font - 2, "color": "#222222"},
                }
            )
    fig.update_layout(
        template="none",
        shapes=shapes,
        annotations=annotations,
        height=view.height,
        width=view.width,
        margin={"l": 4, "r": 4, "t": 8, "b": 4},
        font={"size": view.font, "family": "Arial, Helvetica, sans-serif", "color": "#111111"},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        xaxis={"range": list(X_RANGE), "visible": False, "fixedrange": True},
        yaxis={
            "range": list(Y_RANGE),
            "visible": False,
            "fixedrange": True,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        dragmode=False,
        hovermode="closest",
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


def _keep_panels(fig: go.Figure, state: MapState, panels: tuple[str, ...]) -> None:
    """Cut a full body map down to some panels, for a static page."""
    unknown = [p for p in panels if p not in PANELS]
    if unknown:
        raise ValueError(f"unknown panels {unknown}; valid: {', '.join(PANELS)}")
    xs = [p[0] for r in state.shape_rows if r["panel"] in panels for p in r["points"]]
    low, high = min(xs) - 12, max(xs) + 12
    drawn = len(state.shape_rows)
    keep = []
    for i, shape in enumerate(fig.layout.shapes):
        if i < drawn:
            if state.shape_rows[i]["panel"] in panels:
                keep.append(shape)
        elif shape.visible:
            x = float(shape.path[1:].split(",")[0])
            if low <= x <= high:
                keep.append(shape)
    fig.layout.shapes = keep
    fig.layout.annotations = [a for a in fig.layout.annotations if low <= a.x <= high]
    fig.data = [t for t in fig.data if t.meta == "legend" or t.meta in panels]
    ys = [p[1] for r in state.shape_rows if r["panel"] in panels for p in r["points"]]
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


def _panel_centre(model: Model, panel: str) -> float:
    pts = [p for r in map_state(model).shape_rows if r["panel"] == panel for p in r["points"]]
    xs = [p[0] for p in pts]
    return (min(xs) + max(xs)) / 2


def _side_labels(view: View) -> list[dict]:
    """'R' and 'L' under each leg: front views show the patient's right on the left."""
    places = [(40, "L"), (80, "R")]  # the spine, seen from behind
    for panel, cx in {
        "skin_front": 205,
        "skin_back": 345,
        "muscle_front": 485,
        "muscle_back": 625,
    }.items():
        front = panel.endswith("front")
        places += [(cx - 28, "R" if front else "L"), (cx + 28, "L" if front else "R")]
    return [
        {
            "x": x,
            "y": Y_RANGE[0] + 8,
            "text": f"<b>{side}</b>",
            "showarrow": False,
            "font": {"size": view.font},
        }
        for x, side in places
    ]


def pathways(model: Model, findings: Findings | None = None, side: str | None = None) -> go.Figure:
    """Root -> plexus -> nerve -> muscle or skin region, as a Sankey.

    The paths the findings use are coloured by effect; the rest of the
    pathways of the compressed roots (or, with no findings, of all roots) are
    shown in grey so the learner sees what was spared.
    """
    if findings is not None and findings.table.empty:
        findings = None
    table = findings.table if findings is not None else None
    if table is not None and side is not None:
        table = table[table["side"] == side]
    links: dict[tuple[str, str], tuple[str, float]] = {}
    rank = {e: i for i, e in enumerate(EFFECT_PRIORITY)}
    rows = table.to_dict("records") if table is not None else []
    for row in rows:
        if row["kind"] not in ("muscle", "region", "reflex"):
            continue
        for path in row["path"].split(" | "):
            labels = path.split(" → ")
            ids = [model.resolve(label) if _known(model, label) else None for label in labels]
            ids = [i for i in ids if i is not None]
            for a, b in itertools.pairwise(ids):
                have = links.get((a, b))
                new = (row["effect"], row["intensity"])
                if have is None or rank[new[0]] < rank[have[0]]:
                    links[(a, b)] = new
    if not links:
        # No findings: the skeleton of root -> plexus -> nerve for every root.
        for link in model.links.to_dict("records"):
            if link["relation"] == "contributes_to" and model.kind(link["target"]) == "plexus":
                links[(link["source"], link["target"])] = ("", 0.0)
            if link["relation"] == "branches_to" and model.kind(link["source"]) == "plexus":
                links[(link["source"], link["target"])] = ("", 0.0)
    nodes = list(dict.fromkeys(n for pair in links for n in pair))
    index = {n: i for i, n in enumerate(nodes)}
    colours = [
        _rgba(EFFECT_COLOURS[e], 0.55) if e else "rgba(160,160,160,0.4)" for e, _ in links.values()
    ]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [model.label(n) for n in nodes],
                "pad": 12,
                "thickness": 14,
                "color": [
                    "#555555" if model.kind(n) in ("root", "plexus") else "#8A8A8A" for n in nodes
                ],
                "customdata": nodes,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [index[a] for a, _ in links],
                "target": [index[b] for _, b in links],
                "value": [1] * len(links),
                "color": colours,
                "customdata": [EFFECT_LABELS.get(e, "pathway") for e, _ in links.values()],
                "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
            },
        )
    )
    fig.update_layout(
        template="none",
        height=max(360, 22 * len(nodes)),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        font={"size": 13},
    )
    return fig


def _known(model: Model, label: str) -> bool:
    try:
        model.resolve(label)
    except ValueError:
        return False
    return True
