"""Figures: model + findings -> plotly figures. The only module that imports plotly.

:func:`body_map` draws five panels from the geometry table
``assets/geometry/body_map.csv``: the lumbar spine seen from behind (vertebrae,
discs, roots leaving at their foramina, the two plexuses), the skin from the
front and from the back, and the muscles with the nerves from the front and
from the back. What the findings touch is coloured by effect, stronger colour
for a stronger effect; the rest stays neutral.

Design, from measurements in a real browser (README, "How an update works"):
the neutral drawing never changes. The silhouettes, the spine and the neutral
skin regions and muscles are layout *shapes* (the regions and the muscles of a
panel merged into one shape each); the neutral nerves, roots and reflex
diamonds are one trace each. What the findings light is drawn *over* it by a
fixed set of overlay traces, one per (kind, effect, colour strength), each
holding all its polygons or lines separated by gaps. An update replaces only
the data of a fixed, contiguous block of traces (overlays, compression sites,
hover text), which plotly.js redraws without touching the rest. Trace order
gives the drawing order: lit skin and muscles, then the nerves and roots, then
lit nerves and roots, the reflex diamonds, the compression stars; a lit region
can never cover a nerve. Each panel has one invisible hover trace that carries
the hover text and the structure ids.

:func:`pathways` draws root -> plexus -> nerve -> muscle or region as a Sankey.

:func:`tension_figure` draws the leg and trunk from the side, posed by the angles of
:mod:`anatomy.tension`, with the nerves coloured by their strain and a star on each
irritated root or nerve, filled once symptoms start.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from anatomy.errors import DataError, choice_error
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
NEUTRAL_LINE = {"region": "#B8B8B8", "muscle": "#8F8A86", "line": "#A8A8A8"}  # line: nerves, roots
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


LEVELS = 4  # a lit colour comes in this many strengths: intensity (0, 1] in quarters
KIND_OF_LAYER = {"region": "area", "muscle": "area", "nerve": "line", "root": "line"}
KIND_OF_LAYER["reflex"] = "reflex"
OVERLAY_KINDS = ("area", "line", "reflex")  # drawn in this order
# The effects each kind of drawing can show: skin regions pain and numbness, muscles
# weakness, reflex diamonds a reduced reflex; nerves and roots carry any effect. One
# overlay trace per effect and strength costs the browser time on every change (about
# 0.3 ms each), so the map has traces only for these; a test runs every lesion and case.
DRAWN_EFFECTS = {
    "area": ("pain", "numbness", "weakness"),
    "line": EFFECTS,
    "reflex": ("reduced_reflex",),
}
MERGED = ("region", "muscle")  # neutral shapes drawn as one path per panel


def level(intensity: float) -> int:
    """The colour strength, 1 to LEVELS, that shows an intensity in (0, 1]."""
    return min(LEVELS, max(1, math.ceil(round(intensity * LEVELS, 6))))


def lit_colour(effect: str, strength: int) -> str:
    """The fill (or line) colour of an effect at a colour strength."""
    return _rgba(EFFECT_COLOURS[effect], _alpha(strength / LEVELS))


def overlay_groups() -> list[tuple[str, str, int]]:
    """(kind, effect, strength) of each overlay trace, in drawing order.

    Within a kind the most severe effect and the strongest colour come last,
    so they are drawn on top.
    """
    groups = []
    for kind in OVERLAY_KINDS:
        order = LINE_PRIORITY if kind == "line" else EFFECT_PRIORITY
        for effect in reversed([e for e in order if e in DRAWN_EFFECTS[kind]]):
            groups += [(kind, effect, strength) for strength in range(1, LEVELS + 1)]
    return groups


def _group_key(kind: str, effect: str, strength: int) -> str:
    return f"{kind}|{effect}|{strength}"


@dataclass
class MapState:
    """The body map's parts in figure order, and what an update sends."""

    rows: list[dict]  # geometry rows drawn (compression sites excluded), in drawing order
    rings: dict[str, tuple[list, list]]  # shape id -> x and y of its polygon or line
    traces: list[str]  # the role of each trace: a group key, "lines", "reflexes", "sites",
    #                    a panel (hover) or "legend"
    animated: list[int]  # trace indexes an update sends: one contiguous block
    hover: dict[str, list[dict]]  # panel -> rows whose centres carry hover text
    sites: list[dict]
    view: View


STAR_SIZE = {False: 7.0, True: 9.0}  # normal, presenter (figure units)
REFLEX_SIZE = {False: 5.5, True: 7.0}
LEGEND_TRACES = 7


def _ring(points, closed: bool) -> tuple[list, list]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if closed:
        xs.append(points[0][0])
        ys.append(points[0][1])
    return xs, ys


def _state(model: Model, presenter: bool) -> MapState:
    geometry = load_geometry(model)
    rows = geometry.to_dict("records")
    drawn = [r for r in rows if r["layer"] != "site"]
    order = {layer: i for i, layer in enumerate(LAYERS)}
    drawn.sort(key=lambda r: order[r["layer"]])
    hover = {p: [] for p in PANELS}
    rings = {}
    for r in drawn:
        if r["layer"] in DYNAMIC or r["layer"] in ("plexus", "reflex"):
            hover[r["panel"]].append(r)
        if r["layer"] == "reflex":
            rings[r["shape"]] = _ring(_diamond(*r["points"][0], REFLEX_SIZE[presenter]), True)
        elif r["layer"] in KIND_OF_LAYER:
            rings[r["shape"]] = _ring(r["points"], r["closed"] == "1")
    traces = []
    for kind in OVERLAY_KINDS:
        if kind == "line":
            traces.append("lines")  # the neutral nerves and roots, under the lit ones
        if kind == "reflex":
            traces.append("reflexes")
        traces += [_group_key(*g) for g in overlay_groups() if g[0] == kind]
    traces += ["sites", *PANELS]
    animated = list(range(len(traces)))
    traces += ["legend"] * LEGEND_TRACES
    return MapState(
        rows=drawn,
        rings=rings,
        traces=traces,
        animated=animated,
        hover=hover,
        sites=[r for r in rows if r["layer"] == "site"],
        view=PRESENTER if presenter else NORMAL,
    )


def map_state(model: Model, presenter: bool = False) -> MapState:
    """The figure's parts and trace plan (cached per model and mode)."""
    key = ("_map_state", presenter)
    cache = model.__dict__.setdefault("_figure_cache", {})
    if key not in cache:
        cache[key] = _state(model, presenter)
    return cache[key]


def _join(rings) -> tuple[list, list]:
    """Polygons or lines in one trace, separated by gaps (None)."""
    xs, ys = [], []
    for x, y in rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs += x
        ys += y
    return xs, ys


def overlay(
    model: Model, findings: Findings | None, presenter=False, panels: tuple | None = None
) -> list[dict]:
    """The data of each animated trace, in the order of ``map_state(...).animated``.

    Overlay traces get the polygons or lines they draw (``x``, ``y``; empty
    lists when nothing is lit) and the ``structure|side`` each one draws
    (``meta``); the compression sites their stars and labels; the hover traces
    their text. The neutral lines and reflexes get ``{}``: they are redrawn
    unchanged, which keeps the redrawn block in drawing order.
    """
    state = map_state(model, presenter)
    lit = strongest(findings)
    members: dict[str, list[dict]] = {}
    for r in state.rows:
        kind = KIND_OF_LAYER.get(r["layer"])
        hit = lit.get((r["structure"], r["side"])) if kind else None
        if hit is None or (panels is not None and r["panel"] not in panels):
            continue
        if hit[0] not in DRAWN_EFFECTS[kind]:
            raise ValueError(
                f"the body map has no colour for {hit[0]} on a {r['layer']} ({r['structure']}); "
                f"it shows {', '.join(DRAWN_EFFECTS[kind])} there"
            )
        members.setdefault(_group_key(kind, hit[0], level(hit[1])), []).append(r)
    texts = hover_texts(model, findings, presenter)
    out = []
    for role in state.traces[: len(state.animated)]:
        if role in ("lines", "reflexes"):
            out.append({})
        elif role == "sites":
            stars = lesion_markers(model, findings)
            size = STAR_SIZE[presenter]
            centres = zip(stars["x"], stars["y"], strict=True)
            xs, ys = _join(_ring(_star(x, y, size), True) for x, y in centres)
            out.append({"x": xs, "y": ys, "meta": stars["text"]})
        elif role in PANELS:
            out.append({"hovertext": texts[PANELS.index(role)]})
        else:
            rows = members.get(role, [])
            xs, ys = _join(state.rings[r["shape"]] for r in rows)
            out.append({"x": xs, "y": ys, "meta": [f"{r['structure']}|{r['side']}" for r in rows]})
    return out


def _star(x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corners of a five-pointed star centred at (x, y)."""
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.pi / 2 + k * math.pi / 5
        points.append(
            (round(x + radius * math.cos(angle), 2), round(y + radius * math.sin(angle), 2))
        )
    return points


def _diamond(x: float, y: float, r: float) -> list[tuple[float, float]]:
    return [(x, y + r), (x + r * 0.8, y), (x, y - r), (x - r * 0.8, y)]


def lesion_markers(model: Model, findings: Findings | None) -> dict:
    """Where the compression stars go: x, y and a text label for each."""
    xs, ys, texts = [], [], []
    if findings is None:
        return {"x": xs, "y": ys, "text": texts}
    state = map_state(model)
    spine = {(r["structure"], r["side"]): r for r in state.rows if r["panel"] == "spine"}
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
    # A central herniation on both sides is one star.
    unique = list(dict.fromkeys(zip(xs, ys, texts, strict=True)))
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
        Each overlay trace lists the ``structure|side`` it draws in ``meta``
        (the compression sites trace, the labels of its stars); the neutral
        regions and muscles are one shape per panel, named ``region|panel`` or
        ``muscle|panel``; the hover traces carry the structure ids in
        ``customdata``. The traces are in the order of
        ``map_state(model, presenter).traces``.
    """
    if panels is not None:
        unknown = [p for p in panels if p not in PANELS]
        if unknown:
            raise ValueError(f"unknown panels {unknown}; valid: {', '.join(PANELS)}")
    state = map_state(model, presenter)
    view = state.view
    rows = [r for r in state.rows if panels is None or r["panel"] in panels]
    fig = go.Figure(layout={"shapes": _static_shapes(rows, view)})
    data = overlay(model, findings, presenter, panels)
    for role, values in zip(state.traces, data, strict=False):
        fig.add_trace(_trace(state, role, rows, values))
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
            line={"color": NEUTRAL_LINE["line"], "width": view.lit_line},
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
                    "font": {"size": view.font - 2, "color": "#222222"},
                }
            )
    fig.update_layout(
        template="none",
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


def _static_shapes(rows: list[dict], view: View) -> list[dict]:
    """The neutral drawing: silhouettes, spine, and regions and muscles merged per panel."""
    shapes, merged = [], {}
    for r in rows:
        layer = r["layer"]
        if layer in KIND_OF_LAYER and layer not in MERGED:
            continue  # nerves, roots and reflexes are traces
        path = _svg_path(r["points"], r["closed"] == "1")
        name = f"{r['structure'] or layer}|{r['side']}"
        if layer in MERGED:
            name = f"{layer}|{r['panel']}"
            if name in merged:
                merged[name]["path"] += path
                continue
            style = {
                "fillcolor": NEUTRAL_FILL[layer],
                "line": {"color": NEUTRAL_LINE[layer], "width": view.region_line},
            }
        elif layer == "outline":
            style = {"fillcolor": SILHOUETTE, "line": {"color": OUTLINE, "width": view.line * 0.7}}
        elif layer == "vertebra":
            style = {"fillcolor": VERTEBRA_FILL, "line": {"color": VERTEBRA_LINE, "width": 1}}
        elif layer == "disc":
            style = {
                "fillcolor": NEUTRAL_FILL["disc"],
                "line": {"color": VERTEBRA_LINE, "width": view.region_line},
            }
        elif layer == "canal":
            style = {"fillcolor": CANAL_FILL, "line": {"width": 0}}
        else:  # plexus
            style = {
                "fillcolor": NEUTRAL_FILL["plexus"],
                "line": {"color": OUTLINE, "width": 1, "dash": "dot"},
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
            style = {"line": {"color": NEUTRAL_LINE["line"], "width": view.line}}
        else:
            style = {"fill": "toself", "fillcolor": "#FFFFFF"}
            style["line"] = {"color": "#333333", "width": 1.5}
        name = "Nerves and roots" if role == "lines" else "Reflexes"
        return go.Scatter(x=x, y=y, mode="lines", name=name, meta=names, **style, **quiet)
    if role == "sites":
        return go.Scatter(
            mode="lines",
            fill="toself",
            fillcolor=LESION_COLOUR,
            line={"color": "#000000", "width": 1.5},
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
    colour = lit_colour(effect, int(strength))
    if kind == "line":
        style = {"line": {"color": colour, "width": view.lit_line}}
    else:
        edge = EFFECT_COLOURS[effect] if kind == "area" else "#000000"
        width = view.region_line * 1.5 if kind == "area" else 2
        style = {"fill": "toself", "fillcolor": colour, "line": {"color": edge, "width": width}}
    name = f"{EFFECT_LABELS[effect]}, strength {strength} of {LEVELS} ({kind})"
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


# --- nerve tension: the leg from the side -----------------------------------------------------
#
# A figure seen from the side, posed by the four angles of anatomy.tension, with the nerves
# drawn along it and coloured by their strain. Everything that moves is a layout shape or an
# annotation, plus one marker trace that carries the hover text and the colour bar: an update
# is one relayout of ~20 shapes, which the browser redraws cheaply.

TENSION_SCALE = [  # light to dark blue: sequential in lightness, safe with colour-vision deficiency
    [0.0, "rgb(198,219,239)"],
    [0.25, "rgb(107,174,214)"],
    [0.5, "rgb(33,113,181)"],
    [0.75, "rgb(8,81,156)"],
    [1.0, "rgb(8,48,107)"],
]
SLACK_COLOUR = "#8C8C8C"
SYMPTOM_COLOUR = EFFECT_COLOURS["pain"]  # vermillion: where it hurts, as on the body map
BODY_FILL, BODY_LINE = "#E6E1DC", "#A39C95"
SUPPORT_FILL, SUPPORT_LINE = "#F1EFEC", "#B5B0AB"
CORD_COLOUR = "#6E6E6E"
TENSION_NERVES = ("sciatic", "tibial", "common_fibular", "femoral")
SEGMENT = {"trunk": 540, "neck": 100, "head": 95, "thigh": 440, "leg": 430, "foot": 210}
ROOT_LEVEL = {"L2": 300, "L3": 265, "L4": 230, "L5": 195, "S1": 160, "S2": 130, "S3": 105}
SPINE_X = -70  # the spinal canal, behind the trunk's axis (body frame, mm)
SYMPTOM_STARS = 3
SLACK_BELOW = 0.05  # % strain below the resting bed at which a nerve is drawn slack
# Axis ranges (mm) for each position: the body fills the plot.
TENSION_RANGES = {
    "supine": ((-900, 1150), (-190, 1150)),
    "prone": ((-900, 1150), (-190, 1150)),
    "sitting": ((-640, 1150), (-560, 960)),
}
LABEL_SIDE = {  # which side of its limb each nerve's label goes
    "sciatic": "back_thigh",
    "tibial": "back_leg",
    "common_fibular": "front_leg",
    "femoral": "front_thigh",
}


@dataclass(frozen=True)
class TensionView:
    """Sizes for the tension figure, normal and presenter."""

    font: int
    nerve: float
    height: int
    width: int
    star: float
    label: float  # px from the nerve to its label


TENSION_NORMAL = TensionView(font=13, nerve=5, height=450, width=620, star=40, label=58)
TENSION_PRESENTER = TensionView(font=18, nerve=7, height=500, width=780, star=50, label=72)


def _direction(angle: float) -> tuple[float, float]:
    """A unit vector at ``angle`` degrees from straight down, turning towards the front."""
    a = math.radians(angle)
    return math.sin(a), -math.cos(a)


def _add(p, v, scale=1.0):
    return p[0] + v[0] * scale, p[1] + v[1] * scale


def _along(a, b, fraction):
    return a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction


def _place(point, position: str) -> tuple[float, float]:
    """Body frame (standing: y up, x to the front) to the figure, for a position.

    Also turns direction vectors, as the map is linear.
    """
    x, y = point
    if position == "supine":  # head to the left, front facing up
        return -y, x
    if position == "prone":  # head to the left, front facing down
        return -y, -x
    return x, y  # sitting: upright


def tension_skeleton(angles: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The joints, outline directions and nerve waypoints of the posed body (body frame, mm).

    Standing frame: the hip joint at the origin, y up, x to the front. Hip
    flexion turns the thigh forward, knee flexion turns the leg back,
    dorsiflexion turns the foot up, neck flexion turns the head forward.
    """
    h, k = angles["hip_flexion"], angles["knee_flexion"]
    d, n = angles["ankle_dorsiflexion"], angles["neck_flexion"]
    s = SEGMENT
    up_neck = (math.sin(math.radians(n)), math.cos(math.radians(n)))
    hip = (0.0, 0.0)
    neck = (-10.0, s["trunk"] + 10.0)
    head = _add(neck, up_neck, s["neck"] + s["head"] * 0.8)
    thigh, leg, foot = _direction(h), _direction(h - k), _direction(h - k + 90 + d)
    knee = _add(hip, thigh, s["thigh"])
    ankle = _add(knee, leg, s["leg"])
    toe = _add(ankle, foot, s["foot"])
    heel = _add(ankle, foot, -50)
    front_thigh, front_leg = _direction(h + 90), _direction(h - k + 90)
    back_thigh = (-front_thigh[0], -front_thigh[1])
    back_leg = (-front_leg[0], -front_leg[1])
    sole, top = _direction(h - k + d), _direction(h - k + 180 + d)
    behind_knee = _add(knee, _add(back_thigh, back_leg), 26)
    return {
        "hip": hip,
        "neck": neck,
        "head": head,
        "face": _add(head, (up_neck[1], -up_neck[0]), s["head"] * 1.05),
        "knee": knee,
        "ankle": ankle,
        "toe": toe,
        "heel": heel,
        "front_thigh": front_thigh,
        "back_thigh": back_thigh,
        "front_leg": front_leg,
        "back_leg": back_leg,
        "sole_side": sole,
        "top_side": top,
        "cord_top": _add(neck, up_neck, 40),
        "cord_bottom": (float(SPINE_X), 300.0),
        "notch": (-85.0, 75.0),
        "behind_hip": (-65.0, -10.0),
        "thigh_back_1": _add(_along(hip, knee, 0.3), back_thigh, 45),
        "thigh_back_2": _add(_along(hip, knee, 0.6), back_thigh, 42),
        "split": _add(_along(hip, knee, 0.86), back_thigh, 38),
        "behind_knee": behind_knee,
        "calf_1": _add(_along(knee, ankle, 0.35), back_leg, 36),
        "calf_2": _add(_along(knee, ankle, 0.75), back_leg, 26),
        "behind_ankle": _add(ankle, back_leg, 26),
        "sole": _add(_along(ankle, toe, 0.5), sole, 20),
        "outer_knee": _add(knee, back_leg, 34),
        "fibular_neck": _add(_along(knee, ankle, 0.13), front_leg, 4),
        "shin_1": _add(_along(knee, ankle, 0.35), front_leg, 26),
        "shin_2": _add(_along(knee, ankle, 0.8), front_leg, 22),
        "front_ankle": _add(ankle, front_leg, 26),
        "dorsum": _add(_along(ankle, toe, 0.5), top, 18),
        "psoas": (0.0, 170.0),
        "front_hip": (60.0, 10.0),
        "thigh_front_1": _add(_along(hip, knee, 0.3), front_thigh, 48),
        "thigh_front_2": _add(_along(hip, knee, 0.65), front_thigh, 45),
        "front_knee": _add(_along(hip, knee, 0.98), front_thigh, 48),
    }


NERVE_PATHS = {
    "cord": ("cord_top", "cord_bottom"),
    "sciatic": ("spine_L5", "notch", "behind_hip", "thigh_back_1", "thigh_back_2", "split"),
    "tibial": ("split", "behind_knee", "calf_1", "calf_2", "behind_ankle", "sole"),
    "common_fibular": (
        "split",
        "outer_knee",
        "fibular_neck",
        "shin_1",
        "shin_2",
        "front_ankle",
        "dorsum",
    ),
    "femoral": ("spine_L3", "psoas", "front_hip", "thigh_front_1", "thigh_front_2", "front_knee"),
}
NERVE_LABEL_AT = {
    "sciatic": "thigh_back_2",
    "tibial": "calf_2",
    "common_fibular": "shin_1",
    "femoral": "thigh_front_1",
}
SITE_AT = {  # where a compressed nerve site sits on the drawing
    ("sciatic", "piriformis"): "notch",
    ("femoral", "inguinal_ligament"): "front_hip",
    ("tibial", "popliteal_fossa"): "behind_knee",
    ("tibial", "tarsal_tunnel"): "behind_ankle",
    ("common_fibular", "fibular_head"): "fibular_neck",
}


def _points(angles: dict[str, float]) -> dict[str, tuple[float, float]]:
    points = tension_skeleton(angles)
    for root, level in ROOT_LEVEL.items():
        points[f"spine_{root}"] = (float(SPINE_X), float(level))
    return points


def _polyline(points, closed: bool = False) -> str:
    head, *rest = points
    path = f"M{head[0]:.1f},{head[1]:.1f}" + "".join(f"L{x:.1f},{y:.1f}" for x, y in rest)
    return path + ("Z" if closed else "")


def _limb(a, b, wa: float, wb: float) -> list[tuple[float, float]]:
    """A tapered band from a to b, half-widths wa and wb (a limb's outline)."""
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    return [
        (a[0] + nx * wa, a[1] + ny * wa),
        (b[0] + nx * wb, b[1] + ny * wb),
        (b[0] - nx * wb, b[1] - ny * wb),
        (a[0] - nx * wa, a[1] - ny * wa),
    ]


def _circle(centre, r: float, name: str, fill: str, line: str, width: float) -> dict:
    x, y = centre
    return {
        "type": "circle",
        "x0": x - r,
        "y0": y - r,
        "x1": x + r,
        "y1": y + r,
        "fillcolor": fill,
        "line": {"color": line, "width": width},
        "layer": "below",
        "name": name,
    }


def _body_shapes(pts: dict, position: str) -> list[dict]:
    """The support, the trunk, neck, head, thigh, leg and foot as filled outlines."""

    def at(p):
        return _place(p, position)

    trunk = [(-120, -70), (105, -70), (115, 300), (120, 470), (80, 550), (-90, 550), (-125, 400)]
    neck_band = _limb(pts["neck"], pts["head"], 45, 40)
    pieces = {
        "trunk": trunk,
        "neck": neck_band,
        "thigh": _limb(pts["hip"], pts["knee"], 80, 55),
        "leg": _limb(pts["knee"], pts["ankle"], 50, 32),
        "foot": [
            _add(pts["heel"], pts["sole_side"], 30),
            _add(pts["toe"], pts["sole_side"], 12),
            _add(pts["toe"], pts["top_side"], 10),
            _add(pts["ankle"], pts["top_side"], 36),
            _add(pts["heel"], pts["top_side"], 25),
        ],
    }
    shapes = [_support(position)]
    for name, outline in pieces.items():
        shapes.append(
            {
                "type": "path",
                "path": _polyline([at(p) for p in outline], closed=True),
                "fillcolor": BODY_FILL,
                "line": {"color": BODY_LINE, "width": 1},
                "layer": "below",
                "name": name,
            }
        )
    shapes.append(_circle(at(pts["hip"]), 78, "hip", BODY_FILL, BODY_FILL, 0))
    shapes.append(_circle(at(pts["knee"]), 54, "knee", BODY_FILL, BODY_FILL, 0))
    shapes.append(_circle(at(pts["ankle"]), 33, "ankle", BODY_FILL, BODY_FILL, 0))
    shapes.append(_circle(at(pts["head"]), SEGMENT["head"], "head", BODY_FILL, BODY_LINE, 1))
    shapes.append(
        {
            "type": "path",
            "path": _polyline([at(pts["head"]), at(pts["face"])]),
            "line": {"color": BODY_LINE, "width": 3},
            "layer": "below",
            "name": "face",
        }
    )
    return shapes


def strain_colour(strain: float) -> str:
    """The colour of a strain (%) on the tension scale: 0 light, the healthy limit dark."""
    from plotly.colors import find_intermediate_color, unlabel_rgb

    from anatomy.tension import HEALTHY_TOLERANCE

    f = min(max(strain / HEALTHY_TOLERANCE, 0.0), 1.0)
    for (a, ca), (b, cb) in itertools.pairwise(TENSION_SCALE):
        if f <= b:
            t = (f - a) / (b - a)
            r, g, bl = find_intermediate_color(unlabel_rgb(ca), unlabel_rgb(cb), t)
            return f"rgb({round(r)}, {round(g)}, {round(bl)})"
    return TENSION_SCALE[-1][1]


def _support(position: str) -> dict:
    """The table (lying) or the chair (sitting) as one shape."""
    if position == "sitting":
        path = "M-300,-85L330,-85L330,-125L-300,-125Z M-280,-125L-280,-480 M310,-125L310,-480"
    elif position == "supine":
        path = "M-900,-125L60,-125L60,-170L-900,-170Z"  # under the trunk; the leg is free
    else:
        path = "M-900,-125L60,-125L60,-170L-900,-170Z"
    return {
        "type": "path",
        "path": path,
        "fillcolor": SUPPORT_FILL,
        "line": {"color": SUPPORT_LINE, "width": 2},
        "layer": "below",
        "name": "support",
    }


def _irritated_places(model, table, findings, at) -> list[tuple[str, tuple[float, float]]]:
    """Where each irritated root (on the spine) or nerve (at its site) is drawn."""
    places = []
    for structure in table["structure"]:
        if structure in ROOT_LEVEL:
            places.append((structure, at(f"spine_{structure}")))
            continue
        site = next(
            (
                lesion.site
                for lesion in getattr(findings, "lesions", ())
                if lesion.kind == "nerve" and lesion.target == structure
            ),
            None,
        )
        anchor = SITE_AT.get((structure, site), NERVE_LABEL_AT.get(structure))
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
) -> dict:
    """Everything the tension figure shows for a pose: shapes, annotations, the marker trace.

    The figure and the widget both build from this, so an update sends the
    values a fresh figure would hold.
    """
    from anatomy import tension

    if position not in tension.POSITIONS:
        raise choice_error("position", position, tension.POSITIONS)
    angles = tension.check_angles(model, **(angles or {}))
    view = TENSION_PRESENTER if presenter else TENSION_NORMAL
    strains = tension.nerve_tension(model=model, **angles)
    table = tension.symptoms(findings, side=side, model=model, **angles)
    pts = _points(angles)

    def at(name):
        return _place(pts[name], position)

    shapes = _body_shapes(pts, position)
    shapes.append(
        {
            "type": "path",
            "path": _polyline([at(p) for p in NERVE_PATHS["cord"]]),
            "line": {"color": CORD_COLOUR, "width": view.nerve - 1},
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
                "path": _polyline([at(p) for p in NERVE_PATHS[nerve]]),
                "line": {
                    "color": SLACK_COLOUR if slack else strain_colour(value),
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
                "path": _svg_path(_star(x, y, view.star), True),
                "fillcolor": SYMPTOM_COLOUR if on else "#FFFFFF",
                "line": {"color": "#000000", "width": 1.5},
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
        words = tension.strain_words(value)
        ax, ay = placed.offset((x, y), _place(pts[LABEL_SIDE[nerve]], position), f"{name} {words}")
        annotations.append(
            {
                **_callout(x, y, ax, ay, f"<b>{_escape(name)}</b> {words}", view.font),
                "arrowcolor": "#555555",
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
        state = "symptoms start" if row["symptoms"] else "no symptoms yet"
        text = f"{irritated_name(model, structure)}: {state}"
        ax, ay = placed.offset((x, y), (-0.6, 0.8), text)
        colour = SYMPTOM_COLOUR if row["symptoms"] else "#111111"
        label = f"<b>{_escape(irritated_name(model, structure))}</b>: {state}"
        annotations.append(
            {**_callout(x, y, ax, ay, label, view.font, colour), "name": f"irritated|{structure}"}
        )
    annotations.append(_corner(pose_words(model, angles, position), 1.0, "top", view.font, "pose"))
    annotations.append(
        _corner(
            "<br>".join(_escape(x) for x in threshold_lines(model, table)),
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

    def __init__(self, view: TensionView, position: str):
        (x0, x1), (y0, y1) = TENSION_RANGES[position]
        plot_w, plot_h = view.width * 0.85 - 8, view.height - 8
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


def _callout(x, y, ax, ay, text: str, size: float, colour: str = "#111111") -> dict:
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
        "bgcolor": "rgba(255,255,255,0.85)",
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
        "text": text if name == "thresholds" else _escape(text),
        "font": {"size": size},
        "name": name,
    }


def _tension_hover(model: Model, nerve: str, value: float) -> str:
    rows = model.nerve_crossings[model.nerve_crossings["nerve"] == nerve]
    state = "slack" if value < -SLACK_BELOW else "stretched" if value > SLACK_BELOW else "at rest"
    lines = [f"<b>{_escape(model.label(nerve))}</b>: {value:.2f}% ({state})", "runs:"]
    lines += [f"  {row['passes']} the {row['joint']}" for row in rows.to_dict("records")]
    return "<br>".join(lines)


def irritated_name(model: Model, structure: str) -> str:
    """'L5 root' for a root, the label for a nerve."""
    return f"{structure} root" if model.kind(structure) == "root" else model.label(structure)


def pose_words(model: Model, angles: dict[str, float], position: str) -> str:
    """The pose in one line: 'Lying on the back · hip flexion 60° · knee 0° · ...'."""
    from anatomy import tension

    parts = [tension.POSITIONS[position].capitalize()]
    words = tension.tables(model).words
    for angle in ("hip_flexion", "knee_flexion", "ankle_dorsiflexion", "neck_flexion"):
        value = angles[angle]
        joint = angle.split("_")[0]
        if value:
            word = words[angle][1] if value < 0 else words[angle][0]
            parts.append(f"{joint} {word} {abs(value):g}°")
        else:
            parts.append(f"{joint} 0°")
    return " · ".join(parts)


def threshold_lines(model: Model, table: pd.DataFrame) -> list[str]:
    """Each irritated root or nerve: its pull against its tolerance, in words."""
    from anatomy.tension import HEALTHY_TOLERANCE

    if not len(table):
        return [f"Nothing irritated: a healthy nerve takes {HEALTHY_TOLERANCE:g}% strain."]
    lines = []
    for row in table.to_dict("records"):
        verdict = "symptoms" if row["symptoms"] else "no symptoms"
        lines.append(
            f"{irritated_name(model, row['structure'])}: pulled {row['pull_pct']:.1f}%, "
            f"tolerates {row['tolerance_pct']:.1f}%: {verdict}"
        )
    return lines


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
        The irritated roots or nerves: a star marks each, filled vermillion
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
    from anatomy.tension import HEALTHY_TOLERANCE

    parts = tension_parts(model, angles, findings, position, presenter, side)
    view, marker = parts["view"], parts["marker"]
    fig = go.Figure(
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
                "colorscale": TENSION_SCALE,
                "cmin": 0,
                "cmax": HEALTHY_TOLERANCE,
                "line": {"color": "#333333", "width": 1},
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
        )
    )
    fig.update_layout(
        template="none",
        shapes=parts["shapes"],
        annotations=parts["annotations"],
        height=view.height,
        width=view.width,
        margin={"l": 4, "r": 4, "t": 4, "b": 4},
        font={"size": view.font, "family": "Arial, Helvetica, sans-serif", "color": "#111111"},
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        xaxis={
            "range": parts["ranges"]["x"],
            "visible": False,
            "fixedrange": True,
            "domain": [0, 0.85],
        },
        yaxis={
            "range": parts["ranges"]["y"],
            "visible": False,
            "fixedrange": True,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        dragmode=False,
        hovermode="closest",
    )
    return fig
