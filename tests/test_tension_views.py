"""The tension figure and the bend widget: asserted on the figure's dict and the widgets."""

from __future__ import annotations

import itertools
import math

import plotly.graph_objects as go
import pytest

import anatomy
from anatomy.engine import neurodynamic, tension
from anatomy.model.vocabulary import ANGLES
from anatomy.viz import side_view, theme
from anatomy.viz import tension_view as tview
from anatomy.widgets import panels


def shapes_named(fig, prefix):
    return [s for s in fig.layout.shapes if s.name and s.name.startswith(prefix)]


def nerve_shape(fig, nerve):
    [shape] = [s for s in fig.layout.shapes if s.name and s.name.split("|")[0] == nerve]
    return shape


def path_points(path: str) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in p.split(",")) for p in path.strip("MZ").split("L")]


# --- the figure ----------------------------------------------------------------------------------


def test_nerves_are_coloured_by_strain_and_labelled(model):
    fig = tview.tension_figure(model, {"hip_flexion": 70})
    sciatic, femoral = nerve_shape(fig, "sciatic"), nerve_shape(fig, "femoral")
    assert sciatic.name == "sciatic|taut" and femoral.name == "femoral|slack"
    assert sciatic.line.color == tview.strain_colour(float(anatomy.nerve_tension(70)["sciatic"]))
    assert femoral.line.dash == "dot" and femoral.line.color == theme.SLACK_COLOUR
    labels = {a.name: a.text for a in fig.layout.annotations}
    assert labels["label|sciatic"] == "<b>Sciatic</b> 3.6%"
    assert labels["label|femoral"] == "<b>Femoral</b> slack"


def test_stronger_strain_is_a_darker_colour_on_a_sequential_scale():
    def lightness(colour):
        r, g, b = (int(v) for v in colour[4:-1].split(","))
        return 0.299 * r + 0.587 * g + 0.114 * b

    values = [lightness(tview.strain_colour(s)) for s in (0, 1, 2, 4, 6, 8, 12)]
    assert all(b <= a for a, b in itertools.pairwise(values))
    assert values[0] > values[-2]


def test_marker_trace_carries_the_colour_bar_and_hover(model):
    fig = tview.tension_figure(model, {"knee_flexion": 120}, position="prone")
    assert len(fig.data) == 1  # the browser's cost grows with traces: shapes carry the drawing
    trace = fig.data[0]
    assert trace.marker.cmax == tension.HEALTHY_TOLERANCE
    assert trace.marker.colorbar.ticktext[-1] == "8: healthy limit"
    femoral = list(trace.marker.color)[side_view.TENSION_NERVES.index("femoral")]
    assert femoral == pytest.approx(float(anatomy.nerve_tension(knee_flexion=120)["femoral"]), 1e-3)
    assert any("in front the knee" in t for t in trace.hovertext)
    go.Figure(fig.to_dict())  # plotly validates every property


def test_the_leg_is_posed_by_the_angles(model):
    neutral = dict.fromkeys(ANGLES, 0.0)
    assert side_view.tension_skeleton(neutral)["knee"] == pytest.approx((0.0, -440.0))
    raised = side_view.tension_skeleton({**neutral, "hip_flexion": 90})
    assert raised["knee"] == pytest.approx((440.0, 0.0))
    # supine: a 60-degree straight-leg raise lifts the ankle off the table
    ankle = side_view.tension_skeleton({**neutral, "hip_flexion": 60})["ankle"]
    assert side_view.place(ankle, "supine")[1] == pytest.approx(870 * math.sin(math.radians(60)))
    # prone: bending the knee lifts the foot towards the ceiling
    ankle = side_view.tension_skeleton({**neutral, "knee_flexion": 90})["ankle"]
    assert side_view.place(ankle, "prone")[1] > 300


def test_the_irritated_root_is_starred_and_fills_when_symptoms_start(model):
    f = model.compress("L5", severity=0.8)
    onset = anatomy.straight_leg_raise(f, model=model)
    before = tview.tension_figure(model, {"hip_flexion": onset - 5}, f)
    after = tview.tension_figure(model, {"hip_flexion": onset}, f)
    [quiet] = [s for s in shapes_named(before, "irritated|") if s.visible]
    [hurting] = [s for s in shapes_named(after, "irritated|") if s.visible]
    assert quiet.name == "irritated|L5|quiet" and quiet.fillcolor == "#FFFFFF"
    assert hurting.name == "irritated|L5|symptoms"
    assert hurting.fillcolor == theme.SYMPTOM_COLOUR
    texts = {a.name: a.text for a in after.layout.annotations}
    assert texts["irritated|L5"] == "<b>L5 root</b>: symptoms start"
    assert "L5 root: pulled" in texts["thresholds"] and "symptoms" in texts["thresholds"]
    healthy = tview.tension_figure(model, {"hip_flexion": 80})
    assert not [s for s in shapes_named(healthy, "irritated|") if s.visible]
    assert "Nothing irritated" in {a.name: a.text for a in healthy.layout.annotations}["thresholds"]


def test_a_nerve_lesion_is_starred_at_its_site(model):
    f = model.compress_nerve("sciatic", site="piriformis", severity=0.8)
    fig = tview.tension_figure(model, {"hip_flexion": 70}, f)
    [star] = [s for s in shapes_named(fig, "irritated|") if s.visible]
    assert star.name == "irritated|sciatic|symptoms"
    xs, ys = zip(*path_points(star.path), strict=True)
    notch = side_view.place(
        side_view.tension_skeleton(tension.check_angles(hip_flexion=70))["notch"], "supine"
    )
    assert (sum(xs) / len(xs), sum(ys) / len(ys)) == pytest.approx(notch, abs=6)


def test_positions_draw_the_same_strains(model):
    angles = {"hip_flexion": 90, "knee_flexion": 30, "neck_flexion": 40}
    colours = {
        position: [
            nerve_shape(tview.tension_figure(model, angles, position=position), n).line.color
            for n in side_view.TENSION_NERVES
        ]
        for position in ("supine", "sitting", "prone")
    }
    assert colours["supine"] == colours["sitting"] == colours["prone"]
    pose = {
        a.name: a.text
        for a in tview.tension_figure(model, angles, position="sitting").layout.annotations
    }["pose"]
    assert pose.startswith("Sitting · hip flexion 90° · knee flexion 30°")


def test_bad_input_to_the_figure(model):
    with pytest.raises(ValueError, match="-15 to 125"):
        tview.tension_figure(model, {"hip_flexion": 140})
    with pytest.raises(ValueError, match="standing"):
        tview.tension_figure(model, position="standing")


def test_presenter_mode_is_larger(model):
    normal = tview.tension_figure(model, {"hip_flexion": 40})
    big = tview.tension_figure(model, {"hip_flexion": 40}, presenter=True)
    assert big.layout.font.size > normal.layout.font.size
    assert nerve_shape(big, "sciatic").line.width > nerve_shape(normal, "sciatic").line.width
    assert big.layout.width <= 1280 - 400


# --- the widget --------------------------------------------------------------------------------


@pytest.fixture
def bender(model):
    return anatomy.bend(model.compress("L5", severity=0.8), model=model)


@pytest.fixture
def sent(bender, monkeypatch):
    """Every message the figure sends to the browser."""
    messages = []
    for name in (
        "_send_update_msg",
        "_send_relayout_msg",
        "_send_restyle_msg",
        "_send_addTraces_msg",
        "_send_deleteTraces_msg",
    ):
        original = getattr(bender.figure, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            messages.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(bender.figure, name, spy)
    return messages


def test_a_slider_updates_the_figure_in_place_with_one_message(bender, sent, model):
    figure = bender.figure
    bender.sliders["hip_flexion"].value = 60
    assert bender.figure is figure
    assert sent == ["_send_update_msg"]  # one combined update (batch_update)
    assert bender.angles["hip_flexion"] == 60
    expected = tview.tension_figure(model, bender.angles, bender.findings)
    assert bender.figure.to_dict()["layout"] == expected.to_dict()["layout"]
    assert f"Sciatic nerve</td><td{panels.LEFT}>3.1%" in bender.table.value


def test_presets_go_to_the_onset_and_show_the_threshold(bender, model):
    f = bender.findings
    angle = bender.preset("straight_leg_raise")
    assert angle == anatomy.straight_leg_raise(f, model=model)
    assert bender.angles["hip_flexion"] == angle and bender.position == "supine"
    assert bender.sliders["hip_flexion"].value == round(angle)
    assert [
        s.name for s in bender.figure.layout.shapes if s.visible and s.name.startswith("irritated|")
    ] == ["irritated|L5|symptoms"]
    assert "shown where it turns positive" in bender.table.value
    slumped = bender.preset("slump")
    assert slumped == anatomy.slump(f, model=model) and bender.position == "sitting"
    assert bender.angles["neck_flexion"] == 45 and bender.angles["hip_flexion"] == 90
    assert bender.preset("prone_knee_bend") is None  # L5: negative
    assert bender.angles["knee_flexion"] == 130 and bender.position == "prone"
    assert "negative to the end of the test" in bender.table.value


def test_a_bad_call_raises_in_its_cell_and_shows_in_the_view(bender):
    with pytest.raises(ValueError, match="hip flexion 200"):
        bender.pose(hip_flexion=200)
    assert "hip flexion 200" in bender.message.value and "-15 to 125" in bender.message.value
    with pytest.raises(ValueError, match="upside down"):
        bender.pose(position="upside down")
    assert "upside down" in bender.message.value
    with pytest.raises(ValueError, match="cartwheel"):
        bender.preset("cartwheel")
    assert "cartwheel" in bender.message.value
    with pytest.raises(TypeError, match="not findings"):
        bender.set_findings("L5")
    assert bender.pose(knee_flexion=20) is not None
    assert bender.message.value == ""


def test_pose_and_preset_show_a_compact_linked_view(bender, monkeypatch):
    strains = bender.pose(hip_flexion=60)
    assert strains.round(2).equals(strains.astype(float).round(2))  # still the strains
    text, table = strains._fallback()
    assert "Sciatic nerve:" in text and "<table" in table and "dtype" not in text
    shown = []
    monkeypatch.setattr("anatomy.widgets.base.display", lambda b, raw: shown.append(b))
    strains._ipython_display_()
    assert "Strain" in shown[0]["text/html"] and "widget-view+json" in str(shown[1])
    onset = bender.preset("straight_leg_raise")
    assert isinstance(onset, float) and onset > 0
    assert onset._fallback()[0].startswith("Straight-leg raise: shown where it turns positive")
    view = bender.compact(onset.call)
    assert "This cell chose" in view.children[1].children[0].children[0].value
    bender.reset()
    onset.bender.replay(onset.call)  # "Show it again" puts the leg back at the onset
    assert bender.angles["hip_flexion"] == pytest.approx(float(onset), abs=0.6)


def test_the_lesion_menu_irritates_a_root_or_a_nerve(model):
    bender = anatomy.bend(model=model)
    assert bender.lesion.value == "" and bender.findings is None
    bender.lesion.value = "root:L3"
    assert bender.findings.roots == ["L3"]
    assert bender.preset("prone_knee_bend") == anatomy.prone_knee_bend(
        model.compress("L3", severity=bender.severity.value), model=model
    )
    bender.lesion.value = "nerve:sciatic@piriformis"
    assert bender.findings.lesions[0].site == "piriformis"
    bender.set_findings(model.compress_disc("L5-S1", zone="central", severity=0.6))
    assert bender.lesion.value == "given"
    assert bender.lesion.options[-1][0].startswith("As given: L5-S1 disc, central")


def test_it_follows_an_explorer(model):
    explorer = anatomy.explore(model)
    bender = anatomy.bend(explorer)
    assert bender.findings is explorer.findings
    explorer.select("L2", severity=0.9)
    assert bender.preset("prone_knee_bend") is not None
    assert "From the explorer" in bender.source.value and "L2" in bender.source.value
    assert bender.lesion.layout.display == "none"
    with pytest.raises(TypeError, match="not 'L5'"):
        anatomy.bend("L5")


def test_display_carries_a_text_and_table_fallback(bender):
    bender.pose(hip_flexion=50)
    bundle = bender._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Bend explorer: Lying on the back · hip flexion 50°")
    assert "<table" in bundle["text/html"] and "The tests" in bundle["text/html"]
    assert "Straight-leg raise: positive at 43°" in bundle["text/html"]


def test_a_view_that_connects_late_sees_the_current_pose(bender):
    bender.pose(hip_flexion=70)
    layout = bender.figure.get_state()["_widget_layout"]
    names = [s.get("name") for s in layout["shapes"]]
    assert "irritated|L5|symptoms" in names
    label = next(a for a in layout["annotations"] if a.get("name") == "label|sciatic")
    assert label["text"] == "<b>Sciatic</b> 3.6%"


def test_the_html_is_escaped(model):
    findings = model.compress("L5", severity=0.5)
    state = tension.pose_state(model, {}, findings)
    page = panels.bend_html(model, state, findings, neurodynamic.onsets(findings, model=model))
    assert "<script" not in page and "L5 root, left side" in page
