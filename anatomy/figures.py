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
        path = row["path"].split(" | ")[0]
        lines.append(
            f"{EFFECT_LABELS[row['effect']]} {row['intensity']:.2f}: {_escape(path)}"
            f"<br>  cites: {_escape(', '.join(row['citations'][:4]))}"
        )
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
