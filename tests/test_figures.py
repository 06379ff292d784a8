"""The body map and pathways: asserted on the figure's data, not on pixels."""

from __future__ import annotations

import subprocess
import sys

import plotly.graph_objects as go
import pytest

from anatomy import DataError, figures


def fill_of(fig, structure, side):
    """Fill colours of the shapes drawing a structure on one side."""
    return [s.fillcolor for s in fig.layout.shapes if s.name == f"{structure}|{side}"]


def line_of(fig, structure, side):
    return [s.line.color for s in fig.layout.shapes if s.name == f"{structure}|{side}"]


def colour(effect):
    r, g, b = (int(figures.EFFECT_COLOURS[effect][i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}"


def test_l5_lights_the_dorsum_for_numbness_and_leaves_the_quadriceps(model):
    fig = figures.body_map(model, model.compress("L5", severity=0.9, side="left"))
    assert all(f.startswith(colour("numbness")) for f in fill_of(fig, "dorsum_of_foot", "left"))
    assert fill_of(fig, "dorsum_of_foot", "right") == [figures.NEUTRAL_FILL["region"]] * 2
    assert fill_of(fig, "quadriceps", "left") == [figures.NEUTRAL_FILL["muscle"]]
    assert fill_of(fig, "extensor_hallucis_longus", "left")[0].startswith(colour("weakness"))
    assert line_of(fig, "L5", "left")[0].startswith(colour("weakness"))  # carries weakness
    moderate = figures.body_map(model, model.compress("L5", severity=0.5, side="left"))
    assert line_of(moderate, "L5", "left")[0].startswith(colour("numbness"))  # not the reflex


def test_l3_lights_the_quadriceps(model):
    fig = figures.body_map(model, model.compress("L3", severity=0.9, side="right"))
    assert fill_of(fig, "quadriceps", "right")[0].startswith(colour("weakness"))
    assert fill_of(fig, "quadriceps", "left") == [figures.NEUTRAL_FILL["muscle"]]


def test_intensity_sets_the_strength_of_the_colour(model):
    weak = figures.body_map(model, model.compress("L5", severity=0.45))
    strong = figures.body_map(model, model.compress("L5", severity=0.9))
    alpha = lambda f: float(f.rsplit(",", 1)[1].rstrip(")"))  # noqa: E731
    assert alpha(fill_of(weak, "dorsum_of_foot", "left")[0]) < alpha(
        fill_of(strong, "dorsum_of_foot", "left")[0]
    )


def stars(fig):
    """(label, x-centre) of the visible compression stars."""
    out = []
    for s in fig.layout.shapes:
        if s.name and s.name.startswith("compression|") and s.visible:
            xs = [float(p.split(",")[0]) for p in s.path.strip("MZ").split("L")]
            out.append((s.name.split("|", 1)[1], (max(xs) + min(xs)) / 2))
    return out


@pytest.mark.parametrize(
    ("zone", "offset"),
    [("central", 0), ("paracentral", -9), ("foraminal", -22), ("extraforaminal", -32)],
)
def test_spine_panel_marks_the_disc_and_zone(model, zone, offset):
    f = model.compress_disc("L4-L5", zone=zone, side="left", severity=0.8)
    fig = figures.body_map(model, f)
    [(label, x)] = stars(fig)
    assert label == f"L4-L5 {zone}"
    disc = next(s for s in fig.layout.shapes if s.name == "L4-L5|mid")
    xs = [float(p.split(",")[0]) for p in disc.path.strip("MZ").split("L")]
    assert x == pytest.approx(sum(xs) / len(xs) + offset, abs=0.6)


def test_nerve_site_and_roots_are_marked(model):
    fig = figures.body_map(model, model.compress_nerve("common_fibular", site="fibular_head"))
    assert [label for label, _ in stars(fig)] == ["Common fibular nerve @ fibular head"]
    both = figures.body_map(model, model.compress(["L5", "S1"], side="both"))
    assert sorted(label for label, _ in stars(both)) == ["L5", "L5", "S1", "S1"]
    assert stars(figures.body_map(model)) == []


def test_reflex_markers_turn_green_when_reduced(model):
    fig = figures.body_map(model, model.compress("S1", severity=0.5, side="right"))
    assert fill_of(fig, "achilles_reflex", "right")[0].startswith(colour("reduced_reflex"))
    assert fill_of(fig, "achilles_reflex", "left") == ["#FFFFFF"]


def test_every_structure_is_drawn_on_both_sides_and_identifiable(model):
    fig = figures.body_map(model)
    names = {s.name for s in fig.layout.shapes}
    hover = {tuple(c) for t in fig.data if t.customdata is not None for c in t.customdata}
    for kind in ("region", "muscle", "nerve", "root"):
        for sid in model.ids(kind):
            for side in ("left", "right"):
                assert f"{sid}|{side}" in names, (sid, side)
                assert (sid, side) in hover, (sid, side)
    for reflex in model.ids("reflex"):
        assert (reflex, "left") in hover


def test_hover_text_names_effect_path_and_citation(model):
    fig = figures.body_map(model, model.compress("S1", severity=0.9))
    texts = [t for trace in fig.data if trace.hovertext for t in trace.hovertext]
    sole = next(t for t in texts if t.startswith("<b>Sole</b> (left)"))
    assert "Numbness 0.90" in sole and "S1 nerve root" in sole and "lee_S1" in sole
    assert any(t.startswith("<b>Sole</b> (right)") and "not affected" in t for t in texts)


def test_colours_are_colour_blind_safe_and_labelled(model):
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(figures.EFFECT_COLOURS.values()) <= okabe_ito
    fig = figures.body_map(model)
    legend = [t.name for t in fig.data if t.meta == "legend"]
    assert legend == [
        "Compression site",
        "Pain",
        "Numbness",
        "Weakness",
        "Reduced reflex",
        "Nerve or root",
        "Not affected",
    ]


def test_few_traces_and_a_valid_figure(model):
    fig = figures.body_map(model, model.compress("L4", severity=0.9), presenter=True)
    assert len(fig.data) <= 15  # the browser's cost grows with traces: shapes carry the map
    go.Figure(fig.to_dict())  # plotly validates every property
    assert fig.layout.font.size == figures.PRESENTER.font > figures.NORMAL.font


def test_pathways_highlight_the_active_paths(model):
    fig = figures.pathways(model, model.compress("L5", severity=0.9), side="left")
    sankey = fig.data[0]
    nodes = list(sankey.node.customdata)
    assert {"L5", "sacral_plexus", "deep_fibular", "extensor_hallucis_longus"} <= set(nodes)
    assert "quadriceps" not in nodes
    assert len(set(sankey.link.color)) > 1
    skeleton = figures.pathways(model)
    assert {"L4", "lumbar_plexus", "femoral"} <= set(skeleton.data[0].node.customdata)


def test_bad_geometry_row_is_named(model, tmp_path):
    good = figures.GEOMETRY_FILE.read_text().splitlines()
    fields = good[3].split(",", 3)
    fields[2] = "skin_side"  # the panel of line 4
    bad = [*good[:3], ",".join(fields), *good[4:]]
    path = tmp_path / "body_map.csv"
    path.write_text("\n".join(bad) + "\n")
    with pytest.raises(DataError) as info:
        figures.load_geometry(model, path)
    assert (info.value.file, info.value.line, info.value.column) == ("body_map.csv", 4, "panel")


def test_only_figures_imports_plotly_and_only_explorer_ipywidgets():
    import anatomy

    root = anatomy.model.PACKAGE_DIR
    for path in root.glob("*.py"):
        text = path.read_text()
        if path.name != "figures.py" and path.name != "explorer.py":
            assert "import plotly" not in text, path.name
        if path.name != "explorer.py":
            assert "import ipywidgets" not in text, path.name
    code = "import sys, anatomy.figures; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
