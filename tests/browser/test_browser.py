"""What students and lecturers see, in a real browser (Debian's chromium)."""

from __future__ import annotations

import time

import mapcheck
from helpers import (
    NEUTRAL_MUSCLE,
    NEUTRAL_REGION,
    SHOTS,
    fill,
    hover_text,
    open_and_run,
    painted,
    watch,
)


def effects_at(page, name: str, plot: int = 0) -> set[str]:
    """The effects plotly.js painted on a structure (``structure|side``) of a map."""
    [probe] = [p for p in mapcheck.probes() if p[0] == name]
    _, kind, x, y, _ = probe
    [names] = painted(page, [[x, y, "line" if kind == "line" else "area"]], plot)
    return {n.split(",")[0].split(" (")[0].lower().replace(" ", "_") for n in names}


def wait_effects(page, name: str, wanted: set[str], timeout: float = 30, plot: int = 0):
    """The effects painted on a structure, once they are ``wanted`` (or at the timeout)."""
    deadline = time.monotonic() + timeout
    got = effects_at(page, name, plot)
    while got != wanted and time.monotonic() < deadline:
        time.sleep(0.25)
        got = effects_at(page, name, plot)
    return got


def predicted(site: str, severity: float, structure: str) -> set[str]:
    """The effects the engine gives a left-sided lesion on one skin region."""
    rows = mapcheck.MODEL.compress(site, severity=severity, side="left").of(kind="region")
    return set(rows.loc[rows["structure"] == structure, "effect"])


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
    model = mapcheck.MODEL
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    # The notebook leaves the explorer at L4-L5 foraminal; take it back to a root by hand.
    explorer_click(page, "Nerve root")
    explorer_select(page, "Root:", "L5")
    # L5 at 0.8: the top of the foot hurts, tingles and is numb; all are painted
    foot = predicted("L5", 0.8, "dorsum_of_foot")
    assert foot >= {"pain", "tingling", "numbness"}
    assert wait_effects(page, "dorsum_of_foot|left", foot) == foot
    assert fill(page, "quadriceps|left") == NEUTRAL_MUSCLE
    assert fill(page, "dorsum_of_foot|right") == NEUTRAL_REGION
    panel = page.locator(".anatomy-explorer .anatomy-citations").first
    assert "the L5 lumbar nerve through the lateral hamstring muscle" in panel.inner_text()
    label = hover_text(page, "dorsum_of_foot|left")  # the path and the citations on hover
    assert "Top of the foot" in label and "Numbness" in label, label
    assert "L5 nerve root" in label and "cited: [" in label, label  # the panel's numbers

    # Move the severity down, as a person drags the slider: weakness goes.
    assert effects_at(page, "extensor_hallucis_longus|left") == {"weakness"}
    handle = page.locator(".anatomy-explorer .noUi-handle").first
    handle.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] - 60, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    assert wait_effects(page, "extensor_hallucis_longus|left", set()) == set()
    assert fill(page, "extensor_hallucis_longus|left") == NEUTRAL_MUSCLE

    # Switch to a disc level and zone: foraminal L4-L5 presses L4, not L5, at the
    # severity the drag left (read off the slider): the skin shows what it predicts.
    explorer_click(page, "Disc level")
    explorer_select(page, "Zone:", "foraminal")
    severity = float(page.locator(".anatomy-explorer .widget-readout").first.inner_text())
    l4 = model.compress("L4", severity=severity).of(kind="region")
    inner_leg = set(l4.loc[l4["structure"] == "medial_leg", "effect"])
    assert wait_effects(page, "medial_leg|left", inner_leg) == inner_leg
    assert effects_at(page, "dorsum_of_foot|left") == set()
    # A central herniation takes both legs, as the engine models it.
    explorer_select(page, "Zone:", "central")
    assert "pain" in wait_effects(page, "lower_back|right", {"pain"})
    side = page.locator(".anatomy-explorer .widget-toggle-button.mod-active:text-is('both')")
    assert side.count() >= 1
    assert page.console_errors == []


def test_lecture_view_in_voila(page, voila):
    page.set_viewport_size({"width": 1280, "height": 720})
    external = []
    page.on("requestfailed", lambda r: external.append(r.url))
    page.goto(voila, timeout=120_000)
    page.wait_for_selector(".anatomy-explorer .js-plotly-plot", timeout=120_000)
    text = page.inner_text("body")
    assert "anatomy.lecture" not in text and "import anatomy" not in text  # no code shown
    assert page.locator(".jp-CodeCell .cm-editor:visible").count() == 0
    time.sleep(2)  # the figure is fitted to the screen once drawn
    assert page.evaluate("document.documentElement.scrollHeight") <= 720  # one screen
    # starts at L5, moderate: the top of the foot hurts, tingles and is numb
    foot = predicted("L5", 0.5, "dorsum_of_foot")
    assert foot >= {"pain", "tingling", "numbness"}
    assert wait_effects(page, "dorsum_of_foot|left", foot) == foot
    explorer_select(page, "Root:", "S1")
    sole = predicted("S1", 0.5, "sole")
    assert wait_effects(page, "sole|left", sole) == sole
    assert effects_at(page, "dorsum_of_foot|left") == set()
    # The bend explorer and the self-check are tabs away, no code needed.
    page.click(".lm-TabBar-tab:has-text('Bend the knee')")
    page.wait_for_function(
        "() => document.querySelectorAll('.anatomy-explorer .js-plotly-plot').length >= 2",
        timeout=60_000,
    )
    assert "S1 root" in page.inner_text(".anatomy-tabs")  # it follows the explorer
    page.click(".lm-TabBar-tab:has-text('Self-check')")
    page.wait_for_function(
        "() => document.querySelector('.anatomy-tabs').innerText.includes('case 1 of 6')",
        timeout=60_000,
    )
    # The only requests that may fail are Voila's icon font from a CDN (offline here).
    assert all("fontawesome" in url for url in external), external
    others = [e for e in page.console_errors if "Failed to load resource" not in e]
    assert others == [], others


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
    page = watch(context.new_page())
    try:
        open_and_run(page, base, token, "00_start_here.ipynb")
        explorer_select(page, "Root:", "S1")
        assert "numbness" in wait_effects(page, "sole|left", {"pain", "tingling", "numbness"})
        time.sleep(0.5)
        assert page.console_errors == [], page.console_errors
        assert blocked == [], f"the notebook asked the network for {blocked}"
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "test_offline.png"))
        context.close()


VERMILLION, WHITE = "rgb(204, 51, 17)", "rgb(255, 255, 255)"  # the pain colour, white
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
