"""Root -> plexus -> nerve -> muscle or skin region, as a Sankey diagram.

Layout. Each node sits in the column of its depth along the paths (root,
plexus, nerve, branch), and every muscle, skin region and reflex in the last
column, so the eye reads from the spine to the leg. Skin a root reaches only
directly (the lower back, through the root's back branch; a dermatome) would
draw a band across the middle columns and behind their nodes: it sits in the
column next to the roots instead, at its top.
Each effect on a link is a band of its own (a knee that hurts and is numb shows
both), and a line of coloured squares above the diagram says which colour is
which.
"""

from __future__ import annotations

import itertools

import plotly.graph_objects as go

from anatomy.engine.findings import Findings
from anatomy.engine.inputs import is_name_of
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS, EFFECTS, LEG_SIDES
from anatomy.text.words import escape, short_path
from anatomy.viz import theme
from anatomy.viz.describe import TARGETS, pathways_description
from anatomy.viz.figure import AtlasFigure

NODE_HEIGHT = 28  # px of figure per node: room for every label
# The middle columns end here, leaving the rest of the width to the labels of the last
# middle column (right of its nodes) and of the targets (left of theirs), side by side.
MIDDLE_END = 0.6


def _links(model: Model, findings: Findings | None, side: str | None) -> dict:
    """(source, target, effect) -> True for each band to draw, in path order."""
    links: dict[tuple[str, str, str], bool] = {}
    rows = []
    if findings is not None and not findings.table.empty:
        table = findings.table
        if side is not None:
            table = table[table["side"] == side]
        rows = table.to_dict("records")
    for row in rows:
        if row["kind"] not in TARGETS:
            continue
        for path in row["path"].split(" | "):
            labels = path.split(" → ")
            ids = [model.resolve(label) for label in labels if is_name_of(model, label, None)]
            for a, b in itertools.pairwise(ids):
                links[(a, b, row["effect"])] = True
    if not links:
        # No findings: the skeleton of root -> plexus -> nerve for every root.
        for link in model.links.to_dict("records"):
            if link["relation"] == "contributes_to" and model.kind(link["target"]) == "plexus":
                links[(link["source"], link["target"], "")] = True
            if link["relation"] == "branches_to" and model.kind(link["source"]) == "plexus":
                links[(link["source"], link["target"], "")] = True
    # Effects in the order of grading within each pair, so the bands stack the same way.
    order = {e: i for i, e in enumerate(("", *EFFECTS))}
    return dict(sorted(links.items(), key=lambda item: order[item[0][2]]))


def _positions(model: Model, nodes: list[str], pairs: list[tuple[str, str]]):
    """x and y (0..1, top down) of each node: columns by depth, direct targets on top."""
    depth = dict.fromkeys(nodes, 0)
    for _ in nodes:  # longest path from a root, at most one pass per node
        for a, b in pairs:
            depth[b] = max(depth[b], depth[a] + 1)
    last = max(depth.values()) or 1
    sources: dict[str, set[str]] = {}
    for a, b in pairs:
        sources.setdefault(b, set()).add(a)
    direct = [
        n
        for n in nodes
        if model.kind(n) in TARGETS and all(depth[a] == 0 for a in sources.get(n, ()))
    ]
    column = {n: last if model.kind(n) in TARGETS else depth[n] for n in nodes}
    column.update(dict.fromkeys(direct, 1))
    xs, ys = {}, {}
    for col in range(last + 1):
        members = [n for n in nodes if column[n] == col]
        if col == 1:
            members = direct + [n for n in members if n not in direct]
        for i, n in enumerate(members):
            xs[n] = 0.999 if col == last else 0.001 + MIDDLE_END * col / max(last - 1, 1)
            ys[n] = min(0.999, max(0.001, (i + 0.5) / len(members)))
    return [xs[n] for n in nodes], [ys[n] for n in nodes]


def _legend(effects: list[str]) -> str:
    """The colours of the bands, in words, as one line."""
    keys = [
        f'<span style="color:{theme.EFFECT_COLOURS[e]}">■</span> {EFFECT_LABELS[e].lower()}'
        for e in EFFECTS
        if e in effects
    ]
    keys.append(f'<span style="color:{theme.SANKEY_SPARED}">■</span> pathway, not affected')
    return "   ".join(keys)


def pathways(model: Model, findings: Findings | None = None, side: str | None = None) -> go.Figure:
    """Root -> plexus -> nerve -> muscle or skin region, as a Sankey.

    The paths the findings use are coloured by effect, one band per effect;
    with no findings, the pathways of every root are shown in grey. Labels are
    escaped. ``side`` keeps the findings of one leg.
    """
    if findings is not None and not isinstance(findings, Findings):
        raise TypeError(f"findings must be Findings or None, not {findings!r}")
    if side is not None and (not isinstance(side, str) or side not in LEG_SIDES):
        raise ValueError(f"side must be one of {', '.join(LEG_SIDES)} or None, not {side!r}")
    links = _links(model, findings, side)
    pairs = list(dict.fromkeys((a, b) for a, b, _ in links))
    nodes = list(dict.fromkeys(n for pair in pairs for n in pair))
    index = {n: i for i, n in enumerate(nodes)}
    x, y = _positions(model, nodes, pairs)
    # A node's bands leave it in the order of their targets, top to bottom, so the band to
    # the lower back leaves the root at its top and runs above the nerves.
    where = {n: y[i] for i, n in enumerate(nodes)}
    links = dict(sorted(links.items(), key=lambda item: (where[item[0][1]], where[item[0][0]])))
    colours = [
        theme.rgba(theme.EFFECT_COLOURS[e], theme.SANKEY_ALPHA) if e else theme.SANKEY_PATH_COLOUR
        for _, _, e in links
    ]
    fig = AtlasFigure(
        go.Sankey(
            arrangement="snap",
            node={
                # short labels ('Common fibular'): the columns are close together
                "label": [escape(short_path(model.label(n))) for n in nodes],
                "x": x,
                "y": y,
                "pad": 14,
                "thickness": 14,
                "color": [
                    theme.SANKEY_NODE.get(model.kind(n), theme.SANKEY_NODE["other"]) for n in nodes
                ],
                "customdata": [escape(model.label(n)) for n in nodes],
                "hovertemplate": "%{customdata}<extra></extra>",
            },
            link={
                "source": [index[a] for a, _, _ in links],
                "target": [index[b] for _, b, _ in links],
                "value": [1] * len(links),
                "color": colours,
                "customdata": [EFFECT_LABELS.get(e, "pathway") for _, _, e in links],
                "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
            },
            textfont={"size": 14, "color": theme.TEXT},
        ),
        alt=pathways_description(
            model, None if findings is None or not len(findings) else findings, side
        ),
    )
    rows = max(len([n for n in nodes if x[index[n]] == max(x)]), 1)
    fig.update_layout(
        template="none",
        height=max(380, NODE_HEIGHT * rows + 60),
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
        font={"size": 14, "family": theme.FONT_FAMILY},
        annotations=[
            {
                "text": _legend([e for _, _, e in links]),
                "x": 0,
                "y": 1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 6,
                "showarrow": False,
                "font": {"size": 14},
            }
        ],
    )
    return fig
