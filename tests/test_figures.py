"""The body map and pathways: asserted on the figure's data, not on pixels."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from drawing import fills, line_colours, rows_of, stars

from anatomy import DataError
from anatomy.model.tables import geometry_file
from anatomy.model.vocabulary import EFFECT_LABELS
from anatomy.viz import body_map as bmap
from anatomy.viz import geometry, theme
from anatomy.viz import map_state as mstate
from anatomy.viz import pathways as pathways_module


def colour(effect):
    r, g, b = (int(theme.EFFECT_COLOURS[effect][i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}"


def test_l5_lights_the_dorsum_for_numbness_and_leaves_the_quadriceps(model):
    fig = bmap.body_map(model, model.compress("L5", severity=0.9, side="left"))
    dorsum = fills(model, fig, "dorsum_of_foot", "left")
    assert dorsum and all(f.startswith(colour("numbness")) for f in dorsum)
    assert fills(model, fig, "dorsum_of_foot", "right") == [theme.NEUTRAL_FILL["region"]] * 2
    assert fills(model, fig, "quadriceps", "left") == [theme.NEUTRAL_FILL["muscle"]]
    assert fills(model, fig, "extensor_hallucis_longus", "left")[0].startswith(colour("weakness"))
    assert line_colours(model, fig, "L5", "left")[0].startswith(colour("weakness"))  # carries it
    assert line_colours(model, fig, "L5", "right") == [theme.NEUTRAL_LINE["line"]]
    moderate = bmap.body_map(model, model.compress("L5", severity=0.5, side="left"))
    assert line_colours(model, moderate, "L5", "left")[0].startswith(colour("numbness"))


def test_l3_lights_the_quadriceps(model):
    fig = bmap.body_map(model, model.compress("L3", severity=0.9, side="right"))
    assert fills(model, fig, "quadriceps", "right")[0].startswith(colour("weakness"))
    assert fills(model, fig, "quadriceps", "left") == [theme.NEUTRAL_FILL["muscle"]]


def test_intensity_sets_the_strength_of_the_colour(model):
    weak = bmap.body_map(model, model.compress("L5", severity=0.45))
    strong = bmap.body_map(model, model.compress("L5", severity=0.9))
    alpha = lambda f: float(f.rsplit(",", 1)[1].rstrip(")"))  # noqa: E731
    assert alpha(fills(model, weak, "dorsum_of_foot", "left")[0]) < alpha(
        fills(model, strong, "dorsum_of_foot", "left")[0]
    )


@pytest.mark.parametrize(
    ("intensity", "strength"),
    [(0.01, 1), (0.25, 1), (0.26, 2), (0.45, 2), (0.5, 2), (0.7, 3), (0.75, 3), (0.9, 4), (1, 4)],
)
def test_intensity_is_shown_in_four_strengths(intensity, strength):
    assert theme.LEVELS == 4
    assert mstate.level(intensity) == strength
    # the weakest strength is still clearly visible; the strongest is the full colour
    assert theme.lit_colour("pain", 1).endswith(", 0.51)")
    assert theme.lit_colour("pain", 4) == "rgba(213, 94, 0, 1.00)"


def test_a_lit_structure_is_drawn_by_one_overlay_with_its_own_outline(model):
    findings = model.compress("S1", severity=0.9, side="right")
    fig = bmap.body_map(model, findings)
    state = mstate.map_state(model)
    sole = [r for r in state.rows if (r["structure"], r["side"]) == ("sole", "right")]
    [trace] = {t.name: t for t in fig.data if t.meta and "sole|right" in t.meta}.values()
    effect, intensity = mstate.strongest(findings)[("sole", "right")]
    assert trace.name.startswith(EFFECT_LABELS[effect])
    assert trace.fillcolor == theme.lit_colour(effect, mstate.level(intensity))
    # its polygons, each closed, with the coordinates of the drawing
    points = list(zip(trace.x, trace.y, strict=True))
    for row in sole:
        ring = [tuple(p) for p in row["points"]] + [tuple(row["points"][0])]
        assert any(points[i : i + len(ring)] == ring for i in range(len(points))), row["shape"]


def test_drawing_order_keeps_nerves_above_lit_skin_and_muscles(model):
    """Traces draw in order above every shape: lit areas, nerves, lit nerves, reflexes, stars."""
    fig = bmap.body_map(model, model.compress(["L4", "S1"], severity=0.9, side="both"))
    assert {s.layer for s in fig.layout.shapes} == {"below"}
    names = [t.name for t in fig.data]
    lines, reflexes = names.index("Nerves and roots"), names.index("Reflexes")
    sites = names.index("Compression sites")
    kinds = [
        (i, t.name.rsplit("(", 1)[1].rstrip(")")) for i, t in enumerate(fig.data) if "(" in t.name
    ]
    assert all(i < lines for i, kind in kinds if kind == "area")
    assert all(lines < i < reflexes for i, kind in kinds if kind == "line")
    assert all(reflexes < i < sites for i, kind in kinds if kind == "reflex")
    assert len(kinds) == sum(len(e) for e in mstate.DRAWN_EFFECTS.values()) * theme.LEVELS
    # within a kind, the more severe effect and the stronger colour are drawn later (on top)
    areas = [t.name for t in fig.data if t.name.endswith("(area)")]
    assert areas.index("Weakness, strength 4 of 4 (area)") > areas.index(
        "Pain, strength 4 of 4 (area)"
    )
    assert areas.index("Pain, strength 2 of 4 (area)") < areas.index("Pain, strength 3 of 4 (area)")


def test_overlay_sends_full_data_for_a_fixed_block_of_traces(model):
    state = mstate.map_state(model)
    assert state.animated == list(range(len(state.animated)))  # contiguous, from the first
    for findings in (
        None,
        model.compress("L5", severity=0.2),
        model.compress_case("office_worker"),
    ):
        data = mstate.overlay(model, findings)
        assert len(data) == len(state.animated)
        for role, values in zip(state.traces, data, strict=False):
            if role in ("lines", "reflexes"):
                assert values == {}
            elif role in geometry.PANELS:
                assert set(values) == {"hovertext"}
                assert len(values["hovertext"]) == len(state.hover[role])
            else:
                assert set(values) == {"x", "y", "meta"}
                assert len(values["x"]) == len(values["y"])
    nothing = mstate.overlay(model, None)
    assert all(v["x"] == [] == v["y"] and v["meta"] == [] for v in nothing if "x" in v)


def test_every_lesion_and_case_is_drawn(model):
    """Each kind of drawing has a colour for every effect the engine can give it."""
    findings = [model.compress_case(case) for case in model.cases["id"]]
    for side in ("left", "both"):
        for severity in (0.3, 0.5, 0.8, 1.0):
            findings += [model.compress(root, severity, side) for root in model.roots]
            for level in model.disc_levels:
                for zone in model.zones["zone"]:
                    findings.append(model.compress_disc(level, zone, side, severity))
            for row in model.sites.to_dict("records"):
                findings.append(model.compress_nerve(row["nerve"], row["site"], side, severity))
    state = mstate.map_state(model)
    for f in findings:
        data = mstate.overlay(model, f)  # raises if a finding has no colour on the map
        drawn = {
            m for role, v in zip(state.traces, data, strict=False) for m in v.get("meta") or ()
        }
        drawable = {
            (r["structure"], r["side"]) for r in state.rows if r["layer"] in mstate.KIND_OF_LAYER
        }
        lit = {f"{s}|{side}" for (s, side) in mstate.strongest(f) if (s, side) in drawable}
        assert lit <= drawn


def test_an_effect_the_map_cannot_show_is_an_error(model, monkeypatch):
    monkeypatch.setitem(mstate.DRAWN_EFFECTS, "area", ("numbness", "weakness"))
    with pytest.raises(ValueError, match="no colour for pain on a region"):
        mstate.overlay(model, model.compress("L5", severity=0.9))


@pytest.mark.parametrize(
    ("zone", "offset"),
    [("central", 0), ("paracentral", -9), ("foraminal", -22), ("extraforaminal", -32)],
)
def test_spine_panel_marks_the_disc_and_zone(model, zone, offset):
    f = model.compress_disc("L4-L5", zone=zone, side="left", severity=0.8)
    fig = bmap.body_map(model, f)
    [(label, x)] = stars(fig)
    assert label == f"L4-L5 {zone}"
    disc = next(s for s in fig.layout.shapes if s.name == "L4-L5|mid")
    xs = [float(p.split(",")[0]) for p in disc.path.strip("MZ").split("L")]
    assert x == pytest.approx(sum(xs) / len(xs) + offset, abs=0.6)


def test_nerve_site_and_roots_are_marked(model):
    fig = bmap.body_map(model, model.compress_nerve("common_fibular", site="fibular_head"))
    assert [label for label, _ in stars(fig)] == ["Common fibular nerve @ fibular head"]
    both = bmap.body_map(model, model.compress(["L5", "S1"], side="both"))
    assert sorted(label for label, _ in stars(both)) == ["L5", "L5", "S1", "S1"]
    assert stars(bmap.body_map(model)) == []


def test_reflex_markers_turn_green_when_reduced(model):
    fig = bmap.body_map(model, model.compress("S1", severity=0.5, side="right"))
    assert fills(model, fig, "achilles_reflex", "right")[0].startswith(colour("reduced_reflex"))
    assert fills(model, fig, "achilles_reflex", "left") == ["#FFFFFF"]


def test_every_structure_is_drawn_on_both_sides_and_identifiable(model):
    fig = bmap.body_map(model)
    hover = {tuple(c) for t in fig.data if t.customdata is not None for c in t.customdata}
    not_drawn = geometry.read_not_drawn(model)
    assert set(not_drawn) >= {"flexor_hallucis_longus", "bladder", "anal_reflex"}
    for kind in ("region", "muscle", "nerve", "root", "reflex"):
        for sid in model.ids(kind):
            if sid in not_drawn:
                assert not rows_of(model, sid, "left") and not_drawn[sid]
                continue
            for side in ("left", "right"):
                assert rows_of(model, sid, side), (sid, side)
                if kind in ("nerve", "root"):
                    assert line_colours(model, fig, sid, side) == [theme.NEUTRAL_LINE["line"]]
                else:
                    neutral = "#FFFFFF" if kind == "reflex" else theme.NEUTRAL_FILL[kind]
                    assert set(fills(model, fig, sid, side)) == {neutral}, (sid, side)
                assert (sid, side) in hover, (sid, side)


def test_hover_text_names_effect_path_and_citation(model):
    fig = bmap.body_map(model, model.compress("S1", severity=0.9))
    texts = [t for trace in fig.data if trace.hovertext for t in trace.hovertext]
    sole = next(t for t in texts if t.startswith("<b>Sole</b> (left)"))
    assert "Numbness 0.90" in sole and "S1 nerve root" in sole and "lee_S1" in sole
    assert any(t.startswith("<b>Sole</b> (right)") and "not affected" in t for t in texts)


def test_colours_are_colour_blind_safe_and_labelled(model):
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(theme.EFFECT_COLOURS.values()) <= okabe_ito
    fig = bmap.body_map(model)
    legend = [t.name for t in fig.data if t.meta == "legend"]
    assert legend == [
        "Compression site",
        "Pain",
        "Tingling",
        "Numbness",
        "Weakness",
        "Reduced reflex",
        "Nerve or root",
        "Not affected",
    ]


def test_a_fixed_set_of_traces_and_a_valid_figure(model):
    fig = bmap.body_map(model, model.compress("L4", severity=0.9), presenter=True)
    empty = bmap.body_map(model, presenter=True)
    # The same traces whatever is lit: an update replaces data, never adds or removes traces.
    assert [t.name for t in fig.data] == [t.name for t in empty.data]
    assert len(fig.data) == len(mstate.map_state(model, True).traces) <= 56
    assert len(fig.layout.shapes) <= 32  # the neutral regions and muscles: one shape per panel
    go.Figure(fig.to_dict())  # plotly validates every property
    assert fig.layout.font.size == theme.PRESENTER.font > theme.NORMAL.font


def test_a_static_page_keeps_only_its_panels(model):
    fig = bmap.body_map(model, model.compress("L5", severity=0.9), panels=("spine",))
    assert {s.name.split("|")[0] for s in fig.layout.shapes} >= {"L4-L5", "vertebra_L5"}
    assert not any(s.name.startswith(("region|", "muscle|")) for s in fig.layout.shapes)
    assert [label for label, _ in stars(fig)] == ["L5"]
    lit = [m for t in fig.data if t.name.endswith("(line)") for m in t.meta]
    assert lit == ["L5|left"]  # the root; the nerves of the leg are on other panels
    assert {t.meta for t in fig.data if isinstance(t.meta, str)} == {"spine", "legend"}
    with pytest.raises(ValueError, match="unknown panels"):
        bmap.body_map(model, panels=("skin_side",))


def test_pathways_highlight_the_active_paths(model):
    fig = pathways_module.pathways(model, model.compress("L5", severity=0.9), side="left")
    sankey = fig.data[0]
    nodes = list(sankey.node.customdata)
    assert {"L5", "sacral_plexus", "deep_fibular", "extensor_hallucis_longus"} <= set(nodes)
    assert "quadriceps" not in nodes
    assert len(set(sankey.link.color)) > 1
    skeleton = pathways_module.pathways(model)
    assert {"L4", "lumbar_plexus", "femoral"} <= set(skeleton.data[0].node.customdata)


def test_bad_geometry_row_is_named(model, tmp_path):
    good = geometry_file().read_text().splitlines()
    fields = good[3].split(",", 3)
    fields[2] = "skin_side"  # the panel of line 4
    bad = [*good[:3], ",".join(fields), *good[4:]]
    path = tmp_path / "body_map.csv"
    path.write_text("\n".join(bad) + "\n")
    with pytest.raises(DataError) as info:
        geometry.read_geometry(model, path)
    assert (info.value.file, info.value.line, info.value.column) == ("body_map.csv", 4, "panel")
