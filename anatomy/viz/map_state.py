"""The body map's plan and its overlays: what each trace draws for some findings.

The panels come from the drawing (:mod:`anatomy.viz.geometry`): the lumbar spine
seen from behind (vertebrae, discs, roots leaving at their foramina, the two
plexuses), the skin from the front and from the back, and the muscles with the
nerves from the front and from the back. What the findings touch is coloured by
effect, stronger colour for a stronger effect; the rest stays neutral.

Design, from measurements in a real browser (``docs/design.md``): the neutral
drawing never changes. The silhouettes, the spine and the neutral skin regions
and muscles are layout *shapes* (the regions and the muscles of a panel merged
into one shape each); the neutral nerves, roots and reflex diamonds are one
trace each. What the findings light is drawn *over* it by a fixed set of overlay
traces, one per (kind, effect, colour strength), each holding all its polygons
or lines separated by gaps. An update replaces only the data of a fixed,
contiguous block of traces (overlays, compression sites, hover text), which
plotly.js redraws without touching the rest. Trace order gives the drawing
order: lit skin and muscles, then the nerves and roots, then lit nerves and
roots, the reflex diamonds, the compression stars; a lit region can never cover
a nerve. Each panel has one invisible hover trace that carries the hover text
and the structure ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from anatomy.engine.findings import Findings
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS
from anatomy.text.words import escape
from anatomy.viz import theme
from anatomy.viz.geometry import LAYERS, PANELS, geometry

PANEL_TITLES = {
    "spine": "Spine<br>from behind",
    "skin_front": "Skin<br>front",
    "skin_back": "Skin<br>back",
    "muscle_front": "Muscles<br>front",
    "muscle_back": "Muscles<br>back",
}
KIND_OF_LAYER = {"region": "area", "muscle": "area", "nerve": "line", "root": "line"}
KIND_OF_LAYER["reflex"] = "reflex"
OVERLAY_KINDS = ("area", "line", "reflex")  # drawn in this order
# The effects each kind of drawing can show: skin regions pain, tingling and numbness,
# muscles weakness, reflex diamonds a reduced reflex; nerves and roots carry any of them
# (the bladder and bowel are not drawn). Each overlay trace costs the browser time on
# every change (about 0.3 ms), so the map has traces only for these; a test runs every
# lesion and case.
DRAWN_EFFECTS = {
    "area": ("pain", "tingling", "numbness", "weakness"),
    "line": ("pain", "tingling", "numbness", "weakness", "reduced_reflex"),
    "reflex": ("reduced_reflex",),
}
# An area shows every effect it has, each by its own overlay, in this order: the fills
# (pain, weakness), then tingling's dots and numbness's hatch on top, so a knee that
# hurts and is numb shows both. A nerve or root line shows one effect, the most severe:
# weakness, numbness, tingling, pain, then a reduced reflex (which has a marker of its
# own), and the bladder and bowel last (a root that carries them also carries pain, so
# its line is always drawn in a colour it has); the most severe is drawn last, on top.
# A line is drawn in its effect's full colour with the effect's dash.
AREA_ORDER = ("pain", "weakness", "tingling", "numbness")
LINE_PRIORITY = (
    "weakness",
    "numbness",
    "tingling",
    "pain",
    "reduced_reflex",
    "sphincter_dysfunction",
)
STRENGTHS = {"area": theme.LEVELS, "line": 1, "reflex": theme.LEVELS}
MERGED = ("region", "muscle")  # neutral shapes drawn as one path per panel
# The legend's entries (drawn by :mod:`anatomy.viz.body_map`): how each effect is shown on
# the skin and muscles, then on the nerves and roots.
LEGEND_AREAS = (
    "pain",
    "tingling",
    "numbness",
    "pain+numbness",
    "weakness",
    "reduced_reflex",
    "site",
    "none",
)
LEGEND_LINES = ("weakness", "numbness", "tingling", "pain", "reduced_reflex", "none")
LEGEND_TRACES = len(LEGEND_AREAS) + len(LEGEND_LINES)


def level(intensity: float, kind: str = "area") -> int:
    """The colour strength, 1 to the kind's number of strengths, that shows an intensity."""
    levels = STRENGTHS[kind]
    return min(levels, max(1, math.ceil(round(intensity * levels, 6))))


def overlay_groups() -> list[tuple[str, str, int]]:
    """(kind, effect, strength) of each overlay trace, in drawing order.

    Within a kind the stronger colour comes last, so it is drawn on top.
    """
    order = {"area": AREA_ORDER, "line": LINE_PRIORITY[::-1], "reflex": DRAWN_EFFECTS["reflex"]}
    groups = []
    for kind in OVERLAY_KINDS:
        for effect in (e for e in order[kind] if e in DRAWN_EFFECTS[kind]):
            groups += [(kind, effect, s) for s in range(1, STRENGTHS[kind] + 1)]
    return groups


def _group_key(kind: str, effect: str, strength: int) -> str:
    return f"{kind}|{effect}|{strength}"


def lit_effects(findings: Findings | None) -> dict[tuple[str, str], dict[str, float]]:
    """(structure, side) -> {effect: intensity} for everything the findings touch."""
    lit: dict[tuple[str, str], dict[str, float]] = {}
    if findings is None:
        return lit
    for row in findings.records:
        effects = lit.setdefault((row["structure"], row["side"]), {})
        effects[row["effect"]] = max(effects.get(row["effect"], 0.0), float(row["intensity"]))
    return lit


def shown_effects(kind: str, effects: dict[str, float]) -> list[tuple[str, float]]:
    """The (effect, intensity) pairs a kind of drawing shows for a structure's effects.

    An area or a reflex shows every effect; a line the most severe (``LINE_PRIORITY``).
    """
    if kind == "line":
        effect = min(effects, key=LINE_PRIORITY.index)
        return [(effect, effects[effect])]
    return list(effects.items())


# --- the figure's plan -------------------------------------------------------------------------


@dataclass
class MapState:
    """The body map's parts in figure order, and what an update sends."""

    rows: list[dict]  # geometry rows drawn (markers and labels excluded), in drawing order
    rings: dict[str, tuple[list, list]]  # shape id -> x and y of its polygon or line
    traces: list[str]  # the role of each trace: a group key, "lines", "reflexes", "sites",
    #                    a panel (hover) or "legend"
    animated: list[int]  # trace indexes an update sends: one contiguous block
    hover: dict[str, list[dict]]  # panel -> rows whose centres carry hover text
    view: theme.View


def _ring(points, closed: bool) -> tuple[list, list]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if closed:
        xs.append(points[0][0])
        ys.append(points[0][1])
    return xs, ys


def _state(model: Model, presenter: bool) -> MapState:
    view = theme.view(presenter)
    drawn = [r for r in geometry(model).rows if r["layer"] not in ("site", "label")]
    order = {layer: i for i, layer in enumerate(LAYERS)}
    drawn.sort(key=lambda r: order[r["layer"]])
    hover = {p: [] for p in PANELS}
    rings = {}
    for r in drawn:
        if r["layer"] in ("region", "muscle", "nerve", "root", "disc", "plexus", "reflex"):
            hover[r["panel"]].append(r)
        if r["layer"] == "reflex":
            rings[r["shape"]] = _ring(_diamond(*r["points"][0], view.reflex), True)
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
    return MapState(drawn, rings, traces, animated, hover, view)


def _states(model: Model) -> dict[bool, MapState]:
    return {False: _state(model, False), True: _state(model, True)}


def map_state(model: Model, presenter: bool = False) -> MapState:
    """The figure's parts and trace plan (built once per model)."""
    return model.derived(_states)[bool(presenter)]


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
    lit = lit_effects(findings)
    members: dict[str, list[dict]] = {}
    for r in state.rows:
        kind = KIND_OF_LAYER.get(r["layer"])
        effects = lit.get((r["structure"], r["side"])) if kind else None
        if not effects or (panels is not None and r["panel"] not in panels):
            continue
        for effect, intensity in shown_effects(kind, effects):
            if effect not in DRAWN_EFFECTS[kind]:
                raise ValueError(
                    f"the body map has no colour for {effect} on a {r['layer']} "
                    f"({r['structure']}); it shows {', '.join(DRAWN_EFFECTS[kind])} there"
                )
            key = _group_key(kind, effect, level(intensity, kind))
            members.setdefault(key, []).append(r)
    texts = hover_texts(model, findings, presenter)
    out = []
    for role in state.traces[: len(state.animated)]:
        if role in ("lines", "reflexes"):
            out.append({})
        elif role == "sites":
            stars = lesion_markers(model, findings)
            centres = zip(stars["x"], stars["y"], strict=True)
            xs, ys = _join(_ring(_star(x, y, state.view.star), True) for x, y in centres)
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


def star_path(x: float, y: float, r: float) -> str:
    """A five-pointed star at (x, y) as an SVG path (for layout shapes)."""
    return svg_path(_star(x, y, r), True)


def _diamond(x: float, y: float, r: float) -> list[tuple[float, float]]:
    return [(x, y + r), (x + r * 0.8, y), (x, y - r), (x - r * 0.8, y)]


def svg_path(points, closed: bool) -> str:
    """Points as an SVG path ('M x,y L x,y ... Z')."""
    head, *rest = points
    path = f"M{head[0]:g},{head[1]:g}" + "".join(f"L{x:g},{y:g}" for x, y in rest)
    return path + ("Z" if closed else "")


def _centre(points) -> tuple[float, float]:
    xs, ys = zip(*points, strict=True)
    if len(points) > 2 and points[0] != points[-1] and len(points) % 2 == 0:
        return sum(xs) / len(xs), sum(ys) / len(ys)
    return points[len(points) // 2]


def lesion_markers(model: Model, findings: Findings | None) -> dict:
    """Where the compression stars go: x, y and a text label for each (from the drawing)."""
    xs, ys, texts = [], [], []
    if findings is None:
        return {"x": xs, "y": ys, "text": texts}
    drawing = geometry(model)
    spine = {(r["structure"], r["side"]): r for r in map_state(model).rows if r["panel"] == "spine"}
    for lesion in findings.lesions:
        sides = ["left", "right"] if lesion.side == "both" else [lesion.side]
        if lesion.kind == "nerve":
            for x, y in drawing.markers(lesion.target, lesion.site, sides):
                xs.append(x)
                ys.append(y)
                texts.append(f"{model.label(lesion.target)} @ {lesion.site.replace('_', ' ')}")
            continue
        for side in sides:
            if lesion.kind == "disc":
                for x, y in drawing.markers(lesion.target, lesion.zone, [side]):
                    xs.append(x)
                    ys.append(y)
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


def _by_structure(findings: Findings | None) -> dict[tuple[str, str], list[dict]]:
    """Finding rows grouped by (structure, side), built once per findings."""
    groups: dict[tuple[str, str], list[dict]] = {}
    if findings is not None:
        for row in findings.records:
            groups.setdefault((row["structure"], row["side"]), []).append(row)
    return groups


def _hover_lines(model: Model, groups: dict, numbers: dict, structure: str, side: str) -> str:
    label = model.label(structure)
    head = f"<b>{escape(label)}</b>" + (f" ({side})" if side in ("left", "right") else "")
    rows = groups.get((structure, side))
    if not rows:
        return head + "<br>not affected"
    lines = [head]
    for row in rows:
        line = f"{EFFECT_LABELS[row['effect']]} {row['intensity']:.2f}"
        path = row["path"].split(" | ")[0]
        if path:  # a self-check case shows findings without their path or citations
            cited = " ".join(f"[{numbers[c]}]" for c in row["citations"])
            line += f": {escape(path)}" + (f"<br>  cited: {cited}" if cited else "")
        lines.append(line)
    return "<br>".join(lines)


def hover_texts(model: Model, findings: Findings | None, presenter=False) -> list[list[str]]:
    """Hover text of each panel's hover trace, in panel order.

    Each lit structure lists its effects with their intensity, the path, and the
    citations by their number in the citation panel ([1] is its first entry).
    """
    state = map_state(model, presenter)
    groups = _by_structure(findings)
    numbers = {}
    if findings is not None:
        numbers = {cid: i for i, cid in enumerate(findings.citation_ids, start=1)}
    return [
        [
            _hover_lines(model, groups, numbers, r["structure"], r["side"])
            for r in state.hover[panel]
        ]
        for panel in PANELS
    ]
