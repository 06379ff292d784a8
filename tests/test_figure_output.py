"""What leaves a figure: the plotly.js config (nothing shared, no logo), and the text and
picture a reader without a kernel gets (in the committed notebooks too)."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path

import plotly.io as pio
import pytest
from IPython.core.interactiveshell import InteractiveShell

import anatomy
from anatomy.course import Lesson
from anatomy.viz.body_map import body_map
from anatomy.viz.describe import map_description, pathways_description
from anatomy.viz.figure import PLOTLY_CONFIG, AtlasFigure
from anatomy.viz.pathways import pathways
from anatomy.viz.tension_view import tension_figure

ROOT = Path(__file__).resolve().parents[1]
PLOTLY = "application/vnd.plotly.v1+json"


def shown(figure) -> dict:
    """What a notebook stores when the figure is the cell's result (plotly_mimetype)."""
    before = pio.renderers.default
    pio.renderers.default = "plotly_mimetype"
    try:
        data, _ = InteractiveShell.instance().display_formatter.format(figure)
    finally:
        pio.renderers.default = before
    return data


def assert_shares_nothing(config: dict) -> None:
    assert config["showSendToCloud"] is False
    assert config["displaylogo"] is False
    removed = config["modeBarButtonsToRemove"]
    assert "sendDataToCloud" in removed and "toImage" not in removed
    assert {"zoom2d", "pan2d", "select2d", "lasso2d"} <= set(removed)


def test_the_config_shares_nothing_and_keeps_the_png_download():
    assert_shares_nothing(PLOTLY_CONFIG)
    assert PLOTLY_CONFIG["toImageButtonOptions"]["format"] == "png"


def test_every_static_figure_is_shown_with_the_config_and_its_text(model):
    findings = model.compress("L4", severity=0.9)
    figures = {
        "body map": body_map(model, findings),
        "spine panel": body_map(model, findings, panels=("spine",)),
        "pathways": pathways(model, findings),
        "tension": tension_figure(model, {"hip_flexion": 60}, findings),
    }
    for name, figure in figures.items():
        assert isinstance(figure, AtlasFigure), name
        data = shown(figure)
        assert set(data) == {PLOTLY, "text/plain"}, f"{name}: no HTML (it would load a CDN)"
        config = data[PLOTLY]["config"]  # plotly 6.0 adds its plotlyServerURL to it
        assert {k: config[k] for k in PLOTLY_CONFIG} == PLOTLY_CONFIG, name
        assert data["text/plain"] == figure.alt and len(figure.alt) > 60, name


def test_plotly_never_changes_the_config(model):
    before = copy.deepcopy(PLOTLY_CONFIG)
    shown(body_map(model, model.compress("L5")))
    anatomy.explore(model)
    assert before == PLOTLY_CONFIG


def test_show_passes_the_config(monkeypatch):
    seen = {}
    monkeypatch.setattr(pio, "show", lambda fig, *a, **kw: seen.update(kw))
    AtlasFigure(alt="A dot.").show()
    assert seen["config"] == PLOTLY_CONFIG


def test_alt_must_be_text():
    with pytest.raises(TypeError, match="alt must be a str"):
        AtlasFigure(alt=3)


def test_every_widget_figure_gets_the_config(model):
    explorer = anatomy.explore(model)
    views = {
        "explorer": explorer.figure,
        "bend": anatomy.bend(explorer).figure,
        "self-check": anatomy.self_check(model, n=2, seed=1).figure,
    }
    for name, figure in views.items():
        assert figure._config == PLOTLY_CONFIG, name


def test_the_map_text_names_what_is_drawn_and_lit(model):
    findings = model.compress_disc("L4-L5", zone="paracentral", side="left", severity=0.8)
    spine = map_description(model, findings, ("spine",))
    assert spine.startswith("Body map, the spine from behind panel: L4-L5 paracentral, left side")
    assert "L5 nerve root (left)" in spine
    assert "Coloured by effect" not in spine, "the spine panel draws no skin or muscle"
    whole = map_description(model, findings)
    assert "weakness, left: " in whole and "extensor hallucis longus" in whole
    assert "Sciatic nerve (left)" in whole
    assert map_description(model, None) == (
        "Body map: nothing is compressed; every structure is drawn in grey."
    )
    both = map_description(model, model.compress("S1", severity=0.5, side="both"))
    assert "pain, left: " in both and "pain, right: " in both


def test_the_pathways_text_follows_the_side_asked_for(model):
    findings = model.compress("L4", severity=0.9, side="both")
    assert "quadriceps femoris" in pathways_description(model, findings, None)
    left = pathways_description(model, findings, "left")
    assert ", left: " in left and ", right: " not in left
    assert "every root" in pathways_description(model, None, None)


def test_a_lesson_records_and_describes_its_figures(model):
    lesson = Lesson(model)
    figure = lesson.body_map(model.compress("L5", severity=0.8), panels=("spine",))
    assert figure.alt.startswith("Body map, the spine from behind panel: L5")


def notebook_figures():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                if PLOTLY in output.get("data", {}):
                    yield path.name, output


def test_committed_figures_carry_the_config_a_picture_and_its_alt():
    found = list(notebook_figures())
    assert {name for name, _ in found} >= {"01_lumbar_spine.ipynb", "02_root_to_leg.ipynb"}
    for name, output in found:
        data = output["data"]
        assert data[PLOTLY]["config"] == PLOTLY_CONFIG, name
        png = base64.b64decode(data["image/png"])
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000, name
        alt = output["metadata"]["image/png"]["alt"]
        assert alt == "".join(data["text/plain"]) and alt.startswith(("Body map", "Pathways")), name
