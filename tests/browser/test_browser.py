"""What students and lecturers see, in a real browser (Debian's chromium)."""

from __future__ import annotations

import time

from helpers import (
    BLUE,
    NEUTRAL_MUSCLE,
    NEUTRAL_REGION,
    PURPLE,
    SHOTS,
    fill,
    hover_text,
    open_and_run,
    skin_colour,
    wait_fill,
)


def explorer_select(page, label: str, value: str) -> None:
    """Choose a value in one of the explorer's drop-downs, as a person would."""
    control = page.locator(
        f".anatomy-explorer .widget-dropdown:has(label:text-is('{label}')) select"
    ).first
    control.evaluate("el => el.scrollIntoView({block: 'center'})")
    control.select_option(value)


def explorer_click(page, text: str) -> None:
    button = page.locator(f".anatomy-explorer button:text-is('{text}')").first
    button.evaluate("el => el.scrollIntoView({block: 'center'})")
    button.click()


def test_compress_a_root_in_jupyterlab(page, lab):
    base, token = lab
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    # The notebook leaves the explorer at L4-L5 foraminal; take it back to a root by hand.
    explorer_click(page, "Nerve root")
    explorer_select(page, "Root:", "L5")
    assert wait_fill(page, "dorsum_of_foot|left", BLUE) == BLUE  # L5: numb top of the foot
    assert fill(page, "quadriceps|left") == NEUTRAL_MUSCLE
    assert fill(page, "dorsum_of_foot|right") == NEUTRAL_REGION
    panel = page.locator(".anatomy-explorer .anatomy-citations").first
    assert "the L5 lumbar nerve through the lateral hamstring muscle" in panel.inner_text()
    label = hover_text(page, "dorsum_of_foot|left")  # the path and the citations on hover
    assert "Top of the foot" in label and "Numbness" in label, label
    assert "L5 nerve root" in label and "cites:" in label, label

    # Move the severity down, as a person drags the slider: weakness goes.
    assert fill(page, "extensor_hallucis_longus|left") == PURPLE
    handle = page.locator(".anatomy-explorer .noUi-handle").first
    handle.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 60, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert wait_fill(page, "extensor_hallucis_longus|left", NEUTRAL_MUSCLE) == NEUTRAL_MUSCLE
    severity = float(page.locator(".anatomy-explorer .widget-readout").first.inner_text())

    # Switch to a disc level and zone: foraminal L4-L5 presses L4, not L5, at the
    # severity the drag left (read off the slider): the skin shows what it predicts.
    explorer_click(page, "Disc level")
    explorer_select(page, "Zone:", "foraminal")
    expected = skin_colour(severity)
    assert wait_fill(page, "medial_leg|left", expected) == expected, severity
    assert fill(page, "dorsum_of_foot|left") == NEUTRAL_REGION
    assert page.console_errors == []


def test_lecture_view_in_voila(page, voila):
    page.set_viewport_size({"width": 1280, "height": 720})
    external = []
    page.on("requestfailed", lambda r: external.append(r.url))
    page.goto(voila, timeout=120_000)
    page.wait_for_selector(".anatomy-explorer .js-plotly-plot", timeout=120_000)
    text = page.inner_text("body")
    assert "anatomy.explore" not in text and "import anatomy" not in text  # no code shown
    assert page.locator(".jp-CodeCell .cm-editor:visible").count() == 0
    assert page.evaluate("document.documentElement.scrollHeight") <= 720  # one screen
    assert wait_fill(page, "dorsum_of_foot|left", BLUE) == BLUE  # starts at L5, moderate
    explorer_select(page, "Root:", "S1")
    assert wait_fill(page, "sole|left", BLUE) == BLUE
    assert fill(page, "dorsum_of_foot|left") != BLUE
    # The only requests that may fail are Voila's icon font from a CDN (offline here).
    assert all("fontawesome" in url for url in external), external


def test_offline_the_notebook_still_renders_and_updates(chromium, lab):
    base, token = lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    blocked = []

    def only_loopback(route):
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        open_and_run(page, base, token, "00_start_here.ipynb")
        explorer_select(page, "Root:", "S1")
        assert wait_fill(page, "sole|left", BLUE) == BLUE
        time.sleep(0.5)
        assert errors == [], errors
        assert blocked == [], f"the notebook asked the network for {blocked}"
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "test_offline.png"))
        context.close()


VERMILLION, WHITE = "rgb(213, 94, 0)", "rgb(255, 255, 255)"
STAR_FILL = """(prefix) => {
  const gd = document.querySelector('.anatomy-explorer .js-plotly-plot');
  const index = gd.layout.shapes.findIndex(s => s.name && s.name.startsWith(prefix) && s.visible);
  const path = gd.querySelector(`.shapelayer path[data-index="${index}"]`);
  return path ? getComputedStyle(path).fill : null;
}"""


def star_fill(page, prefix="irritated|L5", colour=None, timeout=30.0):
    deadline = time.monotonic() + timeout
    value = page.evaluate(STAR_FILL, prefix)
    while colour is not None and value != colour and time.monotonic() < deadline:
        time.sleep(0.25)
        value = page.evaluate(STAR_FILL, prefix)
    return value


def test_bending_the_knee_in_jupyterlab(page, lab):
    base, token = lab
    open_and_run(page, base, token, "05_bending_the_knee.ipynb")
    # The notebook ends at the straight-leg raise's onset for L5 at severity 0.5.
    assert star_fill(page, colour=VERMILLION) == VERMILLION
    explorer_click(page, "Neutral")
    assert star_fill(page, colour=WHITE) == WHITE  # lying flat: no symptoms
    explorer_click(page, "Straight-leg raise")
    assert star_fill(page, colour=VERMILLION) == VERMILLION
    text = page.locator(".anatomy-explorer .anatomy-panel").first.inner_text()
    assert "Straight-leg raise: shown where it turns positive, 69°" in text

    # Lower the leg by dragging the hip slider, as a person would: the symptoms stop.
    handle = page.locator(".anatomy-explorer .noUi-handle").first
    handle.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 40, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert star_fill(page, colour=WHITE) == WHITE
    plot = page.locator(".anatomy-explorer .js-plotly-plot").first
    plot.evaluate("el => el.scrollIntoView({block: 'center'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".anatomy-explorer").first.screenshot(path=str(SHOTS / "bend_explorer.png"))
    assert page.console_errors == []
