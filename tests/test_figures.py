"""The body map and pathways: asserted on the figure's data, not on pixels."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from drawing import fills, line_colours, lit, rows_of, stars

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
    assert lit(model, fig, "dorsum_of_foot", "left") == {"pain": 4, "tingling": 4, "numbness": 4}
    assert fills(model, fig, "dorsum_of_foot", "right") == [theme.NEUTRAL_FILL["region"]] * 2
    assert fills(model, fig, "quadriceps", "left") == [theme.NEUTRAL_FILL["muscle"]]
    assert lit(model, fig, "extensor_hallucis_longus", "left") == {"weakness": 4}
    assert line_colours(model, fig, "L5", "left") == [theme.EFFECT_COLOURS["weakness"]]
    assert line_colours(model, fig, "L5", "right") == [theme.NEUTRAL_LINE["line"]]
    moderate = bmap.body_map(model, model.compress("L5", severity=0.5, side="left"))
    assert line_colours(model, moderate, "L5", "left") == [theme.EFFECT_COLOURS["numbness"]]


def test_l3_lights_the_quadriceps(model):
    fig = bmap.body_map(model, model.compress("L3", severity=0.9, side="right"))
    assert "weakness" in lit(model, fig, "quadriceps", "right")
    assert fills(model, fig, "quadriceps", "left") == [theme.NEUTRAL_FILL["muscle"]]


def test_pain_and_numbness_on_one_region_are_both_drawn(model):
    """L4 at 0.8: the front of the knee hurts (0.80), tingles and is numb (0.40); all are
    drawn, the pain as a fill, tingling's dots and numbness's hatch over it."""
    findings = model.compress("L4", severity=0.8, side="left")
    knee = findings.of(kind="region")
    knee = knee[knee["structure"] == "anterior_knee"]
    assert dict(zip(knee["effect"], knee["intensity"].round(2), strict=True)) == {
        "pain": 0.8,
        "tingling": 0.4,
        "numbness": 0.4,
    }
    fig = bmap.body_map(model, findings)
    assert lit(model, fig, "anterior_knee", "left") == {"pain": 4, "tingling": 2, "numbness": 2}
    dots = next(t for t in fig.data if t.name == "Tingling, strength 2 of 4 (area)")
    assert dots.fillpattern.shape == "." and dots.fillcolor == "rgba(0, 0, 0, 0)"
    traces = {t.name: t for t in fig.data}
    hatch = traces["Numbness, strength 2 of 4 (area)"]
    assert hatch.fillcolor == "rgba(0, 0, 0, 0)"  # only the hatch: the pain stays visible
    assert hatch.fillpattern.shape == "/" and hatch.fillpattern.fgcolor == colour_hex("numbness")
    names = [t.name for t in fig.data]
    assert names.index("Numbness, strength 2 of 4 (area)") > names.index(
        "Pain, strength 4 of 4 (area)"
    )


def colour_hex(effect):
    return theme.EFFECT_COLOURS[effect]


def test_weakness_has_a_second_cue_and_each_effect_a_dash_on_lines(model):
    fig = bmap.body_map(model, model.compress("L5", severity=0.9))
    traces = {t.name: t for t in fig.data}
    weak = traces["Weakness, strength 4 of 4 (area)"]
    assert weak.fillpattern.shape == "x" and weak.line.color == theme.WEAKNESS_OUTLINE
    dashes = {e: traces[f"{EFFECT_LABELS[e]} (line)"].line.dash for e in theme.LINE_DASH}
    assert dashes == theme.LINE_DASH and len(set(dashes.values())) == len(dashes) == 5


def test_intensity_sets_the_strength_of_the_colour(model):
    weak = bmap.body_map(model, model.compress("L5", severity=0.45))
    strong = bmap.body_map(model, model.compress("L5", severity=0.9))
    assert lit(model, weak, "dorsum_of_foot", "left")["numbness"] < 4
    assert lit(model, strong, "dorsum_of_foot", "left")["numbness"] == 4


@pytest.mark.parametrize(
    ("intensity", "strength"),
    [(0.01, 1), (0.25, 1), (0.26, 2), (0.45, 2), (0.5, 2), (0.7, 3), (0.75, 3), (0.9, 4), (1, 4)],
)
def test_intensity_is_shown_in_four_strengths(intensity, strength):
    assert theme.LEVELS == 4
    assert mstate.level(intensity) == strength
    assert mstate.level(intensity, "line") == 1  # a line is drawn in full colour
    # the weakest strength is still clearly visible; the strongest is the full colour
    assert theme.lit_colour("pain", 1).endswith(", 0.62)")
    assert theme.lit_colour("pain", 4) == "rgba(204, 51, 17, 1.00)"


def test_a_lit_structure_is_drawn_by_its_overlays_with_their_own_outline(model):
    findings = model.compress("S1", severity=0.9, side="right")
    fig = bmap.body_map(model, findings)
    state = mstate.map_state(model)
    sole = [r for r in state.rows if (r["structure"], r["side"]) == ("sole", "right")]
    traces = [t for t in fig.data if t.meta and "sole|right" in t.meta]
    effects = mstate.lit_effects(findings)[("sole", "right")]
    assert sorted(t.name for t in traces) == sorted(
        f"{EFFECT_LABELS[e]}, strength {mstate.level(i)} of 4 (area)" for e, i in effects.items()
    )
    for trace in traces:  # its polygons, each closed, with the coordinates of the drawing
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
    assert len(kinds) == len(mstate.overlay_groups()) == 4 * 4 + 5 + 4
    # the hatch of numbness over the fills; the stronger colour later (on top)
    areas = [t.name for t in fig.data if t.name.endswith("(area)")]
    assert areas.index("Numbness, strength 1 of 4 (area)") > areas.index(
        "Pain, strength 4 of 4 (area)"
    )
    assert areas.index("Pain, strength 2 of 4 (area)") < areas.index("Pain, strength 3 of 4 (area)")
    # on lines, the most severe effect on top
    lines = [t.name for t in fig.data if t.name.endswith("(line)")]
    assert lines[-1] == "Weakness (line)"


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
        touched = {f"{s}|{sd}" for (s, sd) in mstate.lit_effects(f) if (s, sd) in drawable}
        assert touched <= drawn


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


def test_reflex_markers_fill_when_reduced(model):
    fig = bmap.body_map(model, model.compress("S1", severity=0.5, side="right"))
    assert lit(model, fig, "achilles_reflex", "right") == {"reduced_reflex": 2}
    [marker] = [t for t in fig.data if t.name == "Reduced reflex, strength 2 of 4 (reflex)"]
    assert marker.fillcolor.startswith(colour("reduced_reflex"))
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
    assert "Numbness 0.90" in sole and "S1 nerve root" in sole
    # the citations by their number in the citation panel, not by their ids
    assert "cited: [" in sole and "lee_S1" not in sole
    assert any(t.startswith("<b>Sole</b> (right)") and "not affected" in t for t in texts)


def test_the_legend_says_how_each_effect_is_drawn(model):
    fig = bmap.body_map(model)
    legend = [t.name for t in fig.data if t.meta == "legend"]
    assert legend == [
        "Pain",
        "Tingling",
        "Numbness",
        "Pain and numbness",
        "Weakness",
        "Reduced reflex",
        "Compressed here",
        "Not affected",
        "weakness",
        "numbness",
        "tingling",
        "pain",
        "reduced reflex",
        "not affected",
    ]
    both = next(t for t in fig.data if t.name == "Pain and numbness")
    assert both.fillpattern.bgcolor == theme.EFFECT_COLOURS["pain"]
    assert both.fillpattern.fgcolor == theme.EFFECT_COLOURS["numbness"]
    assert not any(t.meta == "legend" for t in bmap.body_map(model, legend=False).data)


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
    assert {"L5 nerve root", "Sacral plexus", "Deep fibular nerve"} <= set(nodes)
    assert "Extensor hallucis longus" in nodes and "Quadriceps femoris" not in nodes
    assert len(set(sankey.link.color)) > 1
    skeleton = pathways_module.pathways(model)
    assert {"L4 nerve root", "Lumbar plexus", "Femoral nerve"} <= set(
        skeleton.data[0].node.customdata
    )


def test_pathways_show_every_effect_a_legend_and_no_band_behind_a_node(model):
    fig = pathways_module.pathways(model, model.compress("L4", severity=0.9), side="left")
    sankey = fig.data[0]
    nodes = list(sankey.node.customdata)
    knee = nodes.index("Front of the knee")
    into_knee = [
        effect
        for target, effect in zip(sankey.link.target, sankey.link.customdata, strict=True)
        if target == knee
    ]
    assert {"Pain", "Numbness"} <= set(into_knee)  # it hurts and is numb: two bands
    legend = fig.layout.annotations[0].text
    for word in ("pain", "numbness", "weakness", "reduced reflex", "not affected"):
        assert word in legend
    # the lower back, reached straight from the root, sits in the column next to it, so
    # no band from the root crosses a column (and runs behind its nodes)
    x = dict(zip(nodes, sankey.node.x, strict=True))
    root = nodes.index("L4 nerve root")
    reached = {nodes[t] for s, t in zip(sankey.link.source, sankey.link.target, strict=True)}
    assert "Lower back" in reached
    for source, target in zip(sankey.link.source, sankey.link.target, strict=True):
        if source == root:
            assert x[nodes[target]] == x["Lumbar plexus"], nodes[target]


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
