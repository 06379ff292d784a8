"""Read how a body map draws a structure, from the figure's own data (not pixels)."""

from __future__ import annotations

from anatomy.model.vocabulary import EFFECT_LABELS
from anatomy.viz import map_state as mstate
from anatomy.viz import theme


def rows_of(model, structure, side):
    """The geometry rows (polygons or lines) that draw a structure on one side."""
    return [
        r for r in mstate.map_state(model).rows if (r["structure"], r["side"]) == (structure, side)
    ]


def listing(fig, name, filled):
    """The traces that list ``name`` in their meta, once per polygon or line they draw."""
    out = []
    for trace in fig.data:
        meta = trace.meta
        if isinstance(meta, str) or not meta or (trace.fill == "toself") != filled:
            continue
        out += [trace] * list(meta).count(name)
    return out


def overlay_role(trace) -> tuple[str, str, int]:
    """(kind, effect, strength) of an overlay trace, from its name."""
    name = trace.name
    kind = name.rsplit("(", 1)[1].rstrip(")")
    label = name.split(",")[0].split(" (")[0]
    effect = next(e for e, text in EFFECT_LABELS.items() if text == label)
    strength = int(name.split("strength ")[1].split(" ")[0]) if "strength" in name else 1
    return kind, effect, strength


def lit(model, fig, structure, side) -> dict[str, int]:
    """effect -> colour strength, for each overlay that draws the structure.

    Each overlay must draw every polygon of it (a part lit and a part not would
    be a drawing error).
    """
    name = f"{structure}|{side}"
    rows = rows_of(model, structure, side)
    areas = [r for r in rows if r["layer"] in ("region", "muscle", "reflex")]
    out: dict[str, int] = {}
    for filled in (True, False):
        traces = [
            t for t in listing(fig, name, filled) if t.name not in ("Reflexes", "Nerves and roots")
        ]
        names = [t.name for t in traces]
        for trace in {t.name: t for t in traces}.values():
            _kind, effect, strength = overlay_role(trace)
            count = names.count(trace.name)
            expected = len(areas) if filled else len(rows)
            assert count == expected, f"{name}: {count} of {expected} drawn by {trace.name}"
            out[effect] = strength
    return out


def fills(model, fig, structure, side):
    """The fill of each polygon of an unlit structure: the neutral drawing's."""
    name = f"{structure}|{side}"
    assert not lit(model, fig, structure, side), f"{name} is lit"
    out = []
    for r in rows_of(model, structure, side):
        if r["layer"] == "reflex":
            [neutral] = listing(fig, name, filled=True)
            out.append(neutral.fillcolor)
            continue
        shape = next(s for s in fig.layout.shapes if s.name == f"{r['layer']}|{r['panel']}")
        x, y = r["points"][0]
        assert f"M{x:g},{y:g}" in shape.path, f"{name} is not in {shape.name}"
        out.append(shape.fillcolor)
    return out


def line_colours(model, fig, structure, side):
    """The colour of each line drawing a nerve or root: its lit overlay's, or the neutral one's."""
    name = f"{structure}|{side}"
    traces = listing(fig, name, filled=False)
    lit_lines = [t for t in traces if t.name != "Nerves and roots"]
    assert len(traces) - len(lit_lines) == len(rows_of(model, structure, side))  # drawn neutral
    return [t.line.color for t in lit_lines] or [theme.NEUTRAL_LINE["line"]]


def stars(fig):
    """(label, x-centre) of each compression star."""
    sites = next(t for t in fig.data if t.name == "Compression sites")
    rings, ring = [], []
    for x in (*sites.x, None):
        if x is None:
            if ring:
                rings.append((max(ring) + min(ring)) / 2)
            ring = []
        else:
            ring.append(x)
    labels = list(sites.meta or ())
    assert len(labels) == len(rings)
    return list(zip(labels, rings, strict=True))
