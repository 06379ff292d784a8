"""Root -> plexus -> nerve -> muscle or skin region, as a Sankey diagram."""

from __future__ import annotations

import itertools

import plotly.graph_objects as go

from anatomy.engine.findings import Findings
from anatomy.engine.inputs import is_name_of
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS, LEG_SIDES
from anatomy.text.words import escape
from anatomy.viz import theme
from anatomy.viz.describe import pathways_description
from anatomy.viz.figure import AtlasFigure
from anatomy.viz.map_state import EFFECT_PRIORITY


def pathways(model: Model, findings: Findings | None = None, side: str | None = None) -> go.Figure:
    """Root -> plexus -> nerve -> muscle or skin region, as a Sankey.

    The paths the findings use are coloured by effect; the rest of the
    pathways of the compressed roots (or, with no findings, of all roots) are
    shown in grey so the learner sees what was spared. Labels are escaped.
    """
    if findings is not None and not isinstance(findings, Findings):
        raise TypeError(f"findings must be Findings or None, not {findings!r}")
    if side is not None and (not isinstance(side, str) or side not in LEG_SIDES):
        raise ValueError(f"side must be one of {', '.join(LEG_SIDES)} or None, not {side!r}")
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
            ids = [model.resolve(label) for label in labels if is_name_of(model, label, None)]
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
        theme.rgba(theme.EFFECT_COLOURS[e], theme.SANKEY_ALPHA) if e else theme.SANKEY_PATH_COLOUR
        for e, _ in links.values()
    ]
    fig = AtlasFigure(
        go.Sankey(
            arrangement="snap",
            node={
                "label": [escape(model.label(n)) for n in nodes],
                "pad": 12,
                "thickness": 14,
                "color": [
                    theme.SANKEY_NODE.get(model.kind(n), theme.SANKEY_NODE["other"]) for n in nodes
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
        ),
        alt=pathways_description(model, findings, side),
    )
    fig.update_layout(
        template="none",
        height=max(360, 22 * len(nodes)),
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        font={"size": 13},
    )
    return fig
