"""The explorer: controls and select() share one path; updates are in place and escaped."""

from __future__ import annotations

import copy
import html
import json

import plotly.graph_objects as go
import pytest
from drawing import fills, lit, stars

import anatomy
from anatomy.viz import body_map as bmap
from anatomy.viz import geometry, theme
from anatomy.viz import map_state as mstate
from anatomy.widgets import figure_channel, panels


@pytest.fixture
def explorer(model):
    return anatomy.explore(model)


@pytest.fixture
def messages(explorer, monkeypatch):
    """Every update message the figure sends to the browser."""
    sent = []
    original = explorer.figure._send_animate_msg

    def spy(data, layout, traces, options):
        sent.append({"data": data, "layout": layout, "traces": traces, "options": options})
        return original(data, layout, traces, options)

    monkeypatch.setattr(explorer.figure, "_send_animate_msg", spy)
    for name in (
        "_send_addTraces_msg",
        "_send_update_msg",
        "_send_relayout_msg",
        "_send_restyle_msg",
        "_send_deleteTraces_msg",
    ):
        monkeypatch.setattr(explorer.figure, name, lambda *a, **k: sent.append(("other", a)))
    return sent


def test_select_l5_updates_figure_table_and_citations_in_place(explorer, messages):
    figure = explorer.figure
    f = explorer.select("L5", severity=0.9, side="left")
    assert explorer.figure is figure
    assert len(messages) == 1 and messages[0] != "other"
    model = explorer.model
    assert lit(model, figure, "dorsum_of_foot", "left") == {
        "pain": 4,
        "tingling": 4,
        "numbness": 4,
    }
    assert fills(model, figure, "quadriceps", "left") == [theme.NEUTRAL_FILL["muscle"]]
    assert "Top of the foot" in explorer.table.value
    assert "Extensor hallucis longus" in explorer.table.value
    assert "the L5 lumbar nerve through the lateral hamstring muscle" in explorer.citations.value
    assert "Correction (imprecise)" in explorer.citations.value
    assert explorer.findings.table is f.table and f.roots == ["L5"]
    assert (explorer.mode.value, explorer.root.value, explorer.severity.value) == (
        "root",
        "L5",
        0.9,
    )


def test_widget_values_take_the_same_path_as_select(explorer, model):
    explorer.mode.value = "disc"
    explorer.level.value = "L4-L5"
    explorer.zone.value = "foraminal"
    explorer.severity.value = 0.8
    via_widgets = explorer.findings.table.copy()
    drawn = copy.deepcopy(explorer.map.drawn)
    explorer.select("L5", severity=0.2)
    explorer.select("L4-L5", zone="foraminal", severity=0.8, side="left")
    assert explorer.findings.table.equals(via_widgets)
    assert explorer.map.drawn == drawn
    assert explorer.findings.roots == ["L4"]
    assert [label for label, _ in stars(explorer.figure)] == ["L4-L5 foraminal"]


def test_nerve_and_site_controls(explorer):
    explorer.mode.value = "nerve"
    explorer.nerve.value = "sciatic"
    assert [v for _, v in explorer.site.options] == ["piriformis"]
    assert explorer.findings.lesions[0].name == "sciatic @ piriformis"
    f = explorer.select("common_fibular@fibular_head", severity=0.9)
    assert explorer.nerve.value == "common_fibular" and explorer.site.value == "fibular_head"
    assert "gluteus_medius" not in f.affected("weakness")


def test_cases_and_reset(explorer):
    explorer.case.value = "sciatica_stenosis"
    assert explorer.findings.roots == ["L5", "S1"]
    assert set(explorer.findings.table["side"]) == {"left", "right"}
    assert "Case: Sciatica from spinal stenosis" in explorer.citations.value
    assert "spinal stenosis, that is, spinal narrowing" in explorer.citations.value
    explorer.severity.value = 0.3  # touching a control leaves the case
    assert explorer.case.value == ""
    explorer.reset()
    assert explorer.findings.roots == ["L5"] and explorer.side.value == "left"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda e: e.select("L7"), "unknown site 'L7'"),
        (lambda e: e.select("L5", severity=1.5), "severity must be from 0 to 1"),
        (lambda e: e.select("L5", side="up"), "unknown side 'up'"),
        (lambda e: e.select("L4-L5", zone="sideways"), "unknown zone 'sideways'"),
        (lambda e: e.select("L5", zone="central"), "applies to a disc level"),
        (lambda e: e.select("sciatic@knee"), "valid: piriformis"),
        (lambda e: e.select_case("no_such_case"), "no_such_case"),
    ],
)
def test_a_bad_call_raises_in_its_cell_and_shows_in_the_explorer(explorer, messages, call, words):
    before = explorer.findings
    with pytest.raises(ValueError) as raised:
        call(explorer)
    assert words in str(raised.value)  # in its own cell ...
    assert words in html.unescape(explorer.message.value)  # ... and in the explorer
    assert 'role="alert"' in explorer.message.value
    assert explorer.findings is before and messages == []
    explorer.select("L4")
    assert explorer.message.value == ""


def test_a_bad_control_value_shows_a_message_and_raises_nothing(explorer, monkeypatch):
    def broken():
        raise ValueError("no such lesion")

    monkeypatch.setattr(explorer, "_findings", broken)
    explorer.severity.value = 0.9  # as a person would: a message, no traceback
    assert "no such lesion" in explorer.message.value


def test_select_returns_findings_a_try_it_cell_shows_as_a_compact_linked_view(explorer):
    chosen = explorer.select("L4", severity=0.8)
    assert isinstance(chosen, anatomy.Findings) and chosen.roots == ["L4"]
    view = chosen.view()
    # the same widgets as the explorer's: one figure, one set of controls, linked both ways
    shown = list(walk(view))
    assert explorer.figure in shown and explorer.severity in shown and explorer.summary in shown
    assert sum(isinstance(w, go.FigureWidget) for w in shown) == 1
    assert "This cell chose</b> L4 root, left side, severity 0.8 (severe)" in "".join(
        w.value for w in shown if hasattr(w, "value") and isinstance(w.value, str)
    )
    explorer.select("S1", severity=0.5)
    assert explorer.summary.value.startswith("<h4>Now: S1 root")
    button = next(w for w in shown if getattr(w, "description", "") == "Show it again")
    button.click()  # back to what the cell chose, side and all
    assert explorer.findings.roots == ["L4"] and explorer.severity.value == 0.8
    text, fallback = chosen._fallback()
    assert text == "Explorer: L4 root, left side, severity 0.8 (severe)"
    assert "Pain:" in fallback and "This cell chose" in fallback


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_a_central_herniation_takes_both_sides(explorer):
    explorer.select("L4-L5", zone="paracentral", severity=0.8, side="left")
    explorer.zone.value = "central"  # as a person would
    assert explorer.side.value == "both"
    assert set(explorer.findings.table["side"]) == {"left", "right"}
    assert "saddle" in set(explorer.findings.table["structure"])
    explorer.select("L4-L5", zone="paracentral")
    assert explorer.side.value == "left"
    explorer.select("L4-L5", zone="central", side="left")  # a side given is kept
    assert explorer.side.value == "left"


def test_the_status_line_lists_what_this_lesion_produces(explorer):
    explorer.select("common_fibular@fibular_head", severity=0.9)
    assert "severe: tingling, numbness, weakness" in explorer.status.value  # no pain, reflex
    explorer.select("lateral_femoral_cutaneous@inguinal_ligament", severity=0.9)
    assert "weakness" not in explorer.status.value  # a sensory nerve
    assert "Lateral femoral cutaneous nerve" in explorer.table.value  # a name, not an id
    assert "lateral_femoral_cutaneous" not in explorer.table.value.split("data-")[0]


def test_fast_update_equals_a_validated_figure(model):
    """apply_overlay writes what plotly's own (validating) path would, and what body_map draws."""
    base = bmap.body_map(model)
    ours, theirs = go.FigureWidget(base), go.FigureWidget(base)
    findings = model.compress(["S1", "L4"], severity=0.9, side="both")
    data = mstate.overlay(model, findings)
    animated = mstate.map_state(model).animated
    figure_channel.send_traces(ours, data, animated)
    with theirs.batch_animate(duration=0):
        for index, values in zip(animated, data, strict=True):
            theirs.data[index].update(values)
    strip = lambda fig: [{k: v for k, v in t.items() if k != "uid"} for t in fig["data"]]  # noqa: E731
    assert strip(ours.to_dict()) == strip(theirs.to_dict())  # uids are random per widget
    assert strip(ours.to_dict()) == strip(bmap.body_map(model, findings).to_dict())
    assert ours.to_dict()["layout"] == base.to_dict()["layout"]  # the neutral drawing stays
    go.Figure(ours.to_dict())  # still a valid figure


def test_one_message_per_change_with_the_whole_overlay(explorer, messages):
    explorer.select("L5", severity=0.9)
    explorer.select("L5", severity=0.9)  # nothing changes: nothing is sent
    explorer.select("L5", severity=0.9, side="right")
    explorer.select("S1", severity=0.3, side="right")
    assert len(messages) == 3 and all(isinstance(m, dict) for m in messages)
    state = mstate.map_state(explorer.model)
    for message in messages:
        assert message["traces"] == state.animated  # the same contiguous block every time
        assert message["layout"] is None  # the layout, with the neutral drawing, never changes
        assert message["options"]["frame"]["redraw"] is False
        assert message["options"]["transition"]["duration"] == 0
        assert message["options"]["mode"] == "afterall"  # queued, never dropped
        for role, values in zip(state.traces, message["data"], strict=False):
            if role.count("|") == 2 or role == "sites":
                assert set(values) == {"x", "y", "meta"}
                assert values["x"], role  # never empty: a gap when nothing is drawn
            elif role in geometry.PANELS:  # every panel's text, every time
                assert len(values["hovertext"]) == len(state.hover[role])
            else:
                assert values == {}  # the neutral lines and reflexes: redrawn as they are
    assert json.dumps(messages[-1]["data"])  # plain JSON: lists, strings, numbers, None
    expected = mstate.hover_texts(explorer.model, explorer.findings)
    for panel, texts in zip(geometry.PANELS, expected, strict=True):
        assert list(explorer.figure.data[state.traces.index(panel)].hovertext) == texts


def test_any_message_alone_draws_the_whole_map(explorer, messages, model):
    """A view that missed or dropped earlier messages is right after any later one: each
    message, applied to the figure as first drawn, gives the figure of its findings."""
    explorer.select("L5", severity=0.9)
    explorer.select("L5", severity=0.3)  # weakness and numbness go
    explorer.select_case("misaligned_back")
    first = mstate.overlay(model, model.compress("L5", severity=0.5, side="left"))
    state = mstate.map_state(model)
    for message, findings in zip(
        messages,
        [
            model.compress("L5", severity=0.9, side="left"),
            model.compress("L5", severity=0.3, side="left"),
            model.compress_case("misaligned_back"),
        ],
        strict=True,
    ):
        drawn = [{**old, **new} for old, new in zip(first, message["data"], strict=True)]
        expected = mstate.overlay(model, findings)
        for role, got, want in zip(state.traces, drawn, expected, strict=False):
            if "x" in want and not want["x"]:
                assert got["x"] == [None] and got["meta"] == [], role
            else:
                assert got == want, role


def test_html_is_escaped(tiny):
    import hashlib

    data, sources, edit = tiny
    original = (sources / "tiny.txt").read_text()
    text = "The L5 root <script>alert(1)</script> goes down the leg to the big toe.\n"
    (sources / "tiny.txt").write_text(text)
    sha = lambda s: hashlib.sha256(s.encode()).hexdigest()  # noqa: E731
    edit("sources.csv", sha(original), sha(text))
    edit("citations.csv", "The L5 root goes down the leg", "The L5 root <script>alert(1)</script>")
    edit("structures.csv", "Big toe,,,", "Big <b>toe</b>,,,")
    model = anatomy.load_model(data, sources)
    f = model.compress("L5", severity=0.5)
    page = panels.findings_html(model, f) + panels.citations_html(model, f)
    assert "<script>" not in page and "<b>toe</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Big &lt;b&gt;toe&lt;/b&gt;" in page


def test_display_carries_a_text_and_table_fallback(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Explorer: L5 root, left side, severity 0.5")
    assert "<table" in bundle["text/html"] and "Citations" in bundle["text/html"]


def test_shown_in_a_notebook_as_words_then_the_widget(explorer, monkeypatch):
    """Two outputs: what a reopened notebook keeps (and a line to run the cell), then the
    live widget, with the rule that hides each where the other is right."""
    shown = []
    monkeypatch.setattr("anatomy.widgets.base.display", lambda b, raw: shown.append(b))
    explorer._ipython_display_()
    fallback, live = shown
    assert set(fallback) == {"text/html"} and "anatomy-fallback" in fallback["text/html"]
    assert "Run the cell to bring the explorer back." in fallback["text/html"]
    assert ":has(+ .jp-OutputArea-child .anatomy-explorer)" in fallback["text/html"]
    assert set(live) == {"text/plain", "application/vnd.jupyter.widget-view+json"}


def test_presenter_mode_fits_a_projector(model):
    presenter = anatomy.explore(model, presenter=True)
    assert presenter.figure.layout.width <= 1280 - 440
    assert presenter.figure.layout.height <= 720 - 150
    assert presenter.figure.layout.font.size >= 20
    css = presenter.widget.children[0].value
    assert "font-size: 20px" in css and "--jp-widgets-font-size: 20px" in css
    # ipywidgets' HTML panels keep 13 px unless told: every text follows the mode's size
    assert ".anatomy-explorer .widget-html-content" in css


def test_a_view_that_connects_late_sees_the_current_figure(explorer):
    """Voila's browser connects after the notebook ran: it reads the synced state."""
    explorer.select("S1", severity=0.9, side="right")
    state = explorer.figure.get_state()
    sole = {t["name"]: t for t in state["_widget_data"] if "sole|right" in (t.get("meta") or ())}
    numb = sole["Numbness, strength 4 of 4 (area)"]  # the numbness hatch, not neutral
    assert numb["fillpattern"]["fgcolor"] == theme.EFFECT_COLOURS["numbness"]
    assert numb["x"] and None not in numb["x"][:3]  # its polygon, as drawn now
    texts = [t for trace in state["_widget_data"] for t in (trace.get("hovertext") or [])]
    assert any(t.startswith("<b>Sole</b> (right)") and "Numbness 0.90" in t for t in texts)


def drawn(figure: dict) -> list[dict]:
    """A figure's traces as drawn: no random uid, and a lone gap drawn as nothing."""
    out = []
    for trace in figure["data"]:
        trace = {k: v for k, v in trace.items() if k != "uid"}
        for axis in ("x", "y"):
            if trace.get(axis) == [None]:
                trace[axis] = []
        out.append(trace)
    return out


def test_without_plotlys_private_names_updates_take_the_public_path(model, monkeypatch):
    """A plotly upgrade that removes the private names costs speed, never correctness."""
    figure_channel.CHECKED.clear()
    monkeypatch.setattr(figure_channel, "PRIVATE_NAMES", (*figure_channel.PRIVATE_NAMES, "_gone"))
    try:
        with pytest.warns(RuntimeWarning, match="_gone"):
            assert figure_channel.fast_path_available(go.FigureWidget()) is False
        explorer = anatomy.explore(model)
        sent = []
        monkeypatch.setattr(explorer.figure, "_send_animate_msg", lambda **kw: sent.append(kw))
        explorer.select("S1", severity=0.9, side="right")
        explorer.select("L4", severity=0.8, side="left")
        findings = explorer.findings
        assert sent, "the public batch_animate sends animate messages too"
        expected = bmap.body_map(model, findings, legend=False).to_dict()
        assert drawn(explorer.figure.to_dict()) == drawn(expected)
    finally:
        figure_channel.CHECKED.clear()


def test_a_red_flag_is_said_in_words_and_cited(explorer):
    """Gardner 2011 and Harrison: a large central herniation compresses the cauda equina;
    the explorer says so in an alert, with its citations in the panel."""
    explorer.select("L4-L5", zone="central", severity=0.9, side="both")
    alert = 'role="alert"><b>RED FLAG:</b> Numbness or tingling of the saddle area'
    assert alert in explorer.table.value
    assert 'id="cite-harrison_cauda_equina"' in explorer.citations.value
    explorer.select("L5", severity=0.9, side="left")
    assert "RED FLAG" not in explorer.table.value


def test_a_joint_refers_pain_and_nothing_else(explorer):
    """Khan 2004, Birnbaum 1997: an arthritic hip hurts in the groin, the front of the
    thigh and the knee, with normal strength, reflexes and skin."""
    model = explorer.model
    f = explorer.select("hip", severity=0.6, side="right")
    assert explorer.mode.value == "joint" and explorer.joint.value == "hip"
    assert explorer.joint.layout.display is None and explorer.root.layout.display == "none"
    assert set(f.table["effect"]) == {"pain"}
    assert lit(model, explorer.figure, "anterior_knee", "right") == {"pain": 3}
    assert "Hip joint" in explorer.table.value
    explorer.joint.value = "sacroiliac_joint"  # the control takes the same path
    assert explorer.findings.lesions[0].target == "sacroiliac_joint"
    assert explorer.select_case("hip_knee_pain").lesions[0].kind == "joint"
    with pytest.raises(ValueError, match="hip"):
        explorer.select("knee")
    assert "hip" in explorer.message.value


def test_the_grade_line_names_only_what_is_shown(explorer):
    """One root on one side never gives bladder or bowel dysfunction (they need both sides'
    sacral roots): the grade line beside the slider must not say it does."""
    explorer.select("S1", severity=0.5, side="left")
    assert "moderate" in explorer.status.value and "numbness" in explorer.status.value
    assert "bladder" not in explorer.status.value
    explorer.select("hip", severity=0.6)
    assert "pain" in explorer.status.value and "numbness" not in explorer.status.value
    explorer.select("L4-L5", zone="central", severity=0.9, side="both")
    assert "bladder or bowel dysfunction" in explorer.status.value
