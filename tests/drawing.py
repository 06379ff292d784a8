"""Read how a body map draws a structure, from the figure's own data (not pixels)."""

from __future__ import annotations

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


def fills(model, fig, structure, side):
    """The fill of each polygon drawing a structure: its overlay's, or the neutral drawing's."""
    name = f"{structure}|{side}"
    rows = rows_of(model, structure, side)
    lit = [t for t in listing(fig, name, filled=True) if t.name != "Reflexes"]
    if lit:
        assert len(lit) == len(rows), f"{name}: {len(lit)} of {len(rows)} polygons lit"
        return [t.fillcolor for t in lit]
    out = []
    for r in rows:
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
    lit = [t for t in traces if t.name != "Nerves and roots"]
    assert len(traces) - len(lit) == len(rows_of(model, structure, side))  # drawn neutral too
    return [t.line.color for t in lit] or [theme.NEUTRAL_LINE["line"]]


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
